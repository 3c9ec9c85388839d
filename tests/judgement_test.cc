#include "judgement.h"

#include <boost/test/unit_test.hpp>

#include "audit_fixture.h"

namespace vtaudit {
namespace {

// The mini framework of audit_fixture.h: C1 (weight 2) and C2 (meldingen only, cap deels) in
// S1; O1 and M1 (measured by triage, norm 0.9, norm-missed-max deels) in S2; weighted mean
// with bands voldoet ≥ 2.5, grotendeels ≥ 1.75, deels ≥ 1, niet ≥ 0.
struct JudgementFixture {
  JudgementFixture() {
    Result<Framework> f = ParseFramework(testing::kAuditFramework, "mini.xml");
    BOOST_TEST_REQUIRE(f.ok(), f.status().ToString());
    framework = std::move(*f);
    // C01..C07 meldingen, C08..C10 adviezen.
    for (int i = 1; i <= 10; ++i) {
      CaseRecord c;
      c.case_id = (i < 10 ? "C0" : "C") + std::to_string(i);
      c.kind = i <= 7 ? CaseKind::kMelding : CaseKind::kAdvies;
      input.sample.push_back(c);
    }
  }

  void Score(const std::string& c, const std::string& criterion, const std::string& result,
             const std::string& inspector = "Anna", bool reconciled = false) {
    input.scores.push_back({c, criterion, inspector, result, reconciled});
  }

  // The standard example, worked by hand in aggregates_with_weights_and_a_cap.
  void ScoreExample() {
    for (int i = 1; i <= 10; ++i) Score(input.sample[i - 1].case_id, "C1", "voldoet");
    Score("C01", "C2", "voldoet");
    Score("C02", "C2", "voldoet");
    Score("C03", "C2", "voldoet");
    Score("C04", "C2", "voldoet_niet");
    Score("C05", "C2", "voldoet_niet");
    Score("C06", "C2", "voldoet_niet");
    Score("C07", "C2", "nvt");
    Score("", "O1", "voldoet");
    input.measured["triage"] = {85, 100, 0.9, 0.85};
  }

  const NodeJudgement& Node(const Judgement& j, const std::string& id) {
    for (const NodeJudgement& d : j.domains) {
      if (d.id == id) return d;
      for (const NodeJudgement& s : d.children) {
        if (s.id == id) return s;
        for (const NodeJudgement& c : s.children) {
          if (c.id == id) return c;
        }
      }
    }
    BOOST_FAIL("no node " + id);
    return j.domains[0];
  }

