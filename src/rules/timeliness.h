// The share of cases finished within a legal term, computed the same way for every
// organisation (the rules below; README.md, "Decisions"). A TimelinessCalculator is fed the cases
// of one organisation as a stream and keeps only counters and durations, so a million cases need
// little memory. Not thread-safe; cheap to create.
//
// Per deadline and case:
//  - the clock applies when the deadline's condition matches the case as it stood at the
//    as-of date (AsOf) and the from-event is set; a case with the to-event but no
//    from-event is `invalid`;
//  - the due moment: days → from + n days; workdays → the n-th working day after
//    from (the day itself never counts); weeks → from + 7n days; with `extend` (Atw
//    art. 1 and 2, Calendar::EndOfAtwTerm) a due date on a weekend or holiday moves to
//    the next working day, and a term of three days or more is extended until it holds
//    two working days;
//    hours → from + n hours when both events have a time of day, else (a date-only
//    event) the to-date may be at most ceil(n/24) days after the from-date; an open
//    hours clock whose from-event has a time of day is due on the date of the due
//    moment, one without on from-date + ceil(n/24) days;
//  - day clocks compare dates: a time of day does not move them;
//  - on time: to ≤ due; late: to > due; no to-event: overdue when as_of > due,
//    else pending;
//  - the as-of date is a snapshot: events dated after it count as not (yet) happened,
//    so a case received after it has no clock at all.
// Cohorts for a period [from, to] (inclusive):
//  - completed (default): cases whose to-event date lies in the period count;
//    open cases whose due date lies in the period are reported as pending/overdue;
//  - due: cases whose due date lies in the period; open overdue ones count as late
//    (and in `overdue`), open pending ones are not counted (only in `pending`).
// In both cohorts `invalid` counts cases whose to-event date lies in the period, and
// `backlog` counts every open case past due at the as-of date, whatever the period.
// The waiting list at the as-of date (`open`), whatever the period: every case whose clock
// runs (from-event set, no to-event by the as-of date), pending or overdue, its age the
// days from the from-event date to the as-of date; and the investigations decided but not
// started (nor completed) by then, aged from the decision.
// share_on_time = on_time / (on_time + late). Over a sample, a 95% Wilson interval;
// meets_norm is "yes"/"no", "inconclusive" when that interval straddles the norm,
// and empty when nothing was counted.
#ifndef VTAUDIT_TIMELINESS_H_
#define VTAUDIT_TIMELINESS_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar.h"
#include "case_record.h"
#include "framework.h"
#include "json_writer.h"
#include "stats.h"

