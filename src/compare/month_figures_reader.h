// Reading every organisation's cases into its monthly compare figures (CompareCollector),
// which is most of the time a `compare` takes (docs/performance.md). The organisations are
// independent, so with more than one thread each thread takes the next organisation not
// yet taken, through a read-only connection of its own, and the figures come back in the
// order of the organisations whatever thread counted them: the output does not depend on
// the number of threads. The framework and the calendar are shared (both immutable).
#ifndef VTAUDIT_MONTH_FIGURES_READER_H_
#define VTAUDIT_MONTH_FIGURES_READER_H_

#include <vector>

#include "compare.h"
#include "workspace.h"

namespace vtaudit {

// The CompareCollector's arguments, and how many threads read.
struct MonthFiguresRequest {
  Period period;
  Cohort cohort = Cohort::kCompleted;
  Date as_of;
  // 0: one per core; never more than there are organisations. 1 reads on the caller's
  // thread through `ws` alone, opening no other connection.
  int threads = 0;
};

// Each organisation's monthly figures (CompareCollector::Finish), parallel to `orgs`.
// The first error in the order of `orgs` when reading failed; reading stops at an error.
// REQUIRES: `ws` has no uncommitted writes (the other connections would not see them).
Result<std::vector<std::vector<OrgMonthFigures>>> ReadMonthFigures(
    Workspace* ws, const std::vector<Organisation>& orgs, const Framework& framework,
    const Calendar& calendar, const MonthFiguresRequest& request);

}  // namespace vtaudit

#endif  // VTAUDIT_MONTH_FIGURES_READER_H_
