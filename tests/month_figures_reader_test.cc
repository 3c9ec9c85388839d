#include "month_figures_reader.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "compare_writer.h"
#include "synthetic_fixture.h"

namespace vtaudit {
namespace {

// The 25 organisations of samples/organisations.csv with a small synthetic national set
// (scale 0.02: about 20,000 cases over 2019–2025), imported once for every test here.
SyntheticOptions SmallNational() {
  SyntheticOptions options;
  options.scale = 0.02;
  return options;
}

struct NationalWorkspace : SyntheticWorkspace {
  NationalWorkspace() : SyntheticWorkspace(25, SmallNational()) {}

  // The compare JSON of all seven years with the cases read on `threads` threads.
  std::string CompareJsonWith(int threads) {
    CompareRequest request;
    for (int y = 2019; y <= 2025; ++y) request.years.push_back(y);
    request.as_of = *Date::FromYmd(2026, 5, 26);
    request.crosswalk_dir = VTAUDIT_SOURCE_DIR "/checklists/crosswalks";
    request.threads = threads;
    Result<CompareInput> in = GatherCompareInput(ws.get(), request, framework, calendar);
    BOOST_REQUIRE_MESSAGE(in.ok(), in.status().ToString());
    Result<Translator> words =
        Translator::Load(VTAUDIT_SOURCE_DIR "/reports/text-nl.properties", "nl");
    BOOST_REQUIRE(words.ok());
    return CompareJson(Compare(*in), {Cohort::kCompleted, request.as_of, framework.id, *words});
  }
};

BOOST_AUTO_TEST_SUITE(month_figures_reader)

BOOST_AUTO_TEST_CASE(compare_json_is_byte_identical_on_one_two_and_three_threads) {
  NationalWorkspace w;
  const std::string one = w.CompareJsonWith(1);
  BOOST_TEST(one.size() > 10000u);  // 25 organisations × 7 years of every deadline
  BOOST_TEST(one == w.CompareJsonWith(2));
  BOOST_TEST(one == w.CompareJsonWith(3));
}

BOOST_AUTO_TEST_CASE(figures_come_back_in_the_order_of_the_organisations_and_count_every_case) {
  NationalWorkspace w;
  // Reversed, so that an answer in the workspace's own order (by code) would fail.
  std::vector<Organisation> orgs(w.orgs.rbegin(), w.orgs.rend());
  MonthFiguresRequest request;
  request.period = YearsPeriod({2019, 2025});
  request.as_of = *Date::FromYmd(2026, 5, 26);
  request.threads = 2;
  Result<std::vector<std::vector<OrgMonthFigures>>> figures =
      ReadMonthFigures(w.ws.get(), orgs, w.framework, w.calendar, request);
  BOOST_REQUIRE_MESSAGE(figures.ok(), figures.status().ToString());
  BOOST_REQUIRE_EQUAL(figures->size(), orgs.size());
  request.threads = 1;
  Result<std::vector<std::vector<OrgMonthFigures>>> alone =
      ReadMonthFigures(w.ws.get(), orgs, w.framework, w.calendar, request);
  BOOST_REQUIRE(alone.ok());
  long meldingen = 0, alone_meldingen = 0;
  for (size_t i = 0; i < orgs.size(); ++i) {
    BOOST_TEST_CONTEXT(orgs[i].code) {
      // One entry per month of 2019–2025: 7 × 12.
      BOOST_REQUIRE_EQUAL((*figures)[i].size(), 84u);
      BOOST_TEST((*figures)[i].front().org == orgs[i].code);
      BOOST_TEST((*figures)[i].front().month == "2019-01");
      BOOST_TEST((*figures)[i].back().month == "2025-12");
      for (size_t m = 0; m < 84; ++m) {
        meldingen += (*figures)[i][m].counts.meldingen;
        alone_meldingen += (*alone)[i][m].counts.meldingen;
      }
    }
  }
  BOOST_TEST(meldingen > 0);
  BOOST_TEST(meldingen == alone_meldingen);
}

BOOST_AUTO_TEST_CASE(more_threads_than_organisations_read_each_once) {
  NationalWorkspace w;
  const std::vector<Organisation> one_org = {w.orgs.front()};
  MonthFiguresRequest request;
  request.period = YearsPeriod({2024});
  request.as_of = *Date::FromYmd(2026, 5, 26);
  request.threads = 8;
  Result<std::vector<std::vector<OrgMonthFigures>>> figures =
      ReadMonthFigures(w.ws.get(), one_org, w.framework, w.calendar, request);
  BOOST_REQUIRE_MESSAGE(figures.ok(), figures.status().ToString());
  BOOST_REQUIRE_EQUAL(figures->size(), 1u);
  BOOST_TEST(figures->front().size() == 12u);
}

BOOST_AUTO_TEST_CASE(a_workspace_file_that_is_gone_is_an_error_not_a_crash) {
  NationalWorkspace w;
  // The readers open the file by name: once it is moved away a second connection fails,
  // the caller's own connection (still open) is not enough.
  std::filesystem::rename(w.dir + "/ws.sqlite", w.dir + "/moved.sqlite");
  MonthFiguresRequest request;
  request.period = YearsPeriod({2024});
  request.as_of = *Date::FromYmd(2026, 5, 26);
  request.threads = 2;
  Result<std::vector<std::vector<OrgMonthFigures>>> figures =
      ReadMonthFigures(w.ws.get(), w.orgs, w.framework, w.calendar, request);
  BOOST_REQUIRE(!figures.ok());
  BOOST_TEST(figures.status().ToString().find("ws.sqlite") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
