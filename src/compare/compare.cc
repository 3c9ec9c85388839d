#include "compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "audit.h"
#include "case_store.h"
#include "judge_audit.h"
#include "month_figures_reader.h"

namespace vtaudit {
namespace {

constexpr std::string_view kKindermishandeling = "kindermishandeling";

bool HasViolence(const CaseRecord& c, std::string_view type) {
  return std::find(c.violence.begin(), c.violence.end(), type) != c.violence.end();
}

ShareCell MakeCell(const ClockCounts& counts, double norm) {
  ShareCell cell;
  cell.counts = counts;
  if (counts.counted() > 0) {
    cell.share = static_cast<double>(counts.on_time) / static_cast<double>(counts.counted());
    // The share is a quotient: 4 of 5 must meet a norm of 0.8 despite rounding.
    cell.meets_norm = *cell.share >= norm - 1e-12 ? "yes" : "no";
  }
  return cell;
}

// Changes between consecutive compared years where both years counted something.
void FillChanges(const std::vector<int>& years, ShareRow* row) {
  row->changes.assign(years.size(), std::nullopt);
  for (size_t i = 1; i < years.size(); ++i) {
    const ClockCounts& a = row->cells[i - 1].counts;
    const ClockCounts& b = row->cells[i].counts;
    if (a.counted() == 0 || b.counted() == 0) continue;
    YearChange ch;
    ch.from_year = years[i - 1];
    ch.to_year = years[i];
    ch.difference = *row->cells[i].share - *row->cells[i - 1].share;
    ch.ci95 = NewcombeDifference(static_cast<int>(b.on_time), static_cast<int>(b.counted()),
                                 static_cast<int>(a.on_time), static_cast<int>(a.counted()));
    ch.beyond_noise = ch.ci95.low > 0 || ch.ci95.high < 0;
    row->changes[i] = ch;
  }
}

std::vector<RankEntry> Rank(const std::vector<ShareRow>& rows, size_t year_index) {
  std::vector<RankEntry> out;
  for (const ShareRow& r : rows) {
    const ShareCell& c = r.cells[year_index];
    if (!c.share) continue;
    const Interval ci95 =
        WilsonInterval(static_cast<int>(c.counts.on_time), static_cast<int>(c.counts.counted()));
    out.push_back({0, r.org, *c.share, c.counts.counted(), ci95, {}});
  }
  // Exact comparison of on_time/counted by cross-multiplication: equal shares tie.
  std::stable_sort(out.begin(), out.end(),
                   [&](const RankEntry& a, const RankEntry& b) { return a.share > b.share; });
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].rank =
        i > 0 && out[i].share == out[i - 1].share ? out[i - 1].rank : static_cast<int>(i) + 1;
  }
  std::vector<Interval> intervals;
  for (const RankEntry& e : out) intervals.push_back(e.ci95);
  const std::vector<RankRange> places = RankRanges(intervals);
  for (size_t i = 0; i < out.size(); ++i) out[i].places = places[i];
  return out;
}