  Framework framework;
  JudgementInput input;
};

BOOST_AUTO_TEST_SUITE(judgement)

BOOST_FIXTURE_TEST_CASE(aggregates_with_weights_and_a_cap, JudgementFixture) {
  ScoreExample();
  const Judgement j = Judge(framework, input);
  // C1: 10 voldoet of 10 → 1.0 ≥ 0.9 → voldoet (score 3).
  const NodeJudgement& c1 = Node(j, "C1");
  BOOST_TEST(c1.level.value_or("") == "voldoet");
  BOOST_TEST(c1.met == 10);
  // C2: applies to the 7 meldingen; 3 voldoet, 3 voldoet_niet, 1 nvt, and the 3 adviezen nvt
  // automatically: 3 / 6 = 0.5 ≥ 0.5 → deels (score 1, not met).
  const NodeJudgement& c2 = Node(j, "C2");
  BOOST_TEST(c2.met == 3);
  BOOST_TEST(c2.not_met == 3);
  BOOST_TEST(c2.not_applicable == 4);
  BOOST_TEST(c2.share.value_or(-1) == 0.5);
  BOOST_TEST(c2.level.value_or("") == "deels");
  BOOST_TEST(c2.explanation ==
             "compliance = voldoet 3 / (voldoet 3 + voldoet_niet 3) = 0.5 over 10 sampled cases "
             "(nvt 4 (3 automatically: applies when kind = melding)); 0.5 >= min-share 0.5 of "
             "deels → deels");
  // S1: weighted mean (3·2 + 1·1) / 3 = 2.333 ≥ 1.75 → grotendeels; but C2 has cap deels and
  // is not met → deels.
  const NodeJudgement& s1 = Node(j, "S1");
  BOOST_TEST(s1.level.value_or("") == "deels");
  BOOST_TEST(s1.explanation ==
             "weighted mean of C1 voldoet 3 × 2, C2 deels 1 × 1 = 7 / 3 = 2.333 >= band 1.75 → "
             "grotendeels; cap: C2 is deels (not met), so at most deels → deels");
  // M1: 85 of 100 = 0.85 ≥ 0.75 → grotendeels, but the norm 0.9 is missed → at most deels.
  const NodeJudgement& m1 = Node(j, "M1");
  BOOST_TEST(m1.level.value_or("") == "deels");
  BOOST_TEST(m1.explanation ==
             "deadline triage: 85 of 100 on time = 0.85 (whole extract); 0.85 >= min-share 0.75 "
             "of grotendeels; norm 0.9 missed, so at most deels (norm-missed-max) → deels");
  // S2: (O1 voldoet 3 + M1 deels 1) / 2 = 2 ≥ 1.75 → grotendeels.
  BOOST_TEST(Node(j, "S2").level.value_or("") == "grotendeels");
  // D1: (S1 deels 1 + S2 grotendeels 2) / 2 = 1.5 ≥ 1 → deels; C2's cap does not lower it.
  const NodeJudgement& d1 = Node(j, "D1");
  BOOST_TEST(d1.level.value_or("") == "deels");
  BOOST_TEST(!d1.incomplete);
  BOOST_TEST(d1.explanation ==
             "weighted mean of S1 deels 1 × 1, S2 grotendeels 2 × 1 = 3 / 2 = 1.5 >= band 1 → "
             "deels; cap of C2 (deels) does not lower it");
}

BOOST_FIXTURE_TEST_CASE(a_cap_lowers_the_domain_too, JudgementFixture) {
  ScoreExample();
  input.measured["triage"] = {95, 100, 0.9, 0.95};  // M1 voldoet
  const Judgement j = Judge(framework, input);
  // S2: (3 + 3) / 2 = 3 → voldoet; D1: (1 + 3) / 2 = 2 → grotendeels, capped by C2 → deels.
  BOOST_TEST(Node(j, "S2").level.value_or("") == "voldoet");
  BOOST_TEST(Node(j, "D1").level.value_or("") == "deels");
}

BOOST_FIXTURE_TEST_CASE(unscored_criteria_are_niet_beoordeeld_and_visible, JudgementFixture) {
  for (int i = 1; i <= 10; ++i) Score(input.sample[i - 1].case_id, "C1", "voldoet");
  const Judgement j = Judge(framework, input);
  const NodeJudgement& c2 = Node(j, "C2");
  BOOST_TEST(!c2.level);
  BOOST_TEST(c2.incomplete);
  BOOST_TEST(c2.unscored == 7);
  BOOST_TEST(Node(j, "S1").level.value_or("") == "voldoet");  // from C1 alone
  BOOST_TEST(Node(j, "S1").incomplete);
  BOOST_TEST(!Node(j, "S2").level);
  BOOST_TEST(Node(j, "S2").explanation == "no judged criteria; niet beoordeeld: O1, M1");
  BOOST_TEST(Node(j, "D1").incomplete);
  BOOST_TEST(!Node(j, "M1").level);
}

BOOST_FIXTURE_TEST_CASE(disagreements_are_left_out_unless_reconciled, JudgementFixture) {
  ScoreExample();
  // Bram agrees on C01 and disagrees on C02 and C03 for C1.
  Score("C01", "C1", "voldoet", "Bram");
  Score("C02", "C1", "voldoet_niet", "Bram");
  Score("C03", "C1", "voldoet_niet", "Bram");
  Score("C03", "C1", "voldoet_niet", "Anna", /*reconciled=*/true);
  const Judgement j = Judge(framework, input);
  const NodeJudgement& c1 = Node(j, "C1");
  // C02 left out; C03 reconciled to voldoet_niet: 8 voldoet of 9 = 0.889 → grotendeels.
  BOOST_TEST(c1.met == 8);
  BOOST_TEST(c1.not_met == 1);
  BOOST_TEST(c1.disagreements ==
             (std::vector<std::string>{"C02 (Anna: voldoet, Bram: voldoet_niet)"}));
  BOOST_TEST(c1.level.value_or("") == "grotendeels");
  BOOST_TEST(c1.incomplete);
  BOOST_TEST(c1.explanation.find("left out, inspectors disagree and no reconciled score: C02") !=
             std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(worst_method, JudgementFixture) {
  framework.aggregation.method = Aggregation::Method::kWorst;
  ScoreExample();
  input.measured["triage"] = {95, 100, 0.9, 0.95};
  const Judgement j = Judge(framework, input);
  BOOST_TEST(Node(j, "S2").explanation == "worst of O1 voldoet, M1 voldoet → voldoet");
  BOOST_TEST(Node(j, "S1").level.value_or("") == "deels");
}

BOOST_FIXTURE_TEST_CASE(json_tree, JudgementFixture) {
  ScoreExample();
  // Bram disagrees on C01 for C2: left out, 2 of 5 = 0.4 → niet.
  input.scores.push_back({"C01", "C2", "Bram", "voldoet_niet", false});
  JsonWriter w(false);
  WriteJudgementJson(Judge(framework, input), &w);
  const std::string json = w.str();
  BOOST_TEST(json.starts_with("{\"domains\":[{\"id\":\"D1\",\"judgement\":\"deels\""));
  BOOST_TEST(json.find("\"standards\":[{\"id\":\"S1\"") != std::string::npos);
  BOOST_TEST(json.find("{\"id\":\"C2\",\"judgement\":\"niet\",\"met\":2,\"not_met\":3,"
                       "\"not_applicable\":4,\"unscored\":0,\"share\":0.4,\"disagreements\":"
                       "[\"C01 (Anna: voldoet, Bram: voldoet_niet)\"],\"incomplete\":true") !=
                 std::string::npos,
             json);
}

BOOST_AUTO_TEST_CASE(formats_figures) {
  BOOST_TEST(FormatFigure(0.8) == "0.8");
  BOOST_TEST(FormatFigure(2.0 / 3) == "0.667");
  BOOST_TEST(FormatFigure(3) == "3");
  BOOST_TEST(FormatFigure(-0.0001) == "0");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
