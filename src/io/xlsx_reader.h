// XlsxReader: reads one worksheet of an Excel workbook (.xlsx) as a stream of rows, so an
// extract saved from Excel imports like a CSV. The sheet is inflated and parsed as it is
// read (xml_stream.h), so memory is bounded by one row and the shared strings, which are
// held whole and capped. Not thread-safe.
#ifndef VTAUDIT_XLSX_READER_H_
#define VTAUDIT_XLSX_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "status.h"
#include "table_reader.h"

namespace vtaudit {

class XlsxReader : public TableReader {
 public:
  // A workbook part (sheet, shared strings) larger than this uncompressed is refused.
  static constexpr std::uint64_t kMaxPartBytes = std::uint64_t{200} << 20;
  // Excel's own limits: a cell holds at most 32767 characters, a row 16384 cells.
  static constexpr std::size_t kMaxCellChars = 32767;
  static constexpr int kMaxColumns = 16384;
  // As for a CSV row (csv_reader.h): the text of one row.
  static constexpr std::size_t kMaxRowBytes = std::size_t{1} << 20;
  // The shared strings are held whole: at most this many (two per row of a full sheet) …
  static constexpr std::size_t kMaxSharedStrings = std::size_t{1} << 21;
  // … and this much text in all.
  static constexpr std::size_t kMaxSharedStringBytes = std::size_t{64} << 20;
  // Sheets a workbook lists, relationships it declares.
  static constexpr std::size_t kMaxListEntries = 65536;

  // Opens the sheet named `sheet`, or the first sheet when it is empty. Refuses files that
  // are not workbooks, parts with a DOCTYPE and parts over `max_part_bytes` (tests lower it),
  // and shared strings over the limits above. An unknown sheet is NotFound, naming the
  // sheets that exist.
  static Result<std::unique_ptr<XlsxReader>> Open(const std::string& path,
                                                  const std::string& sheet = "",
                                                  std::uint64_t max_part_bytes = kMaxPartBytes);
  ~XlsxReader() override;

  // Cells come as text: shared and inline strings (rich text runs joined, Excel's _xHHHH_
  // escapes decoded), formula results, booleans as "1"/"0", error values such as "#N/A",
  // numbers as written in the file with numeric set. Cells missing from the XML are empty.
  // Errors: "FILE:ROW: reason" (a cell over kMaxCellChars, a row over kMaxColumns cells or
  // kMaxRowBytes of text, …) or "FILE: PART:LINE:COL: reason" for the XML. A row with text
  // right of the header's last non-empty cell is a bad row (table_reader.h).
  std::string_view source_name() const override { return source_name_; }
  // The name of the sheet being read.
  const std::string& sheet_name() const { return sheet_name_; }

 private:
  struct Sheet;

  bool ReadRow(TableRow* row) override;
  const Status& read_status() const override { return status_; }
  bool OmitsEmptyCells() const override { return true; }

  XlsxReader(std::string source_name, std::string sheet_name, std::unique_ptr<Sheet> sheet);

  std::string source_name_;
  std::string sheet_name_;
  std::unique_ptr<Sheet> sheet_;
  bool done_ = false;
  Status status_;
};

}  // namespace vtaudit

#endif  // VTAUDIT_XLSX_READER_H_