void CompareAudits(const CompareInput& in, Comparison* out) {
  out->audits = in.audits;
  std::sort(out->audits.begin(), out->audits.end(),
            [](const AuditedPeriod& a, const AuditedPeriod& b) {
              return std::tie(a.year, a.org, a.audit_id) < std::tie(b.year, b.org, b.audit_id);
            });
  if (out->audits.empty()) return;
  const size_t n = out->audits.size();
  // Domains are compared by id (crosswalk.h): the reference order first, then others.
  std::vector<std::string> domain_ids;
  if (in.reference) {
    for (const Domain& d : in.reference->domains) domain_ids.push_back(d.id);
  }
  for (const AuditedPeriod& a : out->audits) {
    for (const auto& [id, level] : a.domains) {
      if (std::find(domain_ids.begin(), domain_ids.end(), id) == domain_ids.end()) {
        domain_ids.push_back(id);
      }
    }
  }
  for (const std::string& id : domain_ids) {
    DomainRow row{id, std::vector<std::optional<std::string>>(n)};
    for (size_t i = 0; i < n; ++i) {
      for (const auto& [did, level] : out->audits[i].domains) {
        if (did == id) row.levels[i] = level;
      }
    }
    out->domains.push_back(std::move(row));
  }
  if (!in.reference) return;

  const auto crosswalk_of = [&in](const AuditedPeriod& a) -> const Crosswalk* {
    const auto it = in.crosswalks.find(a.framework_id);
    return it == in.crosswalks.end() ? nullptr : &it->second;
  };
  const auto fill = [](const AuditedPeriod& a, const std::string& own_id, CriterionCell* cell) {
    const auto share = a.criteria.find(own_id);
    if (share == a.criteria.end()) {
      cell->unmatched = true;
      return;
    }
    cell->share = share->second;
    if (const auto level = a.criterion_levels.find(own_id); level != a.criterion_levels.end()) {
      cell->level = level->second;
    }
  };
  for (const Criterion* c : in.reference->Criteria()) {
    CriterionRow row{c->id, c->text, c->gloss, false, std::vector<CriterionCell>(n)};
    for (size_t i = 0; i < n; ++i) {
      const AuditedPeriod& a = out->audits[i];
      CriterionCell& cell = row.cells[i];
      std::string own = c->id;
      if (a.framework_id != in.reference->id) {
        if (const Crosswalk* cw = crosswalk_of(a)) {
          const std::optional<std::string> pred = cw->Predecessor(c->id);
          if (!pred) {
            cell.unmatched = true;
            continue;
          }
          own = *pred;
          if (own != c->id) cell.via = own;
        }
      }
      fill(a, own, &cell);
    }
    out->criteria.push_back(std::move(row));
  }
  // Criteria of older frameworks without a successor: shown, not dropped.
  for (size_t i = 0; i < n; ++i) {
    const AuditedPeriod& a = out->audits[i];
    if (a.framework_id == in.reference->id) continue;
    const Crosswalk* cw = crosswalk_of(a);
    for (const auto& [id, share] : a.criteria) {
      const bool continues =
          cw ? !cw->Successors(id).empty() : in.reference->FindCriterion(id) != nullptr;
      if (continues) continue;
      auto row = std::find_if(
          out->criteria.begin(), out->criteria.end(),
          // Captured by name: clang 14 cannot capture a structured binding.
          [&criterion = id](const CriterionRow& r) { return r.removed && r.id == criterion; });
      if (row == out->criteria.end()) {
        out->criteria.push_back({id, "", "", true, std::vector<CriterionCell>(n)});
        for (CriterionCell& cell : out->criteria.back().cells) cell.unmatched = true;
        row = std::prev(out->criteria.end());
      }
      row->cells[i] = {};
      fill(a, id, &row->cells[i]);
    }
  }
}

std::string NormPercent(double norm) {
  char buf[32];
  const double pct = norm * 100;
  if (std::fabs(pct - std::round(pct)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f%%", pct);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f%%", pct);
  }
  return buf;
}

}  // namespace

std::vector<RankRange> RankRanges(const std::vector<Interval>& intervals) {
  const int n = static_cast<int>(intervals.size());
  std::vector<RankRange> out;
  for (const Interval& own : intervals) {
    int above = 0, below = 0;
    for (const Interval& other : intervals) {
      if (other.low > own.high) ++above;
      if (other.high < own.low) ++below;
    }
    out.push_back({1 + above, n - below});
  }
  return out;
}

YearlyCounts& YearlyCounts::operator+=(const YearlyCounts& o) {
  meldingen += o.meldingen;
  meldingen_kindermishandeling += o.meldingen_kindermishandeling;
  investigations_completed += o.investigations_completed;
  investigations_completed_kindermishandeling += o.investigations_completed_kindermishandeling;
  rvdk += o.rvdk;
  return *this;
}

