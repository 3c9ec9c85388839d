#!/usr/bin/env bash
# Writes the .xlsx fixtures of tests/xlsx_reader_test.cc next to this script.
# Reproducible: fixed timestamps, no extra attributes, fixed entry order.
# Usage: tests/data/xlsx/make_fixtures.sh   (needs `zip`)
set -euo pipefail
out_dir=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=UTC

ns='xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
rns='xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
rel_base='http://schemas.openxmlformats.org/officeDocument/2006/relationships'

# skeleton DIR SHEET_NAME...: content types, package and workbook relationships, workbook.
skeleton() {
  local dir=$1
  shift
  mkdir -p "$dir/_rels" "$dir/xl/_rels" "$dir/xl/worksheets"
  cat >"$dir/[Content_Types].xml" <<XML
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
XML
  cat >"$dir/_rels/.rels" <<XML
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="$rel_base/officeDocument" Target="xl/workbook.xml"/></Relationships>
XML
  local sheets='' rels='' i=1 name
  for name in "$@"; do
    sheets+="<sheet name=\"$name\" sheetId=\"$i\" r:id=\"rId$i\"/>"
    rels+="<Relationship Id=\"rId$i\" Type=\"$rel_base/worksheet\" Target=\"worksheets/sheet$i.xml\"/>"
    i=$((i + 1))
  done
  rels+="<Relationship Id=\"rId$i\" Type=\"$rel_base/sharedStrings\" Target=\"sharedStrings.xml\"/>"
  cat >"$dir/xl/workbook.xml" <<XML
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook $ns $rns><sheets>$sheets</sheets></workbook>
XML
  cat >"$dir/xl/_rels/workbook.xml.rels" <<XML
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">$rels</Relationships>
XML
}

# sheet DIR N ROWS_XML
sheet() {
  cat >"$1/xl/worksheets/sheet$2.xml" <<XML
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet $ns><sheetData>$3</sheetData></worksheet>
XML
}

# shared_strings DIR ITEMS_XML
shared_strings() {
  cat >"$1/xl/sharedStrings.xml" <<XML
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst $ns>$2</sst>
XML
}

# pack DIR NAME: zips DIR into NAME.xlsx, entries sorted.
pack() {
  find "$1" -exec touch -h -d '2025-01-01 00:00:00' {} +
  rm -f "$out_dir/$2.xlsx"
  (cd "$1" && find . -type f | sed 's|^\./||' | LC_ALL=C sort |
    zip -X -D -q -9 "$out_dir/$2.xlsx" -@)
}

# extract.xlsx: two sheets; shared, rich and inline strings, numbers, date serials, booleans,
# formula strings, errors, missing cells and rows, cells without references, a blank row.
d=$work/extract
skeleton "$d" Meldingen Toelichting
shared_strings "$d" '<si><t>case_id</t></si><si><t>kind</t></si><si><r><rPr><b/></rPr><t>vio</t></r><r><t>lence</t></r><rPh sb="0" eb="1"><t>X</t></rPh></si><si><t>VT-1</t></si><si><t>melding</t></si><si><t>advies</t></si><si><t xml:space="preserve">  spaced  </t></si><si><t>line_x000A_two</t></si>'
sheet "$d" 1 '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>received</t></is></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="inlineStr"><is><r><t>rv</t></r><r><t>dk</t></r></is></c></row>
<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" s="1"><v>45719</v></c><c r="D2" t="str"><f>"partner"&amp;"geweld"</f><v>partnergeweld</v></c><c r="E2" t="b"><v>1</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>VT-2</t></is></c><c r="B3" t="s"><v>5</v></c><c r="E3"><v>45719.5</v></c></row>
<row r="5"><c r="A5" t="s"><v>6</v></c><c r="B5" t="s"><v>7</v></c><c r="C5" s="1"/><c r="D5" t="e"><v>#N/A</v></c></row>
<row r="6"><c r="A6" s="1"/><c r="B6" s="1"/></row>
<row r="7"><c t="inlineStr"><is><t>VT-4</t></is></c><c><v>-1.5E-3</v></c></row>'
sheet "$d" 2 '<row r="1"><c r="A1" t="inlineStr"><is><t>toelichting</t></is></c></row><row r="2"><c r="B2" t="inlineStr"><is><t>tweede blad</t></is></c></row>'
pack "$d" extract

