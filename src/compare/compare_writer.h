// Writes a Comparison (compare.h) as a terminal table, self-contained HTML (inline CSS
// and SVG: small-multiple trends per organisation, a heat table of organisations ×
// years, the ranking), JSON or CSV. Dutch by default, English with lang "en". Every
// string from data is escaped in HTML. Pure functions; thread-safe.
#ifndef VTAUDIT_COMPARE_WRITER_H_
#define VTAUDIT_COMPARE_WRITER_H_

#include <string>

#include "compare.h"
#include "date.h"
#include "timeliness.h"

namespace vtaudit {

// How the comparison was made, printed with it.
struct CompareMeta {
  Cohort cohort = Cohort::kCompleted;
  Date as_of;
  std::string framework_id;  // the reference framework
  std::string lang = "nl";   // "nl" or "en"
};

std::string CompareTable(const Comparison& c, const CompareMeta& meta);
std::string CompareHtml(const Comparison& c, const CompareMeta& meta);
// {"years", "cohort", "as_of", "framework", "organisations", "deadlines": [{"id", "norm",
// "statements", "organisations": [{"org", "years": [{"year", "on_time", "late", "counted",
// "share", "meets_norm", "change"}]}], "national", "ranking"}], "national_counts",
// "audits", "domains", "criteria"}
std::string CompareJson(const Comparison& c, const CompareMeta& meta);
// One row per deadline × organisation × year (section "timeliness", org "NL" for the
// nation) and one per year of national counts (section "national_counts").
std::string CompareCsv(const Comparison& c, const CompareMeta& meta);

}  // namespace vtaudit

#endif  // VTAUDIT_COMPARE_WRITER_H_
