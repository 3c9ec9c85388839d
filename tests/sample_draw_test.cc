#include "sample_draw.h"

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "audit_fixture.h"
#include "digest.h"
#include "random_draw.h"

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
  std::vector<std::string> ReserveIds(const Sample& s) {
    std::vector<std::string> ids;
    for (const ReserveCase& c : s.reserve) ids.push_back(c.case_id);
    return ids;
  }
  // C001..C100.
  static std::vector<std::string> SortedIds() {
    std::vector<std::string> ids;
    for (int i = 1; i <= 100; ++i) {
      char id[8];
      std::snprintf(id, sizeof id, "C%03d", i);
      ids.push_back(id);
    }
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
  // The reserve is the same draw continued: DrawSimple of 10 gives these five first.
  Result<Draw> ten = DrawSimple(SortedIds(), 10, SeedFromString("20250101"));
  BOOST_TEST_REQUIRE(ten.ok());
  std::vector<std::string> reserve_expected(ten->selection_order.begin() + 5,
                                            ten->selection_order.end());
  BOOST_TEST(ReserveIds(*s) == reserve_expected);
  const std::string head = "1,VT01,20250101," + s->drawn_at + ",";
  std::string csv = "audit,organisation,seed,drawn_at,list,order,case_id\n";
  for (const char* id : {"C007", "C020", "C034", "C039", "C092"})
    csv += head + "sample,," + id + "\n";
  for (int i = 0; i < 5; ++i) {
    csv += head + "reserve," + std::to_string(i + 1) + "," +
           reserve_expected[static_cast<size_t>(i)] + "\n";
  }
  BOOST_TEST(SampleCsv(*s, "VT01") == csv);
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
             "cannot draw 101 cases from the population of VT01 2025: 100 cases to which a case "
             "criterion applies");
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

BOOST_FIXTURE_TEST_CASE(same_seed_gives_same_sample_and_reserve, SampleFixture) {
  for (const std::string stratify : {"", "kind"}) {
    Result<Sample> first = DrawSample(ws.get(), {audit.id, 10, "99", stratify, "", true});
    Result<Sample> second = DrawSample(ws.get(), {audit.id, 10, "99", stratify, "", true});
    BOOST_TEST_REQUIRE(first.ok(), first.status().ToString());
    BOOST_TEST_REQUIRE(second.ok());
    BOOST_TEST(Ids(*first) == Ids(*second));
    BOOST_TEST(ReserveIds(*first) == ReserveIds(*second));
    BOOST_TEST(first->reserve.size() == 5u);
    std::set<std::string> sampled;
    for (const std::string& id : Ids(*first)) sampled.insert(id);
    for (const std::string& id : ReserveIds(*first)) BOOST_TEST(!sampled.count(id), id);
    const std::vector<std::string> reserve_ids = ReserveIds(*first);
    std::set<std::string> reserve(reserve_ids.begin(), reserve_ids.end());
    BOOST_TEST(reserve.size() == 5u);
  }
}

BOOST_FIXTURE_TEST_CASE(stratified_reserve_stays_in_its_stratum, SampleFixture) {
  // 33 advies, 67 meldingen. The sample of 10: quotas 3.3 and 6.7, so 3 and 7. The reserve
  // of 5 over the 30 and 60 left: quotas 1.67 and 3.33, floors 1 and 3, the unit left to the
  // larger fraction (advies): 2 and 3.
  Result<Sample> s = DrawSample(ws.get(), {audit.id, 10, "7", "kind", "", false});
  BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
  std::map<std::string, int> per_stratum;
  for (const ReserveCase& r : s->reserve) {
    ++per_stratum[r.stratum];
    const int n = std::stoi(r.case_id.substr(1));
    BOOST_TEST(r.stratum == (n % 3 == 0 ? "advies" : "melding"), r.case_id);
    BOOST_TEST(r.order == per_stratum[r.stratum]);
  }
  BOOST_TEST(per_stratum["advies"] == 2);
  BOOST_TEST(per_stratum["melding"] == 3);
}

BOOST_FIXTURE_TEST_CASE(reserve_is_shorter_when_the_population_runs_out, SampleFixture) {
  Result<Sample> s = DrawSample(ws.get(), {audit.id, 98, "1", "", "", false});
  BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
  BOOST_TEST(s->reserve.size() == 2u);
  SampleRequest none{audit.id, 5, "1", "", "", true};
  none.reserve = 0;
  Result<Sample> without = DrawSample(ws.get(), none);
  BOOST_TEST_REQUIRE(without.ok());
  BOOST_TEST(without->reserve.empty());
  none.reserve = -1;
  BOOST_TEST(DrawSample(ws.get(), none).status().ToString() == "the reserve cannot be negative");
}

