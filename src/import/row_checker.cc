#include "row_checker.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "case_store.h"
#include "escape.h"
#include "printable.h"
#include "privacy.h"
#include "problems.h"
#include "text.h"

namespace vtaudit {
namespace {

static_assert(static_cast<size_t>(CaseField::kDisclosure) + 1 == kCaseFieldCount);

std::string_view FieldName(CaseField field) { return CaseFieldNames()[static_cast<size_t>(field)]; }

// The column a message names: the field's name, or "SOURCE (field)" where the profile takes
// the field from a column of another name.
std::string ColumnName(const FieldSource* src, CaseField field) {
  std::string label(FieldName(field));
  if (src != nullptr && src->column != label) label = src->ColumnLabel() + " (" + label + ")";
  return label;
}

// The code `key` of a message about `column` at "`path`:`line`".
ProblemCode AtColumn(const std::string& path, int line, const std::string& column,
                     std::string_view key, std::map<std::string, std::string> args) {
  args["where"] = path + ":" + std::to_string(line);
  args["column"] = column;
  return Problem(key, std::move(args));
}

std::optional<size_t> EventIndex(CaseField field) {
  for (size_t e = 0; e < kEventFields.size(); ++e) {
    if (kEventFields[e] == field) return e;
  }
  return std::nullopt;
}

bool IsOutcomeCode(std::string_view s) {
  static constexpr std::array<std::string_view, 8> kCodes = {
      "VT-00", "VT-01-01", "VT-01-02", "VT-01-03", "VT-01-04", "VT-02", "VT-03", "VT-99"};
  return std::find(kCodes.begin(), kCodes.end(), s) != kCodes.end();
}

// Whether `later` may follow `earlier`: dates are compared when either has no time.
bool NotBefore(const EventTime& later, const EventTime& earlier) {
  if (!later.seconds || !earlier.seconds) return later.date >= earlier.date;
  return later.Timestamp() >= earlier.Timestamp();
}

// Whether `s` is `lower` in any case. A value already in lower case, as every native value
// is (and every value a profile's code maps to), takes one comparison.
bool SameLower(std::string_view s, std::string_view lower) {
  return s == lower || EqualsLower(s, lower);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool Digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit); }

// Why a moment did not parse in one format; `unknown_day` when it is a partly unknown date.
struct MomentProblem {
  DateReason why;
  bool unknown_day = false;
  bool unknown_month = false;  // with unknown_day: JJJJ0000
};

// `args` with the date parser's `reason` as their field why (PutReason), its parts escaped as
// the English of why is.
std::map<std::string, std::string> WithReason(std::map<std::string, std::string> args,
                                              ProblemCode reason) {
  for (auto& [name, value] : reason.args) value = EscapeControl(value);
  PutReason(&args, "why", reason);
  return args;
}

// One moment in one format. On failure sets *problem.
std::optional<EventTime> ParseMoment(DateFormat format, std::string_view text, bool numeric,
                                     MomentProblem* problem) {
  switch (format) {
    case DateFormat::kNative:
      return numeric ? FromExcelSerial(text, &problem->why) : ParseEventTime(text, &problem->why);
    case DateFormat::kExcelSerial:
      return FromExcelSerial(text, &problem->why);
    case DateFormat::kIso:
      if (text.size() < 10 || !Digits(text.substr(0, 4)) || text[4] != '-') {
        problem->why = {"not YYYY-MM-DD", Problem("problem.date.not_iso")};
        return std::nullopt;
      }
      return ParseEventTime(text, &problem->why);
    case DateFormat::kDayMonthYear: {
      // D-M-YYYY: day and month padded to two digits in a buffer on the stack, then read as
      // DD-MM-YYYY. This runs for every moment of every row, so the shape is checked in one
      // pass over the characters: no searches, no substrings.
      const auto digits_at = [text](size_t i) {  // how many digits from i on, at most 3
        size_t n = 0;
        while (i + n < text.size() && n < 3 && IsDigit(text[i + n])) ++n;
        return n;
      };
      const size_t d = digits_at(0);  // the first '-' when the day has 1 or 2 digits
      const size_t month = d + 1 < text.size() ? digits_at(d + 1) : 0;
      const size_t m = d + 1 + month;  // the second '-'
      std::array<char, 40> padded;
      if (d < 1 || d > 2 || d >= text.size() || text[d] != '-' || month < 1 || month > 2 ||
          m >= text.size() || text[m] != '-' || text.size() < m + 5 || digits_at(m + 1) < 3 ||
          !IsDigit(text[m + 4]) || text.size() + 2 > padded.size()) {
        problem->why = {"not DD-MM-YYYY", Problem("problem.date.not_day_month_year")};
        return std::nullopt;
      }
      size_t n = 0;
      if (d == 1) padded[n++] = '0';
      for (size_t i = 0; i <= d; ++i) padded[n++] = text[i];
      if (month == 1) padded[n++] = '0';
      text.substr(d + 1).copy(padded.data() + n, text.size() - d - 1);
      n += text.size() - d - 1;
      return ParseEventTime(std::string_view(padded.data(), n), &problem->why);
    }
    case DateFormat::kCompact: {
      if (text.size() < 8 || !Digits(text.substr(0, 8))) {
        problem->why = {"not YYYYMMDD", Problem("problem.date.not_compact")};
        return std::nullopt;
      }
      const std::string_view month = text.substr(4, 2), day = text.substr(6, 2);
      if (day == "00") {
        problem->unknown_day = true;
        problem->unknown_month = month == "00";
        problem->why.text =
            month == "00" ? "has no month and day (JJJJ0000)" : "has no day (JJJJMM00)";
        return std::nullopt;
      }
      std::string iso = std::string(text.substr(0, 4)) + "-" + std::string(month) + "-" +
                        std::string(day) + std::string(text.substr(8));
      return ParseEventTime(iso, &problem->why);
    }
  }
  return std::nullopt;
}

// The header's column names as the checks compare them: trimmed, lower case, no BOM.
std::string HeaderName(const TableRow& header, size_t i) {
  std::string name = Lower(Trim(header.fields[i]));
  if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name = name.substr(3);
  return name;
}

// Whether `name` is a column some record of `profile` maps or ignores.
bool ProfileColumn(const Profile& profile, const std::string& name) {
  for (const RecordType& r : profile.records) {
    if (std::find(r.ignored.begin(), r.ignored.end(), name) != r.ignored.end()) return true;
    for (const FieldSource& f : r.fields) {
      if (!f.column.empty() && f.column == name) return true;
    }
  }
  return false;
}

}  // namespace

