#!/usr/bin/env bash
# The demo's Dutch reports read as a board reads them (issue 15):
#   report_dutch.sh BIN_DIR SOURCE_DIR words   no English word and no raw id in any Dutch
#                                              output: report HTML, PDF text, judge --explain
#   report_dutch.sh BIN_DIR SOURCE_DIR pages   the body of every 20-file audit (everything
#                                              before the appendices) in 12 PDF pages or fewer
set -euo pipefail
bin=$1 src=$2 mode=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
VTAUDIT_DATA_DIR="$src" "$bin/vtaudit" demo --output "$tmp/demo" >/dev/null
fail=0
if [[ $mode == words ]]; then
  # Raw ids of the framework and the extract, and English words that are no Dutch words
  # (not "of", "met", "band", "deadline": Dutch too).
  forbidden='voldoet_deels|voldoet_niet|voldoet_grotendeels|gezinnen_centraal|goed_bestuur|cohort|completed|kind = |min-share|min_share|norm-missed|weighted|mean|sampled|applies|compliance|judgement|assessed|missed|the|and|case|cases|not|why|scored|on time|incomplete'
  for a in "$tmp"/demo/audits/*/; do
    name=$(basename "$a")
    # The HTML's text: no style sheet, no tags, entities as characters.
    sed -e '/<style>/,/<\/style>/d' -e 's/<[^>]*>/ /g' "$a/rapport.html" >"$tmp/$name.html.txt"
    pdftotext -enc UTF-8 "$a/rapport.pdf" "$tmp/$name.pdf.txt"
  done
  for id in 1 2 3 4 5 6; do
    "$bin/vtaudit" --db "$tmp/demo/workspace.sqlite" judge --audit "$id" --explain >"$tmp/judge-$id.txt"
  done
  for f in "$tmp"/*.txt; do
    if hits=$(grep -n -o -i -w -E "$forbidden" "$f" | sort | uniq -c | sort -rn | head -20) &&
       [[ -n $hits ]]; then
      echo "$(basename "$f"): English words or raw ids:"
      echo "$hits"
      fail=1
    fi
  done
  [[ $fail == 0 ]] && echo "no English words or raw ids in $(ls "$tmp"/*.txt | wc -l) Dutch outputs"
elif [[ $mode == pages ]]; then
  for pdf in "$tmp"/demo/audits/*/rapport.pdf; do
    name=$(basename "$(dirname "$pdf")")
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
    body=""
    for ((p = 1; p <= pages; p++)); do
      if pdftotext -f "$p" -l "$p" -enc UTF-8 "$pdf" - | grep -q -x 'Bijlagen'; then
        body=$((p - 1))
        break
      fi
    done
    if [[ -z $body ]]; then
      echo "$name: no appendix heading found in $pages pages"
      fail=1
    elif ((body > 12)); then
      echo "$name: body of $body pages (more than 12), $pages in all"
      fail=1
    else
      echo "$name: body $body pages, $pages in all"
    fi
  done
fi
exit $fail