// The fixture's framework has C1 for every case, so there the default population is every
// case. Here a framework whose case criteria all need a melding, over 9 cases of VT02: D3,
// D6 and D9 adviezen, D1 and D2 kindermishandeling.
BOOST_FIXTURE_TEST_CASE(default_population_is_cases_a_case_criterion_applies_to, SampleFixture) {
  std::string xml(testing::kAuditFramework);
  const std::string always =
      R"(<criterion id="C1" scope="case" weight="2"><text>T</text><gloss>T</gloss>)";
  xml.replace(xml.find(always), always.size(),
              always + "<applies-when>kind = melding</applies-when>");
  std::ofstream(dir + "/melding.xml") << xml;
  BOOST_TEST_REQUIRE(ws->AddOrganisation({"VT02", "Tweede", "", 2}).ok());
  BOOST_TEST_REQUIRE(ws->db()
                         .Exec("INSERT INTO extract_file (id, org, file_name, sha256, imported_at, "
                               "rows, added, changed, unchanged) VALUES (2, 'VT02', 'y.csv', '', "
                               "'', 0, 0, 0, 0); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                               "SELECT i + 1 FROM n WHERE i < 9) INSERT INTO case_file (org, "
                               "case_id, kind, violence, received, extract_id) SELECT 'VT02', "
                               "'D' || i, CASE WHEN i % 3 = 0 THEN 'advies' ELSE 'melding' END, "
                               "CASE WHEN i <= 2 THEN 'kindermishandeling' ELSE 'overig' END, "
                               "'2025-05-01', 2 FROM n")
                         .ok());
  Result<Audit> a = CreateAudit(ws.get(), {"VT02", 2025, dir + "/melding.xml", {"Anna"}});
  BOOST_TEST_REQUIRE(a.ok(), a.status().ToString());

  Result<Population> p = SamplePopulation(ws.get(), a->id, "", false);
  BOOST_TEST_REQUIRE(p.ok(), p.status().ToString());
  BOOST_TEST(p->rule == kPopulationCaseCriteria);
  BOOST_TEST(p->ids == (std::vector<std::string>{"D1", "D2", "D4", "D5", "D7", "D8"}));
  Result<Population> all = SamplePopulation(ws.get(), a->id, "", true);
  BOOST_TEST_REQUIRE(all.ok());
  BOOST_TEST(all->rule == kPopulationAllCases);
  BOOST_TEST(all->ids.size() == 9u);
  Result<Population> narrowed =
      SamplePopulation(ws.get(), a->id, "violence = kindermishandeling", false);
  BOOST_TEST_REQUIRE(narrowed.ok());
  BOOST_TEST(narrowed->ids == (std::vector<std::string>{"D1", "D2"}));
  BOOST_TEST((SamplePopulation(ws.get(), a->id, "kind ==", false).status().code() ==
              Status::Code::kInvalidInput));

  Result<Sample> s = DrawSample(ws.get(), {a->id, 6, "1", "", "", false});
  BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
  BOOST_TEST(s->population == 6);
  BOOST_TEST(s->population_rule == kPopulationCaseCriteria);
  BOOST_TEST(s->reserve.empty());  // all six drawn
  BOOST_TEST(DescribePopulation(s->population_rule, s->population, s->where) ==
             "6 cases to which a case criterion applies");
  SampleRequest every{a->id, 7, "1", "", "", true};
  every.all_cases = true;
  Result<Sample> t = DrawSample(ws.get(), every);
  BOOST_TEST_REQUIRE(t.ok(), t.status().ToString());
  BOOST_TEST(t->population == 9);
  BOOST_TEST(CurrentSample(ws.get(), a->id)->population_rule == kPopulationAllCases);
  BOOST_TEST(DescribePopulation(t->population_rule, t->population, "kind = advies") ==
             "9 cases (every case of the period) matching 'kind = advies'");
  BOOST_TEST(DrawSample(ws.get(), {a->id, 7, "1", "", "", true}).status().ToString() ==
             "cannot draw 7 cases from the population of VT02 2025: 6 cases to which a case "
             "criterion applies");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
