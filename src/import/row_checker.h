// RowChecker: the checks of one data row of a delivery (docs/extract.md, "The checks"),
// set up once from a profile's record type and the file's header row. It turns a row into
// the case it holds, or lists what is wrong with it as "FILE:LINE: column NAME: reason".
// It checks one row at a time: duplicate case ids and the all-or-nothing rule are the
// importer's. A primary record's checker may join the rows of secondary records (Joins),
// read before. A built RowChecker is immutable, so rows may be checked on any thread.
#ifndef VTAUDIT_ROW_CHECKER_H_
#define VTAUDIT_ROW_CHECKER_H_

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "case_record.h"
#include "date.h"
#include "profile.h"
#include "status.h"
#include "table_reader.h"

namespace vtaudit {

inline constexpr size_t kCaseFieldCount = 12;

// The field of each Event, in Event order.
inline constexpr std::array<CaseField, kEventCount> kEventFields = {
    CaseField::kReceived,
    CaseField::kTriaged,
    CaseField::kSafetyAssessed,
    CaseField::kInvestigationDecided,
    CaseField::kInvestigationStarted,
    CaseField::kInvestigationCompleted};

// One row of a secondary record (an onderzoek), checked, waiting for its primary row.
struct JoinedRow {
  const std::string* path = nullptr;
  const RecordType* record = nullptr;
  int line = 0;
  CaseRecord c;  // only the record's own fields are set
};

// The secondary rows of a delivery by the case number they point to.
struct Joins {
  std::vector<JoinedRow> rows;
  std::unordered_map<std::string, size_t> by_case;  // case_id → index into rows
};

// One data row of a delivery, checked: the case it holds, or what is wrong with it.
struct CheckedRow {
  static constexpr size_t kNotJoined = static_cast<size_t>(-1);
  int line = 0;
  CaseRecord c;
  std::string violence;  // the types as stored: "a|b"
  std::vector<std::string> errors;
  std::vector<ProblemCode> problems;  // the code of each error, in the order of errors
  size_t joined = kNotJoined;         // the secondary row joined into c, if any
};

class RowChecker {
 public:
  // Reads the header row of `path` for record `record` of `profile` (both must outlive the
  // checker): where each field's column is. Unknown and unnamed columns are ignored with a
  // warning added to *warnings; the record's ignored columns silently. Refused, listing
  // every problem: a required column missing, a column twice, a column named like a
  // personal identifier (ignored or not). `today`: dates after it are refused. `joins`:
  // for a primary record, the secondary rows to join (must outlive the checker), or null.
  static Result<RowChecker> FromHeader(const std::string& path, const Profile& profile,
                                       size_t record, const TableRow& header,
                                       std::vector<std::string>* warnings,
                                       Date today = Date::Today(), const Joins* joins = nullptr);
  // The native profile's checker.
  static Result<RowChecker> FromHeader(const std::string& path, const TableRow& header,
                                       std::vector<std::string>* warnings,
                                       Date today = Date::Today()) {
    return FromHeader(path, NativeProfile(), 0, header, warnings, today);
  }

  // Whether the header has the profile's type column: all record types in one file.
  static bool HasTypeColumn(const Profile& profile, const TableRow& header);
  // In a file of all record types: whether `row` is this checker's to check. A row of its
  // record type is; the primary record's checker also takes the rows of no record type
  // (Check refuses them) and those that do not fit the header. Elsewhere every row is.
  bool Takes(const TableRow& row) const;

  // Checks `row` into *out (its buffers reused): out->c is the case when out->errors is
  // empty. A row with TableRow::problem set is not checked further. A secondary record's
  // row sets only its own fields and skips the checks across fields.
  void Check(const TableRow& row, CheckedRow* out) const;

  // "FILE:LINE: column NAME: reason", NAME the source column ("datum_melding (received)"
  // where it differs from the field's name).
  std::string RowMessage(int line, CaseField field, const std::string& reason) const;
  // The code of such a message: `key` with `args` and {where} ("FILE:LINE") and {column}
  // (NAME) added, so a text of another language says the reason and keeps the place.
  ProblemCode RowProblem(int line, CaseField field, std::string_view key,
                         std::map<std::string, std::string> args = {}) const;
  // How many of the record's named columns the header has (to tell record types apart).
  static int ColumnsFound(const RecordType& record, const TableRow& header);

 private:
  RowChecker(std::string path, const Profile& profile, size_t record, Date today,
             const Joins* joins)
      : path_(std::move(path)),
        profile_(&profile),
        record_(&profile.records[record]),
        primary_(record == 0),
        today_(today),
        joins_(joins) {}

  std::string_view Cell(const TableRow& row, CaseField field) const;
  bool Numeric(const TableRow& row, CaseField field) const;
  // The native value of a code cell; nullopt (with the error added) for an unknown code.
  std::optional<std::string_view> Decode(const FieldSource& src, std::string_view text, int line,
                                         CheckedRow* out) const;
  void ParseViolence(const FieldSource& src, std::string_view text, int line,
                     CheckedRow* out) const;
  std::optional<EventTime> ParseEvent(const TableRow& row, CaseField field, int line,
                                      CheckedRow* out) const;
  bool ParseFlag(const TableRow& row, CaseField field, int line, CheckedRow* out) const;
  void Join(CheckedRow* out) const;
  void CheckOrder(int line, CheckedRow* out) const;
  std::string Message(const std::string& path, int line, const FieldSource* src, CaseField field,
                      const std::string& reason) const;
  // Adds to *out the error RowMessage(line, field, reason) with its code RowProblem(…).
  void Refuse(CheckedRow* out, int line, CaseField field, const std::string& reason,
              std::string_view key, std::map<std::string, std::string> args = {}) const;

  std::string path_;
  const Profile* profile_;
  const RecordType* record_;
  bool primary_;
  Date today_;
  const Joins* joins_;
  std::array<int, kCaseFieldCount> positions_{};               // per CaseField; -1: no such column
  std::array<const FieldSource*, kCaseFieldCount> sources_{};  // per CaseField; null: unmapped
  int type_position_ = -1;                       // the type column, in a file of all record types
  std::vector<size_t> unknown_;                  // the ignored columns
  std::map<size_t, std::string> unknown_names_;  // their names, where they have one
};

}  // namespace vtaudit

#endif  // VTAUDIT_ROW_CHECKER_H_
