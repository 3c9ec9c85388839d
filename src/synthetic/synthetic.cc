#include "synthetic.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "random_draw.h"

namespace vtaudit {
namespace {

constexpr int32_t kNone = INT32_MIN;
constexpr int kTenWeeks = 70;
constexpr int kSafetyWorkdays = 5;

enum ViolenceBit : uint8_t {
  kKindermishandeling = 1,
  kPartnergeweld = 2,
  kOuderenmishandeling = 4,
  kGeweldTegenOuders = 8,
  kOverig = 16,
};

// Outcome codes; index 0 is "no outcome".
constexpr std::array<const char*, 9> kOutcomes = {
    "", "VT-00", "VT-01-01", "VT-01-02", "VT-01-03", "VT-01-04", "VT-02", "VT-03", "VT-99"};
enum OutcomeIndex : uint8_t {
  kNoOutcome,
  kVt00,
  kVt0101,
  kVt0102,
  kVt0103,
  kVt0104,
  kVt02,
  kVt03,
  kVt99
};

// One generated case, compact: about a million of them pass through memory, one
// organisation at a time.
struct Rec {
  int64_t received_minute;          // minutes since 1970-01-01T00:00
  int32_t triage_delay = -1;        // minutes after received; -1: not triaged
  int32_t safety_assessed = kNone;  // day numbers, kNone when absent
  int32_t decided = kNone;
  int32_t started = kNone;
  int32_t completed = kNone;
  uint32_t seq = 0;  // generation order: a total order for sorting
  uint8_t violence = 0;
  uint8_t outcome = kNoOutcome;
  bool advies = false;
  bool rvdk = false;
  bool disclosure = false;
};

double Uniform(Prng& p) { return static_cast<double>(p.Next() >> 11) * 0x1.0p-53; }

int Index(int year, const SyntheticOptions& o) { return year - o.first_year; }

// The yearly national safety-assessment lateness the organisations scatter around.
double NationalSafetyLateness(int year) {
  static constexpr std::array<double, 7> kLate = {0.45, 0.49, 0.51, 0.54, 0.52, 0.54, 0.50};
  return kLate[static_cast<size_t>(std::clamp(year - 2019, 0, 6))];
}

// Summer and December are slower: more safety assessments late, fewer completions.
double SeasonLatenessShift(int month) {
  if (month == 7 || month == 8) return 0.08;
  if (month == 12) return 0.06;
  return -0.02;
}
double SeasonActivity(int month) {
  if (month == 7 || month == 8) return 0.6;
  if (month == 12) return 0.75;
  return 1.0;
}

// Days of a year with cumulative weights, for drawing a date.
class DayTable {
 public:
  DayTable(int year, const Calendar& calendar, bool workdays_only) {
    first_ = *Date::FromYmd(year, 1, 1);
    const Date end = *Date::FromYmd(year + 1, 1, 1);
    double sum = 0;
    for (Date d = first_; d < end; d = d.AddDays(1)) {
      double w = SeasonActivity(d.month());
      if (!calendar.IsWorkday(d)) w = workdays_only ? 0 : w * 0.35;
      sum += w;
      cumulative_.push_back(sum);
    }
  }
  Date Draw(Prng& prng) const {
    const double u = Uniform(prng) * cumulative_.back();
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
    const auto i =
        std::min<size_t>(static_cast<size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
    return first_.AddDays(static_cast<int>(i));
  }

 private:
  Date first_;
  std::vector<double> cumulative_;
};

// ISO texts of the days in a range, so a million rows need no formatting per date.
class DayText {
 public:
  DayText(Date from, Date to) : base_(from.day_number()) {
    for (Date d = from; d <= to; d = d.AddDays(1)) {
      const std::string iso = d.ToIso();
      std::array<char, 10> a{};
      std::copy_n(iso.data(), 10, a.data());
      text_.push_back(a);
    }
  }
  void Append(int32_t day, std::string* out) const {
    const int64_t i = int64_t{day} - base_;
    if (i >= 0 && i < static_cast<int64_t>(text_.size())) {
      out->append(text_[static_cast<size_t>(i)].data(), 10);
    } else {
      out->append(Date::FromDayNumber(day).ToIso());
    }
  }

