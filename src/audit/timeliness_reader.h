// Reading a set of cases into a TimelinessCalculator, which is most of the time `vtaudit
// timeliness` takes (docs/performance.md). With more than one thread the cases are read in
// consecutive ranges of case_id (CaseRanges), each range on a thread of its own through a
// read-only connection of its own into a calculator of its own, and the calculators are
// merged in the order of the ranges: the report is the same as one thread's, whatever the
// number of threads. The framework and the calendar are shared (both immutable).
#ifndef VTAUDIT_TIMELINESS_READER_H_
#define VTAUDIT_TIMELINESS_READER_H_

#include <string>

#include "case_store.h"
#include "timeliness.h"
#include "workspace.h"

namespace vtaudit {

// The report of the cases of `set` matching `filter`, for `organisation`. `threads`: 0 one
// per core; 1 reads on the caller's thread through `ws` alone, opening no other
// connection; a filter by case_ids (a sample, a few cases) is read on one thread. The
// first error in the order of the ranges when reading failed.
// REQUIRES: `ws` has no uncommitted writes (the other connections would not see them).
Result<TimelinessReport> ReadTimeliness(Workspace* ws, const CaseSet& set, const CaseFilter& filter,
                                        const Framework& framework, const Calendar& calendar,
                                        const TimelinessOptions& options,
                                        const std::string& organisation, int threads = 0);

}  // namespace vtaudit

#endif  // VTAUDIT_TIMELINESS_READER_H_
