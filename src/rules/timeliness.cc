#include "timeliness.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <utility>

#include "csv_writer.h"

namespace vtaudit {

std::string_view ClockStatusName(ClockStatus s) {
  switch (s) {
    case ClockStatus::kNotApplicable:
      return "n/a";
    case ClockStatus::kOnTime:
      return "on_time";
    case ClockStatus::kLate:
      return "late";
    case ClockStatus::kPending:
      return "pending";
    case ClockStatus::kOverdue:
      return "overdue";
    case ClockStatus::kInvalid:
      return "invalid";
  }
  return "n/a";
}

std::string_view CohortName(Cohort c) { return c == Cohort::kDue ? "due" : "completed"; }

bool CountsAsLate(const ClockCase& c) {
  // An overdue case is counted only by the due cohort, and only as late.
  return c.status == ClockStatus::kLate || (c.status == ClockStatus::kOverdue && c.counted);
}

std::string_view ListedStatusName(const ClockCase& c) {
  if (c.status == ClockStatus::kOverdue && c.counted) return "late (open, overdue)";
  return ClockStatusName(c.status);
}

std::optional<CaseList> CaseListFromName(std::string_view name) {
  static constexpr std::pair<std::string_view, CaseList> kNames[] = {
      {"all", CaseList::kAll},         {"on_time", CaseList::kOnTime},
      {"late", CaseList::kLate},       {"pending", CaseList::kPending},
      {"overdue", CaseList::kOverdue}, {"invalid", CaseList::kInvalid},
      {"open", CaseList::kOpen},
  };
  for (const auto& [n, list] : kNames) {
    if (n == name) return list;
  }
  return std::nullopt;
}

std::vector<const ClockCase*> ListedCases(const DeadlineSummary& d, CaseList which) {
  std::vector<const ClockCase*> out;
  if (which == CaseList::kOpen) {
    for (const ClockCase& c : d.open_cases) out.push_back(&c);
    return out;
  }
  for (const ClockCase& c : d.cases) {
    bool listed = false;
    switch (which) {
      case CaseList::kAll:
        listed = true;
        break;
      case CaseList::kLate:
        // What the table counts as late, so that the two always agree.
        listed = CountsAsLate(c);
        break;
      case CaseList::kOnTime:
        listed = c.status == ClockStatus::kOnTime;
        break;
      case CaseList::kPending:
        listed = c.status == ClockStatus::kPending;
        break;
      case CaseList::kOverdue:
        listed = c.status == ClockStatus::kOverdue;
        break;
      case CaseList::kInvalid:
        listed = c.status == ClockStatus::kInvalid;
        break;
      case CaseList::kOpen:
        break;
    }
    if (listed) out.push_back(&c);
  }
  return out;
}

namespace {

constexpr int64_t kSecondsPerHour = 3600;
constexpr int64_t kSecondsPerDay = 86400;

Date DateOfTimestamp(int64_t seconds) {
  // Floor division: timestamps before 1970 are negative.
  int64_t days = seconds / kSecondsPerDay;
  if (seconds % kSecondsPerDay < 0) --days;
  return Date::FromDayNumber(static_cast<int32_t>(days));
}

// Sets due_date (and due_timestamp for an hours clock whose start has a time of day).
void ComputeDue(const Deadline& d, const EventTime& from, const Calendar& calendar,
                ClockResult* r) {
  switch (d.unit) {
    case DurationUnit::kHours:
      if (from.seconds) {
        r->due_timestamp = from.Timestamp() + d.length * kSecondsPerHour;
        r->due_date = DateOfTimestamp(*r->due_timestamp);
      } else {
        r->due_date = from.date.AddDays((d.length + 23) / 24);
      }
      return;
    case DurationUnit::kWorkdays:
      // Already a working day: extension cannot move it.
      r->due_date = calendar.AddWorkdays(from.date, d.length);
      return;
    case DurationUnit::kDays:
    case DurationUnit::kWeeks: {
      const int days = d.unit == DurationUnit::kWeeks ? 7 * d.length : d.length;
      r->due_date = d.extend ? calendar.EndOfAtwTerm(from.date, days) : from.date.AddDays(days);
      return;
    }
  }
}

// Whether the deadline's condition holds for the case as it stood at the as-of date
// (AsOf): a condition on an event ("investigation_decided is set") must not see a decision
// taken after it. Most cases have no later event and are tested without a copy.
bool AppliesAt(const Deadline& d, const CaseRecord& c, Date as_of) {
  if (d.applies_when.always()) return true;
  const bool later =
      std::any_of(c.events.begin(), c.events.end(),
                  [as_of](const std::optional<EventTime>& e) { return e && e->date > as_of; });
  return later ? d.applies_when.Matches(AsOf(c, as_of)) : d.applies_when.Matches(c);
}

}  // namespace

ClockResult EvaluateClock(const Deadline& d, const CaseRecord& c, const Calendar& calendar,
                          Date as_of) {
  ClockResult r;
  if (!AppliesAt(d, c, as_of)) return r;
  // The as-of date is a snapshot: what happened after it has not happened yet.
  const auto known = [as_of](const std::optional<EventTime>& e) {
    return e && e->date <= as_of ? e : std::nullopt;
  };
  const std::optional<EventTime> from = known(c.event(d.from));
  const std::optional<EventTime> to = known(c.event(d.to));
  if (!from) {
    if (to) r.status = ClockStatus::kInvalid;
    return r;
  }
  ComputeDue(d, *from, calendar, &r);
  if (!to) {
    r.status = as_of > *r.due_date ? ClockStatus::kOverdue : ClockStatus::kPending;
    return r;
  }
  r.duration_days = DaysBetween(from->date, to->date);
  bool on_time;
  if (r.due_timestamp && to->seconds) {
    on_time = to->Timestamp() <= *r.due_timestamp;
  } else if (d.unit == DurationUnit::kHours) {
    // A date-only event on either side: the to-date may be at most ceil(n/24) days on.
    r.due_timestamp.reset();
    r.due_date = from->date.AddDays((d.length + 23) / 24);
    on_time = to->date <= *r.due_date;
  } else {
    on_time = to->date <= *r.due_date;
  }
  r.status = on_time ? ClockStatus::kOnTime : ClockStatus::kLate;
  return r;
}

Date DefaultAsOf(int period, const Framework& framework, const Calendar& calendar, Date cap) {
  const Date end = *Date::FromYmd(period, 12, 31);
  Date latest = end;
  for (const Deadline& d : framework.deadlines) {
    ClockResult r;
    ComputeDue(d, EventTime{end, std::nullopt}, calendar, &r);
    if (r.due_date && *r.due_date > latest) latest = *r.due_date;
  }
  return std::min(latest, cap);
}

namespace {

int MonthIndex(Date d) { return d.year() * 12 + (d.month() - 1); }

bool InPeriod(Date d, const Period& p) { return p.from <= d && d <= p.to; }

// The due moment as a listing shows it: a date, or a date-time for an hours clock.
std::string DueText(const ClockResult& r) {
  if (r.due_timestamp) {
    const Date date = DateOfTimestamp(*r.due_timestamp);
    return EventTime{
        date, static_cast<int32_t>(*r.due_timestamp - int64_t{date.day_number()} * kSecondsPerDay)}
        .ToIso();
  }
  return r.due_date ? r.due_date->ToIso() : "";
}

// A waiting list while cases stream in: the count and ages of all, and only the
// kOldestOpen oldest by name, so a long list costs little memory.
struct WaitingListState {
  WaitingList list;
  std::vector<double> ages;