# Broken workbooks, one fault each.
d=$work/no_workbook
skeleton "$d" Blad1
sheet "$d" 1 '<row r="1"><c r="A1"><v>1</v></c></row>'
rm "$d/xl/workbook.xml"
pack "$d" no_workbook

d=$work/doctype
skeleton "$d" Blad1
cat >"$d/xl/worksheets/sheet1.xml" <<XML
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE worksheet [<!ENTITY boom "boom">]>
<worksheet $ns><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&boom;</t></is></c></row></sheetData></worksheet>
XML
pack "$d" doctype

d=$work/malformed
skeleton "$d" Blad1
sheet "$d" 1 '<row r="1"><c r="A1"><v>1</v></c></row>
<row r="2"><c r="A2"><v>2</v></row>'
pack "$d" malformed

d=$work/bad_cells
skeleton "$d" Blad1
shared_strings "$d" '<si><t>case_id</t></si>'
sheet "$d" 1 '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>7</v></c></row>'
pack "$d" bad_cells

d=$work/bad_rows
skeleton "$d" Blad1
sheet "$d" 1 '<row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>'
pack "$d" bad_rows

# wide_rows.xlsx: rows held to the header's width. Empty cells at the end of a row (styled,
# as Excel writes them) do not count; text right of the header does.
d=$work/wide_rows
skeleton "$d" Blad1
shared_strings "$d" '<si><t>a</t></si><si><t>b</t></si><si><t>c</t></si><si><t>x</t></si>'
sheet "$d" 1 '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" s="1"/></row>
<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" t="s"><v>3</v></c><c r="E2" s="1"/></row>
<row r="3"><c r="A3" t="s"><v>3</v></c></row>
<row r="4"><c r="A4" t="s"><v>3</v></c><c r="D4" t="s"><v>3</v></c></row>
<row r="5"><c r="G5" s="1"/></row>
<row r="6"><c r="F6"><v>1</v></c></row>'
pack "$d" wide_rows

printf 'case_id,kind\nVT-1,melding\n' >"$out_dir/not_a_zip.xlsx"

# `repeat N TEXT` writes TEXT N times.
repeat() { (yes "$2" || true) | head -n "$1" | tr -d '\n'; }

# escapes.xlsx: Excel's _xHHHH_ escapes, one shared string each (rows 2-8), and an inline
# string (row 9).
d=$work/escapes
skeleton "$d" Blad1
shared_strings "$d" '<si><t>text</t></si><si><t>A_x0000_B</t></si><si><t>_x001B_[2J</t></si><si><t>_x005F_x0000_</t></si><si><t>_xD83D__xDE00_</t></si><si><t>_xD83D_ lone</t></si><si><t>_x00e9_</t></si><si><t>_x12_ _xZZZZ_ _x0041</t></si>'
rows='<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
for i in 1 2 3 4 5 6 7; do rows+="<row r=\"$((i + 1))\"><c r=\"A$((i + 1))\" t=\"s\"><v>$i</v></c></row>"; done
rows+='<row r="9"><c r="A9" t="inlineStr"><is><t>_x000D__x000A_</t></is></c></row>'
sheet "$d" 1 "$rows"
pack "$d" escapes