 private:
  int32_t base_;
  std::vector<std::array<char, 10>> text_;
};

Date PreviousWorkday(Date d, const Calendar& calendar) {
  while (!calendar.IsWorkday(d)) d = d.AddDays(-1);
  return d;
}

// The working day n working days before `d` (a working day itself).
Date SubtractWorkdays(Date d, int n, const Calendar& calendar) {
  d = PreviousWorkday(d, calendar);
  for (int i = 0; i < n; ++i) d = PreviousWorkday(d.AddDays(-1), calendar);
  return d;
}

Date InvestigationDue(Date decided, const Calendar& calendar) {
  return calendar.ExtendToWorkday(decided.AddDays(kTenWeeks));
}

std::vector<long> Allocate(long total, const std::vector<double>& weights,
                           const std::vector<std::string>& keys) {
  std::vector<long> populations;
  for (double w : weights) populations.push_back(std::max(1L, std::lround(w * 1e6)));
  return LargestRemainder(populations, total, keys);
}

std::vector<long> AllocateWithin(long total, const std::vector<long>& populations,
                                 const std::vector<std::string>& keys) {
  long sum = 0;
  for (long p : populations) sum += p;
  return LargestRemainder(populations, std::min(total, sum), keys);
}

void Shuffle(std::vector<uint8_t>* v, Prng& prng) {
  for (size_t i = v->size(); i > 1; --i) {
    std::swap((*v)[i - 1], (*v)[prng.Below(i)]);
  }
}

// What differs between organisations, drawn once from the national generator.
struct OrgProfile {
  double safety_offset = 0;  // added to the national safety lateness
  double on_time_base = 0;   // investigations on time, before yearly variation
  double on_time_trend = 0;  // per year
  int late_extra_days = 0;   // how far late investigations overrun
  int wait_base = 0;         // mean days from decision to start
  int wait_growth = 0;       // added per year: the growing waiting list
  double other_ratio = 0;    // meldingen of other violence per child-abuse melding
  double advies_ratio = 0;   // adviezen per melding
  double volume_trend = 0;   // relative growth per year
  // Per year (index year - first_year).
  std::vector<long> meldingen_km, investigations, investigations_km, rvdk, on_time;
};

uint8_t OtherViolence(Prng& prng) {
  const double u = Uniform(prng);
  if (u < 0.65) return kPartnergeweld;
  if (u < 0.80) return kOuderenmishandeling;
  if (u < 0.90) return kGeweldTegenOuders;
  return kOverig;
}

uint8_t ChildAbuseViolence(Prng& prng) {
  return Uniform(prng) < 0.8 ? kKindermishandeling : kKindermishandeling | kPartnergeweld;
}

int32_t TimeOfDay(Prng& prng) {
  if (Uniform(prng) < 0.75) return 8 * 60 + static_cast<int32_t>(prng.Below(9 * 60));
  return static_cast<int32_t>(prng.Below(24 * 60));
}

int32_t TriageDelay(Prng& prng) {
  if (Uniform(prng) < 0.996) return 5 + static_cast<int32_t>(prng.Below(20 * 60));
  return 24 * 60 + 1 + static_cast<int32_t>(prng.Below(36 * 60));
}

// Working days from receipt to the safety assessment: at most 5 when on time.
int SafetyWorkdays(bool late, Prng& prng) {
  if (!late) return Uniform(prng) < 0.1 ? 0 : 1 + static_cast<int>(prng.Below(5));
  return kSafetyWorkdays + 1 + static_cast<int>(prng.Below(8) + prng.Below(12));
}

class Generator {
 public:
  Generator(const std::vector<Organisation>& orgs, const SyntheticOptions& options,
            const Calendar& calendar)
      : orgs_(orgs),
        o_(options),
        calendar_(calendar),
        text_(*Date::FromYmd(options.first_year - 2, 1, 1),
              *Date::FromYmd(options.last_year + 2, 12, 31)) {
    for (int y = o_.first_year; y <= o_.last_year; ++y) {
      receipt_days_.emplace_back(y, calendar, false);
      work_days_.emplace_back(y, calendar, true);
    }
  }