int RowChecker::ColumnsFound(const RecordType& record, const TableRow& header) {
  int found = 0;
  for (const FieldSource& f : record.fields) {
    if (f.column.empty()) continue;
    for (size_t i = 0; i < header.fields.size(); ++i) {
      if (HeaderName(header, i) == f.column) {
        ++found;
        break;
      }
    }
  }
  return found;
}

bool RowChecker::HasTypeColumn(const Profile& profile, const TableRow& header) {
  if (profile.type_column.empty()) return false;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    if (HeaderName(header, i) == profile.type_column) return true;
  }
  return false;
}

bool RowChecker::Takes(const TableRow& row) const {
  if (type_position_ < 0) return true;
  if (!row.problem.empty()) return primary_;
  const size_t pos = static_cast<size_t>(type_position_);
  const std::string_view type = pos < row.fields.size() ? Trim(row.fields[pos]) : "";
  const auto marks = [&](const RecordType& r) {
    return std::any_of(r.types.begin(), r.types.end(),
                       [&](const std::string& t) { return EqualsLower(type, t); });
  };
  if (marks(*record_)) return true;
  return primary_ && std::none_of(profile_->records.begin(), profile_->records.end(), marks);
}

Result<RowChecker> RowChecker::FromHeader(const std::string& path, const Profile& profile,
                                          size_t record, const TableRow& header,
                                          std::vector<std::string>* warnings, Date today,
                                          const Joins* joins) {
  RowChecker checker(path, profile, record, today, joins);
  const RecordType& r = *checker.record_;
  checker.positions_.fill(-1);
  checker.sources_.fill(nullptr);
  std::vector<std::string> problems;
  std::vector<ProblemCode> codes;  // one per problem
  const std::string at_header = path + ":" + std::to_string(header.line);
  const auto refuse = [&](std::string message, std::string_view key,
                          std::map<std::string, std::string> args) {
    problems.push_back(std::move(message));
    args["where"] = at_header;
    codes.push_back(Problem(key, std::move(args)));
  };
  for (const FieldSource& f : r.fields) {
    checker.sources_[static_cast<size_t>(f.field)] = &f;
    if (f.position >= 0) {
      if (static_cast<size_t>(f.position) >= header.fields.size()) {
        refuse(at_header + ": profile " + profile.id + " takes " + std::string(FieldName(f.field)) +
                   " from column " + std::to_string(f.position + 1) + ", but the header has " +
                   std::to_string(header.fields.size()) + " columns",
               "problem.header.column_beyond",
               {{"profile", profile.id},
                {"field", std::string(FieldName(f.field))},
                {"position", std::to_string(f.position + 1)},
                {"columns", std::to_string(header.fields.size())}});
      }
      checker.positions_[static_cast<size_t>(f.field)] = f.position;
    }
  }
  // A file of all record types: the type column and the other records' columns are
  // expected, and the unknown columns are reported once, by the primary record's checker.
  const bool one_file = HasTypeColumn(profile, header);
  const bool warn = checker.primary_ || !one_file;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string name = HeaderName(header, i);
    const std::string where = at_header + ": column '" + EscapeControl(name) + "'";
    const FieldSource* mapped = nullptr;
    bool by_position = false;
    for (const FieldSource& f : r.fields) {
      if (!f.column.empty() && f.column == name) mapped = &f;
      by_position = by_position || f.position == static_cast<int>(i);
    }
    // Every column's name is checked, whatever the profile makes of it.
    if (const std::string kind = PersonalColumnKind(name); !kind.empty()) {
      refuse(where + " looks like a personal identifier (" + kind +
                 "); vtaudit stores no names, addresses or BSNs: remove the column",
             "problem.header.personal", {{"column", EscapeControl(name)}, {"kind", kind}});
      continue;
    }
    // The type column may also be a field's (kind, say).
    const bool type_column = one_file && name == profile.type_column;
    if (type_column) {
      if (checker.type_position_ >= 0) {
        refuse(where + " appears twice", "problem.header.twice", {{"column", EscapeControl(name)}});
      }
      checker.type_position_ = static_cast<int>(i);
    }
    if (mapped != nullptr) {
      int& position = checker.positions_[static_cast<size_t>(mapped->field)];
      if (position >= 0) {
        refuse(where + " appears twice", "problem.header.twice", {{"column", EscapeControl(name)}});
      }
      position = static_cast<int>(i);
    } else if (by_position) {
      continue;
    } else if (type_column) {
      continue;
    } else if (std::find(r.ignored.begin(), r.ignored.end(), name) != r.ignored.end() ||
               (one_file && ProfileColumn(profile, name))) {
      checker.unknown_.push_back(i);
      checker.unknown_names_[i] = EscapeControl(name);
    } else if (name.empty()) {
      if (warn) {
        warnings->push_back(at_header + ": column " + std::to_string(i + 1) +
                            " has no name and is ignored");
      }
      checker.unknown_.push_back(i);
    } else {
      if (warn) warnings->push_back(where + " is not a known column and is ignored");
      checker.unknown_.push_back(i);
      checker.unknown_names_[i] = EscapeControl(name);
    }
  }
  for (const FieldSource& f : r.fields) {
    const bool required =
        f.field == CaseField::kCaseId || (checker.primary_ && IsRequiredField(f.field));
    if (required && checker.positions_[static_cast<size_t>(f.field)] < 0) {
      const std::string column =
          f.column == FieldName(f.field)
              ? "'" + f.column + "'"
              : "'" + f.column + "' (" + std::string(FieldName(f.field)) + ")";
      refuse(at_header + ": required column " + column + " is missing", "problem.header.missing",
             {{"column", column}});
    }
  }
  if (!problems.empty()) {
    problems.push_back(path + ": nothing imported; the workspace is unchanged");
    codes.push_back(Problem("problem.import.nothing_imported", {{"where", path}}));
    return Status::InvalidAll(std::move(problems), std::move(codes));
  }
  return checker;
}

