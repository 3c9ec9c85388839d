#include "row_checker.h"

#include <algorithm>
#include <utility>

#include "escape.h"
#include "printable.h"
#include "privacy.h"
#include "text.h"

namespace vtaudit {
namespace {

static_assert(static_cast<size_t>(CaseField::kDisclosure) + 1 == kCaseFieldCount);

std::string_view FieldName(CaseField field) { return CaseFieldNames()[static_cast<size_t>(field)]; }

// The field of each Event, in Event order.
constexpr std::array<CaseField, kEventCount> kEventFields = {CaseField::kReceived,
                                                             CaseField::kTriaged,
                                                             CaseField::kSafetyAssessed,
                                                             CaseField::kInvestigationDecided,
                                                             CaseField::kInvestigationStarted,
                                                             CaseField::kInvestigationCompleted};

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

}  // namespace

Result<RowChecker> RowChecker::FromHeader(const std::string& path, const TableRow& header,
                                          std::vector<std::string>* warnings, Date today) {
  RowChecker checker(path, today);
  checker.positions_.fill(-1);
  std::vector<std::string> problems;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = Lower(Trim(header.fields[i]));
    if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name = name.substr(3);
    const std::optional<CaseField> known = CaseFieldFromName(name);
    const std::string where =
        path + ":" + std::to_string(header.line) + ": column '" + EscapeControl(name) + "'";
    if (known) {
      int& position = checker.positions_[static_cast<size_t>(*known)];
      if (position >= 0) problems.push_back(where + " appears twice");
      position = static_cast<int>(i);
    } else if (const std::string kind = PersonalColumnKind(name); !kind.empty()) {
      problems.push_back(where + " looks like a personal identifier (" + kind +
                         "); vtaudit stores no names, addresses or BSNs: remove the column");
    } else if (name.empty()) {
      warnings->push_back(path + ":" + std::to_string(header.line) + ": column " +
                          std::to_string(i + 1) + " has no name and is ignored");
      checker.unknown_.push_back(i);
    } else {
      warnings->push_back(where + " is not a known column and is ignored");
      checker.unknown_.push_back(i);
      checker.unknown_names_[i] = EscapeControl(name);
    }
  }
  for (CaseField required : {CaseField::kCaseId, CaseField::kKind, CaseField::kReceived}) {
    if (checker.positions_[static_cast<size_t>(required)] < 0) {
      problems.push_back(path + ":" + std::to_string(header.line) + ": required column '" +
                         std::string(FieldName(required)) + "' is missing");
    }
  }
  if (!problems.empty()) {
    problems.push_back(path + ": nothing imported; the workspace is unchanged");
    return Status::InvalidAll(std::move(problems));
  }
  return checker;
}

std::string RowChecker::RowMessage(int line, CaseField field, const std::string& reason) const {
  return path_ + ":" + std::to_string(line) + ": column " + std::string(FieldName(field)) + ": " +
         reason;
}