  void Add(const std::string& case_id, Date since, Date as_of, bool overdue, std::string due) {
    ++list.count;
    const int age = DaysBetween(since, as_of);
    ages.push_back(age);
    std::vector<OpenCase>& oldest = list.oldest;
    const auto older = [](const OpenCase& a, const OpenCase& b) {
      return a.since != b.since ? a.since < b.since : a.case_id < b.case_id;
    };
    OpenCase c{case_id, since, age, overdue, std::move(due)};
    if (oldest.size() == kOldestOpen && !older(c, oldest.back())) return;
    oldest.insert(std::upper_bound(oldest.begin(), oldest.end(), c, older), std::move(c));
    if (oldest.size() > kOldestOpen) oldest.pop_back();
  }
};

// Adds `later`'s list to `into`, as if its cases had come after: the oldest stay the
// kOldestOpen first by (since, case_id), a total order, so the order of adding is moot.
void MergeWaitingList(WaitingListState&& later, WaitingListState* into) {
  WaitingList& list = into->list;
  list.pending += later.list.pending;
  list.overdue += later.list.overdue;
  list.count += later.list.count;
  into->ages.insert(into->ages.end(), later.ages.begin(), later.ages.end());
  std::vector<OpenCase> oldest;
  std::merge(std::make_move_iterator(list.oldest.begin()),
             std::make_move_iterator(list.oldest.end()),
             std::make_move_iterator(later.list.oldest.begin()),
             std::make_move_iterator(later.list.oldest.end()), std::back_inserter(oldest),
             [](const OpenCase& a, const OpenCase& b) {
               return a.since != b.since ? a.since < b.since : a.case_id < b.case_id;
             });
  if (oldest.size() > kOldestOpen) oldest.resize(kOldestOpen);
  list.oldest = std::move(oldest);
}

template <typename T>
void Append(std::vector<T>&& later, std::vector<T>* into) {
  into->insert(into->end(), std::make_move_iterator(later.begin()),
               std::make_move_iterator(later.end()));
}

// The counters of one deadline while cases stream in.
struct DeadlineState {
  const Deadline* deadline;
  DeadlineSummary summary;
  std::vector<double> durations;  // counted cases with a to-event
  WaitingListState open;
  // The stock at each month's end as differences: +1 in the first month a case is open
  // (pending or overdue) at the month's end, -1 after the last; summed up in Finish.
  std::vector<long> stock_pending_change, stock_overdue_change;
};

}  // namespace

bool FewCases(const MonthCount& m, int min_cases) {
  const long counted = m.on_time + m.late;
  return counted > 0 && counted < min_cases;
}

struct TimelinessCalculator::State {
  const Calendar& calendar;
  int min_cases = kDefaultMinCases;
  TimelinessOptions options;
  int first_month;  // MonthIndex(period.from)
  // The month of each day from the period's first to the later of its last and the as-of
  // date (at most ten years past the period), from first_month: a million counted cases
  // then need no calendar arithmetic.
  std::vector<int> month_of_day;
  std::vector<DeadlineState> deadlines;
  WaitingTime waiting;
  std::vector<double> waiting_days;
  WaitingListState not_started;  // decided, not started at the as-of date