std::string RowChecker::Message(const std::string& path, int line, const FieldSource* src,
                                CaseField field, const std::string& reason) const {
  return path + ":" + std::to_string(line) + ": column " + ColumnName(src, field) + ": " + reason;
}

std::string RowChecker::RowMessage(int line, CaseField field, const std::string& reason) const {
  return Message(path_, line, sources_[static_cast<size_t>(field)], field, reason);
}

ProblemCode RowChecker::RowProblem(int line, CaseField field, std::string_view key,
                                   std::map<std::string, std::string> args) const {
  return AtColumn(path_, line, ColumnName(sources_[static_cast<size_t>(field)], field), key,
                  std::move(args));
}

void RowChecker::Refuse(CheckedRow* out, int line, CaseField field, const std::string& reason,
                        std::string_view key, std::map<std::string, std::string> args) const {
  out->errors.push_back(RowMessage(line, field, reason));
  out->problems.push_back(RowProblem(line, field, key, std::move(args)));
}

std::string_view RowChecker::Cell(const TableRow& row, CaseField field) const {
  const int pos = positions_[static_cast<size_t>(field)];
  return pos >= 0 && static_cast<size_t>(pos) < row.fields.size()
             ? std::string_view(row.fields[static_cast<size_t>(pos)])
             : std::string_view();
}

