// How far the scoring of an audit is: per sampled case the hand-scored case criteria that
// apply to it and how many of them are scored, by one inspector and by anyone; per domain
// how many sampled cases have every such criterion of the domain scored. Pure: over the
// framework and the audit's judgement input (scores, sample, criteria marked niet
// beoordeeld), no workspace. The web UI's audit and sample pages show it.
#ifndef VTAUDIT_RULES_PROGRESS_H_
#define VTAUDIT_RULES_PROGRESS_H_

#include <string>
#include <string_view>
#include <vector>

#include "framework.h"
#include "judgement.h"

namespace vtaudit {

// A criterion an inspector scores by hand in `scope`: not measured from the extract.
bool HandScored(const Criterion& c, Scope scope);

struct CaseProgress {
  std::string case_id;
  long applicable = 0;    // hand-scored case criteria that apply to the case, not skipped
  long by_inspector = 0;  // of those, scored by the inspector asked about (not reconciled)
  long by_anyone = 0;     // of those, scored by anyone (a reconciliation included)
};

struct DomainProgress {
  std::string domain;              // id
  bool has_case_criteria = false;  // false: the domain has no hand-scored case criterion
  long complete = 0;               // sampled cases with every applicable one scored
  long sampled = 0;
};

struct ScoringProgress {
  std::vector<CaseProgress> cases;      // in the order of the sample
  std::vector<DomainProgress> domains;  // in the order of the framework
};

// A criterion marked niet beoordeeld (`score skip`) is no longer asked for: it counts as
// neither applicable nor scored. `inspector` may be empty (then by_inspector is 0).
ScoringProgress MeasureProgress(const Framework& framework, const JudgementInput& input,
                                std::string_view inspector);

}  // namespace vtaudit

#endif  // VTAUDIT_RULES_PROGRESS_H_