  State(const Calendar& c, TimelinessOptions o)
      : calendar(c), options(o), first_month(MonthIndex(o.period.from)) {
    const Date last = std::clamp(o.as_of, o.period.to, o.period.to.AddDays(3660));
    for (Date d = o.period.from; d <= last; d = d.AddDays(1)) {
      month_of_day.push_back(MonthIndex(d) - first_month);
    }
  }

  void Keep(DeadlineState& s, const CaseRecord& c, const ClockResult& r, bool counted) {
    if (!options.keep_cases) return;
    const std::optional<EventTime>& from = c.event(s.deadline->from);
    const std::optional<EventTime>& to = c.event(s.deadline->to);
    s.summary.cases.push_back(ClockCase{c.case_id, r.status, from ? from->ToIso() : "",
                                        to ? to->ToIso() : "", DueText(r), counted});
  }

  // An open case at the as-of date, whatever the period: on the waiting list.
  void AddOpen(DeadlineState& s, const CaseRecord& c, const ClockResult& r) {
    const bool overdue = r.status == ClockStatus::kOverdue;
    if (overdue) {
      ++s.summary.backlog;
      ++s.open.list.overdue;
    } else {
      ++s.open.list.pending;
    }
    const EventTime& from = *c.event(s.deadline->from);
    s.open.Add(c.case_id, from.date, options.as_of, overdue, DueText(r));
    if (options.keep_cases) {
      s.summary.open_cases.push_back(
          ClockCase{c.case_id, r.status, from.ToIso(), "", DueText(r), false});
    }
  }

