#include "sample_draw.h"

#include <boost/test/unit_test.hpp>
#include <cstdio>

#include "audit_fixture.h"
#include "digest.h"

namespace vtaudit {
namespace {

// 100 cases received in 2025 (C001..C100: every third an advies, C001..C040 with
// kindermishandeling, the rest partnergeweld) and 5 received in 2024, out of the period.
struct SampleFixture : testing::AuditFixture {
  SampleFixture() {
    // Inserted in descending order: the draw must not depend on the order of import.
    for (int i = 100; i >= 1; --i) {
      char id[8];
      std::snprintf(id, sizeof id, "C%03d", i);
      AddCase(id, i % 3 == 0 ? "advies" : "melding", "2025-03-01",
              i <= 40 ? "kindermishandeling|overig" : "partnergeweld");
    }
    for (int i = 1; i <= 5; ++i) AddCase("OLD" + std::to_string(i), "melding", "2024-12-31");
  }

  std::vector<std::string> Ids(const Sample& s) {
    std::vector<std::string> ids;
    for (const SampledCase& c : s.cases) ids.push_back(c.case_id);
    return ids;
  }
};

BOOST_AUTO_TEST_SUITE(sample_draw)

BOOST_FIXTURE_TEST_CASE(simple_draw_golden_values, SampleFixture) {
  Result<Sample> s = DrawSample(ws.get(), {audit.id, 5, "20250101", "", "", false});
  BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
  BOOST_TEST(s->method == "simple");
  BOOST_TEST(s->population == 100);
  BOOST_TEST(s->size == 5);
  BOOST_TEST(s->seed == "20250101");
  // The population hash is over "C001\nC002\n…C100\n", the 2024 cases excluded.
  std::string all;
  for (int i = 1; i <= 100; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "C%03d", i);
    all += std::string(id) + "\n";
  }
  BOOST_TEST(s->population_sha256 == Sha256Hex(all));
  // Golden: DrawSimple over the 100 sorted ids with seed 20250101; pinned so that a stored
  // sample can be redrawn years later. Do not update lightly.
  BOOST_TEST(Ids(*s) == (std::vector<std::string>{"C007", "C020", "C034", "C039", "C092"}));
  BOOST_TEST(SampleCsv(*s) == "case_id\nC007\nC020\nC034\nC039\nC092\n");
  // Read back: the same sample.
  Result<Sample> again = CurrentSample(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(again.ok());
  BOOST_TEST(Ids(*again) == Ids(*s));
}

BOOST_FIXTURE_TEST_CASE(stratified_counts_are_proportional, SampleFixture) {
  // 100 cases: 33 advies (every third), 67 melding. 10 units: quotas 3.3 and 6.7,
  // floors 3 + 6 = 9, the unit left goes to the larger remainder (melding 0.7): 3 and 7.
  Result<Sample> s = DrawSample(ws.get(), {audit.id, 10, "7", "kind", "", false});
  BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
  BOOST_TEST(s->method == "stratified");
  BOOST_TEST_REQUIRE(s->strata.size() == 2u);
  BOOST_TEST(s->strata[0].key == "advies");
  BOOST_TEST(s->strata[0].population == 33);
  BOOST_TEST(s->strata[0].allocated == 3);
  BOOST_TEST(s->strata[1].key == "melding");
  BOOST_TEST(s->strata[1].population == 67);
  BOOST_TEST(s->strata[1].allocated == 7);
  BOOST_TEST(s->cases.size() == 10u);
  long advies = 0;
  for (const SampledCase& c : s->cases) advies += c.stratum == "advies";
  BOOST_TEST(advies == 3);
  Result<Sample> back = CurrentSample(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(back.ok());
  BOOST_TEST(back->strata.size() == 2u);
  BOOST_TEST(back->strata[1].allocated == 7);
}

BOOST_FIXTURE_TEST_CASE(stratifies_by_the_first_violence_value, SampleFixture) {
  // 40 kindermishandeling (first value of "kindermishandeling|overig"), 60 partnergeweld;
  // 5 units: quotas 2 and 3 exactly.
  Result<Sample> s = DrawSample(ws.get(), {audit.id, 5, "1", "violence", "", false});
  BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
  BOOST_TEST_REQUIRE(s->strata.size() == 2u);
  BOOST_TEST(s->strata[0].key == "kindermishandeling");
  BOOST_TEST(s->strata[0].allocated == 2);
  BOOST_TEST(s->strata[1].allocated == 3);
}

BOOST_FIXTURE_TEST_CASE(where_filters_the_population, SampleFixture) {
  Result<Sample> s = DrawSample(ws.get(), {audit.id, 4, "3", "", "kind = advies", false});
  BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
  BOOST_TEST(s->population == 33);
  BOOST_TEST(s->where == "kind = advies");
  BOOST_TEST((DrawSample(ws.get(), {audit.id, 4, "3", "", "kind ==", true}).status().code() ==
              Status::Code::kInvalidInput));
}

BOOST_FIXTURE_TEST_CASE(second_draw_needs_replace_and_is_recorded, SampleFixture) {
  BOOST_TEST(DrawSample(ws.get(), {audit.id, 5, "1", "", "", false}).ok());
  const Result<Sample> again = DrawSample(ws.get(), {audit.id, 5, "2", "", "", false});
  BOOST_TEST(again.status().IsConflict());
  Result<Sample> replaced = DrawSample(ws.get(), {audit.id, 6, "2", "", "", true});
  BOOST_TEST_REQUIRE(replaced.ok());
  BOOST_TEST(replaced->size == 6);
  BOOST_TEST(replaced->replaced == 1);
  BOOST_TEST(Count("sample_draw") == 2);
  BOOST_TEST(Count("sample_draw WHERE replaced_by IS NOT NULL") == 1);
}

BOOST_FIXTURE_TEST_CASE(refuses_bad_requests, SampleFixture) {
  BOOST_TEST(DrawSample(ws.get(), {audit.id, 101, "1", "", "", false}).status().ToString() ==
             "cannot draw 101 cases from 100 cases of VT01 received in 2025");
  BOOST_TEST(DrawSample(ws.get(), {audit.id, 0, "1", "", "", false}).status().ToString() ==
             "the sample size must be at least 1");
  BOOST_TEST(DrawSample(ws.get(), {audit.id, 1, "1", "colour", "", false})
                 .status()
                 .ToString()
                 .starts_with("cannot stratify by 'colour': not a case field"));
  BOOST_TEST(CurrentSample(ws.get(), audit.id).status().IsNotFound());
  BOOST_TEST(SetAuditStatus(ws.get(), audit.id, AuditStatus::kFinal).ok());
  BOOST_TEST(DrawSample(ws.get(), {audit.id, 1, "1", "", "", false}).status().IsConflict());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