  void Plan();
  Status WriteAll(const std::string& dir, SyntheticSummary* summary);

 private:
  void GenerateOrganisation(size_t org, std::vector<Rec>* recs);
  bool SafetyLate(size_t org, Date received, Prng& prng) const;
  void Count(size_t org, const std::vector<Rec>& recs, SyntheticSummary* summary,
             std::vector<std::vector<long>>* on_time, std::vector<std::vector<long>>* done) const;
  void AppendRow(const std::string& code, const Rec& r, int* last_year, long* year_seq,
                 std::string* out) const;

  const std::vector<Organisation>& orgs_;
  SyntheticOptions o_;
  const Calendar& calendar_;
  DayText text_;
  std::vector<DayTable> receipt_days_;
  std::vector<DayTable> work_days_;
  std::vector<OrgProfile> profiles_;
};

void Generator::Plan() {
  Prng prng(o_.seed);
  const size_t n = orgs_.size();
  std::vector<std::string> keys;
  for (const Organisation& org : orgs_) keys.push_back(org.code);

  // Regions with a growing waiting list: two of them, by the seed.
  std::set<std::string> region_set;
  for (const Organisation& org : orgs_) region_set.insert(org.region);
  std::vector<std::string> regions(region_set.begin(), region_set.end());
  std::set<std::string> growing;
  for (int i = 0; i < 2 && !regions.empty(); ++i) {
    const size_t pick = prng.Below(regions.size());
    growing.insert(regions[pick]);
    regions.erase(regions.begin() + static_cast<long>(pick));
  }

  profiles_.assign(n, OrgProfile{});
  double weight_sum = 0, offset_sum = 0;
  for (size_t i = 0; i < n; ++i) {
    OrgProfile& p = profiles_[i];
    p.safety_offset = (Uniform(prng) - 0.5) * 0.3;
    p.on_time_base = 0.42 + 0.40 * Uniform(prng);
    p.on_time_trend = (Uniform(prng) - 0.5) * 0.04;
    p.late_extra_days = 10 + static_cast<int>(prng.Below(30));
    p.wait_base = 3 + static_cast<int>(prng.Below(12));
    p.wait_growth = growing.count(orgs_[i].region) ? 4 + static_cast<int>(prng.Below(7)) : 0;
    p.other_ratio = 0.10 + 0.10 * Uniform(prng);
    p.advies_ratio = 0.9 + 0.2 * Uniform(prng);
    p.volume_trend = -0.02 + 0.06 * Uniform(prng);
    weight_sum += orgs_[i].size_weight;
    offset_sum += orgs_[i].size_weight * p.safety_offset;
  }
  // Centre the offsets so the national lateness is the national figure.
  for (size_t i = 0; i < n; ++i) profiles_[i].safety_offset -= offset_sum / weight_sum;

  for (int y = o_.first_year; y <= o_.last_year; ++y) {
    const NationalFigures& f = NationalTable()[static_cast<size_t>(y - 2019)];
    std::vector<double> weights;
    for (size_t i = 0; i < n; ++i) {
      weights.push_back(orgs_[i].size_weight * (1 + profiles_[i].volume_trend * (y - 2022)));
    }
    const auto scaled = [&](long v) { return std::lround(static_cast<double>(v) * o_.scale); };
    const std::vector<long> km = Allocate(scaled(f.meldingen_kindermishandeling), weights, keys);
    const std::vector<long> inv = Allocate(scaled(f.investigations_completed), weights, keys);
    const std::vector<long> inv_km =
        AllocateWithin(scaled(f.investigations_completed_kindermishandeling), inv, keys);
    const std::vector<long> rvdk = AllocateWithin(scaled(f.rvdk), inv_km, keys);

    // In 2024 exactly two organisations reach the 80% norm, none reaches 100%.
    std::set<size_t> good;
    if (y == 2024) {
      std::vector<size_t> candidates;
      for (size_t i = 0; i < n; ++i) {
        if (inv[i] >= 5) candidates.push_back(i);
      }
      while (good.size() < 2 && !candidates.empty()) {
        const size_t pick = prng.Below(candidates.size());
        good.insert(candidates[pick]);
        candidates.erase(candidates.begin() + static_cast<long>(pick));
      }
    }
    for (size_t i = 0; i < n; ++i) {
      OrgProfile& p = profiles_[i];
      const double target = std::clamp(
          p.on_time_base + p.on_time_trend * (y - 2022) + (Uniform(prng) - 0.5) * 0.12, 0.2, 0.9);
      const long m = inv[i];
      long k = std::lround(target * static_cast<double>(m));
      const long need80 = (4 * m + 4) / 5;  // ceil(0.8 m)
      // A target on the wrong side of the norm is drawn again on the right side, so the
      // organisations do not bunch up just below or just above 80%.
      const auto redraw = [&](double low, double high) {
        return std::lround((low + (high - low) * Uniform(prng)) * static_cast<double>(m));
      };
      if (y == 2024 && good.count(i) && k < need80) k = std::max(redraw(0.81, 0.9), need80);
      if (y == 2024 && !good.count(i) && k >= need80) k = std::min(redraw(0.6, 0.78), need80 - 1);
      if (m >= 2) k = std::min(k, m - 1);
      p.meldingen_km.push_back(km[i]);
      p.investigations.push_back(m);
      p.investigations_km.push_back(inv_km[i]);
      p.rvdk.push_back(rvdk[i]);
      p.on_time.push_back(std::clamp(k, 0L, m));
    }
  }
}

bool Generator::SafetyLate(size_t org, Date received, Prng& prng) const {
  const double p =
      std::clamp(NationalSafetyLateness(received.year()) + profiles_[org].safety_offset +
                     SeasonLatenessShift(received.month()),
                 0.03, 0.97);
  return Uniform(prng) < p;
}

void Generator::GenerateOrganisation(size_t org, std::vector<Rec>* recs) {
  const OrgProfile& p = profiles_[org];
  Prng prng(o_.seed ^ Fnv1a64(orgs_[org].code));
  // A stream of its own for the safety assessment of the meldingen coded VT-00 or VT-99
  // (added later): drawing those from `prng` would move every value generated after them.
  Prng coded_out(o_.seed ^ Fnv1a64(orgs_[org].code + "/VT-00+VT-99"));
  const int years = o_.last_year - o_.first_year + 1;
  std::vector<long> km_received(static_cast<size_t>(years), 0);
  uint32_t seq = 0;
  recs->clear();

  const auto received_before = [&](Date decided, Rec* r) {
    const Date received_guess = decided.AddDays(-10);
    const bool late = SafetyLate(org, received_guess, prng);
    const int k = SafetyWorkdays(late, prng);
    const Date received = SubtractWorkdays(decided, k + static_cast<int>(prng.Below(8)), calendar_);
    r->received_minute = int64_t{received.day_number()} * 1440 + TimeOfDay(prng);
    r->triage_delay = TriageDelay(prng);
    r->safety_assessed = calendar_.AddWorkdays(received, k).day_number();
    r->decided = decided.day_number();
    r->outcome = kVt0101;
    if (const int y = received.year();
        y >= o_.first_year && y <= o_.last_year && (r->violence & kKindermishandeling)) {
      ++km_received[static_cast<size_t>(Index(y, o_))];
    }
  };
  const auto wait_days = [&](Date decided) {
    const int mean = p.wait_base + p.wait_growth * std::max(0, decided.year() - o_.first_year);
    return static_cast<int>(prng.Below(static_cast<uint64_t>(2 * mean + 1)));
  };

  // Investigations, from their completion date back.
  for (int y = o_.first_year; y <= o_.last_year; ++y) {
    const size_t yi = static_cast<size_t>(Index(y, o_));
    const long m = p.investigations[yi];
    std::vector<uint8_t> on_time(static_cast<size_t>(m), 0), km(static_cast<size_t>(m), 0);
    std::fill_n(on_time.begin(), p.on_time[yi], 1);
    std::fill_n(km.begin(), p.investigations_km[yi], 1);
    Shuffle(&on_time, prng);
    Shuffle(&km, prng);
    long rvdk_left = p.rvdk[yi];
    for (size_t i = 0; i < static_cast<size_t>(m); ++i) {
      Rec r;
      r.seq = seq++;
      const Date completed = work_days_[yi].Draw(prng);
      const bool want = on_time[i] != 0;
      Date decided;
      bool placed = false;
      for (int attempt = 0; attempt < 16 && !placed; ++attempt) {
        const int duration =
            want ? 21 + static_cast<int>(prng.Below(48))
                 : kTenWeeks + 1 +
                       static_cast<int>(prng.Below(static_cast<uint64_t>(p.late_extra_days)) +
                                        prng.Below(static_cast<uint64_t>(p.late_extra_days)));
        decided = PreviousWorkday(completed.AddDays(-duration), calendar_);
        placed = (completed <= InvestigationDue(decided, calendar_)) == want;
      }
      if (!placed) decided = PreviousWorkday(completed.AddDays(want ? -30 : -120), calendar_);
      const int span = DaysBetween(decided, completed);
      const int wait = std::min(wait_days(decided), std::max(0, span - 14));
      r.violence = km[i] ? ChildAbuseViolence(prng) : OtherViolence(prng);
      if (km[i] && rvdk_left > 0) r.rvdk = true, --rvdk_left;
      r.disclosure = km[i] && Uniform(prng) < 0.06;
      received_before(decided, &r);
      r.started =
          std::min(calendar_.ExtendToWorkday(decided.AddDays(wait)), completed).day_number();
      r.completed = completed.day_number();
      recs->push_back(r);
    }
  }

  // Investigations still open at the end: decided in the last quarter, some not started.
  {
    const size_t yi = static_cast<size_t>(years - 1);
    const long open =
        std::lround(static_cast<double>(p.investigations[yi]) * (0.06 + 0.01 * p.wait_growth));
    const Date year_end = *Date::FromYmd(o_.last_year, 12, 31);
    for (long i = 0; i < open; ++i) {
      Rec r;
      r.seq = seq++;
      const Date decided =
          PreviousWorkday(year_end.AddDays(-static_cast<int>(prng.Below(100))), calendar_);
      r.violence = Uniform(prng) < 0.6 ? ChildAbuseViolence(prng) : OtherViolence(prng);
      received_before(decided, &r);
      if (const Date started = calendar_.ExtendToWorkday(decided.AddDays(wait_days(decided)));
          started <= year_end) {
        r.started = started.day_number();
      }
      recs->push_back(r);
    }
  }

  // Meldingen without investigation, filling the child-abuse count to the table.
  const auto melding = [&](int y, uint8_t violence) {
    const size_t yi = static_cast<size_t>(Index(y, o_));
    Rec r;
    r.seq = seq++;
    r.violence = violence;
    const Date received = receipt_days_[yi].Draw(prng);
    r.received_minute = int64_t{received.day_number()} * 1440 + TimeOfDay(prng);
    r.triage_delay = TriageDelay(prng);
    const double u = Uniform(prng);
    if (u < 0.05) {
      // Not admissible (VT-00) or wrongly addressed (VT-99): outcomes of the safety
      // assessment, so these meldingen were assessed too, on the same clock as the others.
      r.outcome = u < 0.02 ? kVt00 : kVt99;
      const bool late = SafetyLate(org, received, coded_out);
      r.safety_assessed =
          calendar_.AddWorkdays(received, SafetyWorkdays(late, coded_out)).day_number();
    } else {
      const bool late = SafetyLate(org, received, prng);
      r.safety_assessed = calendar_.AddWorkdays(received, SafetyWorkdays(late, prng)).day_number();
      const double v = Uniform(prng);
      r.outcome = v < 0.22   ? kVt0102
                  : v < 0.49 ? kVt0103
                  : v < 0.52 ? kVt0104
                  : v < 0.82 ? kVt02
                             : kVt03;
    }
    r.disclosure = (violence & kKindermishandeling) && Uniform(prng) < 0.02;
    recs->push_back(r);
  };
  for (int y = o_.first_year; y <= o_.last_year; ++y) {
    const size_t yi = static_cast<size_t>(Index(y, o_));
    const long km = std::max(0L, p.meldingen_km[yi] - km_received[yi]);
    for (long i = 0; i < km; ++i) melding(y, ChildAbuseViolence(prng));
    const long other = std::lround(static_cast<double>(p.meldingen_km[yi]) * p.other_ratio);
    for (long i = 0; i < other; ++i) melding(y, OtherViolence(prng));
    const long adviezen =
        std::lround(static_cast<double>(p.meldingen_km[yi] + other) * p.advies_ratio);
    for (long i = 0; i < adviezen; ++i) {
      Rec r;
      r.seq = seq++;
      r.advies = true;
      const double u = Uniform(prng);
      r.violence = u < 0.5 ? uint8_t{kKindermishandeling} : OtherViolence(prng);
      const Date received = receipt_days_[yi].Draw(prng);
      r.received_minute = int64_t{received.day_number()} * 1440 + TimeOfDay(prng);
      recs->push_back(r);
    }
  }

  std::sort(recs->begin(), recs->end(), [](const Rec& a, const Rec& b) {
    return a.received_minute != b.received_minute ? a.received_minute < b.received_minute
                                                  : a.seq < b.seq;
  });
}

void Generator::Count(size_t org, const std::vector<Rec>& recs, SyntheticSummary* summary,
                      std::vector<std::vector<long>>* on_time,
                      std::vector<std::vector<long>>* done) const {
  const auto year_slot = [&](int32_t day) -> SyntheticYear* {
    const int y = Date::FromDayNumber(day).year();
    if (y < o_.first_year || y > o_.last_year) return nullptr;
    return &summary->years[static_cast<size_t>(Index(y, o_))];
  };
  for (const Rec& r : recs) {
    const Date received = Date::FromDayNumber(static_cast<int32_t>(r.received_minute / 1440));
    if (SyntheticYear* y = year_slot(received.day_number())) {
      if (r.advies) {
        ++y->adviezen;
      } else {
        ++y->meldingen;
        if (r.violence & kKindermishandeling) ++y->meldingen_kindermishandeling;
      }
    }
    if (r.safety_assessed != kNone) {
      if (SyntheticYear* y = year_slot(r.safety_assessed)) {
        ++y->safety_assessed;
        if (Date::FromDayNumber(r.safety_assessed) >
            calendar_.AddWorkdays(received, kSafetyWorkdays)) {
          ++y->safety_late;
        }
      }
    }
    if (r.completed != kNone) {
      if (SyntheticYear* y = year_slot(r.completed)) {
        ++y->investigations_completed;
        if (r.violence & kKindermishandeling) ++y->investigations_completed_kindermishandeling;
        if (r.rvdk) ++y->rvdk;
        const size_t yi = static_cast<size_t>(y->year - o_.first_year);
        ++(*done)[yi][org];
        if (Date::FromDayNumber(r.completed) <=
            InvestigationDue(Date::FromDayNumber(r.decided), calendar_)) {
          ++(*on_time)[yi][org];
        }
      }
    }
  }
}

void Generator::AppendRow(const std::string& code, const Rec& r, int* last_year, long* year_seq,
                          std::string* out) const {
  const int32_t received_day = static_cast<int32_t>(r.received_minute / 1440);
  const int year = Date::FromDayNumber(received_day).year();
  if (year != *last_year) *last_year = year, *year_seq = 0;
  char id[32];
  std::snprintf(id, sizeof id, "%s-%04d-%06ld", code.c_str(), year, ++*year_seq);
  out->append(id);
  out->append(r.advies ? ",advies," : ",melding,");
  static constexpr std::array<const char*, 5> kNames = {"kindermishandeling", "partnergeweld",
                                                        "ouderenmishandeling",
                                                        "geweld_tegen_ouders", "overig"};
  bool first = true;
  for (size_t b = 0; b < kNames.size(); ++b) {
    if (r.violence & (1u << b)) {
      if (!first) out->push_back('|');
      out->append(kNames[b]);
      first = false;
    }
  }
  const auto moment = [&](int64_t minute) {
    text_.Append(static_cast<int32_t>(minute / 1440), out);
    const int m = static_cast<int>(minute % 1440);
    const char hm[6] = {
        'T', static_cast<char>('0' + m / 600),     static_cast<char>('0' + m / 60 % 10),
        ':', static_cast<char>('0' + m % 60 / 10), static_cast<char>('0' + m % 10)};
    out->append(hm, 6);
  };
  const auto day = [&](int32_t d) {
    out->push_back(',');
    if (d != kNone) text_.Append(d, out);
  };
  out->push_back(',');
  moment(r.received_minute);
  out->push_back(',');
  if (r.triage_delay >= 0) moment(r.received_minute + r.triage_delay);
  day(r.safety_assessed);
  out->push_back(',');
  out->append(kOutcomes[r.outcome]);
  day(r.decided);
  day(r.started);
  day(r.completed);
  out->append(r.rvdk ? ",1" : ",");
  out->append(r.disclosure ? ",1\n" : ",\n");
}

Status WriteText(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Status::IoError(path + ": cannot create the file");
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !ok) return Status::IoError(path + ": write failed");
  return Status::Ok();
}

Status Generator::WriteAll(const std::string& dir, SyntheticSummary* summary) {
  const int years = o_.last_year - o_.first_year + 1;
  for (int y = o_.first_year; y <= o_.last_year; ++y) summary->years.push_back({.year = y});
  std::vector<std::vector<long>> on_time(static_cast<size_t>(years),
                                         std::vector<long>(orgs_.size(), 0));
  std::vector<std::vector<long>> done = on_time;
  std::vector<Rec> recs;
  std::string buffer;
  constexpr size_t kFlushBytes = size_t{1} << 20;
  buffer.reserve(kFlushBytes + 4096);
  for (size_t org = 0; org < orgs_.size(); ++org) {
    GenerateOrganisation(org, &recs);
    Count(org, recs, summary, &on_time, &done);
    const std::string path =
        (std::filesystem::path(dir) / SyntheticFileName(orgs_[org].code)).string();
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return Status::IoError(path + ": cannot create the file");
    bool ok = true;
    buffer =
        "case_id,kind,violence,received,triaged,safety_assessed,outcome,investigation_decided,"
        "investigation_started,investigation_completed,rvdk,disclosure\n";
    int last_year = 0;
    long year_seq = 0;
    for (const Rec& r : recs) {
      AppendRow(orgs_[org].code, r, &last_year, &year_seq, &buffer);
      if (buffer.size() >= kFlushBytes) {
        ok = ok && std::fwrite(buffer.data(), 1, buffer.size(), f) == buffer.size();
        buffer.clear();
      }
    }
    ok = ok && std::fwrite(buffer.data(), 1, buffer.size(), f) == buffer.size();
    if (std::fclose(f) != 0 || !ok) return Status::IoError(path + ": write failed");
    summary->cases += static_cast<long>(recs.size());
    summary->files.push_back(path);
  }
  for (size_t yi = 0; yi < static_cast<size_t>(years); ++yi) {
    for (size_t org = 0; org < orgs_.size(); ++org) {
      const long n = done[yi][org];
      if (n == 0) continue;
      if (on_time[yi][org] * 5 >= n * 4) ++summary->years[yi].organisations_investigations_80;
      if (on_time[yi][org] == n) ++summary->years[yi].organisations_investigations_all;
    }
  }

  char head[512];
  std::snprintf(head, sizeof head,
                "# Synthetische registratie / synthetic registration\n\n"
                "SYNTHETIC DATA: every file here was generated by `vtaudit samples generate`.\n"
                "No real person, family, case or organisation is described.\n\n"
                "- seed: %llu\n- years: %d-%d\n- scale: %g\n- organisations: %zu\n"
                "- cases: %ld\n\n",
                static_cast<unsigned long long>(o_.seed), o_.first_year, o_.last_year, o_.scale,
                orgs_.size(), summary->cases);
  std::string readme = head;
  readme +=
      "One extract per organisation, `VTxx-synthetisch.csv`, in the import format of\n"
      "vtaudit (docs/extract.md). The same seed gives identical files.\n";
  readme += o_.scale == 1.0
                ? "At scale 1 the yearly national counts equal the figures of the parliamentary\n"
                  "answers (meldingen of child abuse, completed investigations, RvdK handovers).\n"
                : "This is not scale 1: volumes are the national figures times the scale, so the\n"
                  "exact national calibration does not apply.\n";
  const std::string path = (std::filesystem::path(dir) / "README.md").string();
  if (Status s = WriteText(path, readme); !s.ok()) return s;
  summary->files.push_back(path);
  return Status::Ok();
}

}  // namespace

const std::vector<NationalFigures>& NationalTable() {
  static const std::vector<NationalFigures> kTable = {
      {2019, 55590, 6100, 2440, 355}, {2020, 62795, 7305, 3735, 520},
      {2021, 61495, 7615, 4025, 620}, {2022, 62460, 7585, 4145, 565},
      {2023, 65750, 7530, 4335, 595}, {2024, 67030, 7720, 4610, 630},
      {2025, 68150, 7435, 4405, 490},
  };
  return kTable;
}

std::string SyntheticFileName(const std::string& organisation_code) {
  return organisation_code + "-synthetisch.csv";
}

Result<SyntheticSummary> GenerateNational(const std::vector<Organisation>& organisations,
                                          const SyntheticOptions& options, const Calendar& calendar,
                                          const std::string& output_dir) {
  if (options.first_year < 2019 || options.last_year > 2025 ||
      options.first_year > options.last_year) {
    return Status::Invalid("years must lie within 2019-2025, the years of the national figures");
  }
  if (!(options.scale > 0) || options.scale > 10) {
    return Status::Invalid("the scale must be greater than 0 and at most 10");
  }
  if (organisations.empty()) return Status::Invalid("no organisations to generate for");
  std::set<std::string> codes;
  for (const Organisation& org : organisations) {
    if (!codes.insert(org.code).second) {
      return Status::Invalid("organisation " + org.code + " occurs twice");
    }
    if (!(org.size_weight > 0)) {
      return Status::Invalid("organisation " + org.code + ": size_weight must be greater than 0");
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(output_dir, ec);
  if (ec) return Status::IoError(output_dir + ": " + ec.message());

  SyntheticSummary summary;
  summary.seed = options.seed;
  summary.scale = options.scale;
  Generator generator(organisations, options, calendar);
  generator.Plan();
  if (Status s = generator.WriteAll(output_dir, &summary); !s.ok()) return s;
  return summary;
}

}  // namespace vtaudit
