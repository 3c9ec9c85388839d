#include "xlsx_reader.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "table_reader.h"

namespace vtaudit {
namespace {

const std::string kDir = VTAUDIT_SOURCE_DIR "/tests/data/xlsx/";

struct Row {
  int line;
  std::vector<std::string> fields;
  std::vector<bool> numeric;
  bool operator==(const Row&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Row& row) {
  out << row.line << ":";
  for (std::size_t i = 0; i < row.fields.size(); ++i) {
    out << " [" << row.fields[i] << (row.numeric[i] ? "#" : "") << "]";
  }
  return out;
}

std::vector<Row> ReadAll(TableReader& reader) {
  std::vector<Row> rows;
  TableRow row;
  while (reader.Next(&row)) rows.push_back({row.line, row.fields, row.numeric});
  BOOST_TEST_REQUIRE(reader.status().ok(), reader.status().ToString());
  return rows;
}

// The error of opening `file` (in the fixture directory) or of reading its rows.
std::string ErrorOf(const std::string& file, const std::string& sheet = "") {
  auto reader = XlsxReader::Open(kDir + file, sheet);
  if (!reader.ok()) return reader.status().ToString();
  TableRow row;
  while ((*reader)->Next(&row)) {
  }
  BOOST_TEST_REQUIRE(!(*reader)->status().ok());
  return (*reader)->status().ToString();
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

BOOST_AUTO_TEST_SUITE(xlsx_reader)

BOOST_AUTO_TEST_CASE(reads_the_first_sheet) {
  auto reader = OpenTable(kDir + "extract.xlsx");
  BOOST_TEST_REQUIRE(reader.ok(), reader.status().ToString());
  BOOST_TEST((*reader)->source_name() == kDir + "extract.xlsx");
  const std::vector<Row> rows = ReadAll(**reader);
  const std::vector<Row> expected = {
      {1, {"case_id", "kind", "received", "violence", "rvdk"}, {false, false, false, false, false}},
      {2, {"VT-1", "melding", "45719", "partnergeweld", "1"}, {false, false, true, false, false}},
      {3, {"VT-2", "advies", "", "", "45719.5"}, {false, false, false, false, true}},
      {5, {"  spaced  ", "line\ntwo", "", "#N/A"}, {false, false, false, false}},
      {7, {"VT-4", "-1.5E-3"}, {false, true}},
  };
  BOOST_TEST(rows == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(selects_a_sheet_by_name) {
  auto reader = XlsxReader::Open(kDir + "extract.xlsx", "toelichting");
  BOOST_TEST_REQUIRE(reader.ok(), reader.status().ToString());
  BOOST_TEST((*reader)->sheet_name() == "Toelichting");
  // Its second row has text right of the header: read it as it is.
  (*reader)->DeliverBadRows();
  const std::vector<Row> expected = {{1, {"toelichting"}, {false}},
                                     {2, {"", "tweede blad"}, {false, false}}};
  BOOST_TEST(ReadAll(**reader) == expected, boost::test_tools::per_element());
  auto first = XlsxReader::Open(kDir + "extract.xlsx");
  BOOST_TEST_REQUIRE(first.ok());
  BOOST_TEST((*first)->sheet_name() == "Meldingen");
}

BOOST_AUTO_TEST_CASE(names_the_sheets_when_one_is_unknown) {
  auto reader = XlsxReader::Open(kDir + "extract.xlsx", "Blad3");
  BOOST_TEST_REQUIRE(!reader.ok());
  BOOST_TEST(reader.status().IsNotFound());
  BOOST_TEST(reader.status().ToString() ==
             kDir + "extract.xlsx: no sheet named \"Blad3\"; the workbook has \"Meldingen\", " +
                 "\"Toelichting\"");
}

BOOST_AUTO_TEST_CASE(refuses_what_is_not_a_workbook) {
  BOOST_TEST(ErrorOf("not_a_zip.xlsx") ==
             kDir + "not_a_zip.xlsx: not an XLSX workbook: not a zip archive");
  BOOST_TEST(ErrorOf("no_workbook.xlsx") ==
             kDir + "no_workbook.xlsx: not an XLSX workbook: xl/workbook.xml is missing");
  BOOST_TEST(ErrorOf("missing.xlsx") ==
             kDir + "missing.xlsx: cannot open: No such file or directory");
  BOOST_TEST(XlsxReader::Open(kDir + "missing.xlsx").status().IsNotFound());
}

BOOST_AUTO_TEST_CASE(refuses_a_doctype) {
  BOOST_TEST(ErrorOf("doctype.xlsx") ==
             kDir + "doctype.xlsx: xl/worksheets/sheet1.xml:2:21: DOCTYPE is refused");
}

BOOST_AUTO_TEST_CASE(reports_malformed_xml_with_line_and_column) {
  BOOST_TEST(ErrorOf("malformed.xlsx") ==
             kDir + "malformed.xlsx: xl/worksheets/sheet1.xml:3:32: malformed XML " +
                 "(mismatched tag)");
}

BOOST_AUTO_TEST_CASE(reports_the_row_at_fault) {
  BOOST_TEST(ErrorOf("bad_cells.xlsx") ==
             kDir + "bad_cells.xlsx:2: cell A2: shared string \"7\" does not exist");
  BOOST_TEST(ErrorOf("bad_rows.xlsx") == kDir + "bad_rows.xlsx:2: row 2 comes after row 3");
}

// wide_rows.xlsx (make_fixtures.sh): header A1:C1 and an empty styled D1, so 3 wide.
// Row 2 ends in an empty styled E2, row 3 has A3 only: both fit. D4 and F6 hold text
// right of C: 4 and 6 fields. Row 5 holds only empty cells and is skipped.
BOOST_AUTO_TEST_CASE(holds_rows_to_the_header_width) {
  auto reader = XlsxReader::Open(kDir + "wide_rows.xlsx");
  BOOST_TEST_REQUIRE(reader.ok(), reader.status().ToString());
  TableRow row;
  std::vector<int> lines;
  while ((*reader)->Next(&row)) lines.push_back(row.line);
  BOOST_TEST(lines == (std::vector<int>{1, 2, 3}), boost::test_tools::per_element());
  BOOST_TEST((*reader)->status().messages() ==
                 (std::vector<std::string>{kDir + "wide_rows.xlsx:4: 4 fields, header has 3",
                                           kDir + "wide_rows.xlsx:6: 6 fields, header has 3"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(guards_against_zip_bombs_by_declared_size) {
  auto reader = XlsxReader::Open(kDir + "extract.xlsx", "", 900);
  BOOST_TEST_REQUIRE(!reader.ok());
  BOOST_TEST(reader.status().ToString() ==
             kDir + "extract.xlsx: xl/worksheets/sheet1.xml is larger than 900 bytes " +
                 "uncompressed");
}

// A zip whose headers understate the sheet's size: the bytes actually read count.
BOOST_AUTO_TEST_CASE(guards_against_zip_bombs_by_bytes_read) {
  std::string zip = ReadBytes(kDir + "extract.xlsx");
  const std::string name = "xl/worksheets/sheet1.xml";
  int patched = 0;
  for (const auto& [signature, size_at] :
       {std::pair<std::string, std::size_t>{"PK\x03\x04", 22}, {"PK\x01\x02", 24}}) {
    const std::size_t name_at = size_at == 22 ? 30 : 46;
    for (std::size_t at = zip.find(signature); at != std::string::npos;
         at = zip.find(signature, at + 4)) {
      if (zip.compare(at + name_at, name.size(), name) != 0) continue;
      zip.replace(at + size_at, 4, std::string("\x64\0\0\0", 4));  // 100 bytes
      ++patched;
    }
  }
  BOOST_TEST_REQUIRE(patched == 2);
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("vtaudit_bomb_" + std::to_string(::getpid()) + ".xlsx");
  std::ofstream(path, std::ios::binary) << zip;
  auto reader = XlsxReader::Open(path.string(), "", 900);
  std::filesystem::remove(path);
  BOOST_TEST_REQUIRE(!reader.ok());
  BOOST_TEST(reader.status().ToString() ==
             path.string() + ": xl/worksheets/sheet1.xml is larger than 900 bytes uncompressed");
}

// escapes.xlsx (make_fixtures.sh): each _xHHHH_ escape decoded, whatever it stands for
// (the importer decides what it accepts); _x005F_ is "_" itself, so _x005F_x0000_ is the
// text "_x0000_"; a surrogate pair is one character, a lone surrogate stays as written.
BOOST_AUTO_TEST_CASE(decodes_excel_escapes) {
  using namespace std::string_literals;
  auto reader = XlsxReader::Open(kDir + "escapes.xlsx");
  BOOST_TEST_REQUIRE(reader.ok(), reader.status().ToString());
  std::vector<std::string> texts;
  for (const Row& row : ReadAll(**reader)) texts.push_back(row.fields.at(0));
  const std::vector<std::string> expected = {"text",
                                             "A\0B"s,
                                             "\x1B[2J",
                                             "_x0000_",
                                             "\xF0\x9F\x98\x80",
                                             "_xD83D_ lone",
                                             "\xC3\xA9",
                                             "_x12_ _xZZZZ_ _x0041",
                                             "\r\n"};
  BOOST_TEST(texts == expected, boost::test_tools::per_element());
}

// Excel's limit of 32767 characters a cell, counted after decoding: 32767 'A' written as
// _x0041_ (229369 bytes) pass, 32768 do not.
BOOST_AUTO_TEST_CASE(refuses_a_cell_over_excels_limit) {
  auto reader = XlsxReader::Open(kDir + "long_cell.xlsx");
  BOOST_TEST_REQUIRE(reader.ok(), reader.status().ToString());
  TableRow row;
  std::vector<std::size_t> sizes;
  while ((*reader)->Next(&row)) sizes.push_back(row.fields.at(0).size());
  BOOST_TEST(sizes == (std::vector<std::size_t>{1, 32767, 32767}),
             boost::test_tools::per_element());
  BOOST_TEST((*reader)->status().ToString() ==
             kDir + "long_cell.xlsx:4: cell A4: more than 32767 characters (Excel's limit)");
  BOOST_TEST(ErrorOf("long_shared.xlsx") ==
             kDir +
                 "long_shared.xlsx: xl/sharedStrings.xml:2:32864: a shared string of more "
                 "than 32767 characters (Excel's limit)");
}

// long_row.xlsx: 32 cells of 32000 characters fit in 1 MiB, 33 do not.
BOOST_AUTO_TEST_CASE(refuses_a_row_of_more_than_a_mebibyte) {
  auto reader = XlsxReader::Open(kDir + "long_row.xlsx");
  BOOST_TEST_REQUIRE(reader.ok(), reader.status().ToString());
  TableRow row;
  std::vector<int> lines;
  while ((*reader)->Next(&row)) lines.push_back(row.line);
  BOOST_TEST(lines == (std::vector<int>{1, 2}), boost::test_tools::per_element());
  BOOST_TEST((*reader)->status().ToString() == kDir + "long_row.xlsx:3: more than 1 MiB of text");
}

// The bombs of tests/data/xlsx (make_fixtures.sh; their memory is checked by
// tests/cli/xlsx_bombs.sh): what the reader makes of each.
BOOST_AUTO_TEST_CASE(reads_or_refuses_the_bombs) {
  auto reader = XlsxReader::Open(kDir + "bomb_empty_cells.xlsx");
  BOOST_TEST_REQUIRE(reader.ok(), reader.status().ToString());
  const std::vector<Row> expected = {{1, {"case_id", "kind", "received"}, {false, false, false}},
                                     {1202, {"VT-1", "melding", "45719"}, {false, false, true}}};
  BOOST_TEST(ReadAll(**reader) == expected, boost::test_tools::per_element());
  BOOST_TEST(ErrorOf("bomb_wide_row.xlsx") == kDir + "bomb_wide_row.xlsx:2: more than 16384 cells");
  BOOST_TEST(ErrorOf("bomb_shared_strings.xlsx").ends_with(": more than 2097152 shared strings"));
  BOOST_TEST(
      ErrorOf("bomb_shared_text.xlsx").ends_with(": more than 64 MiB of shared string text"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
