// One case from an organisation's registration extract, as vtaudit keeps it: the
// case number and the fields the law asks VT to register, never a person. The
// field names are the extract's column names (docs/extract.md), and deadlines and
// applicability conditions refer to cases through them.
#ifndef VTAUDIT_CASE_RECORD_H_
#define VTAUDIT_CASE_RECORD_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.h"

namespace vtaudit {

// The registered moments of a case, in the order the work normally happens.
enum class Event {
  kReceived,
  kTriaged,
  kSafetyAssessed,
  kInvestigationDecided,
  kInvestigationStarted,
  kInvestigationCompleted,
};
inline constexpr int kEventCount = 6;

// The column name of an event ("safety_assessed").
std::string_view EventName(Event e);
// The event for a column name, or nullopt when the name is not an event.
std::optional<Event> EventFromName(std::string_view name);

enum class CaseKind { kMelding, kAdvies };
std::string_view CaseKindName(CaseKind k);
std::optional<CaseKind> CaseKindFromName(std::string_view name);

// The types of violence an extract may name in its `violence` column.
const std::vector<std::string>& ViolenceTypes();

struct CaseRecord {
  std::string case_id;
  CaseKind kind = CaseKind::kMelding;
  std::vector<std::string> violence;  // each one of ViolenceTypes()
  std::array<std::optional<EventTime>, kEventCount> events;
  std::string outcome;  // VT outcome code (VT-00 … VT-99), or empty
  bool rvdk = false;
  bool disclosure = false;
  // Not a field of the extract but of the workspace's record: the delivery (extract_file.id)
  // that first lacked the case, which an earlier one had; 0 while the latest delivery has it.
  int64_t missing_since = 0;

  const std::optional<EventTime>& event(Event e) const { return events[static_cast<int>(e)]; }
  std::optional<EventTime>& event(Event e) { return events[static_cast<int>(e)]; }
};

// The case as it stood at the end of `as_of`: events dated after it have not happened
// yet and are unset (the peildatum is a snapshot, for conditions as for clocks).
CaseRecord AsOf(const CaseRecord& c, Date as_of);

// The case fields a condition can test (events included), in extract column order.
const std::vector<std::string>& CaseFieldNames();
bool IsCaseField(std::string_view name);
// A case field resolved once (conditions parse field names into these), in
// CaseFieldNames() order, so that testing millions of cases needs no lookups or copies.
enum class CaseField {
  kCaseId,
  kKind,
  kViolence,
  kReceived,
  kTriaged,
  kSafetyAssessed,
  kOutcome,
  kInvestigationDecided,
  kInvestigationStarted,
  kInvestigationCompleted,
  kRvdk,
  kDisclosure,
};
std::optional<CaseField> CaseFieldFromName(std::string_view name);
// Whether the field has a value (booleans always have one: "1" or "0").
bool CaseFieldIsSet(const CaseRecord& c, CaseField field);
// Whether one of the field's values is `value`; event fields compare their ISO text.
bool CaseFieldHas(const CaseRecord& c, CaseField field, std::string_view value);

// The values of a field as text: one for most fields, several for `violence`, none
// for an empty field. Booleans read "1" or "0". REQUIRES: IsCaseField(field).
std::vector<std::string> CaseFieldValues(const CaseRecord& c, std::string_view field);

}  // namespace vtaudit

#endif  // VTAUDIT_CASE_RECORD_H_