Comparison Compare(const CompareInput& in) {
  Comparison out;
  out.years = in.years;
  out.organisations = in.organisations;
  out.scope = in.scope;
  const size_t ny = in.years.size();
  const auto year_index = [&in](int year) -> std::optional<size_t> {
    const auto it = std::find(in.years.begin(), in.years.end(), year);
    if (it == in.years.end()) return std::nullopt;
    return static_cast<size_t>(it - in.years.begin());
  };
  std::map<std::string, size_t> org_index;
  for (size_t i = 0; i < in.organisations.size(); ++i) org_index[in.organisations[i].code] = i;
  std::map<std::string, size_t> month_index;
  for (const int year : in.years) {
    for (int month = 1; month <= 12; ++month) {
      char key[16];
      std::snprintf(key, sizeof key, "%04d-%02d", year, month);
      month_index[key] = out.months.size();
      out.months.push_back(key);
    }
  }
  // monthly[deadline][month]: the total's, summed over the compared organisations.
  std::vector<std::vector<ClockCounts>> monthly(
      in.deadlines.size(), std::vector<ClockCounts>(out.months.size(), ClockCounts{}));
  for (const OrgMonthFigures& m : in.months) {
    const auto at = month_index.find(m.month);
    if (at == month_index.end() || !org_index.count(m.org)) continue;
    for (size_t d = 0; d < in.deadlines.size(); ++d) {
      const auto c = m.clocks.find(in.deadlines[d].id);
      if (c == m.clocks.end()) continue;
      monthly[d][at->second].on_time += c->second.on_time;
      monthly[d][at->second].late += c->second.late;
    }
  }

  // counts[deadline][org][year]; a missing cell counts nothing and has nothing open.
  const ClockCounts nothing{0, 0, OpenStock{}};
  std::vector<std::vector<std::vector<ClockCounts>>> counts(
      in.deadlines.size(), std::vector<std::vector<ClockCounts>>(
                               in.organisations.size(), std::vector<ClockCounts>(ny, nothing)));
  out.national_counts.assign(ny, {});
  for (const OrgYearFigures& f : in.figures) {
    const std::optional<size_t> y = year_index(f.year);
    const auto o = org_index.find(f.org);
    if (!y || o == org_index.end()) continue;
    out.national_counts[*y] += f.counts;
    for (size_t d = 0; d < in.deadlines.size() && d < f.clocks.size(); ++d) {
      ClockCounts& c = counts[d][o->second][*y];
      c.on_time += f.clocks[d].on_time;
      c.late += f.clocks[d].late;
      c.open = f.clocks[d].open;  // one entry per organisation and year
    }
  }

  for (size_t d = 0; d < in.deadlines.size(); ++d) {
    DeadlineComparison dc;
    dc.deadline = in.deadlines[d];
    const double norm = dc.deadline.norm;
    // The total's stock is the sum of the organisations', when each has one.
    std::vector<ClockCounts> total(ny, ClockCounts{0, 0, OpenStock{}});
    for (size_t o = 0; o < in.organisations.size(); ++o) {
      ShareRow row{in.organisations[o].code, in.organisations[o].name, {}, {}};
      for (size_t y = 0; y < ny; ++y) {
        const ClockCounts& c = counts[d][o][y];
        row.cells.push_back(MakeCell(c, norm));
        total[y].on_time += c.on_time;
        total[y].late += c.late;
        if (c.open && total[y].open) {
          total[y].open->pending += c.open->pending;
          total[y].open->overdue += c.open->overdue;
        } else {
          total[y].open.reset();
        }
      }
      FillChanges(in.years, &row);
      dc.organisations.push_back(std::move(row));
    }
    if (in.scope == CompareScope::kNational) {
      dc.national = {"NL", "Nederland", {}, {}};
    } else if (in.organisations.size() == 1) {
      dc.national = {in.organisations[0].code, in.organisations[0].name, {}, {}};
    } else {
      dc.national = {"", "", {}, {}};
    }
    for (size_t y = 0; y < ny; ++y) dc.national.cells.push_back(MakeCell(total[y], norm));
    for (const ClockCounts& c : monthly[d]) dc.monthly.push_back(MakeCell(c, norm));
    FillChanges(in.years, &dc.national);
    for (size_t y = 0; y < ny; ++y) {
      dc.ranking.push_back(Rank(dc.organisations, y));
      NormTally t{in.years[y], 0, 0};
      for (const ShareRow& r : dc.organisations) {
        if (!r.cells[y].share) continue;
        ++t.organisations;
        if (r.cells[y].meets_norm == "yes") ++t.met;
      }
      dc.tallies.push_back(t);
    }
    out.deadlines.push_back(std::move(dc));
  }
  CompareAudits(in, &out);
  return out;
}