  // REQUIRES: `when` lies in the period.
  MonthCount& Month(DeadlineState& s, Date when) {
    return s.summary.monthly[static_cast<size_t>(MonthOf(when))];
  }

  // A counted case, on time or late, in the month of `when`.
  void Count(DeadlineState& s, const CaseRecord& c, bool on_time, Date when, const ClockResult& r) {
    DeadlineSummary& sum = s.summary;
    ++sum.counted;
    if (c.missing_since != 0) ++sum.missing_from_latest;
    MonthCount& m = Month(s, when);
    if (on_time) {
      ++sum.on_time;
      ++m.on_time;
    } else {
      ++sum.late;
      ++m.late;
    }
    if (!r.duration_days) return;
    s.durations.push_back(*r.duration_days);
    if (!sum.duration_histogram.empty()) {
      const int last = static_cast<int>(sum.duration_histogram.size()) - 1;
      const int bin = std::clamp(*r.duration_days, 0, last);
      ++sum.duration_histogram[bin];
    }
  }

  // Months from the period's first (0); before it negative.
  int MonthOf(Date d) const {
    const int day = DaysBetween(options.period.from, d);
    if (day >= 0 && day < static_cast<int>(month_of_day.size())) {
      return month_of_day[static_cast<size_t>(day)];
    }
    return MonthIndex(d) - first_month;
  }

  // Adds the months [first, last] (clipped to the period) to a stock.
  static void AddStock(std::vector<long>* change, int first, int last) {
    const int months = static_cast<int>(change->size()) - 1;
    first = std::max(first, 0);
    last = std::min(last, months - 1);
    if (first > last) return;
    ++(*change)[static_cast<size_t>(first)];
    --(*change)[static_cast<size_t>(last) + 1];
  }

  // The started and completed flow and the stock at each month's end of a clock that
  // runs (on time, late, pending or overdue).
  void AddFlowAndStock(DeadlineState& s, const CaseRecord& c, const ClockResult& r) {
    const Date from = c.event(s.deadline->from)->date;
    if (InPeriod(from, options.period)) ++Month(s, from).started;
    const bool finished = r.status == ClockStatus::kOnTime || r.status == ClockStatus::kLate;
    const Date to = finished ? c.event(s.deadline->to)->date : options.as_of;
    if (finished && InPeriod(to, options.period)) ++Month(s, to).completed;
    // Open at the end of month M when from <= end(M) and to > end(M); the month of the
    // as-of date and those after it are measured on the as-of date.
    const int first = MonthOf(from);
    const int last =
        finished ? MonthOf(to) - 1 : static_cast<int>(s.stock_pending_change.size()) - 2;
    // Overdue at the end of M once that day lies past the due date.
    const Date after_due = r.due_date->AddDays(1);
    const int overdue_from = after_due <= options.as_of ? MonthOf(after_due) : last + 1;
    AddStock(&s.stock_pending_change, first, std::min(last, overdue_from - 1));
    AddStock(&s.stock_overdue_change, std::max(first, overdue_from), last);
  }