bool RowChecker::Numeric(const TableRow& row, CaseField field) const {
  const int pos = positions_[static_cast<size_t>(field)];
  return pos >= 0 && static_cast<size_t>(pos) < row.numeric.size() &&
         row.numeric[static_cast<size_t>(pos)];
}

std::optional<std::string_view> RowChecker::Decode(const FieldSource& src, std::string_view text,
                                                   int line, CheckedRow* out) const {
  if (src.codes.empty() || text.empty()) return text;
  for (const auto& [code, means] : src.codes) {
    if (EqualsLower(text, code)) return std::string_view(means);
  }
  std::string allowed;
  for (const auto& [code, means] : src.codes) {
    allowed += (allowed.empty() ? "" : ", ") + code + " (" + means + ")";
  }
  Refuse(out, line, src.field,
         "'" + EscapeControl(text) + "' is not a code of profile " + profile_->id + ": " + allowed,
         "problem.row.not_a_code",
         {{"value", EscapeControl(text)}, {"profile", profile_->id}, {"codes", allowed}});
  return std::nullopt;
}

void RowChecker::Check(const TableRow& row, CheckedRow* out) const {
  out->errors.clear();
  out->problems.clear();
  out->line = row.line;
  out->joined = CheckedRow::kNotJoined;
  if (!row.problem.empty()) {
    // Its fields are not where the header says: checking them would only mislead.
    out->errors.push_back(row.problem);
    out->problems.push_back(row.problem_code);
    return;
  }
  if (type_position_ >= 0) {
    const size_t pos = static_cast<size_t>(type_position_);
    const std::string_view type = pos < row.fields.size() ? Trim(row.fields[pos]) : "";
    if (std::none_of(record_->types.begin(), record_->types.end(),
                     [&](const std::string& t) { return EqualsLower(type, t); })) {
      std::string known;
      for (const RecordType& r : profile_->records) {
        for (const std::string& t : r.types) {
          known += (known.empty() ? "" : ", ") + t + " (" + r.name + ")";
        }
      }
      out->errors.push_back(path_ + ":" + std::to_string(row.line) + ": column " +
                            profile_->type_column + ": '" + EscapeControl(type) +
                            "' is not a record type of profile " + profile_->id + ": " + known);
      out->problems.push_back(
          AtColumn(path_, row.line, profile_->type_column, "problem.row.not_a_record_type",
                   {{"value", EscapeControl(type)}, {"profile", profile_->id}, {"types", known}}));
      return;
    }
  }
  CaseRecord* c = &out->c;
  const int line = row.line;
  const auto error = [&](CaseField field, const std::string& reason, std::string_view key,
                         std::map<std::string, std::string> args = {}) {
    Refuse(out, line, field, reason, key, std::move(args));
  };
  const auto mapped = [&](CaseField field) {
    return sources_[static_cast<size_t>(field)] != nullptr;
  };
  c->case_id.assign(Trim(Cell(row, CaseField::kCaseId)));
  if (c->case_id.empty()) {
    error(CaseField::kCaseId, "empty; every case needs the organisation's case number",
          "problem.row.case_id_empty");
  } else if (const std::string why = UnprintableReason(c->case_id); !why.empty()) {
    error(CaseField::kCaseId, "holds " + why + "; a case_id may hold printable characters only",
          "problem.row.case_id_unprintable", {{"what", why}});
  } else if (ContainsBsn(c->case_id)) {
    error(CaseField::kCaseId,
          "'" + c->case_id +
              "' looks like a BSN (9 digits passing the 11-proef); use the organisation's case "
              "number",
          "problem.row.case_id_bsn", {{"value", c->case_id}});
  }
  if (mapped(CaseField::kKind)) {
    const std::optional<std::string_view> kind =
        Decode(*sources_[static_cast<size_t>(CaseField::kKind)], Trim(Cell(row, CaseField::kKind)),
               line, out);
    if (!kind) {
    } else if (SameLower(*kind, "melding")) {
      c->kind = CaseKind::kMelding;
    } else if (SameLower(*kind, "advies")) {
      c->kind = CaseKind::kAdvies;
    } else {
      error(CaseField::kKind, "'" + EscapeControl(Lower(*kind)) + "' is not melding or advies",
            "problem.row.not_a_kind", {{"value", EscapeControl(Lower(*kind))}});
    }
  }
  if (const FieldSource* v = sources_[static_cast<size_t>(CaseField::kViolence)]) {
    ParseViolence(*v, Trim(Cell(row, CaseField::kViolence)), line, out);
  } else {
    c->violence.clear();
    out->violence.clear();
  }
  for (size_t e = 0; e < kEventFields.size(); ++e) {
    c->events[e] =
        mapped(kEventFields[e]) ? ParseEvent(row, kEventFields[e], line, out) : std::nullopt;
  }
  if (primary_ && !c->event(Event::kReceived) && Trim(Cell(row, CaseField::kReceived)).empty()) {
    error(CaseField::kReceived, "empty; every case has a date of receipt",
          "problem.row.received_empty");
  }
  c->outcome.clear();
  if (const FieldSource* o = sources_[static_cast<size_t>(CaseField::kOutcome)]) {
    if (const std::optional<std::string_view> outcome =
            Decode(*o, Trim(Cell(row, CaseField::kOutcome)), line, out)) {
      c->outcome.assign(*outcome);
      if (!c->outcome.empty() && !IsOutcomeCode(c->outcome)) {
        error(CaseField::kOutcome,
              "'" + EscapeControl(c->outcome) +
                  "' is not a VT outcome code (VT-00, VT-01-01 … VT-01-04, VT-02, VT-03, VT-99)",
              "problem.row.not_an_outcome", {{"value", EscapeControl(c->outcome)}});
      }
    }
  }
  c->rvdk = mapped(CaseField::kRvdk) && ParseFlag(row, CaseField::kRvdk, line, out);
  c->disclosure =
      mapped(CaseField::kDisclosure) && ParseFlag(row, CaseField::kDisclosure, line, out);
  if (primary_) {
    Join(out);
    CheckOrder(line, out);
  }
  for (size_t pos : unknown_) {
    if (pos < row.fields.size() && ContainsBsn(row.fields[pos])) {
      const auto named = unknown_names_.find(pos);
      const std::string column =
          named != unknown_names_.end() ? named->second : std::to_string(pos + 1);
      out->errors.push_back(path_ + ":" + std::to_string(line) + ": column " + column +
                            ": holds a number that passes the BSN 11-proef; vtaudit stores no "
                            "BSNs: remove the column");
      out->problems.push_back(AtColumn(path_, line, column, "problem.row.ignored_bsn", {}));
    }
  }
}

