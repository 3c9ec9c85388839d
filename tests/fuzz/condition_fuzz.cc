// The condition parser on arbitrary text. A condition that parses keeps its text and is
// matched against a blank case and a case with every field set; a refusal points inside
// the text.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "case_record.h"
#include "condition.h"
#include "date.h"
#include "fuzz_support.h"

namespace {

vtaudit::CaseRecord Full() {
  vtaudit::CaseRecord c;
  c.case_id = "C001";
  c.kind = vtaudit::CaseKind::kMelding;
  c.violence = {"kindermishandeling", "partnergeweld"};
  for (auto& e : c.events) e = vtaudit::EventTime{*vtaudit::Date::FromYmd(2025, 3, 3), {}};
  c.outcome = "VT-01-01";
  c.rvdk = true;
  c.disclosure = true;
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text = vtaudit::fuzz::AsText(data, size);
  vtaudit::ConditionError error;
  std::optional<vtaudit::Condition> c = vtaudit::Condition::Parse(text, &error);
  if (!c) {
    vtaudit::fuzz::Require(error.offset <= text.size(), "the error offset is inside the text");
    vtaudit::fuzz::Require(!error.message.empty(), "a refusal says why");
    return 0;
  }
  static const vtaudit::CaseRecord blank, full = Full();
  (void)c->Matches(blank);
  (void)c->Matches(full);
  return 0;
}
