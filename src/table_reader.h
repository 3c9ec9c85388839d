// TableReader: a stream of rows from a registration extract (CSV or XLSX), header first,
// so the importer reads both formats the same way. Readers are not thread-safe.
#ifndef VTAUDIT_TABLE_READER_H_
#define VTAUDIT_TABLE_READER_H_

#include <memory>
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
};

class TableReader {
 public:
  virtual ~TableReader() = default;
  // Reads the next row into *row, reusing its capacity. Returns false at the end or on
  // error; then status() says which (ok at the end). Rows without any text are skipped.
  virtual bool Next(TableRow* row) = 0;
  virtual const Status& status() const = 0;
  // The path (or the name given for an in-memory table), as used in messages.
  virtual std::string_view source_name() const = 0;
};

// Opens by file extension (.xlsx, any case → XLSX, else CSV). `sheet` empty = first sheet
// (XLSX only; ignored for CSV).
Result<std::unique_ptr<TableReader>> OpenTable(const std::string& path,
                                               const std::string& sheet = "");

}  // namespace vtaudit

#endif  // VTAUDIT_TABLE_READER_H_
