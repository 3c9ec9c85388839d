// TableReader: a stream of rows from a registration extract (CSV or XLSX), header first,
// so the importer reads both formats the same way. Readers are not thread-safe.
//
// Every reader holds its rows to the header's width, so that no caller can cut or pad a
// row silently: a data row with another number of fields than the header is a bad row,
// "FILE:LINE: N fields, header has M". A CSV row must have exactly as many fields as
// the header. An XLSX sheet stores no empty cells, so a row there may end early; it is
// bad only when a cell right of the header's last non-empty cell holds text (trailing
// empty cells do not count, in the header or in a row).
#ifndef VTAUDIT_TABLE_READER_H_
#define VTAUDIT_TABLE_READER_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "status.h"

namespace vtaudit {

// One row of a table. Rows end at their last cell: trailing cells may be missing.
struct TableRow {
  // CSV: 1-based physical line where the record starts; XLSX: the sheet row number.
  int line = 0;
  // UTF-8 text of each cell.
  std::vector<std::string> fields;
  // XLSX: true where the cell was a number (fields holds its text, e.g. "45719" or
  // "45719.5"); CSV: all false. Same size as fields.
  std::vector<bool> numeric;
  // Why the row does not fit the header ("FILE:LINE: N fields, header has M"); only set
  // by a reader asked to DeliverBadRows(), empty for a good row.
  std::string problem;
  ProblemCode problem_code;  // the problem's code (status.h); empty key for a good row
};

class TableReader {
 public:
  // By default, bad rows after this many are counted, not listed.
  static constexpr long kMaxListedBadRows = 100;

  virtual ~TableReader() = default;
  // Reads the next row into *row, reusing its capacity. Returns false at the end or on
  // error; then status() says which (ok at the end). Rows without any text are skipped.
  // The first row is the header. By default a bad row is not delivered: reading goes on,
  // and at the end status() is Invalid, listing the bad rows (up to kMaxListedBadRows,
  // then "FILE: N more bad rows not listed") before any error of the format.
  bool Next(TableRow* row);
  const Status& status() const { return finished_ ? end_status_ : read_status(); }
  // The path (or the name given for an in-memory table), as used in messages.
  virtual std::string_view source_name() const = 0;
  // For a caller that lists bad rows itself, in file order and up to a limit of its own:
  // from now on a bad row is delivered as read, with TableRow::problem set, and is left
  // out of status().
  void DeliverBadRows() { deliver_bad_rows_ = true; }

 protected:
  // The format's reading: the next row with text into *row (its `problem` untouched);
  // false at the end or on an error of the format, which read_status() then holds.
  virtual bool ReadRow(TableRow* row) = 0;
  virtual const Status& read_status() const = 0;
  // Whether the format leaves empty cells out (XLSX), so that a row may end early.
  virtual bool OmitsEmptyCells() const { return false; }

 private:
  std::size_t Width(const TableRow& row) const;

  std::optional<std::size_t> header_width_;  // set once the header is read
  bool deliver_bad_rows_ = false;
  long bad_rows_ = 0;                    // not delivered
  std::vector<std::string> bad_listed_;  // the first kMaxListedBadRows of them
  std::vector<ProblemCode> bad_codes_;   // their codes
  bool finished_ = false;
  Status end_status_;
};

// Opens by file extension (.xlsx, any case → XLSX, else CSV). `sheet` empty = first sheet
// (XLSX only; ignored for CSV).
Result<std::unique_ptr<TableReader>> OpenTable(const std::string& path,
                                               const std::string& sheet = "");

}  // namespace vtaudit

#endif  // VTAUDIT_TABLE_READER_H_
