#!/usr/bin/env bash
# Regenerates the score sheets of the example audits (SYNTHETIC DATA) from audits.csv:
#   samples/audits/generate.sh [VTAUDIT_BINARY]      (default build/dev/toolkit/vtaudit)
# It builds a scratch workspace exactly as `vtaudit demo` does (national registration,
# seed 2026, scale 1), draws each audit's sample with its seed, and lets scores.awk score
# the sampled cases. The output is deterministic: rerunning changes no file. The sheets
# are committed; the demo reads them and never runs this script.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
bin=${1:-$top/build/dev/toolkit/vtaudit}
framework=$top/checklists/toetsingskader-veilig-thuis-2025.xml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ws=$tmp/workspace.sqlite
vt() { "$bin" --db "$ws" "$@" >/dev/null; }

"$bin" samples generate --seed 2026 --output "$tmp/extracts" >/dev/null
vt org import "$top/samples/organisations.csv"
for org in $(tail -n +2 "$here/audits.csv" | cut -d, -f1 | sort -u); do
  vt cases import --org "$org" "$tmp/extracts/$org-synthetisch.csv"
done

audit=0
while IFS=, read -r org period size seed stratify where inspectors; do
  audit=$((audit + 1))
  read -r insp_a insp_b <<<"$inspectors"
  vt audit new --org "$org" --period "$period" --framework "$framework"
  vt sample draw --audit "$audit" --size "$size" --seed "$seed" --stratify "$stratify" --where "$where"
  sqlite3 -separator $'\t' "$ws" "
    SELECT c.case_id, c.violence, c.outcome, c.rvdk, c.disclosure,
           COALESCE(c.safety_assessed, ''), COALESCE(c.investigation_completed, '')
    FROM sample_draw d JOIN sample_case s ON s.draw = d.id
    JOIN case_file c ON c.org = '$org' AND c.case_id = s.case_id
    WHERE d.audit = $audit AND d.replaced_by IS NULL ORDER BY c.case_id" >"$tmp/sample.tsv"
  awk -v audit="$org-$period" -v insp_a="$insp_a" -v insp_b="$insp_b" \
    -v scores="$here/$org-$period-scores.csv" -v reconcile="$here/$org-$period-reconciliatie.csv" \
    -f "$here/scores.awk" "$tmp/sample.tsv"
  # The sheets must import as they are: all or nothing.
  vt score import --audit "$audit" "$here/$org-$period-scores.csv"
  echo "$org $period: $(($(wc -l <"$here/$org-$period-scores.csv") - 1)) scores," \
    "$(($(wc -l <"$here/$org-$period-reconciliatie.csv") - 1)) reconciled"
done < <(tail -n +2 "$here/audits.csv")