// Copies the fields of the secondary row for this case, if there is one, into out->c.
void RowChecker::Join(CheckedRow* out) const {
  if (joins_ == nullptr) return;
  const auto it = joins_->by_case.find(out->c.case_id);
  if (it == joins_->by_case.end()) return;
  out->joined = it->second;
  const JoinedRow& j = joins_->rows[it->second];
  CaseRecord* c = &out->c;
  for (const FieldSource& f : j.record->fields) {
    if (const std::optional<size_t> e = EventIndex(f.field)) {
      c->events[*e] = j.c.events[*e];
    } else if (f.field == CaseField::kOutcome) {
      c->outcome = j.c.outcome;
    } else if (f.field == CaseField::kViolence) {
      c->violence = j.c.violence;
      out->violence = JoinViolence(c->violence);
    } else if (f.field == CaseField::kRvdk) {
      c->rvdk = j.c.rvdk;
    } else if (f.field == CaseField::kDisclosure) {
      c->disclosure = j.c.disclosure;
    }
  }
}

// Fills out->c.violence (reusing its strings) and out->violence, the text to store.
void RowChecker::ParseViolence(const FieldSource& src, std::string_view text, int line,
                               CheckedRow* out) const {
  CaseRecord* c = &out->c;
  size_t n = 0;
  std::string& joined = out->violence;
  joined.clear();
  size_t start = 0;
  while (!text.empty() && start <= text.size()) {
    size_t bar = src.separator.size() == 1 ? text.find(src.separator[0], start)
                                           : text.find(src.separator, start);
    if (bar == std::string_view::npos) bar = text.size();
    const std::string_view raw = Trim(text.substr(start, bar - start));
    start = bar + src.separator.size();
    const std::optional<std::string_view> part = Decode(src, raw, line, out);
    if (!part) continue;
    const auto& types = ViolenceTypes();
    const auto known = std::find_if(types.begin(), types.end(),
                                    [&](const std::string& t) { return SameLower(*part, t); });
    if (known == types.end()) {
      Refuse(out, line, CaseField::kViolence,
             "'" + EscapeControl(Lower(*part)) +
                 "' is not a type of violence (kindermishandeling, partnergeweld, "
                 "ouderenmishandeling, geweld_tegen_ouders, overig)",
             "problem.row.not_a_violence", {{"value", EscapeControl(Lower(*part))}});
      continue;
    }
    if (n == c->violence.size()) c->violence.emplace_back();
    c->violence[n++].assign(*known);
    if (!joined.empty()) joined += '|';
    joined += *known;
  }
  c->violence.resize(n);
}

