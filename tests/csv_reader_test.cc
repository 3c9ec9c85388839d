#include "csv_reader.h"

#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "table_reader.h"

namespace vtaudit {
namespace {

// A row's fields, printable in test logs.
struct Fields : std::vector<std::string> {
  using std::vector<std::string>::vector;
  Fields(const std::vector<std::string>& fields) : std::vector<std::string>(fields) {}  // NOLINT
  friend bool operator==(const Fields& a, const Fields& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
  friend std::ostream& operator<<(std::ostream& out, const Fields& fields) {
    for (const std::string& f : fields) out << '[' << f << ']';
    return out;
  }
};
using Rows = std::vector<Fields>;

// Reads every row of `reader`, and their lines into *lines.
Rows ReadAll(TableReader& reader, std::vector<int>* lines = nullptr) {
  Rows rows;
  TableRow row;
  while (reader.Next(&row)) {
    BOOST_TEST(row.numeric.size() == row.fields.size());
    rows.push_back(row.fields);
    if (lines != nullptr) lines->push_back(row.line);
  }
  BOOST_TEST_REQUIRE(reader.status().ok(), reader.status().ToString());
  return rows;
}

Rows Parse(std::string text, std::vector<int>* lines = nullptr) {
  const std::unique_ptr<CsvReader> reader = CsvReader::FromString(std::move(text), "t.csv");
  return ReadAll(*reader, lines);
}

// The error that ends reading `text`, after any good rows.
std::string ErrorOf(std::string text) {
  const std::unique_ptr<CsvReader> reader = CsvReader::FromString(std::move(text), "t.csv");
  TableRow row;
  while (reader->Next(&row)) {
  }
  BOOST_TEST_REQUIRE(!reader->status().ok());
  BOOST_TEST((reader->status().code() == Status::Code::kInvalidInput));
  BOOST_TEST(!reader->Next(&row));  // stays ended
  return reader->status().ToString();
}

// A file in a fresh temporary directory, removed with the fixture.
struct TempFile {
  explicit TempFile(const std::string& content, const std::string& name = "extract.csv") {
    dir = std::filesystem::temp_directory_path() /
          ("vtaudit_csv_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
    std::filesystem::create_directories(dir);
    path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << content;
  }
  ~TempFile() { std::filesystem::remove_all(dir); }
  static inline int counter = 0;
  std::filesystem::path dir;
  std::string path;
};

BOOST_AUTO_TEST_SUITE(csv_reader)

BOOST_AUTO_TEST_CASE(reads_plain_rows_header_first) {
  std::vector<int> lines;
  BOOST_TEST(Parse("case_id,kind\nVT-1,melding\nVT-2,advies\n", &lines) ==
                 (Rows{{"case_id", "kind"}, {"VT-1", "melding"}, {"VT-2", "advies"}}),
             boost::test_tools::per_element());
  BOOST_TEST(lines == (std::vector<int>{1, 2, 3}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(handles_every_quoting_case) {
  std::vector<int> lines;
  const Rows rows = Parse(
      "a,b,c\n"
      "\"x,y\",\"say \"\"hi\"\"\",\"\"\n"
      "\"multi\nline\",\"\"\"\",plain\n"
      ",,\n"
      "\"a;b\",\"\n\",end\n",
      &lines);
  BOOST_TEST(rows == (Rows{{"a", "b", "c"},
                           {"x,y", "say \"hi\"", ""},
                           {"multi\nline", "\"", "plain"},
                           {"", "", ""},
                           {"a;b", "\n", "end"}}),
             boost::test_tools::per_element());
  BOOST_TEST(lines == (std::vector<int>{1, 2, 3, 5, 6}), boost::test_tools::per_element());
  // A lone "" is a row of one empty field, not an empty line.
  BOOST_TEST(Parse("h\n\"\"\n") == (Rows{{"h"}, {""}}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(counts_physical_lines_after_multi_line_fields) {
  std::vector<int> lines;
  const Rows rows = Parse("h1,h2\n\"one\ntwo\nthree\",x\nnext,y\n\n\"a\r\nb\",z\r\nlast,w", &lines);
  BOOST_TEST(lines == (std::vector<int>{1, 2, 5, 7, 9}), boost::test_tools::per_element());
  BOOST_TEST(rows[3][0] == "a\r\nb");  // line ends inside quotes are kept as written
  BOOST_TEST(ErrorOf("h\n\"a\nb\"\nc\"d\n") ==
             "t.csv:4: field 1: quote inside an unquoted field at position 2");
}

BOOST_AUTO_TEST_CASE(strips_bom_and_reads_crlf_and_missing_last_newline) {
  std::vector<int> lines;
  BOOST_TEST(Parse("\xEF\xBB\xBF"
                   "case_id,kind\r\nVT-1,melding\r\n\r\nVT-2,advies",
                   &lines) == (Rows{{"case_id", "kind"}, {"VT-1", "melding"}, {"VT-2", "advies"}}),
             boost::test_tools::per_element());
  BOOST_TEST(lines == (std::vector<int>{1, 2, 4}), boost::test_tools::per_element());
  BOOST_TEST(Parse("\xEF\xBB\xBF") == Rows{}, boost::test_tools::per_element());
  BOOST_TEST(Parse("") == Rows{}, boost::test_tools::per_element());
  BOOST_TEST(Parse("a,\"b\"") == (Rows{{"a", "b"}}), boost::test_tools::per_element());
  BOOST_TEST(Parse("a,") == (Rows{{"a", ""}}), boost::test_tools::per_element());
  // Positions on line 1 start after the BOM, as an editor shows them.
  BOOST_TEST(ErrorOf("\xEF\xBB\xBF"
                     "a\"") == "t.csv:1: field 1: quote inside an unquoted field at position 2");
}

BOOST_AUTO_TEST_CASE(skips_empty_lines_but_counts_them) {
  std::vector<int> lines;
  BOOST_TEST(Parse("\n\nh\n\n\r\nv\n\n", &lines) == (Rows{{"h"}, {"v"}}),
             boost::test_tools::per_element());
  BOOST_TEST(lines == (std::vector<int>{3, 6}), boost::test_tools::per_element());
  BOOST_TEST(Parse(" \n") == (Rows{{" "}}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(detects_the_delimiter_from_the_header) {
  auto delimiter = [](std::string text) {
    return CsvReader::FromString(std::move(text), "t.csv")->delimiter();
  };
  BOOST_TEST(delimiter("case_id;kind;received\nVT-1,2;melding;x\n") == ';');
  BOOST_TEST(delimiter("case_id,kind\n") == ',');
  BOOST_TEST(delimiter("\"a;b;c\",d\n") == ',');  // inside quotes does not count
  BOOST_TEST(delimiter("a;b,c\n") == ',');        // a tie
  BOOST_TEST(delimiter("only\n") == ',');
  BOOST_TEST(delimiter("\n\r\na;b\nx,y,z,w\n") == ';');  // leading empty lines
  BOOST_TEST(delimiter("\"multi\nline;\";b;c\n") == ';');
  BOOST_TEST(Parse("case_id;kind\nVT-1;\"a;b\"\n") == (Rows{{"case_id", "kind"}, {"VT-1", "a;b"}}),
             boost::test_tools::per_element());
  BOOST_TEST(Parse("a;b\n1,5;2\n") == (Rows{{"a", "b"}, {"1,5", "2"}}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(accepts_utf8) {
  BOOST_TEST(Parse("naam,ding,bedrag,gezicht\nZoë,ĳs,€,😀\n") ==
                 (Rows{{"naam", "ding", "bedrag", "gezicht"}, {"Zoë", "ĳs", "€", "😀"}}),
             boost::test_tools::per_element());
  BOOST_TEST(Parse("\"Zoë\n😀\"\n") == (Rows{{"Zoë\n😀"}}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reports_each_error_where_it_is) {
  BOOST_TEST(ErrorOf("h1,h2\nok,\"open\nstill\nopen") ==
             "t.csv:2: field 2: unterminated quoted field");
  BOOST_TEST(ErrorOf("h\nab\"c\n") ==
             "t.csv:2: field 1: quote inside an unquoted field at position 3");
  BOOST_TEST(ErrorOf("h\n\"ab\"c\n") ==
             "t.csv:2: field 1: unexpected character after a closing quote at position 5");
  BOOST_TEST(ErrorOf("h,i\nx,Zo\xEB\n") ==
             "t.csv:2: field 2: not valid UTF-8 (byte 0xEB at position 5)");
  BOOST_TEST(ErrorOf("h\n\xFF\n") == "t.csv:2: field 1: not valid UTF-8 (byte 0xFF at position 1)");
  BOOST_TEST(ErrorOf("h\n\"a\n\xC3(\"\n") ==
             "t.csv:3: field 1: not valid UTF-8 (byte 0xC3 at position 1)");
  BOOST_TEST(ErrorOf("h\nab\xC3") == "t.csv:2: field 1: not valid UTF-8 (byte 0xC3 at position 3)");
  BOOST_TEST(ErrorOf("h\n\xC0\x80\n") ==
             "t.csv:2: field 1: not valid UTF-8 (byte 0xC0 at position 1)");
  BOOST_TEST(ErrorOf("h\n\xED\xA0\x80\n") ==  // a UTF-16 surrogate
             "t.csv:2: field 1: not valid UTF-8 (byte 0xED at position 1)");
  BOOST_TEST(ErrorOf("h\n\xF4\x90\x80\x80\n") ==  // above U+10FFFF
             "t.csv:2: field 1: not valid UTF-8 (byte 0xF4 at position 1)");
  BOOST_TEST(ErrorOf(std::string("h\na,b\0c\n", 8)) == "t.csv:2: field 2: NUL byte at position 4");
  BOOST_TEST(ErrorOf(std::string("h\n\"a\0\"\n", 7)) == "t.csv:2: field 1: NUL byte at position 3");
  std::string long_row = "h\nx,";
  long_row += std::string(CsvReader::kMaxRowBytes, 'y');
  long_row += "\n";
  BOOST_TEST(ErrorOf(long_row) == "t.csv:2: row longer than 1 MiB");
  BOOST_TEST(ErrorOf("h\n\"" + std::string(CsvReader::kMaxRowBytes + 10, '\n') + "\"\n") ==
             "t.csv:2: row longer than 1 MiB");
}

BOOST_AUTO_TEST_CASE(accepts_a_row_of_exactly_1_mib) {
  const Rows rows = Parse("h\n" + std::string(CsvReader::kMaxRowBytes, 'y') + "\n");
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows[1][0].size() == CsvReader::kMaxRowBytes);
}

BOOST_AUTO_TEST_CASE(reuses_the_row) {
  const std::unique_ptr<CsvReader> reader = CsvReader::FromString("a,b,c\nd\ne,f,g\n", "t.csv");
  reader->DeliverBadRows();  // the short row too, to see it shrink the row and grow back
  TableRow row;
  BOOST_TEST_REQUIRE(reader->Next(&row));
  BOOST_TEST(row.fields.size() == 3u);
  BOOST_TEST_REQUIRE(reader->Next(&row));
  BOOST_TEST(Fields(row.fields) == Fields{"d"});
  BOOST_TEST(row.numeric == std::vector<bool>{false}, boost::test_tools::per_element());
  BOOST_TEST(row.line == 2);
  BOOST_TEST(row.problem == "t.csv:2: 1 field, header has 3");
  BOOST_TEST_REQUIRE(reader->Next(&row));
  BOOST_TEST(Fields(row.fields) == (Fields{"e", "f", "g"}));
  BOOST_TEST(row.problem.empty());
  BOOST_TEST(!reader->Next(&row));
  BOOST_TEST(reader->status().ok());
  BOOST_TEST(reader->source_name() == "t.csv");
}

// Lines 3 and 4 have one field too few and one too many; the row of empty fields and the
// last row (without a line end) have the header's three.
BOOST_AUTO_TEST_CASE(refuses_rows_of_another_width_than_the_header) {
  const std::unique_ptr<CsvReader> reader =
      CsvReader::FromString("a,b,c\n1,2,3\n1,2\n1,2,3,4\n,,\n1,2,3", "t.csv");
  TableRow row;
  std::vector<int> lines;
  while (reader->Next(&row)) lines.push_back(row.line);
  BOOST_TEST(lines == (std::vector<int>{1, 2, 5, 6}), boost::test_tools::per_element());
  BOOST_TEST((reader->status().code() == Status::Code::kInvalidInput));
  BOOST_TEST(
      reader->status().messages() == (std::vector<std::string>{"t.csv:3: 2 fields, header has 3",
                                                               "t.csv:4: 4 fields, header has 3"}),
      boost::test_tools::per_element());
  // Bad rows come before the error of the format that ends reading.
  BOOST_TEST(ErrorOf("h,i\n1\n\"open\n") ==
             "t.csv:2: 1 field, header has 2\nt.csv:3: field 1: unterminated quoted field");
}

// 105 rows of one field under a header of two: the first 100 are listed, 105 − 100 = 5
// are counted.
BOOST_AUTO_TEST_CASE(lists_at_most_100_bad_rows) {
  std::string text = "h,i\n";
  for (int i = 0; i < 105; ++i) text += "x\n";
  const std::unique_ptr<CsvReader> reader = CsvReader::FromString(std::move(text), "t.csv");
  TableRow row;
  BOOST_TEST_REQUIRE(reader->Next(&row));  // the header
  BOOST_TEST(!reader->Next(&row));
  const std::vector<std::string>& m = reader->status().messages();
  BOOST_TEST_REQUIRE(m.size() == 101u);
  BOOST_TEST(m.front() == "t.csv:2: 1 field, header has 2");
  BOOST_TEST(m[99] == "t.csv:101: 1 field, header has 2");
  BOOST_TEST(m.back() == "t.csv: 5 more bad rows not listed");
}

BOOST_AUTO_TEST_CASE(delivers_bad_rows_to_a_caller_that_asks) {
  const std::unique_ptr<CsvReader> reader = CsvReader::FromString("a;b\n1;2;3\n4;5\n6\n", "t.csv");
  reader->DeliverBadRows();
  TableRow row;
  std::vector<std::string> problems;
  while (reader->Next(&row)) problems.push_back(row.problem);
  BOOST_TEST(problems == (std::vector<std::string>{"", "t.csv:2: 3 fields, header has 2", "",
                                                   "t.csv:4: 1 field, header has 2"}),
             boost::test_tools::per_element());
  BOOST_TEST(reader->status().ok());
}

// Every buffer size, down to one byte, splits the text somewhere new: BOM, CRLF, doubled
// quotes, UTF-8 sequences and the header all cross buffer boundaries somewhere.
BOOST_AUTO_TEST_CASE(streams_through_any_buffer_size) {
  const std::string text =
      "\xEF\xBB\xBF"
      "case_id;kind;note\r\nVT-1;melding;\"a;\"\"b\"\"\r\nc\"\r\n\r\nVT-2;advies;Zoë 😀\r\n"
      "\"\";;\"x\"\r\nlast;€;end";
  std::vector<int> expected_lines;
  const Rows expected = Parse(text, &expected_lines);
  BOOST_TEST_REQUIRE(expected.size() == 5u);
  const TempFile file(text);
  for (std::size_t size = 1; size <= text.size() + 1; ++size) {
    BOOST_TEST_CONTEXT("buffer of " << size) {
      auto reader = CsvReader::Open(file.path, size);
      BOOST_TEST_REQUIRE(reader.ok());
      BOOST_TEST((*reader)->delimiter() == ';');
      std::vector<int> lines;
      BOOST_TEST(ReadAll(**reader, &lines) == expected, boost::test_tools::per_element());
      BOOST_TEST(lines == expected_lines, boost::test_tools::per_element());
    }
  }
  const TempFile bad("h\n\"a\n" + std::string("\xE2\x82(") + "\"\n");
  for (std::size_t size = 1; size <= 10; ++size) {
    auto reader = CsvReader::Open(bad.path, size);
    BOOST_TEST_REQUIRE(reader.ok());
    TableRow row;
    while ((*reader)->Next(&row)) {
    }
    BOOST_TEST((*reader)->status().ToString() ==
               bad.path + ":3: field 1: not valid UTF-8 (byte 0xE2 at position 1)");
  }
}

BOOST_AUTO_TEST_CASE(streams_a_file_larger_than_the_buffer) {
  // A quoted field with a doubled quote and a newline straddles the 1 MiB boundary.
  std::string text = "id,note\n";
  int line = 2;
  while (text.size() < CsvReader::kDefaultBufferBytes - 20) {
    text += std::to_string(line++) + ",plain text\n";
  }
  const int straddling_line = line;
  text += "S,\"" + std::string(30, 'q') + "\"\"\n" + std::string(30, 'r') + "\"\n";
  line += 2;
  const int after_line = line;
  text += "after,x\n";
  ++line;
  while (text.size() < 3 * CsvReader::kDefaultBufferBytes) {
    text += std::to_string(line++) + ",plain text\n";
  }
  const TempFile file(text);
  auto reader = OpenTable(file.path);
  BOOST_TEST_REQUIRE(reader.ok());
  TableRow row;
  int rows = 0;
  bool saw_straddling = false;
  while ((*reader)->Next(&row)) {
    ++rows;
    if (row.fields[0] == "S") {
      saw_straddling = true;
      BOOST_TEST(row.line == straddling_line);
      BOOST_TEST(row.fields[1] == std::string(30, 'q') + "\"\n" + std::string(30, 'r'));
    } else if (row.fields[0] == "after") {
      BOOST_TEST(row.line == after_line);
    } else if (rows > 1) {
      BOOST_TEST_REQUIRE(row.fields[0] == std::to_string(row.line));
    }
  }
  BOOST_TEST((*reader)->status().ok());
  BOOST_TEST(saw_straddling);
  BOOST_TEST(rows == line - 2);  // lines 1 .. line-1; the straddling record spans two
}

BOOST_AUTO_TEST_CASE(open_reports_missing_files) {
  auto reader = CsvReader::Open("/nonexistent/extract.csv");
  BOOST_TEST_REQUIRE(!reader.ok());
  BOOST_TEST(reader.status().IsNotFound());
  BOOST_TEST(reader.status().ToString() ==
             "/nonexistent/extract.csv: cannot open: No such file or directory");
  const TempFile file("a;b\n1;2\n", "EXTRACT.Csv");
  auto table = OpenTable(file.path, "ignored");
  BOOST_TEST_REQUIRE(table.ok());
  BOOST_TEST((*table)->source_name() == file.path);
  BOOST_TEST(ReadAll(**table) == (Rows{{"a", "b"}, {"1", "2"}}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
