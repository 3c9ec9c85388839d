#include "month_figures_reader.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <thread>

#include "case_store.h"
#include "read_connections.h"

namespace vtaudit {

Result<std::vector<std::vector<OrgMonthFigures>>> ReadMonthFigures(
    Workspace* ws, const std::vector<Organisation>& orgs, const Framework& framework,
    const Calendar& calendar, const MonthFiguresRequest& request) {
  const size_t n = orgs.size();
  std::vector<std::vector<OrgMonthFigures>> figures(n);
  std::vector<Status> errors(n);
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  // Takes organisations one at a time, so that a large one does not hold up the others
  // behind it on the same thread.
  const auto work = [&](Database* db) {
    for (size_t i = next++; i < n && !failed; i = next++) {
      try {
        CompareCollector collector(framework, calendar, request.period, request.cohort,
                                   request.as_of);
        Status s =
            ForEachCase(db, orgs[i].code, {}, [&](const CaseRecord& c) { collector.Add(c); });
        if (s.ok()) {
          figures[i] = collector.Finish(orgs[i].code);
        } else {
          errors[i] = std::move(s);
          failed = true;
        }
      } catch (const std::exception& e) {  // out of memory: a Status, not std::terminate
        errors[i] = Status::Internal(orgs[i].code + ": reading the cases failed: " + e.what());
        failed = true;
      }
    }
  };

  size_t threads = request.threads > 0 ? static_cast<size_t>(request.threads)
                                       : std::max(1u, std::thread::hardware_concurrency());
  threads = std::max<size_t>(1, std::min(threads, n));
  if (Status s = OnReadConnections(ws, threads, [&](Database* db, size_t) { work(db); }); !s.ok()) {
    return s;
  }
  for (Status& s : errors) {
    if (!s.ok()) return std::move(s);
  }
  return figures;
}

}  // namespace vtaudit
