// Comparing organisations and years (issue 7): per deadline the share on time per
// organisation and year, the norm check, a ranking, the national total computed from the
// cases (sum of on time / sum of counted, never a mean of shares), the statement "N van
// de M organisaties …", the change from year to year with Newcombe's 95% interval, the
// yearly national counts of the parliamentary answers, and for audited periods the
// judgement per domain and the compliance per criterion side by side, through a crosswalk
// when framework versions differ.
//
// Three layers: CompareCollector turns one organisation's case stream into monthly counts,
// which are additive, so any year is the exact sum of its months (SumByYear); Compare() is
// pure arithmetic on the yearly counts; GatherCompareInput() drives the collector over the
// workspace and judges the audits. The archive (archive.h) stores the same monthly counts
// and feeds them to the same SumByYear and Compare(), so both give the same comparison.
// Not thread-safe (one Workspace per thread); Compare() and SumByYear() are pure.
#ifndef VTAUDIT_COMPARE_H_
#define VTAUDIT_COMPARE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calendar.h"
#include "case_record.h"
#include "crosswalk.h"
#include "framework.h"
#include "judgement.h"
#include "stats.h"
#include "timeliness.h"
#include "translator.h"
#include "workspace.h"

namespace vtaudit {

// The cases of a deadline open at the end of a year, or at the as-of date when that comes
// first: pending within their term, overdue past it (MonthCount's stock of the year's
// December, timeliness.h).
struct OpenStock {
  long pending = 0;
  long overdue = 0;
};

// One deadline's counts for one organisation and year (see timeliness.h for the cohorts:
// in the due cohort, open cases past due count as late).
struct ClockCounts {
  long on_time = 0;
  long late = 0;
  // None when the source does not hold the stock (aggregates pushed to the archive before
  // its schema version 2, docs/archive.md).
  std::optional<OpenStock> open;
  long counted() const { return on_time + late; }
};

// The yearly counts of the parliamentary answers (samples/README.md), from the cases; the
// same counts for one month in OrgMonthFigures.
struct YearlyCounts {
  long meldingen = 0;                     // kind melding, by year received
  long meldingen_kindermishandeling = 0;  // of which violence includes kindermishandeling
  long investigations_completed = 0;      // by year of investigation_completed, any kind
  long investigations_completed_kindermishandeling = 0;
  long rvdk = 0;  // rvdk = 1 among the investigations completed that year