  void Add(DeadlineState& s, const CaseRecord& c) {
    const ClockResult r = EvaluateClock(*s.deadline, c, calendar, options.as_of);
    const Period& period = options.period;
    DeadlineSummary& sum = s.summary;
    if (r.status != ClockStatus::kNotApplicable && r.status != ClockStatus::kInvalid) {
      AddFlowAndStock(s, c, r);
    }
    switch (r.status) {
      case ClockStatus::kNotApplicable:
        return;
      case ClockStatus::kInvalid:
        if (const Date to = c.event(s.deadline->to)->date; InPeriod(to, period)) {
          ++sum.invalid;
          ++Month(s, to).invalid;
          Keep(s, c, r, false);
        }
        return;
      case ClockStatus::kOnTime:
      case ClockStatus::kLate: {
        const bool on_time = r.status == ClockStatus::kOnTime;
        const Date to_date = c.event(s.deadline->to)->date;
        const Date when = options.cohort == Cohort::kCompleted ? to_date : *r.due_date;
        if (!InPeriod(when, period)) return;
        Count(s, c, on_time, when, r);
        Keep(s, c, r, true);
        return;
      }
      case ClockStatus::kPending:
      case ClockStatus::kOverdue:
        break;
    }
    AddOpen(s, c, r);
    const bool overdue = r.status == ClockStatus::kOverdue;
    if (!InPeriod(*r.due_date, period)) return;
    if (overdue) {
      ++sum.overdue;
      ++Month(s, *r.due_date).overdue;
    } else {
      ++sum.pending;
      ++Month(s, *r.due_date).pending;
    }
    const bool counted = overdue && options.cohort == Cohort::kDue;
    if (counted) Count(s, c, false, *r.due_date, r);
    Keep(s, c, r, counted);
  }

