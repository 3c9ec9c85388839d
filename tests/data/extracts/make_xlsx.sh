#!/usr/bin/env bash
# Writes hand.xlsx from hand.csv: the same extract as a workbook, with `received` as an
# Excel date serial (1900 system, time as the fraction) and every other cell an inline
# string, so one fixture exercises both kinds of cell. Also malformed/cell-right-of-header.xlsx:
# malformed/good.csv with two more rows, one with text right of the header (a bad row),
# one ending in an empty styled cell (which does not count); malformed/control-in-case-id.xlsx:
# case_ids holding characters that must not be shown (Excel's _xHHHH_ escapes, a literal BOM,
# a character reference); malformed/bad-excel-date.xlsx: received serials that are no dates
# (nan, inf, out of range, in the future, Excel's 29 February 1900); midnight.xlsx: times of day
# as Excel fractions, one within half a second of midnight. Reproducible (fixed timestamps).
# Usage: tests/data/extracts/make_xlsx.sh   (needs `zip`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work_root=$(mktemp -d)
trap 'rm -rf "$work_root"' EXIT
export TZ=UTC
ns='xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
rel='http://schemas.openxmlformats.org/officeDocument/2006/relationships'

# workbook CSV XLSX [EXTRA_ROWS_XML]: CSV as a one-sheet workbook, EXTRA_ROWS_XML appended.
workbook() {
  local csv=$1 out=$2 extra_rows=${3:-}
  local work=$work_root/$(basename "$out" .xlsx)
  mkdir -p "$work/_rels" "$work/xl/_rels" "$work/xl/worksheets"
  echo '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>' >"$work/[Content_Types].xml"
  echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"$rel/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>" >"$work/_rels/.rels"
  echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook $ns xmlns:r=\"$rel\"><sheets><sheet name=\"Registratie\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" >"$work/xl/workbook.xml"
  echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"$rel/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>" >"$work/xl/_rels/workbook.xml.rels"
  local letters=(A B C D E F G H I J K L) rows="" r=0 cells i v ref day serial t secs f
  while IFS=, read -r -a f; do
    r=$((r + 1))
    cells=""
    for i in "${!f[@]}"; do
      v=${f[$i]}
      [ -z "$v" ] && continue
      ref="${letters[$i]}$r"
      if [ "$r" -gt 1 ] && [ "$i" -eq 3 ]; then
        day=${v%%T*}
        serial=$(( $(date -d "$day" +%s) / 86400 + 25569 ))
        if [ "$v" != "$day" ]; then
          t=${v#*T}; secs=$(( 10#${t%%:*} * 3600 + 10#${t#*:} * 60 ))
          serial=$(awk -v s="$serial" -v x="$secs" 'BEGIN { printf "%.10f", s + x / 86400 }')
        fi
        cells+="<c r=\"$ref\"><v>$serial</v></c>"
      else
        cells+="<c r=\"$ref\" t=\"inlineStr\"><is><t>$v</t></is></c>"
      fi
    done
    rows+="<row r=\"$r\">$cells</row>"
  done <"$csv"
  rows+=$extra_rows
  echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet $ns><sheetData>$rows</sheetData></worksheet>" >"$work/xl/worksheets/sheet1.xml"
  find "$work" -exec touch -d '2025-01-01 00:00:00' {} +
  rm -f "$out"
  (cd "$work" && zip -X -q -D "$out" '[Content_Types].xml' _rels/.rels xl/workbook.xml xl/_rels/workbook.xml.rels xl/worksheets/sheet1.xml)
}

workbook "$here/hand.csv" "$here/hand.xlsx"
workbook "$here/malformed/good.csv" "$here/malformed/cell-right-of-header.xlsx" \
  '<row r="3"><c r="A3" t="inlineStr"><is><t>A3</t></is></c><c r="B3" t="inlineStr"><is><t>melding</t></is></c><c r="D3"><v>45719</v></c><c r="N3" t="inlineStr"><is><t>zie dossier</t></is></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>A4</t></is></c><c r="B4" t="inlineStr"><is><t>advies</t></is></c><c r="D4"><v>45720</v></c><c r="M4" s="1"/></row>'

# xrow R CASE_ID RECEIVED_SERIAL: a melding row with an inline case_id and a numeric received.
xrow() {
  echo "<row r=\"$1\"><c r=\"A$1\" t=\"inlineStr\"><is><t>$2</t></is></c><c r=\"B$1\" t=\"inlineStr\"><is><t>melding</t></is></c><c r=\"D$1\"><v>$3</v></c></row>"
}
workbook "$here/malformed/header-only.csv" "$here/malformed/control-in-case-id.xlsx" \
  "$(xrow 2 C_x0000_2 45719)$(xrow 3 'C_x001B_[31m3' 45719)$(xrow 4 $'\xEF\xBB\xBF'C4 45719)$(xrow 5 'C5&#x202E;gnp.exe' 45719)$(xrow 6 C6_x000D__x000A_X 45719)$(xrow 7 C_x0085_7 45719)$(xrow 8 _x202E_C8 45719)"
workbook "$here/malformed/header-only.csv" "$here/malformed/bad-excel-date.xlsx" \
  "$(xrow 2 D2 nan)$(xrow 3 D3 2958465)$(xrow 4 D4 -1)$(xrow 5 D5 60)$(xrow 6 D6 inf)"
workbook "$here/malformed/header-only.csv" "$here/midnight.xlsx" \
  "$(xrow 2 M1 45658.9999999)$(xrow 3 M2 45658.99999)$(xrow 4 M3 45658.5)$(xrow 5 M4 45658)"