std::optional<EventTime> RowChecker::ParseEvent(const TableRow& row, CaseField field, int line,
                                                CheckedRow* out) const {
  const std::string_view text = Trim(Cell(row, field));
  if (text.empty()) return std::nullopt;
  const auto error = [&](const std::string& reason, std::string_view key,
                         std::map<std::string, std::string> args) {
    Refuse(out, line, field, reason, key, std::move(args));
  };
  const FieldSource& src = *sources_[static_cast<size_t>(field)];
  const bool numeric = Numeric(row, field);
  if (src.formats.size() == 1 && src.formats[0] == DateFormat::kNative) {
    // The native extract's messages.
    DateReason why;
    if (numeric) {
      std::optional<EventTime> t = FromExcelSerial(text, &why);
      if (!t) {
        error("'" + EscapeControl(text) + "' is not an Excel date: " + why.text,
              "problem.row.not_an_excel_date",
              WithReason({{"value", EscapeControl(text)}, {"why", why.text}}, why.code));
      } else if (t->date > today_) {
        error("Excel date " + std::string(text) + " (" + t->ToIso() + ") lies in the future",
              "problem.row.excel_future", {{"value", std::string(text)}, {"date", t->ToIso()}});
        return std::nullopt;
      }
      return t;
    }
    std::optional<EventTime> t = ParseEventTime(text, &why);
    if (!t) {
      error(
          "'" + EscapeControl(text) + "': " + EscapeControl(why.text),
          "problem.row.not_a_moment_native",
          WithReason({{"value", EscapeControl(text)}, {"why", EscapeControl(why.text)}}, why.code));
    } else if (t->date > today_) {
      error(std::string(text) + " lies in the future", "problem.row.future",
            {{"value", std::string(text)}});
      return std::nullopt;
    }
    return t;
  }
  MomentProblem first;
  for (const DateFormat format : src.formats) {
    MomentProblem problem;
    std::optional<EventTime> t = ParseMoment(format, text, numeric, &problem);
    if (t) {
      if (t->date > today_) {
        error(std::string(text) + " (" + t->ToIso() + ") lies in the future",
              "problem.row.future_read_as", {{"value", std::string(text)}, {"date", t->ToIso()}});
        return std::nullopt;
      }
      return t;
    }
    if (problem.unknown_day) {
      if (src.unknown_day_empty) return std::nullopt;  // kept as unknown, as the profile says
      error("'" + EscapeControl(text) + "' " + problem.why.text +
                "; a legal clock runs from or to this moment and needs the day",
            problem.unknown_month ? "problem.row.no_month_day" : "problem.row.no_day",
            {{"value", EscapeControl(text)}});
      return std::nullopt;
    }
    if (first.why.text.empty()) first = problem;
  }
  std::string forms;  // only for the message: a row that parses pays nothing for it
  for (const DateFormat format : src.formats) {
    forms += (forms.empty() ? "" : " or ") + std::string(DateFormatName(format));
  }
  error("'" + EscapeControl(text) + "' is not a moment in the form " + forms + " (" +
            EscapeControl(first.why.text) + ")",
        "problem.row.not_a_moment",
        WithReason({{"value", EscapeControl(text)},
                    {"forms", forms},
                    {"why", EscapeControl(first.why.text)}},
                   first.why.code));
  return std::nullopt;
}

