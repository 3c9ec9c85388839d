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

}  // namespace vtaudit
