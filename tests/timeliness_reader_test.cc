#include "timeliness_reader.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "synthetic_fixture.h"

namespace vtaudit {
namespace {

// The first organisation of samples/organisations.csv with a synthetic extract over
// 2024-2025 (some thousands of cases), imported once for every test here.
SyntheticOptions TwoYears() {
  SyntheticOptions options;
  options.first_year = 2024;
  options.scale = 0.1;
  return options;
}

struct OneOrganisation : SyntheticWorkspace {
  OneOrganisation() : SyntheticWorkspace(1, TwoYears()), org(orgs.front().code) {}

  // `timeliness --json --list all --by month` of 2025, as of 15 January 2026 (so that
  // cases are still open), with the cases read on `threads` threads.
  std::string JsonWith(int threads, CaseList list) {
    TimelinessOptions options;
    options.period = {*Date::FromYmd(2025, 1, 1), *Date::FromYmd(2025, 12, 31)};
    options.as_of = *Date::FromYmd(2026, 1, 15);
    options.keep_cases = true;
    options.histogram_bins = 40;
    Result<TimelinessReport> r =
        ReadTimeliness(ws.get(), CaseSet{org, 0}, {}, framework, calendar, options, org, threads);
    BOOST_REQUIRE_MESSAGE(r.ok(), r.status().ToString());
    JsonWriter w;
    WriteTimelinessJson(*r, &w, list, /*by_month=*/true);
    return w.str();
  }

  std::string org;
};

BOOST_AUTO_TEST_SUITE(timeliness_reader)

// Read in one, two and three ranges of case_id, merged in order, the report is the one
// thread's byte for byte: counts, months, stock, medians, the oldest open cases, and the
// listed cases in case_id order (both the counted and the waiting list).
BOOST_FIXTURE_TEST_CASE(same_json_on_one_two_and_three_threads, OneOrganisation) {
  BOOST_TEST_REQUIRE(cases > 2000);
  for (const CaseList list : {CaseList::kAll, CaseList::kOpen}) {
    const std::string one = JsonWith(1, list);
    // Something to compare: listed cases, and open ones on the waiting lists.
    BOOST_TEST(one.find("\"case_id\": ") != std::string::npos);
    BOOST_TEST(one.find("\"age_days\": ") != std::string::npos);  // in "oldest"
    BOOST_TEST(JsonWith(2, list) == one);
    BOOST_TEST(JsonWith(3, list) == one);
  }
}

// The ranges give every case to exactly one of them: the counts of the ranges add up to
// the organisation's, and each boundary is the first case of its range.
BOOST_FIXTURE_TEST_CASE(ranges_cover_every_case_once, OneOrganisation) {
  Result<std::vector<std::string>> bounds = CaseRanges(&ws->db(), CaseSet{org, 0}, 3);
  BOOST_REQUIRE_MESSAGE(bounds.ok(), bounds.status().ToString());
  BOOST_REQUIRE_EQUAL(bounds->size(), 2u);
  BOOST_TEST((*bounds)[0] < (*bounds)[1]);
  long total = 0;
  for (size_t i = 0; i <= bounds->size(); ++i) {
    CaseFilter range;
    if (i > 0) range.case_id_from = (*bounds)[i - 1];
    if (i < bounds->size()) range.case_id_before = (*bounds)[i];
    long n = 0;
    std::string first;
    BOOST_REQUIRE(ForEachCase(ws.get(), CaseSet{org, 0}, range, [&](const CaseRecord& c) {
                    if (n++ == 0) first = c.case_id;
                  }).ok());
    if (i > 0) BOOST_TEST(first == (*bounds)[i - 1]);
    // About a third each: the boundaries come from the delivery's count of added cases.
    BOOST_TEST(n >= cases / 3 - 1);
    BOOST_TEST(n <= cases / 3 + 1);
    total += n;
  }
  BOOST_TEST(total == cases);
  // One part, or more parts than cases: no boundary.
  BOOST_TEST(CaseRanges(&ws->db(), CaseSet{org, 0}, 1)->empty());
  BOOST_TEST(CaseRanges(&ws->db(), CaseSet{"NOPE", 0}, 2)->empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
