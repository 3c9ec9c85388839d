// Writes a Comparison (compare.h) as a terminal table, self-contained HTML (inline CSS
// and SVG: small-multiple trends per organisation with n beside each year, the total's
// share per month with n, a heat table of organisations × years, the open stock, the
// ranking), JSON or CSV. With exactly one organisation compared the table and the HTML
// show no total row or panel (it would repeat the organisation's); JSON and CSV keep it. The words,
// numbers and percentages come from the meta's Translator (the compare.* and chart.* keys of
// reports/text-LANG.properties); JSON and CSV are the same in both languages but for the
// statements' text. Every string from data is escaped in HTML. Pure functions; thread-safe.
#ifndef VTAUDIT_COMPARE_WRITER_H_
#define VTAUDIT_COMPARE_WRITER_H_

#include <string>

#include "compare.h"
#include "date.h"
#include "timeliness.h"
#include "translator.h"

namespace vtaudit {

// How the comparison was made, printed with it.
struct CompareMeta {
  Cohort cohort = Cohort::kCompleted;
  Date as_of;
  std::string framework_id;  // the reference framework
  // text-LANG.properties as the report loads it; its language is the output's. The
  // default speaks Dutch but has no texts: every word shows as "[key]".
  Translator words;
};

std::string CompareTable(const Comparison& c, const CompareMeta& meta);
std::string CompareHtml(const Comparison& c, const CompareMeta& meta);
// {"years", "cohort", "as_of", "framework", "scope", "organisations", "deadlines": [{"id",
// "norm", "statements", "organisations": [{"org", "years": [{"year", "on_time", "late",
// "counted", "share", "open": {"pending", "overdue"} or null, "meets_norm", "change"}]}],
// "national", "monthly": [{"month", "on_time", "late", "counted", "share_on_time"}] (the
// total's), "ranking": [{"year", "entries": [{"rank", "rank_best", "rank_worst", …}]}]}],
// "national_counts",
// "audits", "domains", "criteria"}
std::string CompareJson(const Comparison& c, const CompareMeta& meta);
// One row per deadline × organisation × year (section "timeliness", org "NL" for the
// nation, the total's org for a selection) and one per year of the total's counts
// (section "national_counts"); the last columns open_pending and open_overdue (the stock
// at the year's end, empty when unknown) and scope ("national" or "selection").
std::string CompareCsv(const Comparison& c, const CompareMeta& meta);

}  // namespace vtaudit

#endif  // VTAUDIT_COMPARE_WRITER_H_