std::string NormStatement(const DeadlineComparison& d, const NormTally& t,
                          const Translator& words) {
  // What a deadline's cases are called, by the event that ends its clock.
  std::string noun;
  switch (d.deadline.to) {
    case Event::kInvestigationCompleted:
      noun = "compare.statement.noun.investigations";
      break;
    case Event::kSafetyAssessed:
      noun = "compare.statement.noun.safety_assessments";
      break;
    case Event::kTriaged:
      noun = "compare.statement.noun.triages";
      break;
    default:
      break;
  }
  const std::string number = t.met == 1 ? ".one" : ".many";
  Translator::Args args = {{"met", std::to_string(t.met)},
                           {"organisations", std::to_string(t.organisations)},
                           {"year", std::to_string(t.year)},
                           {"norm", NormPercent(d.deadline.norm)}};
  if (noun.empty()) {
    args["deadline"] = words.english() ? d.deadline.gloss : d.deadline.name;
    return words.T("compare.statement.norm" + number, args);
  }
  args["noun"] = words.T(noun);
  return words.T("compare.statement.on_time" + number, args);
}

std::vector<OrgYearFigures> SumByYear(const std::vector<OrgMonthFigures>& months,
                                      const std::vector<int>& years,
                                      const std::vector<Deadline>& deadlines) {
  std::vector<OrgYearFigures> out;
  std::map<std::pair<std::string, int>, size_t> index;  // (org, year) → out
  std::vector<bool> stock;                              // per out: every month had one
  for (const OrgMonthFigures& m : months) {
    const int year = std::stoi(m.month.substr(0, 4));
    if (!std::binary_search(years.begin(), years.end(), year)) continue;
    auto [it, added] = index.try_emplace({m.org, year}, out.size());
    if (added) {
      out.push_back({m.org, year, std::vector<ClockCounts>(deadlines.size()), {}});
      stock.push_back(true);
    }
    const size_t i = it->second;
    OrgYearFigures& f = out[i];
    f.counts += m.counts;
    stock[i] = stock[i] && m.has_stock;
    // A stock is a state, not a sum: the year's is December's. The archive keeps no row
    // for a month without anything counted or open, so a deadline December lacks had
    // nothing open.
    const bool december = m.month.size() == 7 && m.month.compare(5, 2, "12") == 0;
    for (size_t d = 0; d < deadlines.size(); ++d) {
      const auto c = m.clocks.find(deadlines[d].id);
      if (c == m.clocks.end()) continue;
      f.clocks[d].on_time += c->second.on_time;
      f.clocks[d].late += c->second.late;
      if (december) f.clocks[d].open = OpenStock{c->second.stock_pending, c->second.stock_overdue};
    }
  }
  for (size_t i = 0; i < out.size(); ++i) {
    for (ClockCounts& c : out[i].clocks) {
      if (!stock[i]) {
        c.open.reset();
      } else if (!c.open) {
        c.open = OpenStock{};
      }
    }
  }
  return out;
}

