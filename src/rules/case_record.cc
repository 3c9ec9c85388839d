#include "case_record.h"

#include <algorithm>

namespace vtaudit {
namespace {

constexpr std::array<std::string_view, kEventCount> kEventNames = {
    "received",
    "triaged",
    "safety_assessed",
    "investigation_decided",
    "investigation_started",
    "investigation_completed",
};

}  // namespace

std::string_view EventName(Event e) { return kEventNames[static_cast<size_t>(e)]; }

std::optional<Event> EventFromName(std::string_view name) {
  for (size_t i = 0; i < kEventNames.size(); ++i) {
    if (kEventNames[i] == name) return static_cast<Event>(i);
  }
  return std::nullopt;
}

std::string_view CaseKindName(CaseKind k) { return k == CaseKind::kMelding ? "melding" : "advies"; }

std::optional<CaseKind> CaseKindFromName(std::string_view name) {
  if (name == "melding") return CaseKind::kMelding;
  if (name == "advies") return CaseKind::kAdvies;
  return std::nullopt;
}

const std::vector<std::string>& ViolenceTypes() {
  static const std::vector<std::string> kTypes = {"kindermishandeling", "partnergeweld",
                                                  "ouderenmishandeling", "geweld_tegen_ouders",
                                                  "overig"};
  return kTypes;
}

const std::vector<std::string>& CaseFieldNames() {
  static const std::vector<std::string> kNames = {"case_id",
                                                  "kind",
                                                  "violence",
                                                  "received",
                                                  "triaged",
                                                  "safety_assessed",
                                                  "outcome",
                                                  "investigation_decided",
                                                  "investigation_started",
                                                  "investigation_completed",
                                                  "rvdk",
                                                  "disclosure"};
  return kNames;
}

bool IsCaseField(std::string_view name) {
  const auto& names = CaseFieldNames();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::optional<CaseField> CaseFieldFromName(std::string_view name) {
  const auto& names = CaseFieldNames();
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<CaseField>(it - names.begin());
}

namespace {

// The event behind an event field, or nullopt for the other fields.
std::optional<Event> EventOfField(CaseField field) {
  switch (field) {
    case CaseField::kReceived:
      return Event::kReceived;
    case CaseField::kTriaged:
      return Event::kTriaged;
    case CaseField::kSafetyAssessed:
      return Event::kSafetyAssessed;
    case CaseField::kInvestigationDecided:
      return Event::kInvestigationDecided;
    case CaseField::kInvestigationStarted:
      return Event::kInvestigationStarted;
    case CaseField::kInvestigationCompleted:
      return Event::kInvestigationCompleted;
    default:
      return std::nullopt;
  }
}

}  // namespace

bool CaseFieldIsSet(const CaseRecord& c, CaseField field) {
  switch (field) {
    case CaseField::kCaseId:
      return !c.case_id.empty();
    case CaseField::kKind:
    case CaseField::kRvdk:
    case CaseField::kDisclosure:
      return true;
    case CaseField::kViolence:
      return !c.violence.empty();
    case CaseField::kOutcome:
      return !c.outcome.empty();
    default:
      return c.event(*EventOfField(field)).has_value();
  }
}

bool CaseFieldHas(const CaseRecord& c, CaseField field, std::string_view value) {
  switch (field) {
    case CaseField::kCaseId:
      return c.case_id == value;
    case CaseField::kKind:
      return CaseKindName(c.kind) == value;
    case CaseField::kViolence:
      return std::find(c.violence.begin(), c.violence.end(), value) != c.violence.end();
    case CaseField::kOutcome:
      return !c.outcome.empty() && c.outcome == value;
    case CaseField::kRvdk:
      return value == (c.rvdk ? "1" : "0");
    case CaseField::kDisclosure:
      return value == (c.disclosure ? "1" : "0");
    default: {
      const auto& t = c.event(*EventOfField(field));
      return t && t->ToIso() == value;
    }
  }
}

std::vector<std::string> CaseFieldValues(const CaseRecord& c, std::string_view field) {
  if (field == "case_id") return {c.case_id};
  if (field == "kind") return {std::string(CaseKindName(c.kind))};
  if (field == "violence") return c.violence;
  if (field == "outcome")
    return c.outcome.empty() ? std::vector<std::string>{} : std::vector{c.outcome};
  if (field == "rvdk") return {c.rvdk ? "1" : "0"};
  if (field == "disclosure") return {c.disclosure ? "1" : "0"};
  if (const std::optional<Event> e = EventFromName(field)) {
    const auto& t = c.event(*e);
    if (t) return {t->ToIso()};
  }
  return {};
}

CaseRecord AsOf(const CaseRecord& c, Date as_of) {
  CaseRecord out = c;
  for (std::optional<EventTime>& e : out.events) {
    if (e && e->date > as_of) e.reset();
  }
  return out;
}

}  // namespace vtaudit
