// Profile: how a delivery maps onto the case fields (docs/extract.md, "Profiles"). A
// profile names, per record type, the source column of each field (by name or position),
// the date formats of each moment, value maps for codes, and the columns ignored on
// purpose. A delivery in several record types (CBS's meldingen and onderzoeken) has a
// primary record, whose rows are the cases, and secondary records joined to them by case
// number; they come one file per record type, or in one file whose type column tells each
// row's record type. The native profile is today's extract format; others are XML files
// (checklists/profiles/profile.xsd) loaded with their errors at FILE:LINE:COL. A Profile
// is a plain value: copy and share it freely.
#ifndef VTAUDIT_PROFILE_H_
#define VTAUDIT_PROFILE_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "case_record.h"
#include "status.h"

namespace vtaudit {

// How the text of a moment is written. kNative is the native extract's: ISO or DD-MM-YYYY
// with two-digit days and months, and an XLSX number cell as an Excel serial.
enum class DateFormat {
  kNative,
  kIso,           // YYYY-MM-DD[(T| )HH:MM[:SS]]
  kDayMonthYear,  // D-M-YYYY or DD-MM-YYYY[ HH:MM[:SS]]: 3-3-2025 and 03-03-2025 alike
  kCompact,       // YYYYMMDD[ HH:MM[:SS]]; JJJJMM00 and JJJJ0000 are partly unknown
  kExcelSerial,   // an Excel serial (1900 date system), in a number cell or as text
};
// The name a profile uses ("YYYY-MM-DD", "DD-MM-YYYY", "YYYYMMDD", "excel", "native").
std::string_view DateFormatName(DateFormat f);
std::optional<DateFormat> DateFormatFromName(std::string_view name);

// One case field and where a record type holds it.
struct FieldSource {
  CaseField field = CaseField::kCaseId;
  std::string column;   // the source column's name, lower case; empty when by position
  std::string heading;  // the column's name as the profile writes it, for templates
  int position = -1;    // 0-based column, when the profile gives a position instead
  // Moments: the formats tried in order. Default: native.
  std::vector<DateFormat> formats = {DateFormat::kNative};
  // Codes: source value (lower case) → the native value ("02" → "partnergeweld"). Empty:
  // the native values themselves. A value not in a non-empty map is a bad row.
  std::vector<std::pair<std::string, std::string>> codes;
  // violence: what separates several types in one cell.
  std::string separator = "|";
  // Moments: whether a partly unknown date (JJJJMM00, JJJJ0000) leaves the field empty
  // (true) or is a bad row (false, the default: a clock cannot run from an unknown day).
  bool unknown_day_empty = false;
  // What the organisation fills in, for `cases template`; empty: the field's own text.
  std::string note;

  // The column as a message names it after "column ": "aard", or "3" by position.
  std::string ColumnLabel() const;
};

// One kind of record of a delivery, in a file of its own or, when the profile has a type
// column, with the others in one file.
struct RecordType {
  std::string name;  // "melding", "onderzoek", "case"
  std::vector<FieldSource> fields;
  std::vector<std::string> ignored;  // column names (lower case) ignored on purpose
  // The values of the profile's type column (lower case) that mark this record's rows.
  std::vector<std::string> types;

  const FieldSource* Find(CaseField field) const;
};

struct Profile {
  std::string id;     // "native", "cbs-beleidsinformatie"
  std::string title;  // one line
  std::string note;   // how it was modelled
  // SHA-256 of the profile file's bytes, recorded with each delivery it shapes; empty for
  // the built-in native profile.
  std::string sha256;
  // The first is the primary record (one row per case); the others are joined to it by
  // their case_id field, which holds the case number of the primary row.
  std::vector<RecordType> records;
  // The column (lower case) telling each row's record type when all record types come in
  // one file; empty: one file per record type. A file without it is one record type's.
  std::string type_column;

  bool multi_record() const { return records.size() > 1; }
};

// The fields every primary record must map: case_id, kind, received.
bool IsRequiredField(CaseField field);
// What an organisation fills in for a field (for templates and docs).
std::string_view CaseFieldMeaning(CaseField field);

// Today's extract format: one record, the column names of CaseFieldNames().
const Profile& NativeProfile();

// Parses a profile (its sha256 that of `xml`); errors as "NAME:LINE:COL: what", every one
// found.
Result<Profile> ParseProfile(std::string_view xml, const std::string& source_name);
// Reads and parses a profile file.
Result<Profile> LoadProfile(const std::string& path);

}  // namespace vtaudit

#endif  // VTAUDIT_PROFILE_H_
