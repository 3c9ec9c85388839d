// The framework loader (XML, ids, scale, deadlines, conditions, cross-references) on
// arbitrary text. A framework that loads is judged once against an empty record set, so
// that what the loader accepts is also safe to use.
#include <cstddef>
#include <cstdint>
#include <string>

#include "case_record.h"
#include "framework.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vtaudit::Result<vtaudit::Framework> f =
      vtaudit::ParseFramework(vtaudit::fuzz::AsText(data, size), "fuzz.xml");
  if (!f.ok()) {
    vtaudit::fuzz::Require(!f.status().ToString().empty(), "a refusal says why");
    return 0;
  }
  const vtaudit::CaseRecord blank;
  for (const vtaudit::Domain& d : f->domains) {
    for (const vtaudit::Standard& s : d.standards) {
      for (const vtaudit::Criterion& c : s.criteria) {
        vtaudit::fuzz::Require(f->FindCriterion(c.id) != nullptr, "every criterion is found");
        (void)c.applies_when.Matches(blank);
      }
    }
  }
  for (const vtaudit::Deadline& d : f->deadlines) (void)d.applies_when.Matches(blank);
  return 0;
}
