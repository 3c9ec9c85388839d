// RowChecker: the checks of one data row of an extract (docs/extract.md, "The checks"),
// set up once from the header row. It turns a row into the case it holds, or lists what is
// wrong with it as "FILE:LINE: column NAME: reason". It checks one row at a time and knows
// nothing of other rows: duplicate case ids and the all-or-nothing rule are the importer's.
// A built RowChecker is immutable, so rows may be checked on any thread.
#ifndef VTAUDIT_ROW_CHECKER_H_
#define VTAUDIT_ROW_CHECKER_H_

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "case_record.h"
#include "date.h"
#include "status.h"
#include "table_reader.h"

namespace vtaudit {

inline constexpr size_t kCaseFieldCount = 12;

// One data row of an extract, checked: the case it holds, or what is wrong with it.
struct CheckedRow {
  int line = 0;
  CaseRecord c;
  std::string violence;  // the types as stored: "a|b"
  std::vector<std::string> errors;
};

class RowChecker {
 public:
  // Reads the header row of `path`: where each field's column is; unknown and unnamed
  // columns are ignored with a warning added to *warnings. Refused, listing every problem:
  // a required column missing, a known column twice, a column named like a personal
  // identifier. `today`: dates after it are refused.
  static Result<RowChecker> FromHeader(const std::string& path, const TableRow& header,
                                       std::vector<std::string>* warnings,
                                       Date today = Date::Today());

  // Checks `row` into *out (its buffers reused): out->c is the case when out->errors is
  // empty. A row with TableRow::problem set is not checked further.
  void Check(const TableRow& row, CheckedRow* out) const;

  // "FILE:LINE: column NAME: reason".
  std::string RowMessage(int line, CaseField field, const std::string& reason) const;

 private:
  RowChecker(std::string path, Date today) : path_(std::move(path)), today_(today) {}

  std::string_view Field(const TableRow& row, CaseField field) const;
  bool Numeric(const TableRow& row, CaseField field) const;
  void ParseViolence(std::string_view text, int line, CheckedRow* out) const;
  std::optional<EventTime> ParseEvent(const TableRow& row, CaseField field, int line,
                                      CheckedRow* out) const;
  bool ParseFlag(const TableRow& row, CaseField field, int line, CheckedRow* out) const;
  void CheckOrder(int line, CheckedRow* out) const;

  std::string path_;
  Date today_;
  std::array<int, kCaseFieldCount> positions_{};  // per CaseField; -1: no such column
  std::vector<size_t> unknown_;                   // the ignored columns
  std::map<size_t, std::string> unknown_names_;   // their names, where they have one
};

}  // namespace vtaudit

#endif  // VTAUDIT_ROW_CHECKER_H_
