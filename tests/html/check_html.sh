#!/usr/bin/env bash
# Generates HTML reports (Dutch and English, synthetic and with markup in the notes) and
# runs the W3C Nu HTML Checker on them; fails on any error.
#   check_html.sh BIN_DIR SOURCE_DIR
# Exits 77 (skipped) when java or the checker's jar (npm ci --prefix tests/html) is absent.
set -euo pipefail
bin=$1/vtaudit src=$2
jar=$src/tests/html/node_modules/vnu-jar/build/dist/vnu.jar
if ! command -v java >/dev/null; then echo "skipped: no java"; exit 77; fi
if [ ! -f "$jar" ]; then echo "skipped: no $jar (npm ci --prefix tests/html)"; exit 77; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ws=$tmp/ws.sqlite
cd "$src"
"$bin" --db "$ws" org add VT01 "Voorbeeld & Co <regio>" >/dev/null
sqlite3 "$ws" "INSERT INTO extract_file (id, org, file_name, sha256, imported_at, rows, added, changed, unchanged) VALUES (1, 'VT01', 'VT01-synthetisch.csv', '', '', 0, 0, 0, 0);
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
  INSERT INTO case_file (org, case_id, kind, received, triaged, extract_id)
  SELECT 'VT01', printf('C%03d', i), CASE WHEN i % 4 = 0 THEN 'advies' ELSE 'melding' END,
         printf('2024-%02d-03', (i % 12) + 1), printf('2024-%02d-0%d', (i % 12) + 1, 3 + (i % 5 = 0)), 1 FROM n
  UNION ALL
  SELECT 'VT01', printf('D%03d', i), 'melding', printf('2025-%02d-03', (i % 12) + 1),
         printf('2025-%02d-0%d', (i % 12) + 1, 3 + 4 * (i % 5 = 0)), 1 FROM n"
"$bin" --db "$ws" audit new --org VT01 --period 2024 --framework tests/data/audit/mini.xml --inspector Anna >/dev/null
"$bin" --db "$ws" audit new --org VT01 --period 2025 --framework tests/data/audit/mini.xml --inspector Anna >/dev/null
"$bin" --db "$ws" sample draw --audit 1 --size 6 --seed 1 --reserve 0 >/dev/null
"$bin" --db "$ws" sample draw --audit 2 --size 6 --seed 1 --stratify kind --reserve 0 >/dev/null
for audit in 1 2; do
  "$bin" --db "$ws" sample show --audit "$audit" --json |
    sed -n 's/.*"case_id": "\([^"]*\)".*/\1/p' | while read -r c; do
      "$bin" --db "$ws" score set --audit "$audit" --case "$c" --criterion C1 --result voldoet \
        --note "<script>alert('x')</script> & \"quoted\"" --inspector Anna >/dev/null
    done
  "$bin" --db "$ws" score set --audit "$audit" --criterion O1 --result deels --note "<b>not bold</b>" \
    --inspector Anna >/dev/null
done
for lang in nl en; do
  "$bin" --db "$ws" report --audit 2 --format html --lang "$lang" --as-of 2026-01-15 \
    --output "$tmp/report-$lang.html" >/dev/null
done
# Audit 1 final, with a criterion niet beoordeeld and a response: the sections only a frozen
# report has.
"$bin" --db "$ws" score skip --audit 1 --criterion C2 --reason "<i>niet</i> gelezen" \
  --inspector Anna >/dev/null
"$bin" --db "$ws" audit status --audit 1 concept --inspector Anna >/dev/null
"$bin" --db "$ws" response add --audit 1 --criterion C1 --text "<b>wel</b> & \"plan\"" \
  --source "<brief>" --received 2026-02-10 --inspector Anna >/dev/null
"$bin" --db "$ws" response decide --audit 1 --response 1 rejected --reason "<geen> bewijs" \
  --inspector Anna >/dev/null
"$bin" --db "$ws" audit status --audit 1 final --inspector Anna >/dev/null
for lang in nl en; do
  "$bin" --db "$ws" report --audit 1 --format html --lang "$lang" --output "$tmp/final-$lang.html" \
    >/dev/null
done
if grep -q -e "<script" -e "<b>wel" -e "<brief>" "$tmp"/report-*.html "$tmp"/final-*.html; then
  echo "unescaped markup in a report"
  exit 1
fi
java -jar "$jar" --errors-only "$tmp"/report-nl.html "$tmp"/report-en.html "$tmp"/final-nl.html \
  "$tmp"/final-en.html
echo "valid: report-nl.html report-en.html final-nl.html final-en.html"