# long_cell.xlsx: inline strings of 32767 characters (row 2), of 32767 written as _x0041_
# (row 3, 229369 bytes of XML) and of 32768 (row 4): Excel's limit is 32767.
d=$work/long_cell
skeleton "$d" Blad1
shared_strings "$d" ''
sheet "$d" 1 "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>$(repeat 32767 A)</t></is></c></row><row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>$(repeat 32767 _x0041_)</t></is></c></row><row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>$(repeat 32768 A)</t></is></c></row>"
pack "$d" long_cell

# long_shared.xlsx: a shared string of 32768 characters.
d=$work/long_shared
skeleton "$d" Blad1
shared_strings "$d" "<si><t>a</t></si><si><t>$(repeat 32768 A)</t></si>"
sheet "$d" 1 '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
pack "$d" long_shared

# long_row.xlsx: 33 columns; row 2 holds one string of 32000 characters in 32 cells
# (1,024,000 bytes), row 3 in 33 (1,056,000: over 1 MiB).
d=$work/long_row
skeleton "$d" Blad1
shared_strings "$d" "<si><t>h</t></si><si><t>$(repeat 32000 B)</t></si>"
rows='<row r="1">'$(repeat 33 '<c t="s"><v>0</v></c>')'</row>'
rows+='<row r="2">'$(repeat 32 '<c t="s"><v>1</v></c>')'</row>'
rows+='<row r="3">'$(repeat 33 '<c t="s"><v>1</v></c>')'</row>'
sheet "$d" 1 "$rows"
pack "$d" long_row

# Bombs: parts that are tiny compressed and huge expanded (tests/cli/xlsx_bombs.sh reads
# each with a memory limit).
header='<row r="1"><c t="inlineStr"><is><t>case_id</t></is></c><c t="inlineStr"><is><t>kind</t></is></c><c t="inlineStr"><is><t>received</t></is></c></row>'
data_row() {
  echo "<row r=\"$1\"><c r=\"A$1\" t=\"inlineStr\"><is><t>VT-1</t></is></c><c r=\"B$1\" t=\"inlineStr\"><is><t>melding</t></is></c><c r=\"C$1\"><v>45719</v></c></row>"
}
# big_sheet DIR ROWS_BEFORE CELL_XML CELLS_PER_ROW: the header, ROWS_BEFORE rows of
# CELLS_PER_ROW copies of CELL_XML, then one good data row.
big_sheet() {
  {
    printf '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s><sheetData>%s' "$ns" "$header"
    local row=2 cells
    cells=$(repeat "$4" "$3")
    for ((; row < $2 + 2; row++)); do printf '<row r="%d">%s</row>' "$row" "$cells"; done
    data_row "$row"
    printf '</sheetData></worksheet>\n'
  } >"$1/xl/worksheets/sheet1.xml"
}

# bomb_empty_cells.xlsx: 1,200 rows of 16,384 empty cells (80 MB) before one good row.
d=$work/bomb_empty_cells
skeleton "$d" Blad1
shared_strings "$d" ''
big_sheet "$d" 1200 '<c/>' 16384
pack "$d" bomb_empty_cells

# bomb_wide_row.xlsx: one row of 5,000,000 empty cells (20 MB).
d=$work/bomb_wide_row
skeleton "$d" Blad1
shared_strings "$d" ''
big_sheet "$d" 1 '<c/>' 5000000
pack "$d" bomb_wide_row

# bomb_shared_strings.xlsx: 3,000,000 empty shared strings (15 MB).
d=$work/bomb_shared_strings
skeleton "$d" Blad1
shared_strings "$d" "$(repeat 3000000 '<si/>')"
big_sheet "$d" 0 '' 0
pack "$d" bomb_shared_strings

# bomb_shared_text.xlsx: 2,200 shared strings of 32,000 characters each (70 MB of text).
d=$work/bomb_shared_text
skeleton "$d" Blad1
shared_strings "$d" "$(repeat 2200 "<si><t>$(repeat 32000 A)</t></si>")"
big_sheet "$d" 0 '' 0
pack "$d" bomb_shared_text
