// XlsxReader: reads one worksheet of an Excel workbook (.xlsx) as a stream of rows, so an
// extract saved from Excel imports like a CSV. The sheet's XML is held in memory, up to a
// size guard. Not thread-safe.
#ifndef VTAUDIT_XLSX_READER_H_
#define VTAUDIT_XLSX_READER_H_

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

  // Opens the sheet named `sheet`, or the first sheet when it is empty. Refuses files that
  // are not workbooks, parts with a DOCTYPE and parts over `max_part_bytes` (tests lower it).
  // An unknown sheet is NotFound, naming the sheets that exist.
  static Result<std::unique_ptr<XlsxReader>> Open(const std::string& path,
                                                  const std::string& sheet = "",
                                                  std::uint64_t max_part_bytes = kMaxPartBytes);
  ~XlsxReader() override;

  // Cells come as text: shared and inline strings (rich text runs joined), formula results,
  // booleans as "1"/"0", error values such as "#N/A", numbers as written in the file with
  // numeric set. Cells missing from the XML are empty. Errors: "FILE:ROW: reason". A row
  // with text right of the header's last non-empty cell is a bad row (table_reader.h).
  std::string_view source_name() const override { return source_name_; }
  // The name of the sheet being read.
  const std::string& sheet_name() const { return sheet_name_; }

 private:
  struct Sheet;

  bool ReadRow(TableRow* row) override;
  const Status& read_status() const override { return status_; }
  bool OmitsEmptyCells() const override { return true; }

  XlsxReader(std::string source_name, std::string sheet_name, std::unique_ptr<Sheet> sheet);
  bool Fail(int row, std::string reason);

  std::string source_name_;
  std::string sheet_name_;
  std::unique_ptr<Sheet> sheet_;
  int last_row_ = 0;
  bool done_ = false;
  Status status_;
};

}  // namespace vtaudit

#endif  // VTAUDIT_XLSX_READER_H_