void AddMonthFigures(std::vector<OrgMonthFigures> months, CompareInput* in) {
  for (OrgYearFigures& f : SumByYear(months, in->years, in->deadlines)) {
    in->figures.push_back(std::move(f));
  }
  for (OrgMonthFigures& m : months) {
    const int year = std::stoi(m.month.substr(0, 4));
    if (std::binary_search(in->years.begin(), in->years.end(), year)) {
      in->months.push_back(std::move(m));
    }
  }
}

CompareScope ScopeOf(std::vector<std::string> requested, size_t all) {
  if (requested.empty()) return CompareScope::kNational;
  std::sort(requested.begin(), requested.end());
  requested.erase(std::unique(requested.begin(), requested.end()), requested.end());
  return requested.size() == all ? CompareScope::kNational : CompareScope::kSelection;
}

Period YearsPeriod(const std::vector<int>& years) {
  return {*Date::FromYmd(years.front(), 1, 1), *Date::FromYmd(years.back(), 12, 31)};
}

struct CompareCollector::State {
  // Its monthly counts (by month of the to-event, or of the due date for the due cohort)
  // give each month's on time and late exactly, and every clock is evaluated once per case.
  TimelinessCalculator calculator;
  Period period;
  int first_month;                   // year * 12 + month - 1 of period.from
  std::vector<YearlyCounts> counts;  // per month of the period

  State(const Framework& framework, const Calendar& calendar, const TimelinessOptions& o)
      : calculator(framework, calendar, o),
        period(o.period),
        first_month(MonthIndex(o.period.from)),
        counts(static_cast<size_t>(MonthIndex(o.period.to) - first_month + 1)) {}

  static int MonthIndex(Date d) { return d.year() * 12 + d.month() - 1; }
  YearlyCounts* Slot(const std::optional<EventTime>& when) {
    if (!when || when->date < period.from || period.to < when->date) return nullptr;
    return &counts[static_cast<size_t>(MonthIndex(when->date) - first_month)];
  }
};

CompareCollector::CompareCollector(const Framework& framework, const Calendar& calendar,
                                   Period period, Cohort cohort, Date as_of) {
  TimelinessOptions o;
  o.period = period;
  o.as_of = as_of;
  o.cohort = cohort;
  state_ = std::make_unique<State>(framework, calendar, o);
}

CompareCollector::~CompareCollector() = default;

void CompareCollector::Add(const CaseRecord& c) {
  state_->calculator.Add(c);
  const bool km = HasViolence(c, kKindermishandeling);
  if (c.kind == CaseKind::kMelding) {
    if (YearlyCounts* y = state_->Slot(c.event(Event::kReceived))) {
      ++y->meldingen;
      if (km) ++y->meldingen_kindermishandeling;
    }
  }
  if (YearlyCounts* y = state_->Slot(c.event(Event::kInvestigationCompleted))) {
    ++y->investigations_completed;
    if (km) ++y->investigations_completed_kindermishandeling;
    if (c.rvdk) ++y->rvdk;
  }
}

std::vector<OrgMonthFigures> CompareCollector::Finish(const std::string& org) {
  const TimelinessReport r = state_->calculator.Finish(org);
  std::vector<OrgMonthFigures> out;
  for (size_t i = 0; i < state_->counts.size(); ++i) {
    const int index = state_->first_month + static_cast<int>(i);
    char month[16];
    std::snprintf(month, sizeof month, "%04d-%02d", index / 12, index % 12 + 1);
    out.push_back({org, month, {}, state_->counts[i], true});
  }
  for (const DeadlineSummary& d : r.deadlines) {
    // The calculator's months are the period's, in the same order.
    for (size_t i = 0; i < d.monthly.size() && i < out.size(); ++i) {
      out[i].clocks.emplace(d.id, d.monthly[i]);
    }
  }
  return out;
}

