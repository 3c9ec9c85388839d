#include "compare.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "compare_writer.h"

namespace vtaudit {
namespace {

double Round4(double x) { return std::round(x * 1e4) / 1e4; }

// JSON without its layout (no test string holds a space or a line break).
std::string Squeezed(std::string json) {
  std::erase_if(json, [](char ch) { return ch == ' ' || ch == '\n'; });
  return json;
}

// How compare's writers are given their words: the report's wording files.
CompareMeta Meta(const std::string& lang = "nl") {
  Result<Translator> t =
      Translator::Load(VTAUDIT_SOURCE_DIR "/reports/text-" + lang + ".properties", lang);
  BOOST_REQUIRE(t.ok());
  return {Cohort::kCompleted, *Date::FromYmd(2025, 1, 1), "x", *t};
}

Deadline Onderzoek() {
  Deadline d;
  d.id = "onderzoek";
  d.name = "Onderzoek binnen 10 weken";
  d.gloss = "Investigation within 10 weeks";
  d.from = Event::kInvestigationDecided;
  d.to = Event::kInvestigationCompleted;
  d.length = 10;
  d.unit = DurationUnit::kWeeks;
  d.extend = true;
  d.norm = 0.8;
  return d;
}

// Two years, three organisations, investigations on time / counted:
//        2023    2024
//   A    2/10    9/10
//   B    3/10    4/5
//   C    -       7/10
//   NL   5/20    20/25   (sums of the cases, not means of shares)
CompareInput HandBuilt() {
  CompareInput in;
  in.years = {2023, 2024};
  in.organisations = {{"A", "Alfa", "", 1}, {"B", "Bravo", "", 1}, {"C", "Charlie", "", 1}};
  in.deadlines = {Onderzoek()};
  const auto add = [&in](const char* org, int year, long on_time, long late) {
    in.figures.push_back({org, year, {{on_time, late, std::nullopt}}, {}});
  };
  add("A", 2023, 2, 8);
  add("A", 2024, 9, 1);
  add("B", 2023, 3, 7);
  add("B", 2024, 4, 1);
  add("C", 2024, 7, 3);
  return in;
}

BOOST_AUTO_TEST_SUITE(compare)

BOOST_AUTO_TEST_CASE(hand_built_two_years_three_organisations) {
  const Comparison c = Compare(HandBuilt());
  BOOST_REQUIRE_EQUAL(c.deadlines.size(), 1u);
  const DeadlineComparison& d = c.deadlines[0];
  const ShareRow& a = d.organisations[0];
  const ShareRow& b = d.organisations[1];
  const ShareRow& cc = d.organisations[2];
  BOOST_TEST(*a.cells[0].share == 0.2);
  BOOST_TEST(a.cells[0].meets_norm == "no");
  BOOST_TEST(*a.cells[1].share == 0.9);
  BOOST_TEST(a.cells[1].meets_norm == "yes");
  // 4 of 5 is exactly the norm 0.8: met.
  BOOST_TEST(b.cells[1].meets_norm == "yes");
  BOOST_TEST(!cc.cells[0].share.has_value());
  BOOST_TEST(cc.cells[0].meets_norm == "");
  BOOST_TEST(cc.cells[1].meets_norm == "no");

  // National: the summed counts 5/20 and 20/25.
  BOOST_TEST(d.national.cells[0].counts.on_time == 5);
  BOOST_TEST(d.national.cells[0].counts.counted() == 20);
  BOOST_TEST(d.national.cells[1].counts.on_time == 20);
  BOOST_TEST(d.national.cells[1].counts.counted() == 25);
  BOOST_TEST(*d.national.cells[1].share == 0.8);

  // Tallies: 2023 none of the 2 organisations with investigations; 2024 A and B of 3.
  BOOST_TEST(d.tallies[0].met == 0);
  BOOST_TEST(d.tallies[0].organisations == 2);
  BOOST_TEST(d.tallies[1].met == 2);
  BOOST_TEST(d.tallies[1].organisations == 3);
  BOOST_TEST(NormStatement(d, d.tallies[1], Meta().words) ==
             "2 van de 3 organisaties rondden in 2024 ten minste 80% van hun onderzoeken "
             "tijdig af");
  BOOST_TEST(NormStatement(d, d.tallies[1], Meta("en").words) ==
             "2 of the 3 organisations finished at least 80% of their investigations on time "
             "in 2024");

  // Ranking 2023: B (0.3), A (0.2); C has nothing counted and is not ranked.
  BOOST_REQUIRE_EQUAL(d.ranking[0].size(), 2u);
  BOOST_TEST(d.ranking[0][0].org == "B");
  BOOST_TEST(d.ranking[0][1].org == "A");
  BOOST_TEST(d.ranking[1][0].org == "A");
  BOOST_TEST(d.ranking[1][1].org == "B");
  BOOST_TEST(d.ranking[1][2].org == "C");
  BOOST_TEST(d.ranking[1][2].rank == 3);

  // A from 2/10 to 9/10: Wilson 9/10 = [0.595850, 0.982124], 2/10 = [0.056682, 0.509838];
  //   low  = 0.7 - sqrt((0.9 - 0.595850)^2 + (0.509838 - 0.2)^2) = 0.7 - 0.434173 = 0.265827
  //   high = 0.7 + sqrt((0.982124 - 0.9)^2 + (0.2 - 0.056682)^2) = 0.7 + 0.165179 = 0.865179
  // The interval excludes 0: beyond noise.
  BOOST_TEST(!a.changes[0].has_value());
  BOOST_REQUIRE(a.changes[1].has_value());
  BOOST_TEST(Round4(a.changes[1]->difference) == 0.7);
  BOOST_TEST(Round4(a.changes[1]->ci95.low) == 0.2658);
  BOOST_TEST(Round4(a.changes[1]->ci95.high) == 0.8652);
  BOOST_TEST(a.changes[1]->beyond_noise);

  // B from 3/10 to 4/5: Wilson 4/5: z^2/n = 0.768292, denominator 1.768292,
  //   centre (0.8 + 0.384146) / 1.768292 = 0.669656,
  //   half 1.959964 / 1.768292 * sqrt(0.032 + 0.038415) = 0.294121 → [0.375535, 0.963777];
  //   3/10 = [0.107791, 0.603222];
  //   low  = 0.5 - sqrt((0.8 - 0.375535)^2 + (0.603222 - 0.3)^2) = 0.5 - 0.521646 = -0.021646
  //   high = 0.5 + sqrt((0.963777 - 0.8)^2 + (0.3 - 0.107791)^2) = 0.5 + 0.252521 = 0.752521
  // A rise of 50 points that is still within noise: 5 cases are few.
  BOOST_TEST(Round4(b.changes[1]->ci95.low) == -0.0216);
  BOOST_TEST(Round4(b.changes[1]->ci95.high) == 0.7525);
  BOOST_TEST(!b.changes[1]->beyond_noise);
  // C has no 2023: no change.
  BOOST_TEST(!cc.changes[1].has_value());

  // National 5/20 → 20/25: the Newcombe interval over the summed counts.
  const Interval n = NewcombeDifference(20, 25, 5, 20);
  BOOST_TEST(d.national.changes[1]->ci95.low == n.low);
  BOOST_TEST(d.national.changes[1]->beyond_noise);
}

// The onderzoek clock only: decided → completed within 10 weeks (Atw extension).
constexpr const char* kFrameworkXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<framework id="mini" version="1" valid-from="2025-01-01">
  <title>Mini</title><gloss>Mini</gloss><source>test</source>
  <scale>
    <level id="voldoet" score="3" min-share="0.9" met="true"><name>Voldoet</name><gloss>Meets</gloss></level>
    <level id="niet" score="0" min-share="0" met="false"><name>Niet</name><gloss>No</gloss></level>
  </scale>
  <deadlines>
    <deadline id="onderzoek" from="investigation_decided" to="investigation_completed"
              length="10" unit="weeks" extend="true" norm="0.8" basis="wet">
      <name>Onderzoek</name><gloss>Investigation</gloss><source>Uitvoeringsbesluit Wmo 2015</source>
      <applies-when>kind = melding</applies-when>
    </deadline>
  </deadlines>
  <aggregation method="worst">
    <band level="voldoet" min-score="2.5"/><band level="niet" min-score="0"/>
  </aggregation>
  <domain id="D"><name>D</name><gloss>D</gloss>
    <standard id="S"><name>S</name><gloss>S</gloss>
      <criterion id="C1" scope="organisation"><text>Tekst</text><gloss>Text</gloss></criterion>
    </standard>
  </domain>
</framework>
)";

CaseRecord Case(const char* id, CaseKind kind, std::vector<std::string> violence,
                const char* received, const char* decided, const char* completed, bool rvdk) {
  CaseRecord c;
  c.case_id = id;
  c.kind = kind;
  c.violence = std::move(violence);
  c.event(Event::kReceived) = EventTime::ParseIso(received);
  if (decided) c.event(Event::kInvestigationDecided) = EventTime::ParseIso(decided);
  if (completed) c.event(Event::kInvestigationCompleted) = EventTime::ParseIso(completed);
  c.rvdk = rvdk;
  return c;
}

// Five cases:
//   1 melding km, received 2023-03-01, decided 2023-03-10, completed 2023-04-20 (on time), rvdk
//   2 melding partnergeweld, received 2023-12-01, decided 2023-12-05, due 2023-12-05 + 70 days
//     = Tue 2024-02-13, completed 2024-03-20 (late, counted in 2024)
//   3 melding km|partnergeweld, received 2024-01-10, no investigation
//   4 advies km, received 2024-02-01 (not a melding)
//   5 melding km, received 2024-05-01, decided 2024-05-02, completed 2024-06-01 (on time)
// 2023: meldingen 2 (1, 2), km 1; completed 1, km 1, rvdk 1; onderzoek 1 on time, 0 late.
// 2024: meldingen 2 (3, 5), km 2; completed 2 (2, 5), km 1, rvdk 0; onderzoek 1 on time, 1 late.
std::vector<CaseRecord> FiveCases() {
  const CaseKind m = CaseKind::kMelding;
  return {
      Case("1", m, {"kindermishandeling"}, "2023-03-01", "2023-03-10", "2023-04-20", true),
      Case("2", m, {"partnergeweld"}, "2023-12-01", "2023-12-05", "2024-03-20", false),
      Case("3", m, {"kindermishandeling", "partnergeweld"}, "2024-01-10", nullptr, nullptr, false),
      Case("4", CaseKind::kAdvies, {"kindermishandeling"}, "2024-02-01", nullptr, nullptr, false),
      Case("5", m, {"kindermishandeling"}, "2024-05-01", "2024-05-02", "2024-06-01", false),
  };
}

BOOST_AUTO_TEST_CASE(collector_counts_and_national_totals_equal_the_sum_of_the_cases) {
  Result<Framework> f = ParseFramework(kFrameworkXml, "mini.xml");
  BOOST_REQUIRE_MESSAGE(f.ok(), f.status().ToString());
  const Calendar calendar = Calendar::Statutory();
  const Date as_of = *Date::FromYmd(2025, 1, 1);
  CompareInput in;
  in.years = {2023, 2024};
  in.organisations = {{"X", "X", "", 1}, {"Y", "Y", "", 1}};
  in.deadlines = f->deadlines;
  // Y holds the same cases as X plus one more completed on time in 2024.
  for (const char* org : {"X", "Y"}) {
    CompareCollector collector(*f, calendar, YearsPeriod(in.years), Cohort::kCompleted, as_of);
    for (const CaseRecord& c : FiveCases()) collector.Add(c);
    if (std::string(org) == "Y") {
      collector.Add(Case("6", CaseKind::kMelding, {"kindermishandeling"}, "2024-07-01",
                         "2024-07-01", "2024-07-15", true));
    }
    for (OrgYearFigures& y : SumByYear(collector.Finish(org), in.years, in.deadlines)) {
      in.figures.push_back(std::move(y));
    }
  }
  const OrgYearFigures& x2023 = in.figures[0];
  BOOST_TEST(x2023.counts.meldingen == 2);
  BOOST_TEST(x2023.counts.meldingen_kindermishandeling == 1);
  BOOST_TEST(x2023.counts.investigations_completed == 1);
  BOOST_TEST(x2023.counts.investigations_completed_kindermishandeling == 1);
  BOOST_TEST(x2023.counts.rvdk == 1);
  BOOST_TEST(x2023.clocks[0].on_time == 1);
  BOOST_TEST(x2023.clocks[0].late == 0);
  const OrgYearFigures& x2024 = in.figures[1];
  BOOST_TEST(x2024.counts.meldingen == 2);
  BOOST_TEST(x2024.counts.meldingen_kindermishandeling == 2);
  BOOST_TEST(x2024.counts.investigations_completed == 2);
  BOOST_TEST(x2024.counts.investigations_completed_kindermishandeling == 1);
  BOOST_TEST(x2024.counts.rvdk == 0);
  BOOST_TEST(x2024.clocks[0].on_time == 1);
  BOOST_TEST(x2024.clocks[0].late == 1);

  const Comparison c = Compare(in);
  // 2024 nationally: X 2 + Y 3 meldingen (case 6 is a third), completed 2 + 3, rvdk 0 + 1.
  BOOST_TEST(c.national_counts[1].meldingen == 5);
  BOOST_TEST(c.national_counts[1].meldingen_kindermishandeling == 5);
  BOOST_TEST(c.national_counts[1].investigations_completed == 5);
  BOOST_TEST(c.national_counts[1].investigations_completed_kindermishandeling == 3);
  BOOST_TEST(c.national_counts[1].rvdk == 1);
  // Onderzoek 2024: X 1/2, Y 2/3; nationally 3/5 = 0.6, not the mean of shares 0.5833.
  const ShareCell& nl = c.deadlines[0].national.cells[1];
  BOOST_TEST(nl.counts.on_time == 3);
  BOOST_TEST(nl.counts.counted() == 5);
  BOOST_TEST(*nl.share == 0.6);
}

// The monthly split the archive stores (compare.h, OrgMonthFigures), worked by hand with
// FiveCases (above) and three more meldingen, as of 2025-01-01 (10 weeks = 70 days; none of
// these due dates falls on a weekend or holiday):
//   7 decided Fri 2024-11-01, open: due 2024-11-01 + 70 = Fri 2025-01-10 → pending, 2025-01
//   8 decided Mon 2024-09-02, open: due Mon 2024-11-11, past on 2025-01-01 → overdue, 2024-11
//   9 received 2024-08-01, completed 2024-08-15 without a decision → invalid, 2024-08
// Summed by year the months equal a calculator over that year alone: additive.
BOOST_AUTO_TEST_CASE(monthly_figures_split_every_count_and_sum_to_each_year) {
  Result<Framework> f = ParseFramework(kFrameworkXml, "mini.xml");
  BOOST_REQUIRE_MESSAGE(f.ok(), f.status().ToString());
  const Calendar calendar = Calendar::Statutory();
  const Date as_of = *Date::FromYmd(2025, 1, 1);
  std::vector<CaseRecord> cases = FiveCases();
  const CaseKind m = CaseKind::kMelding;
  cases.push_back(Case("7", m, {"partnergeweld"}, "2024-11-01", "2024-11-01", nullptr, false));
  cases.push_back(Case("8", m, {"partnergeweld"}, "2024-09-02", "2024-09-02", nullptr, false));
  cases.push_back(Case("9", m, {"kindermishandeling"}, "2024-08-01", nullptr, "2024-08-15", true));
  const Period all{*Date::FromYmd(2023, 1, 1), *Date::FromYmd(2025, 12, 31)};
  for (const Cohort cohort : {Cohort::kCompleted, Cohort::kDue}) {
    CompareCollector collector(*f, calendar, all, cohort, as_of);
    for (const CaseRecord& c : cases) collector.Add(c);
    const std::vector<OrgMonthFigures> months = collector.Finish("X");
    BOOST_REQUIRE_EQUAL(months.size(), 36u);  // 2023-01 … 2025-12
    std::map<std::string, MonthCount> by_month;
    for (const OrgMonthFigures& f_month : months) {
      BOOST_TEST(f_month.org == "X");
      by_month[f_month.month] = f_month.clocks.at("onderzoek");
    }
    const bool due = cohort == Cohort::kDue;
    // Case 1 due 2023-05-19, 2 due 2024-02-13, 5 due 2024-07-11: the due cohort's months.
    BOOST_TEST(by_month[due ? "2023-05" : "2023-04"].on_time == 1);
    BOOST_TEST(by_month[due ? "2024-02" : "2024-03"].late == 1);
    BOOST_TEST(by_month[due ? "2024-07" : "2024-06"].on_time == 1);
    BOOST_TEST(by_month["2024-11"].overdue == 1);
    BOOST_TEST(by_month["2024-11"].late == (due ? 1 : 0));  // the due cohort counts it late
    BOOST_TEST(by_month["2025-01"].pending == 1);
    BOOST_TEST(by_month["2024-08"].invalid == 1);
    // Meldingen by month received; completed investigations (9 too) by month completed.
    BOOST_TEST(months[7].month == "2023-08");
    BOOST_TEST(months[12 + 7].counts.investigations_completed == 1);  // 2024-08: case 9
    BOOST_TEST(months[12 + 7].counts.rvdk == 1);
    BOOST_TEST(months[12 + 10].counts.meldingen == 1);  // 2024-11: case 7

    for (const int year : {2023, 2024, 2025}) {
      TimelinessOptions o;
      o.period = {*Date::FromYmd(year, 1, 1), *Date::FromYmd(year, 12, 31)};
      o.as_of = as_of;
      o.cohort = cohort;
      TimelinessCalculator alone(*f, calendar, o);
      for (const CaseRecord& c : cases) alone.Add(c);
      const DeadlineSummary d = alone.Finish("X").deadlines[0];
      MonthCount sum;
      for (const OrgMonthFigures& f_month : months) {
        if (f_month.month.substr(0, 4) != std::to_string(year)) continue;
        const MonthCount& c = f_month.clocks.at("onderzoek");
        sum.on_time += c.on_time, sum.late += c.late, sum.pending += c.pending;
        sum.overdue += c.overdue, sum.invalid += c.invalid;
      }
      BOOST_TEST(sum.on_time == d.on_time);
      BOOST_TEST(sum.late == d.late);
      BOOST_TEST(sum.pending == d.pending);
      BOOST_TEST(sum.overdue == d.overdue);
      BOOST_TEST(sum.invalid == d.invalid);
      const std::vector<OrgYearFigures> y = SumByYear(months, {year}, f->deadlines);
      BOOST_REQUIRE_EQUAL(y.size(), 1u);
      BOOST_TEST(y[0].clocks[0].on_time == d.on_time);
      BOOST_TEST(y[0].clocks[0].late == d.late);
    }
  }
}

// The open stock at each year's end, counted by hand (10 weeks = 70 days; no due date below
// falls on a weekend or holiday), as of 2025-01-01, onderzoek:
//   2  decided 2023-12-05, due 2024-02-13, completed 2024-03-20: open within its term on
//      2023-12-31 → pending 2023
//   10 decided Fri 2023-09-01, due Fri 2023-11-10, completed 2024-01-15: open past due on
//      2023-12-31 → overdue 2023
//   7  decided 2024-11-01, due 2025-01-10, open → pending 2024
//   11 decided Fri 2024-12-20, due Fri 2025-02-28, open → pending 2024
//   8  decided 2024-09-02, due 2024-11-11, open → overdue 2024
//   1, 5 finish within their year; 3 and 4 have no investigation.
// So X: 2023 pending 1, overdue 1; 2024 pending 2, overdue 1. The nation sums the
// organisations' stock only when each has one: Y's is unknown (pushed without), so "-".
BOOST_AUTO_TEST_CASE(open_stock_at_the_year_end_pending_and_overdue) {
  Result<Framework> f = ParseFramework(kFrameworkXml, "mini.xml");
  BOOST_REQUIRE_MESSAGE(f.ok(), f.status().ToString());
  const Calendar calendar = Calendar::Statutory();
  const Date as_of = *Date::FromYmd(2025, 1, 1);
  std::vector<CaseRecord> cases = FiveCases();
  const CaseKind m = CaseKind::kMelding;
  cases.push_back(Case("7", m, {"partnergeweld"}, "2024-11-01", "2024-11-01", nullptr, false));
  cases.push_back(Case("8", m, {"partnergeweld"}, "2024-09-02", "2024-09-02", nullptr, false));
  cases.push_back(Case("10", m, {}, "2023-09-01", "2023-09-01", "2024-01-15", false));
  cases.push_back(Case("11", m, {}, "2024-12-20", "2024-12-20", nullptr, false));
  const std::vector<int> years = {2023, 2024};
  CompareCollector collector(*f, calendar, YearsPeriod(years), Cohort::kCompleted, as_of);
  for (const CaseRecord& c : cases) collector.Add(c);
  const std::vector<OrgMonthFigures> months = collector.Finish("X");
  const std::vector<OrgYearFigures> x = SumByYear(months, years, f->deadlines);
  BOOST_REQUIRE_EQUAL(x.size(), 2u);
  BOOST_REQUIRE(x[0].clocks[0].open.has_value());
  BOOST_TEST(x[0].clocks[0].open->pending == 1);
  BOOST_TEST(x[0].clocks[0].open->overdue == 1);
  BOOST_REQUIRE(x[1].clocks[0].open.has_value());
  BOOST_TEST(x[1].clocks[0].open->pending == 2);
  BOOST_TEST(x[1].clocks[0].open->overdue == 1);

  // The archive keeps no row for a deadline's month without anything counted or open:
  // summing what it keeps gives the same stock.
  std::vector<OrgMonthFigures> kept;
  for (OrgMonthFigures month : months) {
    std::erase_if(month.clocks, [](const auto& entry) {
      const MonthCount& n = entry.second;
      return n.on_time + n.late + n.pending + n.overdue + n.invalid + n.stock_pending +
                 n.stock_overdue ==
             0;
    });
    if (!month.clocks.empty()) kept.push_back(std::move(month));
  }
  const std::vector<OrgYearFigures> from_kept = SumByYear(kept, years, f->deadlines);
  BOOST_REQUIRE_EQUAL(from_kept.size(), 2u);
  for (size_t y = 0; y < 2; ++y) {
    BOOST_TEST(from_kept[y].clocks[0].open->pending == x[y].clocks[0].open->pending);
    BOOST_TEST(from_kept[y].clocks[0].open->overdue == x[y].clocks[0].open->overdue);
  }

  CompareInput in;
  in.years = years;
  in.organisations = {{"X", "X", "", 1}, {"Y", "Y", "", 1}};
  in.deadlines = f->deadlines;
  in.figures = x;
  std::vector<OrgMonthFigures> without = months;
  for (OrgMonthFigures& month : without) month.org = "Y", month.has_stock = false;
  for (OrgYearFigures& y : SumByYear(without, years, f->deadlines)) {
    BOOST_TEST(!y.clocks[0].open.has_value());
    in.figures.push_back(std::move(y));
  }
  const Comparison c = Compare(in);
  const DeadlineComparison& d = c.deadlines[0];
  BOOST_TEST(d.organisations[0].cells[1].counts.open->pending == 2);
  BOOST_TEST(!d.organisations[1].cells[1].counts.open.has_value());
  BOOST_TEST(!d.national.cells[1].counts.open.has_value());
  // Without Y the nation's stock is X's.
  in.organisations.pop_back();
  const Comparison only_x = Compare(in);
  BOOST_TEST(only_x.deadlines[0].national.cells[0].counts.open->pending == 1);
  BOOST_TEST(only_x.deadlines[0].national.cells[0].counts.open->overdue == 1);
  const CompareMeta meta = Meta();
  const std::string table = CompareTable(c, meta);
  BOOST_TEST(table.find("\nX       1/1       2/1\nY       -         -\nNL      -         -\n") !=
             std::string::npos);
  // The stock is in the last columns but one: X 2024 (2 pending, 1 overdue), the rest "".
  BOOST_TEST(CompareCsv(c, meta).find(",,,,,2,1,national\n") != std::string::npos);
  BOOST_TEST(Squeezed(CompareJson(c, meta)).find(R"("open":{"pending":2,"overdue":1})") !=
             std::string::npos);
}

// Audits under an old and the reference framework, through a crosswalk: old A renamed A2,
// B split into B1 and B2, C kept, R removed; N added.
BOOST_AUTO_TEST_CASE(audited_periods_side_by_side_through_a_crosswalk) {
  CompareInput in;
  in.years = {2024, 2025};
  Framework ref;
  ref.id = "new";
  Standard s{"S", "S", "S", 1, {}};
  for (const char* id : {"A2", "B1", "B2", "C", "N"}) {
    Criterion crit;
    crit.id = id;
    s.criteria.push_back(crit);
  }
  ref.domains.push_back({"D", "D", "D", 1, {s}});
  in.reference = ref;
  Crosswalk cw;
  cw.from_framework = "old";
  cw.to_framework = "new";
  cw.maps = {{"A", "A2"}, {"B", "B1"}, {"B", "B2"}, {"C", "C"}};
  cw.removed = {"R"};
  cw.added = {"N"};
  in.crosswalks.emplace("old", cw);
  AuditedPeriod old_audit{1, "VT01", 2024, "old", "1", {{"D", "voldoet"}}, {}, {}};
  old_audit.criteria = {{"A", 0.5}, {"B", 0.75}, {"C", 1.0}, {"R", 0.25}};
  AuditedPeriod new_audit{2, "VT01", 2025, "new", "1", {{"D", "voldoet_niet"}}, {}, {}};
  new_audit.criteria = {{"A2", 0.6}, {"B1", 0.7}, {"B2", 0.8}, {"C", 0.9}, {"N", 0.1}};
  in.audits = {new_audit, old_audit};

  const Comparison c = Compare(in);
  BOOST_REQUIRE_EQUAL(c.audits.size(), 2u);
  BOOST_TEST(c.audits[0].year == 2024);  // sorted by year
  BOOST_REQUIRE_EQUAL(c.domains.size(), 1u);
  BOOST_TEST(*c.domains[0].levels[0] == "voldoet");
  BOOST_TEST(*c.domains[0].levels[1] == "voldoet_niet");
  BOOST_REQUIRE_EQUAL(c.criteria.size(), 6u);  // five reference criteria and removed R
  const auto& rows = c.criteria;
  BOOST_TEST(rows[0].id == "A2");
  BOOST_TEST(*rows[0].cells[0].share == 0.5);
  BOOST_TEST(rows[0].cells[0].via == "A");
  BOOST_TEST(*rows[0].cells[1].share == 0.6);
  BOOST_TEST(rows[1].cells[0].via == "B");  // split: both B1 and B2 show B
  BOOST_TEST(*rows[2].cells[0].share == 0.75);
  BOOST_TEST(rows[3].cells[0].via == "");  // C kept its id
  BOOST_TEST(rows[4].id == "N");
  BOOST_TEST(rows[4].cells[0].unmatched);  // added: no counterpart in 2024
  BOOST_TEST(*rows[4].cells[1].share == 0.1);
  BOOST_TEST(rows[5].id == "R");
  BOOST_TEST(rows[5].removed);
  BOOST_TEST(*rows[5].cells[0].share == 0.25);
  BOOST_TEST(rows[5].cells[1].unmatched);
}

// Four chosen 95% intervals (upper ends touch at 0.70 for B and C, which is overlap):
//   A [0.80, 0.95]: none wholly above → best 1; C and D wholly below → worst 4 − 2 = 2
//   B [0.70, 0.85]: none above (A's low 0.80 < 0.85) → 1; only D below → 4 − 1 = 3
//   C [0.50, 0.70]: A above (0.80 > 0.70), B not (0.70 = 0.70) → 2; D below → 3
//   D [0.30, 0.45]: A, B, C above → 4; none below → 4
BOOST_AUTO_TEST_CASE(rank_ranges_from_overlapping_intervals) {
  const std::vector<RankRange> r =
      RankRanges({{0.80, 0.95}, {0.70, 0.85}, {0.50, 0.70}, {0.30, 0.45}});
  BOOST_REQUIRE_EQUAL(r.size(), 4u);
  BOOST_TEST(r[0].best == 1);
  BOOST_TEST(r[0].worst == 2);
  BOOST_TEST(r[1].best == 1);
  BOOST_TEST(r[1].worst == 3);
  BOOST_TEST(r[2].best == 2);
  BOOST_TEST(r[2].worst == 3);
  BOOST_TEST(r[3].best == 4);
  BOOST_TEST(r[3].worst == 4);
}

// HandBuilt 2024: A 9/10, B 4/5, C 7/10, Wilson [0.596, 0.982], [0.376, 0.964],
// [0.397, 0.892]: every pair overlaps, so each may be 1st to 3rd; the listing stays by
// share and JSON keeps the order's rank beside the range.
BOOST_AUTO_TEST_CASE(ranking_shows_the_places_the_intervals_allow) {
  const Comparison c = Compare(HandBuilt());
  const std::vector<RankEntry>& r = c.deadlines[0].ranking[1];
  BOOST_REQUIRE_EQUAL(r.size(), 3u);
  for (const RankEntry& e : r) {
    BOOST_TEST(e.places.best == 1);
    BOOST_TEST(e.places.worst == 3);
  }
  BOOST_TEST(Round4(r[1].ci95.low) == 0.3755);
  BOOST_TEST(CompareTable(c, Meta()).find("ranglijst 2024: 1–3. A 90,0%; 1–3. B 80,0%; 1–3. C "
                                          "70,0%\n") != std::string::npos);
  BOOST_TEST(CompareTable(c, Meta("en")).find("ranking 2024: 1–3. A 90.0%;") != std::string::npos);
  const std::string json = Squeezed(CompareJson(c, Meta()));
  BOOST_TEST(json.find(R"("rank":2,"rank_best":1,"rank_worst":3,"org":"B")") != std::string::npos);
  // 2023: A 2/10 [0.057, 0.510] and B 3/10 [0.108, 0.603] overlap too; 2 of them.
  const std::string html = CompareHtml(c, Meta());
  BOOST_TEST(html.find("<td>1–2. B 30,0%</td>") != std::string::npos);
  // No column of row numbers beside the places: "1, 2" there would read as a rank.
  BOOST_TEST(html.find("<th>#</th>") == std::string::npos);
  BOOST_TEST(html.find("<tr><td>1</td>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(scope_of_the_organisations_compared) {
  BOOST_TEST((ScopeOf({}, 3) == CompareScope::kNational));
  BOOST_TEST((ScopeOf({"C", "A", "B"}, 3) == CompareScope::kNational));
  BOOST_TEST((ScopeOf({"A", "A", "B"}, 3) == CompareScope::kSelection));

  // A and B of HandBuilt, chosen: 2024 9/10 + 4/5 = 13/15 = 86,7%, not national.
  CompareInput in = HandBuilt();
  in.organisations.pop_back();
  in.scope = CompareScope::kSelection;
  const Comparison two = Compare(in);
  BOOST_TEST(two.deadlines[0].national.org == "");
  const std::string table = CompareTable(two, Meta());
  BOOST_TEST(table.find("\ntotaal  25,0%     86,7%+*\n") != std::string::npos);
  BOOST_TEST(table.find("de geselecteerde organisaties 2024: 86,7% (13/15)") != std::string::npos);
  BOOST_TEST(table.find("aantallen van de geselecteerde organisaties (uit de zaken)") !=
             std::string::npos);
  BOOST_TEST(table.find("landelijk") == std::string::npos);
  BOOST_TEST(CompareTable(two, Meta("en")).find("the selected organisations 2024: 86.7%") !=
             std::string::npos);
  BOOST_TEST(CompareJson(two, Meta()).find(R"("scope": "selection")") != std::string::npos);
  const std::string html = CompareHtml(two, Meta());
  BOOST_TEST(html.find("Landelijk") == std::string::npos);
  BOOST_TEST(html.find("<th>de geselecteerde organisaties</th>") != std::string::npos);

  // One organisation: its own code, never "NL".
  in.organisations.pop_back();
  const Comparison one = Compare(in);
  BOOST_TEST(one.deadlines[0].national.org == "A");
  const std::string a = CompareTable(one, Meta());
  BOOST_TEST(a.find("\nA 2024: 90,0% (9/10)") != std::string::npos);
  BOOST_TEST(a.find("\nNL ") == std::string::npos);
  BOOST_TEST(a.find("aantallen van A (uit de zaken)") != std::string::npos);

  const Comparison all = Compare(HandBuilt());
  BOOST_TEST(CompareJson(all, Meta()).find(R"("scope": "national")") != std::string::npos);
  BOOST_TEST(CompareTable(all, Meta()).find("\nlandelijk 2024: 80,0% (20/25)") !=
             std::string::npos);
}

// The total per month, from the organisations' months (AddMonthFigures), by hand:
//   2024-03: X 3 on time 1 late, Y 1 on time → 4/5 = 80,0%
//   2024-11: X 0 on time 2 late → 0/2 = 0,0%, on 2 cases: fewer than 10, a hollow point
//   every other month of 2024 counts nothing: no share
// X's 2023-12 lies outside the years and Z is not compared: both left out. The year is
// the sum of its months: 4/7.
BOOST_AUTO_TEST_CASE(monthly_total_from_the_months_of_the_compared_organisations) {
  CompareInput in;
  in.years = {2024};
  in.organisations = {{"X", "Xray", "", 1}, {"Y", "Yankee", "", 1}};
  in.deadlines = {Onderzoek()};
  const auto month = [](const char* org, const char* when, long on_time, long late) {
    OrgMonthFigures f{org, when, {}, {}, true};
    MonthCount& c = f.clocks["onderzoek"];
    c.month = when;
    c.on_time = on_time;
    c.late = late;
    return f;
  };
  AddMonthFigures(
      {month("X", "2023-12", 5, 5), month("X", "2024-03", 3, 1), month("X", "2024-11", 0, 2)}, &in);
  AddMonthFigures({month("Y", "2024-03", 1, 0)}, &in);
  AddMonthFigures({month("Z", "2024-03", 9, 9)}, &in);
  BOOST_TEST(in.months.size() == 4u);  // X's two of 2024, Y's and Z's; not 2023-12
  const Comparison c = Compare(in);
  BOOST_REQUIRE_EQUAL(c.months.size(), 12u);
  BOOST_TEST(c.months[2] == "2024-03");
  const DeadlineComparison& d = c.deadlines[0];
  BOOST_REQUIRE_EQUAL(d.monthly.size(), 12u);
  BOOST_TEST(d.monthly[2].counts.on_time == 4);
  BOOST_TEST(d.monthly[2].counts.counted() == 5);
  BOOST_TEST(*d.monthly[2].share == 0.8);
  BOOST_TEST(*d.monthly[10].share == 0.0);
  BOOST_TEST(!d.monthly[6].share.has_value());
  BOOST_TEST(d.national.cells[0].counts.on_time == 4);
  BOOST_TEST(d.national.cells[0].counts.counted() == 7);
  BOOST_TEST(
      Squeezed(CompareJson(c, Meta()))
          .find(R"({"month":"2024-03","on_time":4,"late":1,"counted":5,"share_on_time":0.8})") !=
      std::string::npos);
  const std::string html = CompareHtml(c, Meta());
  BOOST_TEST(html.find("Onderzoek binnen 10 weken: aandeel tijdig per maand, landelijk") !=
             std::string::npos);
  BOOST_TEST(html.find("mrt 2024 80,0% (4/5)") != std::string::npos);  // the description
  BOOST_TEST(html.find("open punt: minder dan 10 zaken in de maand, niet in de lijn") !=
             std::string::npos);
  // The yearly panels: X 3/6 and Y 1/1 are fewer than 10 cases in the year.
  BOOST_TEST(html.find("open punt: minder dan 10 zaken in het jaar, niet in de lijn") !=
             std::string::npos);
  // Without months (the yearly figures alone) there is no monthly chart.
  BOOST_TEST(CompareHtml(Compare(HandBuilt()), Meta()).find("per maand") == std::string::npos);
}

// One organisation is its own total: the table and the page show its row once; JSON and
// CSV keep the total (HandBuilt's A: 2/10 in 2023, 9/10 in 2024).
BOOST_AUTO_TEST_CASE(one_organisation_has_no_total_row_in_table_and_html) {
  CompareInput in = HandBuilt();
  in.organisations.resize(1);
  in.scope = CompareScope::kSelection;
  const Comparison one = Compare(in);
  const std::string table = CompareTable(one, Meta());
  BOOST_TEST(table.find("\nA       20,0%     90,0%+*\n* norm") != std::string::npos);
  BOOST_TEST(table.find("\nA       -         -\nA 2023: 20,0% (2/10)") != std::string::npos);
  const std::string html = CompareHtml(one, Meta());
  BOOST_TEST(html.find("<td>A Alfa</td>") != std::string::npos);
  BOOST_TEST(html.find("<th>A Alfa</th>") == std::string::npos);  // the total row's cell
  BOOST_TEST(Squeezed(CompareJson(one, Meta())).find(R"("national":{"org":"A")") !=
             std::string::npos);
  // CSV: A's 2024 row twice, as the organisation and as the total.
  const std::string csv = CompareCsv(one, Meta());
  const std::string row = "\ntimeliness,onderzoek,A,2024,9,1,10,";
  BOOST_TEST(csv.find(row) != csv.rfind(row));
  // Two organisations keep it.
  in.organisations = HandBuilt().organisations;
  in.organisations.resize(2);
  BOOST_TEST(CompareTable(Compare(in), Meta()).find("\ntotaal  25,0%") != std::string::npos);
}

// The small multiples' legend names the norm line, in both languages (chart.norm).
BOOST_AUTO_TEST_CASE(html_chart_legend_names_the_norm) {
  const Comparison c = Compare(HandBuilt());
  for (const char* lang : {"nl", "en"}) {
    const std::string html = CompareHtml(c, Meta(lang));
    BOOST_TEST_INFO("lang " << lang);
    BOOST_TEST(html.find(">Norm</text>") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(html_escapes_every_string) {
  CompareInput in = HandBuilt();
  in.organisations[0].name = "<script>alert(1)</script>";
  const Comparison c = Compare(in);
  const std::string html = CompareHtml(c, Meta());
  BOOST_TEST(html.find("<script>") == std::string::npos);
  BOOST_TEST(html.find("&lt;script&gt;") != std::string::npos);
  BOOST_TEST(html.find("2 van de 3 organisaties rondden in 2024") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(csv_quotes_every_text_cell) {
  // An organisation code and a deadline id holding a separator, a quote, a line break or
  // a formula: each cell quoted as RFC 4180 asks, or guarded with an apostrophe
  // (csv_writer.h); numbers stay bare. A: 2/10 in 2023, 9/10 in 2024 (HandBuilt).
  CompareInput in = HandBuilt();
  in.organisations[0].code = "A;1,\"x\"";
  in.figures[0].org = in.figures[1].org = in.organisations[0].code;
  in.deadlines[0].id = "=onder\nzoek";
  const Comparison c = Compare(in);
  const std::string csv = CompareCsv(c, Meta());
  BOOST_TEST(csv.find("timeliness,\"'=onder\nzoek\",\"A;1,\"\"x\"\"\",2023,2,8,10,0.2,0.8,no,") !=
             std::string::npos);
  // Every line has the header's 22 fields outside quotes.
  size_t lines = 0;
  bool quoted = false;
  int commas = 0;
  for (const char ch : csv) {
    if (ch == '"') quoted = !quoted;
    if (quoted) continue;
    if (ch == ',') ++commas;
    if (ch == '\n') {
      BOOST_TEST(commas == 21);
      commas = 0;
      ++lines;
    }
  }
  BOOST_TEST(lines == 1 + 4 * 2 + 2);  // header, (3 organisations + NL) × 2 years, 2 count rows
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