  YearlyCounts& operator+=(const YearlyCounts& o);
};

// Everything counted for one organisation in one year.
struct OrgYearFigures {
  std::string org;
  int year = 0;
  std::vector<ClockCounts> clocks;  // parallel to CompareInput::deadlines
  YearlyCounts counts;
};

// One audit of an organisation in a compared year, judged.
struct AuditedPeriod {
  int64_t audit_id = 0;
  std::string org;
  int year = 0;
  std::string framework_id;
  std::string framework_version;
  std::vector<std::pair<std::string, std::optional<std::string>>> domains;  // id → level id
  std::map<std::string, std::optional<double>> criteria;  // criterion id → compliance share
  std::map<std::string, std::optional<std::string>> criterion_levels;  // id → level id
};

// Everything counted for one organisation in one month: per deadline the counts of
// timeliness.h's monthly split (on time and late by the cohort's month, pending and overdue
// by the due date's month, invalid by the to-event's month) and the parliamentary answers'
// counts by the month of their event. Additive: a period's figures are the sums of its months.
struct OrgMonthFigures {
  std::string org;
  std::string month;                         // "2025-03"
  std::map<std::string, MonthCount> clocks;  // by deadline id
  YearlyCounts counts;
  bool has_stock = true;  // the clocks' stock_pending/stock_overdue are known
};

// Whose total the comparison's total row is: the nation's (every organisation), or that
// of the organisations chosen (--org), which is never to be called national.
enum class CompareScope { kNational, kSelection };

struct CompareInput {
  std::vector<int> years;                   // ascending, distinct
  std::vector<Organisation> organisations;  // in display order
  CompareScope scope = CompareScope::kNational;
  std::vector<Deadline> deadlines;      // those compared, framework order
  std::vector<OrgYearFigures> figures;  // any order; a missing cell counts as nothing
  // The same counts by month (AddMonthFigures), for the total's monthly shares; any order,
  // a missing month counts nothing.
  std::vector<OrgMonthFigures> months;
  // Audits: criteria are shown in the terms of `reference` (the framework compared to);
  // an audit under another framework goes through crosswalks[its framework id] when given.
  std::vector<AuditedPeriod> audits;
  std::optional<Framework> reference;
  std::map<std::string, Crosswalk> crosswalks;  // from framework id → crosswalk to reference
};

// One organisation (or the nation) for one year and deadline.
struct ShareCell {
  ClockCounts counts;
  std::optional<double> share;  // on_time / counted; none when nothing counted
  std::string meets_norm;       // "yes", "no", or "" when nothing counted
};

// The change of the share from the previous compared year to this one.
struct YearChange {
  int from_year = 0;
  int to_year = 0;
  double difference = 0;      // share(to) − share(from)
  Interval ci95;              // Newcombe hybrid score interval for the difference
  bool beyond_noise = false;  // the interval excludes 0
};

struct ShareRow {
  std::string org;  // organisation code; "NL" for the national row
  std::string name;
  std::vector<ShareCell> cells;                    // per year
  std::vector<std::optional<YearChange>> changes;  // per year; none for the first and gaps
};

// The places an organisation's share allows, given the 95% intervals (docs/commands.md):
// best = 1 + the number of organisations whose interval lies wholly above its own, worst =
// N − the number whose interval lies wholly below. best == worst: the place is certain.
struct RankRange {
  int best = 0;
  int worst = 0;
};
// One RankRange per interval, in the same order.
std::vector<RankRange> RankRanges(const std::vector<Interval>& intervals);

struct RankEntry {
  int rank = 0;  // 1 = highest share; ties share a rank (1, 2, 2, 4)
  std::string org;
  double share = 0;
  long counted = 0;
  Interval ci95;     // Wilson's 95% interval of the share
  RankRange places;  // the places ci95 allows among the ranked organisations
};

// How many organisations met the norm in one year.
struct NormTally {
  int year = 0;
  int met = 0;
  int organisations = 0;  // with anything counted
};

struct DeadlineComparison {
  Deadline deadline;
  std::vector<ShareRow> organisations;
  // From the summed counts: org "NL" for the nation; for a selection the organisation's
  // code and name when it is one, else "" (the writer names it).
  ShareRow national;
  std::vector<std::vector<RankEntry>> ranking;  // per year, best first; uncounted left out
  std::vector<NormTally> tallies;               // per year
  // The total's on time and late per month (Comparison::months), by the cohort's month
  // as the years count them; no stock, no change.
  std::vector<ShareCell> monthly;
};

// One criterion of the reference framework (or one removed from an older one) across audits.
struct CriterionCell {
  std::optional<double> share;
  std::optional<std::string> level;
  std::string via;         // the audit's own criterion id when it differs (crosswalk)
  bool unmatched = false;  // the audit's framework has no counterpart
};
struct CriterionRow {
  std::string id;
  std::string text;                  // Dutch
  std::string gloss;                 // English
  bool removed = false;              // a criterion of an older framework without successor
  std::vector<CriterionCell> cells;  // per audit
};
struct DomainRow {
  std::string id;
  std::vector<std::optional<std::string>> levels;  // per audit; none: not judged or absent
};

struct Comparison {
  std::vector<int> years;
  std::vector<std::string> months;  // "2024-01" … "2024-12" for each of the years
  std::vector<Organisation> organisations;
  CompareScope scope = CompareScope::kNational;
  std::vector<DeadlineComparison> deadlines;
  std::vector<YearlyCounts> national_counts;  // per year
  std::vector<AuditedPeriod> audits;          // by year, then organisation
  std::vector<DomainRow> domains;
  std::vector<CriterionRow> criteria;
};

// Pure: the same input gives the same comparison.
Comparison Compare(const CompareInput& input);

// "2 van de 25 organisaties rondden in 2024 ten minste 80% van hun onderzoeken tijdig af"
// or "2 of the 25 organisations finished at least 80% of their investigations on time in
// 2024", in the words' language (the compare.statement.* keys of text-LANG.properties).
std::string NormStatement(const DeadlineComparison& d, const NormTally& t, const Translator& words);

// The monthly figures summed into each of `years` (ascending), clocks parallel to
// `deadlines` (by id; a deadline a month lacks counts nothing). The open stock is the
// year's December's (none there: nothing open), when every month of the year has one.
// One entry per organisation and year that any month falls in; months outside `years`
// are left out.
std::vector<OrgYearFigures> SumByYear(const std::vector<OrgMonthFigures>& months,
                                      const std::vector<int>& years,
                                      const std::vector<Deadline>& deadlines);

// Counts one organisation's cases per month of a period: one TimelinessCalculator over the
// period (its monthly counts) plus the parliamentary answers' counts. Every case is fed
// once. Not thread-safe.
class CompareCollector {
 public:
  // REQUIRES: framework and calendar outlive the collector.
  CompareCollector(const Framework& framework, const Calendar& calendar, Period period,
                   Cohort cohort, Date as_of);
  ~CompareCollector();
  void Add(const CaseRecord& c);
  // One entry per month of the period, in order, clocks for every deadline of the
  // framework. REQUIRES: called once.
  std::vector<OrgMonthFigures> Finish(const std::string& org);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Adds one organisation's monthly figures (CompareCollector::Finish, or the archive's) to
// `in`: summed by year into in->figures (SumByYear) and, those of in->years, kept by month
// in in->months. REQUIRES: in->years and in->deadlines set.
void AddMonthFigures(std::vector<OrgMonthFigures> months, CompareInput* in);

// National when `requested` (codes of existing organisations, --org) is empty or names
// each of the `all` organisations, else a selection.
CompareScope ScopeOf(std::vector<std::string> requested, size_t all);

// 1 January of the first year to 31 December of the last. REQUIRES: years not empty.
Period YearsPeriod(const std::vector<int>& years);

// The deadlines of `framework` named by `ids` (all when empty), in framework order;
// Invalid naming each id the framework lacks.
Result<std::vector<Deadline>> SelectDeadlines(const Framework& framework,
                                              const std::vector<std::string>& ids);

// The compared part of a judged audit: the level of each domain, the share and level of
// each criterion.
AuditedPeriod MakeAuditedPeriod(int64_t audit_id, const std::string& org, int year,
                                const Framework& framework, const Judgement& judgement);

struct CompareRequest {
  std::vector<int> years;                  // ascending, distinct; not empty
  std::vector<std::string> organisations;  // codes; empty: every organisation
  std::vector<std::string> deadlines;      // ids; empty: every deadline of the framework
  Cohort cohort = Cohort::kCompleted;
  Date as_of;
  std::string crosswalk_dir;  // where FROM--TO.xml crosswalks are looked for
  int threads = 0;            // reading the cases: 0 one per core (MonthFiguresRequest)
};

// Reads the cases of the requested organisations once each and judges their audits in
// the requested years. The scope is a selection when organisations were named and they
// are not every organisation of the workspace. NotFound for an unknown organisation, Invalid for an
// unknown deadline or a crosswalk that does not load.
Result<CompareInput> GatherCompareInput(Workspace* ws, const CompareRequest& request,
                                        const Framework& framework, const Calendar& calendar);

}  // namespace vtaudit

#endif  // VTAUDIT_COMPARE_H_