Result<std::vector<Deadline>> SelectDeadlines(const Framework& framework,
                                              const std::vector<std::string>& ids) {
  std::vector<std::string> errors;
  for (const std::string& id : ids) {
    if (!framework.FindDeadline(id)) {
      errors.push_back("framework " + framework.id + " has no deadline '" + id + "'");
    }
  }
  if (!errors.empty()) return Status::InvalidAll(std::move(errors));
  std::vector<Deadline> out;
  for (const Deadline& d : framework.deadlines) {
    if (ids.empty() || std::find(ids.begin(), ids.end(), d.id) != ids.end()) out.push_back(d);
  }
  return out;
}

AuditedPeriod MakeAuditedPeriod(int64_t audit_id, const std::string& org, int year,
                                const Framework& framework, const Judgement& judgement) {
  AuditedPeriod p;
  p.audit_id = audit_id;
  p.org = org;
  p.year = year;
  p.framework_id = framework.id;
  p.framework_version = framework.version;
  for (const NodeJudgement& d : judgement.domains) {
    p.domains.emplace_back(d.id, d.level);
    for (const NodeJudgement& s : d.children) {
      for (const NodeJudgement& c : s.children) {
        p.criteria[c.id] = c.share;
        p.criterion_levels[c.id] = c.level;
      }
    }
  }
  return p;
}

Result<CompareInput> GatherCompareInput(Workspace* ws, const CompareRequest& request,
                                        const Framework& framework, const Calendar& calendar) {
  CompareInput in;
  in.years = request.years;
  in.reference = framework;
  Result<std::vector<Organisation>> all = ws->Organisations();
  if (!all.ok()) return all.status();
  if (request.organisations.empty()) {
    in.organisations = std::move(*all);
  } else {
    for (const std::string& code : request.organisations) {
      Result<Organisation> o = ws->FindOrganisation(code);
      if (!o.ok()) return o.status();
      in.organisations.push_back(std::move(*o));
    }
    in.scope = ScopeOf(request.organisations, all->size());
  }
  Result<std::vector<Deadline>> deadlines = SelectDeadlines(framework, request.deadlines);
  if (!deadlines.ok()) return deadlines.status();
  in.deadlines = std::move(*deadlines);

  Result<std::vector<std::vector<OrgMonthFigures>>> months = ReadMonthFigures(
      ws, in.organisations, framework, calendar,
      {YearsPeriod(request.years), request.cohort, request.as_of, request.threads});
  if (!months.ok()) return months.status();
  for (std::vector<OrgMonthFigures>& org_months : *months) {
    AddMonthFigures(std::move(org_months), &in);
  }

  Result<std::vector<Audit>> audits = ListAudits(ws);
  if (!audits.ok()) return audits.status();
  for (const Audit& a : *audits) {
    const bool org_wanted = std::any_of(in.organisations.begin(), in.organisations.end(),
                                        [&](const Organisation& o) { return o.code == a.org; });
    if (!org_wanted || !std::binary_search(in.years.begin(), in.years.end(), a.period)) continue;
    // Each audit as of its own peildatum, as its report shows it.
    Result<JudgedAudit> judged = JudgeAudit(ws, a.id, calendar);
    if (!judged.ok()) return judged.status();
    AuditedPeriod p =
        MakeAuditedPeriod(a.id, a.org, a.period, judged->framework, judged->judgement);
    if (p.framework_id != framework.id && !in.crosswalks.count(p.framework_id)) {
      const std::string path = CrosswalkPath(request.crosswalk_dir, p.framework_id, framework.id);
      if (std::filesystem::exists(path)) {
        Result<Crosswalk> cw = LoadCrosswalkFile(path, judged->framework, framework);
        if (!cw.ok()) return cw.status();
        in.crosswalks.emplace(p.framework_id, std::move(*cw));
      }
    }
    in.audits.push_back(std::move(p));
  }
  return in;
}

}  // namespace vtaudit
