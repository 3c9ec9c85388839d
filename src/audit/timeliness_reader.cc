#include "timeliness_reader.h"

#include <algorithm>
#include <deque>
#include <exception>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "read_connections.h"

namespace vtaudit {

Result<TimelinessReport> ReadTimeliness(Workspace* ws, const CaseSet& set, const CaseFilter& filter,
                                        const Framework& framework, const Calendar& calendar,
                                        const TimelinessOptions& options,
                                        const std::string& organisation, int threads) {
  size_t wanted = threads > 0 ? static_cast<size_t>(threads)
                              : std::max(1u, std::thread::hardware_concurrency());
  if (!filter.case_ids.empty()) wanted = 1;
  std::vector<std::string> boundaries;
  if (wanted > 1) {
    Result<std::vector<std::string>> ranges = CaseRanges(&ws->db(), set, static_cast<int>(wanted));
    if (!ranges.ok()) return ranges.status();
    boundaries = std::move(*ranges);
  }
  const size_t parts = boundaries.size() + 1;
  std::deque<TimelinessCalculator> calculators;  // not movable: a deque builds them in place
  for (size_t i = 0; i < parts; ++i) calculators.emplace_back(framework, calendar, options);
  std::vector<Status> errors(parts);
  const auto read = [&](Database* db, size_t i) {
    CaseFilter range = filter;
    if (i > 0) range.case_id_from = boundaries[i - 1];
    if (i + 1 < parts) range.case_id_before = boundaries[i];
    try {
      errors[i] = ForEachCase(db, set, range,
                              [&calc = calculators[i]](const CaseRecord& c) { calc.Add(c); });
    } catch (const std::exception& e) {  // out of memory: a Status, not std::terminate
      errors[i] = Status::Internal(organisation + ": reading the cases failed: " + e.what());
    }
  };
  if (Status s = OnReadConnections(ws, parts, read); !s.ok()) return s;
  for (Status& s : errors) {
    if (!s.ok()) return std::move(s);
  }
  for (size_t i = 1; i < parts; ++i) calculators[0].Merge(std::move(calculators[i]));
  return calculators[0].Finish(organisation);
}

}  // namespace vtaudit
