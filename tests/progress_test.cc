#include "progress.h"

#include <boost/test/unit_test.hpp>

#include "audit_fixture.h"

namespace vtaudit {
namespace {

// The mini framework of audit_fixture.h, one domain D1: hand-scored case criteria C1 (every
// case) and C2 (meldingen only); O1 is an organisation criterion and M1 is measured, so
// neither is asked per case. Sample: C01 and C02 meldingen, C03 an advies.
struct ProgressFixture {
  ProgressFixture() {
    Result<Framework> f = ParseFramework(testing::kAuditFramework, "mini.xml");
    BOOST_TEST_REQUIRE(f.ok(), f.status().ToString());
    framework = std::move(*f);
    for (int i = 1; i <= 3; ++i) {
      CaseRecord c;
      c.case_id = "C0" + std::to_string(i);
      c.kind = i <= 2 ? CaseKind::kMelding : CaseKind::kAdvies;
      input.sample.push_back(c);
    }
  }
  void Score(const std::string& c, const std::string& k, const std::string& who,
             bool reconciled = false) {
    input.scores.push_back({c, k, who, "voldoet", reconciled});
  }
  Framework framework;
  JudgementInput input;
};

BOOST_FIXTURE_TEST_SUITE(progress, ProgressFixture)

BOOST_AUTO_TEST_CASE(counts_what_applies_by_whom_and_the_complete_cases) {
  Score("C01", "C1", "Anna");
  Score("C01", "C2", "Bram");
  Score("C02", "C1", "Bram");
  Score("C03", "C1", "Bram", /*reconciled=*/true);
  Score("", "O1", "Anna");  // an organisation criterion: no case's progress
  const ScoringProgress p = MeasureProgress(framework, input, "Anna");
  BOOST_TEST_REQUIRE(p.cases.size() == 3u);
  // C01: C1 and C2 apply (a melding); Anna scored C1, anyone both.
  BOOST_TEST(p.cases[0].applicable == 2);
  BOOST_TEST(p.cases[0].by_inspector == 1);
  BOOST_TEST(p.cases[0].by_anyone == 2);
  // C02: C1 scored by Bram only, C2 open.
  BOOST_TEST(p.cases[1].applicable == 2);
  BOOST_TEST(p.cases[1].by_inspector == 0);
  BOOST_TEST(p.cases[1].by_anyone == 1);
  // C03, an advies: only C1 applies; a reconciliation counts for anyone, never as Anna's.
  BOOST_TEST(p.cases[2].applicable == 1);
  BOOST_TEST(p.cases[2].by_anyone == 1);
  BOOST_TEST(p.cases[2].by_inspector == 0);
  // D1: C01 and C03 have everything that applies scored, C02 not: 2 of 3.
  BOOST_TEST_REQUIRE(p.domains.size() == 1u);
  BOOST_TEST(p.domains[0].domain == "D1");
  BOOST_TEST(p.domains[0].has_case_criteria);
  BOOST_TEST(p.domains[0].complete == 2);
  BOOST_TEST(p.domains[0].sampled == 3);
}

BOOST_AUTO_TEST_CASE(a_criterion_marked_niet_beoordeeld_is_no_longer_asked) {
  Score("C02", "C1", "Anna");
  input.not_judged["C2"] = "dossiers niet beschikbaar";
  const ScoringProgress p = MeasureProgress(framework, input, "Anna");
  // Without C2, C02 needs only C1, which Anna scored: complete, as is nothing else.
  BOOST_TEST(p.cases[1].applicable == 1);
  BOOST_TEST(p.cases[1].by_inspector == 1);
  BOOST_TEST(p.domains[0].complete == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