bool RowChecker::ParseFlag(const TableRow& row, CaseField field, int line, CheckedRow* out) const {
  const std::optional<std::string_view> decoded =
      Decode(*sources_[static_cast<size_t>(field)], Trim(Cell(row, field)), line, out);
  if (!decoded) return false;
  const std::string_view v = *decoded;
  if (v.empty() || v == "0" || SameLower(v, "nee") || SameLower(v, "false")) return false;
  if (v == "1" || SameLower(v, "ja") || SameLower(v, "true")) return true;
  Refuse(out, line, field, "'" + EscapeControl(Lower(v)) + "' is not 1 or 0",
         "problem.row.not_a_flag", {{"value", EscapeControl(Lower(v))}});
  return false;
}

void RowChecker::CheckOrder(int line, CheckedRow* out) const {
  const CaseRecord& c = out->c;
  const JoinedRow* joined =
      out->joined == CheckedRow::kNotJoined ? nullptr : &joins_->rows[out->joined];
  const auto& received = c.event(Event::kReceived);
  const auto& assessed = c.event(Event::kSafetyAssessed);
  const auto& decided = c.event(Event::kInvestigationDecided);
  const auto& started = c.event(Event::kInvestigationStarted);
  const auto& completed = c.event(Event::kInvestigationCompleted);
  const auto check = [&](const std::optional<EventTime>& later, CaseField later_field,
                         const std::optional<EventTime>& earlier, CaseField earlier_field) {
    if (!later || !earlier || NotBefore(*later, *earlier)) return;
    const std::string reason = later->ToIso() + " is before " +
                               std::string(FieldName(earlier_field)) + " " + earlier->ToIso();
    std::map<std::string, std::string> args = {
        {"date", later->ToIso()},
        {"earlier_field", std::string(FieldName(earlier_field))},
        {"earlier", earlier->ToIso()}};
    const FieldSource* own = sources_[static_cast<size_t>(later_field)];
    if (own == nullptr && joined != nullptr && joined->record->Find(later_field) != nullptr) {
      const FieldSource* src = joined->record->Find(later_field);
      out->errors.push_back(Message(*joined->path, joined->line, src, later_field, reason));
      out->problems.push_back(AtColumn(*joined->path, joined->line, ColumnName(src, later_field),
                                       "problem.row.before", std::move(args)));
    } else {
      Refuse(out, line, later_field, reason, "problem.row.before", std::move(args));
    }
  };
  using F = CaseField;
  check(c.event(Event::kTriaged), F::kTriaged, received, F::kReceived);
  check(assessed, F::kSafetyAssessed, received, F::kReceived);
  check(decided, F::kInvestigationDecided, assessed ? assessed : received,
        assessed ? F::kSafetyAssessed : F::kReceived);
  check(started, F::kInvestigationStarted, decided, F::kInvestigationDecided);
  check(completed, F::kInvestigationCompleted, started ? started : decided,
        started ? F::kInvestigationStarted : F::kInvestigationDecided);
}

}  // namespace vtaudit
