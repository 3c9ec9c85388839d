#!/usr/bin/env bash
# Writes hand.xlsx from hand.csv: the same extract as a workbook, with `received` as an
# Excel date serial (1900 system, time as the fraction) and every other cell an inline
# string, so one fixture exercises both kinds of cell. Reproducible (fixed timestamps).
# Usage: tests/data/extracts/make_xlsx.sh   (needs `zip`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=UTC
ns='xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
rel='http://schemas.openxmlformats.org/officeDocument/2006/relationships'
mkdir -p "$work/_rels" "$work/xl/_rels" "$work/xl/worksheets"
echo '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>' >"$work/[Content_Types].xml"
echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"$rel/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>" >"$work/_rels/.rels"
echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook $ns xmlns:r=\"$rel\"><sheets><sheet name=\"Registratie\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>" >"$work/xl/workbook.xml"
echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"$rel/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>" >"$work/xl/_rels/workbook.xml.rels"
letters=(A B C D E F G H I J K L)
rows=""
r=0
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
done <"$here/hand.csv"
echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet $ns><sheetData>$rows</sheetData></worksheet>" >"$work/xl/worksheets/sheet1.xml"
find "$work" -exec touch -d '2025-01-01 00:00:00' {} +
rm -f "$here/hand.xlsx"
(cd "$work" && zip -X -q -D "$here/hand.xlsx" '[Content_Types].xml' _rels/.rels xl/workbook.xml xl/_rels/workbook.xml.rels xl/worksheets/sheet1.xml)