namespace vtaudit {

enum class ClockStatus { kNotApplicable, kOnTime, kLate, kPending, kOverdue, kInvalid };
std::string_view ClockStatusName(
    ClockStatus s);  // "n/a", "on_time", "late", "pending", "overdue", "invalid"

// One case against one deadline.
struct ClockResult {
  ClockStatus status = ClockStatus::kNotApplicable;
  std::optional<Date>
      due_date;  // the last day that is on time (day clocks; hours: the due moment's date)
  std::optional<int64_t> due_timestamp;  // hours clocks with times: seconds since 1970
  std::optional<int> duration_days;      // to.date − from.date, when both are set
};

ClockResult EvaluateClock(const Deadline& d, const CaseRecord& c, const Calendar& calendar,
                          Date as_of);

enum class Cohort { kCompleted, kDue };
std::string_view CohortName(Cohort c);  // "completed", "due"

struct Period {
  Date from;
  Date to;  // inclusive
};

// A counted case, kept for `--list` and the report's appendix.
struct ClockCase {
  std::string case_id;
  ClockStatus status;
  std::string from;  // ISO event times
  std::string to;
  std::string due;  // ISO date (or date-time for hours clocks)
  bool counted;     // in on_time + late
};

// Whether a kept case is in its deadline's `late`: late, or open and overdue in the due
// cohort, which counts those as late too.
bool CountsAsLate(const ClockCase& c);
// The status a listing shows: ClockStatusName(), or "late (open, overdue)" for an open
// case the due cohort counts as late.
std::string_view ListedStatusName(const ClockCase& c);

// Which kept cases `timeliness --list` shows: the statuses, `late` as the table counts it
// (CountsAsLate), or `open`: the waiting list at the as-of date, oldest first.
enum class CaseList { kAll, kOnTime, kLate, kPending, kOverdue, kInvalid, kOpen };
std::optional<CaseList> CaseListFromName(std::string_view name);  // "all", "on_time", … "open"

// One case of a waiting list.
struct OpenCase {
  std::string case_id;
  Date since;        // the day its clock started (the from-event, or the decision)
  int age_days = 0;  // as_of − since
  bool overdue = false;
  std::string due;  // ISO date (or date-time for hours clocks); "" for the investigations
};

// How many cases a waiting list names in `oldest`, at most.
inline constexpr size_t kOldestOpen = 5;

// Open cases at the as-of date, whatever the period.
struct WaitingList {
  long pending = 0;  // still within their term (deadlines only)
  long overdue = 0;  // past their term (deadlines only; equals DeadlineSummary::backlog)
  long count = 0;    // all open cases: pending + overdue for a deadline
  std::optional<double> median_age_days, p90_age_days, max_age_days;
  std::vector<OpenCase> oldest;  // at most kOldestOpen, oldest first, ties by case id
};

// One month of a deadline: on time and late by the cohort's month (to-event or due date),
// pending and overdue by the due date's month, invalid by the to-event's month; these are
// additive. Besides, the flow and the stock of the month (`timeliness --by month`):
// `started` counts the clocks whose from-event lies in the month, `completed` those whose
// to-event does (on time or late, whatever the cohort); `stock_pending` and
// `stock_overdue` are the cases open at the month's end, or at the as-of date when that
// comes first (so a month after it shows the stock at the as-of date): from-event on or
// before that day, to-event after it or none, overdue when that day lies past the due
// date. The stock is counted with what is known at the as-of date, and is a state, not
// additive: a year's stock is its last month's.
struct MonthCount {
  std::string month;  // "2025-03"
  long on_time = 0;
  long late = 0;
  long pending = 0;
  long overdue = 0;
  long invalid = 0;
  long started = 0;
  long completed = 0;
  long stock_pending = 0;
  long stock_overdue = 0;
};

struct DeadlineSummary {
  std::string id;
  std::string name;   // Dutch
  std::string gloss;  // English
  Basis basis = Basis::kUnstated;
  std::string source;  // the citation of the basis
  long counted = 0, on_time = 0, late = 0, pending = 0, overdue = 0, invalid = 0;
  // Of the counted cases, those the latest delivery lacks: they count, on record from an
  // earlier delivery (CaseRecord::missing_since).
  long missing_from_latest = 0;
  std::optional<double> share_on_time;
  std::optional<Interval> ci95;  // only over a sample
  double norm = 1;
  std::string meets_norm;  // "yes", "no", "inconclusive", or "" when nothing counted
  std::optional<double> median_days, p90_days;  // durations of counted cases that finished
  long backlog = 0;                 // open cases past due at the as-of date, whatever the period
  std::vector<MonthCount> monthly;  // by month of the to-event (completed) or due date (due)
  std::vector<long> duration_histogram;  // counted finished cases by duration: 0,1,…,(bins-1) days,
                                         // last bin open-ended
  std::vector<ClockCase> cases;       // when keep_cases
  WaitingList open;                   // the waiting list at the as-of date
  std::vector<ClockCase> open_cases;  // when keep_cases: every open case, oldest first
};

// The kept cases a listing shows, in order. REQUIRES: computed with keep_cases.
std::vector<const ClockCase*> ListedCases(const DeadlineSummary& d, CaseList which);

// From the decision to investigate to the actual start: the waiting list.
struct WaitingTime {
  long decided = 0;                             // investigations decided in the period
  long started = 0;                             // of which started (by the as-of date)
  long not_started = 0;                         // of which not started at the as-of date
  std::optional<double> median_days, p90_days;  // over the started ones
  // At the as-of date, whatever the period: decided, neither started nor completed; age
  // is the waiting time since the decision.
  WaitingList not_started_at_as_of;
};

// Whether a month's share rests on few cases: 0 < on_time + late < min_cases (the
// framework's <scale min-cases>). Such months are shown and marked, never hidden.
bool FewCases(const MonthCount& m, int min_cases);

struct TimelinessReport {
  std::string organisation;
  int min_cases = kDefaultMinCases;  // the framework's <scale min-cases>, for FewCases
  Period period;
  Date as_of;
  Cohort cohort = Cohort::kCompleted;
  bool sample = false;                     // computed over a drawn sample (intervals present)
  std::vector<DeadlineSummary> deadlines;  // in framework order
  WaitingTime waiting;
};

struct TimelinessOptions {
  Period period;
  Date as_of;
  Cohort cohort = Cohort::kCompleted;
  bool sample = false;      // adds Wilson intervals
  bool keep_cases = false;  // fills DeadlineSummary::cases
  int histogram_bins = 0;   // 0: no histogram
};

class TimelinessCalculator {
 public:
  // REQUIRES: framework and calendar outlive the calculator.
  TimelinessCalculator(const Framework& framework, const Calendar& calendar,
                       TimelinessOptions options);
  ~TimelinessCalculator();
  void Add(const CaseRecord& c);
  // Adds what `later` counted, as if its cases had been added here after this one's: the
  // report is the same as one calculator's over all the cases in that order. So cases
  // read in ranges of case_id on several threads, each range into a calculator of its
  // own, merged in the order of the ranges, give the report of reading them on one.
  // REQUIRES: `later` made with the same framework, calendar and options; neither finished.
  void Merge(TimelinessCalculator&& later);
  // REQUIRES: called once, after the last Add().
  TimelinessReport Finish(const std::string& organisation);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The default peildatum of an audit of `period`: the latest due date of any clock of the
// framework that starts on 31 December of that year, so that every case of the period has
// had its full term; no later than `cap` (an audit made sooner is judged on its own day).
Date DefaultAsOf(int period, const Framework& framework, const Calendar& calendar, Date cap);

// The JSON object of `timeliness --json` (docs/commands.md); with `list`, each deadline
// also carries the cases ListedCases() gives (REQUIRES: computed with keep_cases); with
// `by_month`, its `by_month` rows (those of TimelinessByMonthCsv).
void WriteTimelinessJson(const TimelinessReport& r, JsonWriter* w,
                         std::optional<CaseList> list = std::nullopt, bool by_month = false);

// `timeliness --by month --csv`: one row per deadline and month of the period, with the
// header deadline,month,started,completed,on_time,late,counted,share_on_time,few,
// stock_pending,stock_overdue (MonthCount; share empty when nothing counted, few 1 or 0).
std::string TimelinessByMonthCsv(const TimelinessReport& r);

}  // namespace vtaudit

#endif  // VTAUDIT_TIMELINESS_H_
