#!/usr/bin/env bash
# readme.using_it: every command of the README's "Using it" block, run as written, in order,
# on a fresh workspace. Usage: using_it.sh BIN_DIR SOURCE_DIR
#
# The block is documentation, so it shows choices; the script reads them the way a user
# would type them the first time:
#   [--opt X]    an optional part: left out;
#   a|b|c        a choice (outside quotes): the first;
#   …            in a quoted text: a placeholder, typed as "tekst";
#   A ; B        two commands.
# A command that fails (exit 1) is allowed only where EXPECTED_FAILURE below names it with
# the reason the walk-through cannot meet at that point; a usage error (exit 2) never is:
# then the README shows a command or an option the program does not have.
set -uo pipefail
bin_dir=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PATH="$bin_dir:$PATH" LC_ALL=C.UTF-8 TZ=Europe/Amsterdam XDG_DATA_HOME="$tmp/xdg"
unset VTAUDIT_DB VTAUDIT_INSPECTOR
mkdir -p "$tmp/run"
cd "$tmp/run" || exit 1
# What the block's commands name as their files: the shipped data, and a delivery of VT01.
ln -s "$src/checklists" checklists
ln -s "$src/samples" samples
cp "$src/tests/data/extracts/hand.csv" extract.csv
printf 'case_id,criterion,result,note\n' >scores.csv
cp "$src/tests/data/profiles/cbs-meldingen.csv" meldingen.csv
cp "$src/tests/data/profiles/cbs-onderzoeken.csv" onderzoeken.csv
# The archive: the test server of tests/archive/pg_server.sh (this test runs in its fixture,
# through with_server.sh), whose database vtaudit_readme is the README's service "vtaudit".
if [ -n "${PGSERVICEFILE-}" ]; then
  { cat "$PGSERVICEFILE"; sed -n '/^\[vtaudit_readme\]/,/^$/p' "$PGSERVICEFILE" |
      sed 's/^\[vtaudit_readme\]/[vtaudit]/'; } >pg_service.conf
  export PGSERVICEFILE="$PWD/pg_service.conf"
fi

# The block is a reference in the order of the work, not a session: some commands need what
# a real audit has by then (a sample of 30, every criterion scored, a concept). Each such
# command, as typed, and the start of the error it must give there (any other failure fails
# the test).
declare -A EXPECTED_FAILURE=(
  ["vtaudit timeliness --sample 1 --as-of 2026-01-31"]="no audit with id 1"
  ["vtaudit sample draw --audit 1 --size 30 --seed 20250101"]="cannot draw 30 cases from the population of VT01 2025"
  ["vtaudit sample show --audit 1 --csv steekproef.csv"]="audit 1 has no sample yet"
  ["vtaudit score template --audit 1 --output scores.xlsx"]="audit 1 has no sample yet"
  ["vtaudit audit status --audit 1 concept"]="no sample is drawn"
  ["vtaudit response add --audit 1 --text tekst --source tekst --received 2026-04-02"]="audit 1 has no concept yet"
  ["vtaudit response decide --audit 1 --response 1 accepted --reason tekst"]="audit 1 has no response 1"
  ["vtaudit audit status --audit 1 draft --reason tekst"]="audit 1 is draft already"
  ["vtaudit audit status --audit 1 final"]="audit 1 is a draft"
  ["vtaudit score set --audit 1 --case C016 --criterion V2.1 --result voldoet --note tekst"]="case C016 is not in the sample"
  ["vtaudit score set --audit 1 --case C016 --criterion V2.1 --result 'voldoet niet'"]="case C016 is not in the sample"
  ["vtaudit score clear --audit 1 --case C016 --criterion V2.1 --reason tekst"]="case C016 is not in the sample"
  ["vtaudit score import --audit 1 scores.csv"]="scores.csv: no score rows after the header"
  ["vtaudit score reconcile --audit 1 --case C016 --criterion V2.1 --result voldoet --reason tekst"]="case C016 is not in the sample"
  ["vtaudit score redact --audit 1 --event 12 --reason 'naam van de moeder'"]="audit 1 has no score event '12'"
  ["vtaudit report diff --audit 1"]="audit 1 has no versions yet"
)

block=$(awk '/^## Using it/{on=1; next} on && /^```sh/{inside=1; next} inside && /^```/{exit} inside' \
        "$src/README.md")
[ -n "$block" ] || { echo "readme.using_it: no sh block under '## Using it'" >&2; exit 1; }

as_typed() {  # one documented command -> what a user types
  python3 - "$1" <<'PY'
import re, shlex, sys
line = sys.argv[1]
out, quote, depth, word = [], None, 0, ''
# Drop [optional] parts outside quotes (they may nest), and the text in them.
kept = ''
for ch in line:
    if quote:
        kept += ch
        if ch == quote: quote = None
        continue
    if ch in '"\'' and depth == 0:
        quote = ch; kept += ch; continue
    if ch == '[': depth += 1; continue
    if ch == ']': depth -= 1; continue
    if depth == 0: kept += ch
words = shlex.split(kept.replace('…', 'tekst'))
words = [w.split('|')[0] if '|' in w and ' ' not in w else w for w in words]
# A glob stays a glob for the shell; everything else is quoted as typed.
print(' '.join(w if '*' in w and ' ' not in w else shlex.quote(w) for w in words))
PY
}

failures=0 ran=0
while IFS= read -r raw; do
  line=$(sed -E 's/[[:space:]]+#.*$//; s/[[:space:]]+$//' <<<"$raw")   # the comment
  [ -z "$line" ] && continue
  IFS=';' read -ra parts <<<"$line"
  for part in "${parts[@]}"; do
    part=$(sed -E 's/^[[:space:]]+|[[:space:]]+$//g' <<<"$part")
    case $part in
      export\ *) eval "$part"; continue ;;
      vtaudit\ *) ;;
      *) echo "readme.using_it: not a vtaudit command: $part" >&2; failures=$((failures + 1)); continue ;;
    esac
    typed=$(as_typed "$part")
    ran=$((ran + 1))
    if [[ $typed == "vtaudit serve"* ]]; then
      # The web UI runs until stopped: it must start and print its link.
      timeout 3 bash -c "$typed" </dev/null >serve.out 2>&1
      grep -q "http://127.0.0.1" serve.out || { echo "FAILED: $typed"; cat serve.out; failures=$((failures + 1)); }
      continue
    fi
    eval "$typed" >out.txt 2>err.txt </dev/null
    rc=$?
    if [ $rc -eq 0 ]; then continue; fi
    expected=${EXPECTED_FAILURE[$typed]-}
    if [ $rc -eq 1 ] && [ -n "$expected" ] && grep -qF "vtaudit: $expected" err.txt; then
      continue
    fi
    echo "FAILED (exit $rc): $typed"
    echo "  as documented: $part"
    sed 's/^/  /' err.txt | head -5
    failures=$((failures + 1))
  done
done <<<"$block"

echo "readme.using_it: $ran commands, $failures failed"
[ $failures -eq 0 ]