  void AddWaiting(const CaseRecord& c) {
    const std::optional<EventTime>& decided = c.event(Event::kInvestigationDecided);
    if (!decided) return;
    const auto by_as_of = [this](const std::optional<EventTime>& e) {
      return e && e->date <= options.as_of;
    };
    if (decided->date <= options.as_of && !by_as_of(c.event(Event::kInvestigationStarted)) &&
        !by_as_of(c.event(Event::kInvestigationCompleted))) {
      not_started.Add(c.case_id, decided->date, options.as_of, false, "");
    }
    if (!InPeriod(decided->date, options.period)) return;
    ++waiting.decided;
    const std::optional<EventTime>& started = c.event(Event::kInvestigationStarted);
    if (started && started->date <= options.as_of) {
      ++waiting.started;
      waiting_days.push_back(DaysBetween(decided->date, started->date));
    } else {
      ++waiting.not_started;
    }
  }
};

TimelinessCalculator::TimelinessCalculator(const Framework& framework, const Calendar& calendar,
                                           TimelinessOptions options)
    : state_(std::make_unique<State>(calendar, options)) {
  state_->min_cases = framework.scale.min_cases;
  const int months = MonthIndex(options.period.to) - state_->first_month + 1;
  state_->deadlines.reserve(framework.deadlines.size());
  for (const Deadline& d : framework.deadlines) {
    DeadlineState s{&d, {}, {}, {}, {}, {}};
    s.summary.id = d.id;
    s.summary.name = d.name;
    s.summary.gloss = d.gloss;
    s.summary.basis = d.basis;
    s.summary.source = d.source;
    s.summary.norm = d.norm;
    for (int i = 0; i < months; ++i) {
      const int index = state_->first_month + i;
      char month[16];
      std::snprintf(month, sizeof month, "%04d-%02d", index / 12, index % 12 + 1);
      s.summary.monthly.push_back(MonthCount{month});
    }
    s.stock_pending_change.assign(static_cast<size_t>(months) + 1, 0);
    s.stock_overdue_change.assign(static_cast<size_t>(months) + 1, 0);
    if (options.histogram_bins > 0) s.summary.duration_histogram.assign(options.histogram_bins, 0);
    s.durations.reserve(1024);
    state_->deadlines.push_back(std::move(s));
  }
}

TimelinessCalculator::~TimelinessCalculator() = default;

void TimelinessCalculator::Add(const CaseRecord& c) {
  for (DeadlineState& s : state_->deadlines) state_->Add(s, c);
  state_->AddWaiting(c);
}

void TimelinessCalculator::Merge(TimelinessCalculator&& later) {
  State& into = *state_;
  State& from = *later.state_;
  for (size_t i = 0; i < into.deadlines.size(); ++i) {
    DeadlineState& s = into.deadlines[i];
    DeadlineState& t = from.deadlines[i];
    DeadlineSummary& sum = s.summary;
    const DeadlineSummary& add = t.summary;
    sum.counted += add.counted;
    sum.on_time += add.on_time;
    sum.late += add.late;
    sum.pending += add.pending;
    sum.overdue += add.overdue;
    sum.invalid += add.invalid;
    sum.missing_from_latest += add.missing_from_latest;
    sum.backlog += add.backlog;
    for (size_t m = 0; m < sum.monthly.size(); ++m) {
      MonthCount& a = sum.monthly[m];
      const MonthCount& b = add.monthly[m];
      a.on_time += b.on_time;
      a.late += b.late;
      a.pending += b.pending;
      a.overdue += b.overdue;
      a.invalid += b.invalid;
      a.started += b.started;
      a.completed += b.completed;
    }
    for (size_t k = 0; k < sum.duration_histogram.size(); ++k) {
      sum.duration_histogram[k] += add.duration_histogram[k];
    }
    for (size_t k = 0; k < s.stock_pending_change.size(); ++k) {
      s.stock_pending_change[k] += t.stock_pending_change[k];
      s.stock_overdue_change[k] += t.stock_overdue_change[k];
    }
    Append(std::move(t.summary.cases), &sum.cases);
    Append(std::move(t.summary.open_cases), &sum.open_cases);
    Append(std::move(t.durations), &s.durations);
    MergeWaitingList(std::move(t.open), &s.open);
  }
  into.waiting.decided += from.waiting.decided;
  into.waiting.started += from.waiting.started;
  into.waiting.not_started += from.waiting.not_started;
  Append(std::move(from.waiting_days), &into.waiting_days);
  MergeWaitingList(std::move(from.not_started), &into.not_started);
}

namespace {

// Durations are whole days: counting puts a million of them in order in linear time, and
// the sorts inside Median and Percentile then find them in order already.
void SortWholeDays(std::vector<double>* days) {
  if (days->empty()) return;
  const auto [low, high] = std::minmax_element(days->begin(), days->end());
  const double first = *low;
  const double span = *high - first;
  if (span > 1e6 || std::any_of(days->begin(), days->end(), [](double d) {
        return d != static_cast<double>(static_cast<int64_t>(d));
      })) {
    std::sort(days->begin(), days->end());
    return;
  }
  std::vector<size_t> counts(static_cast<size_t>(span) + 1);
  for (double d : *days) ++counts[static_cast<size_t>(d - first)];
  auto out = days->begin();
  for (size_t k = 0; k < counts.size(); ++k) {
    out = std::fill_n(out, counts[k], first + static_cast<double>(k));
  }
}

// The ages of a waiting list: median, P90 and maximum.
WaitingList Finished(WaitingListState* state) {
  WaitingList list = std::move(state->list);
  if (!state->ages.empty()) {
    SortWholeDays(&state->ages);
    list.max_age_days = state->ages.back();
    list.median_age_days = Median(state->ages);
    list.p90_age_days = Percentile(std::move(state->ages), 0.9);
  }
  return list;
}

std::string MeetsNorm(const DeadlineSummary& s, bool sample) {
  if (s.counted == 0) return "";
  if (sample) {
    if (s.ci95->low >= s.norm) return "yes";
    if (s.ci95->high < s.norm) return "no";
    return "inconclusive";
  }
  // The share is a quotient: 9 of 10 must meet a norm of 0.9 despite rounding.
  return *s.share_on_time >= s.norm - 1e-12 ? "yes" : "no";
}

}  // namespace

TimelinessReport TimelinessCalculator::Finish(const std::string& organisation) {
  const TimelinessOptions& o = state_->options;
  TimelinessReport report;
  report.organisation = organisation;
  report.min_cases = state_->min_cases;
  report.period = o.period;
  report.as_of = o.as_of;
  report.cohort = o.cohort;
  report.sample = o.sample;
  for (DeadlineState& s : state_->deadlines) {
    DeadlineSummary& sum = s.summary;
    if (sum.counted > 0) {
      sum.share_on_time = static_cast<double>(sum.on_time) / static_cast<double>(sum.counted);
      if (o.sample) {
        sum.ci95 = WilsonInterval(static_cast<int>(sum.on_time), static_cast<int>(sum.counted));
      }
    }
    sum.meets_norm = MeetsNorm(sum, o.sample);
    if (!s.durations.empty()) {
      SortWholeDays(&s.durations);
      sum.median_days = Median(s.durations);
      sum.p90_days = Percentile(std::move(s.durations), 0.9);
    }
    sum.open = Finished(&s.open);
    long stock_pending = 0, stock_overdue = 0;
    for (size_t i = 0; i < sum.monthly.size(); ++i) {
      stock_pending += s.stock_pending_change[i];
      stock_overdue += s.stock_overdue_change[i];
      sum.monthly[i].stock_pending = stock_pending;
      sum.monthly[i].stock_overdue = stock_overdue;
    }
    std::sort(sum.open_cases.begin(), sum.open_cases.end(),
              [](const ClockCase& a, const ClockCase& b) {
                // By the from-event's date (its first ten characters), as `oldest`.
                const int by_date = a.from.compare(0, 10, b.from, 0, 10);
                return by_date != 0 ? by_date < 0 : a.case_id < b.case_id;
              });
    report.deadlines.push_back(std::move(sum));
  }
  report.waiting = state_->waiting;
  if (!state_->waiting_days.empty()) {
    SortWholeDays(&state_->waiting_days);
    report.waiting.median_days = Median(state_->waiting_days);
    report.waiting.p90_days = Percentile(std::move(state_->waiting_days), 0.9);
  }
  report.waiting.not_started_at_as_of = Finished(&state_->not_started);
  state_->deadlines.clear();
  return report;
}

namespace {

void WriteWaitingList(const WaitingList& l, bool deadline, JsonWriter* w) {
  w->BeginObject();
  if (deadline) {
    w->Key("pending").Int(l.pending);
    w->Key("overdue").Int(l.overdue);
  } else {
    w->Key("count").Int(l.count);
  }
  w->Key("median_age_days").OptionalNumber(l.median_age_days);
  w->Key("p90_age_days").OptionalNumber(l.p90_age_days);
  w->Key("max_age_days").OptionalNumber(l.max_age_days);
  w->Key("oldest").BeginArray();
  for (const OpenCase& c : l.oldest) {
    w->BeginObject();
    w->Key("case_id").String(c.case_id);
    w->Key("since").String(c.since.ToIso());
    w->Key("age_days").Int(c.age_days);
    if (deadline) {
      w->Key("status").String(c.overdue ? "overdue" : "pending");
      w->Key("due").String(c.due);
    }
    w->EndObject();
  }
  w->EndArray();
  w->EndObject();
}

std::optional<double> MonthShare(const MonthCount& m) {
  const long counted = m.on_time + m.late;
  if (counted == 0) return std::nullopt;
  return static_cast<double>(m.on_time) / static_cast<double>(counted);
}

void WriteByMonth(const DeadlineSummary& d, int min_cases, JsonWriter* w) {
  w->Key("by_month").BeginArray();
  for (const MonthCount& m : d.monthly) {
    w->BeginObject();
    w->Key("month").String(m.month);
    w->Key("started").Int(m.started);
    w->Key("completed").Int(m.completed);
    w->Key("on_time").Int(m.on_time);
    w->Key("late").Int(m.late);
    w->Key("counted").Int(m.on_time + m.late);
    w->Key("share_on_time").OptionalNumber(MonthShare(m));
    w->Key("few").Bool(FewCases(m, min_cases));
    w->Key("stock").BeginObject();
    w->Key("pending").Int(m.stock_pending);
    w->Key("overdue").Int(m.stock_overdue);
    w->EndObject();
    w->EndObject();
  }
  w->EndArray();
}

}  // namespace

std::string TimelinessByMonthCsv(const TimelinessReport& r) {
  std::string out =
      "deadline,month,started,completed,on_time,late,counted,share_on_time,few,stock_pending,"
      "stock_overdue\n";
  for (const DeadlineSummary& d : r.deadlines) {
    for (const MonthCount& m : d.monthly) {
      const std::optional<double> share = MonthShare(m);
      out += CsvText(d.id) + "," + CsvText(m.month) + "," + std::to_string(m.started) + "," +
             std::to_string(m.completed) + "," + std::to_string(m.on_time) + "," +
             std::to_string(m.late) + "," + std::to_string(m.on_time + m.late) + "," +
             (share ? JsonWriter::FormatNumber(*share) : "") + "," +
             (FewCases(m, r.min_cases) ? "1" : "0") + "," + std::to_string(m.stock_pending) + "," +
             std::to_string(m.stock_overdue) + "\n";
    }
  }
  return out;
}

void WriteTimelinessJson(const TimelinessReport& r, JsonWriter* w, std::optional<CaseList> list,
                         bool by_month) {
  w->BeginObject();
  w->Key("organisation").String(r.organisation);
  w->Key("period").BeginObject();
  w->Key("from").String(r.period.from.ToIso());
  w->Key("to").String(r.period.to.ToIso());
  w->EndObject();
  w->Key("as_of").String(r.as_of.ToIso());
  w->Key("cohort").String(CohortName(r.cohort));
  w->Key("sample").Bool(r.sample);
  if (by_month) w->Key("min_cases").Int(r.min_cases);
  w->Key("deadlines").BeginArray();
  for (const DeadlineSummary& d : r.deadlines) {
    w->BeginObject();
    w->Key("id").String(d.id);
    w->Key("name").String(d.name);
    w->Key("basis");
    if (d.basis == Basis::kUnstated) {
      w->Null();
    } else {
      w->String(BasisName(d.basis));
    }
    w->Key("source");
    if (d.source.empty()) {
      w->Null();
    } else {
      w->String(d.source);
    }
    w->Key("counted").Int(d.counted);
    w->Key("on_time").Int(d.on_time);
    w->Key("late").Int(d.late);
    w->Key("pending").Int(d.pending);
    w->Key("overdue").Int(d.overdue);
    w->Key("invalid").Int(d.invalid);
    w->Key("missing_from_latest").Int(d.missing_from_latest);
    w->Key("share_on_time").OptionalNumber(d.share_on_time);
    w->Key("ci95");
    if (d.ci95) {
      w->BeginArray().Number(d.ci95->low).Number(d.ci95->high).EndArray();
    } else {
      w->Null();
    }
    w->Key("norm").Number(d.norm);
    w->Key("meets_norm");
    if (d.meets_norm.empty()) {
      w->Null();
    } else {
      w->String(d.meets_norm);
    }
    w->Key("median_days").OptionalNumber(d.median_days);
    w->Key("p90_days").OptionalNumber(d.p90_days);
    w->Key("backlog").Int(d.backlog);
    w->Key("monthly").BeginArray();
    for (const MonthCount& m : d.monthly) {
      w->BeginObject();
      w->Key("month").String(m.month);
      w->Key("on_time").Int(m.on_time);
      w->Key("late").Int(m.late);
      w->EndObject();
    }
    w->EndArray();
    w->Key("open");
    WriteWaitingList(d.open, true, w);
    if (by_month) WriteByMonth(d, r.min_cases, w);
    if (list) {
      w->Key("cases").BeginArray();
      for (const ClockCase* c : ListedCases(d, *list)) {
        w->BeginObject();
        w->Key("case_id").String(c->case_id);
        w->Key("status").String(ClockStatusName(c->status));
        w->Key("counted").Bool(c->counted);
        w->Key("from").String(c->from);
        w->Key("to");
        if (c->to.empty()) {
          w->Null();
        } else {
          w->String(c->to);
        }
        w->Key("due").String(c->due);
        w->EndObject();
      }
      w->EndArray();
    }
    w->EndObject();
  }
  w->EndArray();
  w->Key("waiting").BeginObject();
  w->Key("decided").Int(r.waiting.decided);
  w->Key("started").Int(r.waiting.started);
  w->Key("not_started").Int(r.waiting.not_started);
  w->Key("median_days").OptionalNumber(r.waiting.median_days);
  w->Key("p90_days").OptionalNumber(r.waiting.p90_days);
  w->Key("not_started_at_as_of");
  WriteWaitingList(r.waiting.not_started_at_as_of, false, w);
  w->EndObject();
  w->EndObject();
}

}  // namespace vtaudit
