#include "progress.h"

#include <set>
#include <utility>

namespace vtaudit {

bool HandScored(const Criterion& c, Scope scope) {
  return c.scope == scope && c.measured_by.empty();
}

ScoringProgress MeasureProgress(const Framework& framework, const JudgementInput& input,
                                std::string_view inspector) {
  std::set<std::pair<std::string, std::string>> anyone, mine;
  for (const ScoreEntry& s : input.scores) {
    anyone.insert({s.case_id, s.criterion});
    if (!s.reconciled && !inspector.empty() && s.inspector == inspector) {
      mine.insert({s.case_id, s.criterion});
    }
  }
  auto asked = [&](const Criterion& k, const CaseRecord& c) {
    return HandScored(k, Scope::kCase) && !input.not_judged.count(k.id) &&
           k.applies_when.Matches(c);
  };

  ScoringProgress out;
  for (const CaseRecord& c : input.sample) {
    CaseProgress p{c.case_id, 0, 0, 0};
    for (const Criterion* k : framework.Criteria()) {
      if (!asked(*k, c)) continue;
      ++p.applicable;
      p.by_inspector += mine.count({c.case_id, k->id}) ? 1 : 0;
      p.by_anyone += anyone.count({c.case_id, k->id}) ? 1 : 0;
    }
    out.cases.push_back(std::move(p));
  }
  for (const Domain& d : framework.domains) {
    DomainProgress p{d.id, false, 0, static_cast<long>(input.sample.size())};
    for (const Standard& s : d.standards) {
      for (const Criterion& k : s.criteria) p.has_case_criteria |= HandScored(k, Scope::kCase);
    }
    for (const CaseRecord& c : input.sample) {
      bool complete = true;
      for (const Standard& s : d.standards) {
        for (const Criterion& k : s.criteria) {
          if (asked(k, c) && !anyone.count({c.case_id, k.id})) complete = false;
        }
      }
      p.complete += complete ? 1 : 0;
    }
    out.domains.push_back(std::move(p));
  }
  return out;
}

}  // namespace vtaudit