std::string_view RowChecker::Field(const TableRow& row, CaseField field) const {
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

void RowChecker::Check(const TableRow& row, CheckedRow* out) const {
  out->errors.clear();
  out->line = row.line;
  if (!row.problem.empty()) {
    // Its fields are not where the header says: checking them would only mislead.
    out->errors.push_back(row.problem);
    return;
  }
  CaseRecord* c = &out->c;
  const int line = row.line;
  const auto error = [&](CaseField field, const std::string& reason) {
    out->errors.push_back(RowMessage(line, field, reason));
  };
  c->case_id.assign(Trim(Field(row, CaseField::kCaseId)));
  if (c->case_id.empty()) {
    error(CaseField::kCaseId, "empty; every case needs the organisation's case number");
  } else if (const std::string why = UnprintableReason(c->case_id); !why.empty()) {
    error(CaseField::kCaseId, "holds " + why + "; a case_id may hold printable characters only");
  } else if (ContainsBsn(c->case_id)) {
    error(CaseField::kCaseId, "'" + c->case_id +
                                  "' looks like a BSN (9 digits passing the 11-proef); "
                                  "use the organisation's case number");
  }
  const std::string_view kind = Trim(Field(row, CaseField::kKind));
  if (EqualsLower(kind, "melding")) {
    c->kind = CaseKind::kMelding;
  } else if (EqualsLower(kind, "advies")) {
    c->kind = CaseKind::kAdvies;
  } else {
    error(CaseField::kKind, "'" + EscapeControl(Lower(kind)) + "' is not melding or advies");
  }
  ParseViolence(Trim(Field(row, CaseField::kViolence)), line, out);
  for (size_t e = 0; e < kEventFields.size(); ++e) {
    c->events[e] = ParseEvent(row, kEventFields[e], line, out);
  }
  if (!c->event(Event::kReceived) && Trim(Field(row, CaseField::kReceived)).empty()) {
    error(CaseField::kReceived, "empty; every case has a date of receipt");
  }
  c->outcome.assign(Trim(Field(row, CaseField::kOutcome)));
  if (!c->outcome.empty() && !IsOutcomeCode(c->outcome)) {
    error(CaseField::kOutcome,
          "'" + EscapeControl(c->outcome) +
              "' is not a VT outcome code (VT-00, VT-01-01 … VT-01-04, VT-02, VT-03, VT-99)");
  }
  c->rvdk = ParseFlag(row, CaseField::kRvdk, line, out);
  c->disclosure = ParseFlag(row, CaseField::kDisclosure, line, out);
  CheckOrder(line, out);
  for (size_t pos : unknown_) {
    if (pos < row.fields.size() && ContainsBsn(row.fields[pos])) {
      const auto named = unknown_names_.find(pos);
      out->errors.push_back(
          path_ + ":" + std::to_string(line) + ": column " +
          (named != unknown_names_.end() ? named->second : std::to_string(pos + 1)) +
          ": holds a number that passes the BSN 11-proef; vtaudit stores no BSNs: remove "
          "the column");
    }
  }
}

// Fills out->c.violence (reusing its strings) and out->violence, the text to store.
void RowChecker::ParseViolence(std::string_view text, int line, CheckedRow* out) const {
  CaseRecord* c = &out->c;
  size_t n = 0;
  std::string& joined = out->violence;
  joined.clear();
  size_t start = 0;
  while (!text.empty() && start <= text.size()) {
    size_t bar = text.find('|', start);
    if (bar == std::string_view::npos) bar = text.size();
    const std::string_view part = Trim(text.substr(start, bar - start));
    start = bar + 1;
    const auto& types = ViolenceTypes();
    const auto known = std::find_if(types.begin(), types.end(),
                                    [&](const std::string& t) { return EqualsLower(part, t); });
    if (known == types.end()) {
      out->errors.push_back(
          RowMessage(line, CaseField::kViolence,
                     "'" + EscapeControl(Lower(part)) +
                         "' is not a type of violence (kindermishandeling, partnergeweld, "
                         "ouderenmishandeling, geweld_tegen_ouders, overig)"));
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
  const std::string_view text = Trim(Field(row, field));
  if (text.empty()) return std::nullopt;
  const auto error = [&](const std::string& reason) {
    out->errors.push_back(RowMessage(line, field, reason));
  };
  std::string why;
  if (Numeric(row, field)) {
    std::optional<EventTime> t = FromExcelSerial(text, &why);
    if (!t) {
      error("'" + EscapeControl(text) + "' is not an Excel date: " + why);
    } else if (t->date > today_) {
      error("Excel date " + std::string(text) + " (" + t->ToIso() + ") lies in the future");
      return std::nullopt;
    }
    return t;
  }
  std::optional<EventTime> t = ParseEventTime(text, &why);
  if (!t) {
    error("'" + EscapeControl(text) + "': " + EscapeControl(why));
  } else if (t->date > today_) {
    error(std::string(text) + " lies in the future");
    return std::nullopt;
  }
  return t;
}

bool RowChecker::ParseFlag(const TableRow& row, CaseField field, int line, CheckedRow* out) const {
  const std::string_view v = Trim(Field(row, field));
  if (v.empty() || v == "0" || EqualsLower(v, "nee") || EqualsLower(v, "false")) return false;
  if (v == "1" || EqualsLower(v, "ja") || EqualsLower(v, "true")) return true;
  out->errors.push_back(RowMessage(line, field, "'" + EscapeControl(Lower(v)) + "' is not 1 or 0"));
  return false;
}

void RowChecker::CheckOrder(int line, CheckedRow* out) const {
  const CaseRecord& c = out->c;
  const auto& received = c.event(Event::kReceived);
  const auto& assessed = c.event(Event::kSafetyAssessed);
  const auto& decided = c.event(Event::kInvestigationDecided);
  const auto& started = c.event(Event::kInvestigationStarted);
  const auto& completed = c.event(Event::kInvestigationCompleted);
  const auto check = [&](const std::optional<EventTime>& later, CaseField later_field,
                         const std::optional<EventTime>& earlier, CaseField earlier_field) {
    if (later && earlier && !NotBefore(*later, *earlier)) {
      out->errors.push_back(RowMessage(line, later_field,
                                       later->ToIso() + " is before " +
                                           std::string(FieldName(earlier_field)) + " " +
                                           earlier->ToIso()));
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
