#include "judgement.h"

#include <algorithm>
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

// `score skip`: C2 marked niet beoordeeld although it has scores. Worked by hand from the
// example above: C2 has no level and its cap no longer applies, so S1 rests on C1 alone:
// voldoet 3 × 2 / 2 = 3 >= band 2.5 → voldoet; the counts of C2 stay 3 met, 3 not met.
BOOST_FIXTURE_TEST_CASE(a_criterion_marked_not_judged_counts_in_nothing, JudgementFixture) {
  ScoreExample();
  input.not_judged["C2"] = "dossiers onvolledig aangeleverd";
  const Judgement j = Judge(framework, input);
  const NodeJudgement& c2 = Node(j, "C2");
  BOOST_TEST(!c2.level.has_value());
  BOOST_TEST(!c2.share.has_value());
  BOOST_TEST(c2.incomplete);
  BOOST_TEST(c2.met == 3);
  BOOST_TEST(c2.not_met == 3);
  BOOST_TEST(c2.explanation ==
             "niet beoordeeld: marked by the inspectors (dossiers onvolledig aangeleverd); its "
             "scores (met 3, not met 3) are not counted");
  const NodeJudgement& s1 = Node(j, "S1");
  BOOST_TEST(s1.level.value_or("") == "voldoet");
  BOOST_TEST(s1.incomplete);
  BOOST_TEST(s1.explanation.find("niet beoordeeld: C2") != std::string::npos);
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
  BOOST_TEST(json.find("{\"id\":\"C2\",\"judgement\":\"niet\",\"applicable\":true,\"met\":2,"
                       "\"not_met\":3,\"not_applicable\":4,\"disputed\":1,\"unscored\":0,"
                       "\"n\":5,\"indicative\":false,\"share\":0.4,\"disagreements\":"
                       "[\"C01 (Anna: voldoet, Bram: voldoet_niet)\"],\"incomplete\":true") !=
                 std::string::npos,
             json);
}

// met + not met + n.v.t. + disputed + unscored of every case criterion is the sample, and an
// organisation criterion counts itself once, whatever the scores.
void CheckCountsAddUp(const Framework& f, const JudgementInput& in, const Judgement& j) {
  for (const NodeJudgement& d : j.domains) {
    for (const NodeJudgement& s : d.children) {
      for (const NodeJudgement& c : s.children) {
        const Criterion* k = f.FindCriterion(c.id);
        BOOST_TEST_REQUIRE(k != nullptr);
        if (!k->measured_by.empty()) continue;  // counts the extract, not the sample
        const long sum = c.met + c.not_met + c.not_applicable + c.disputed + c.unscored;
        const long expected = k->scope == Scope::kCase ? static_cast<long>(in.sample.size()) : 1;
        BOOST_TEST(sum == expected, c.id << ": " << c.met << " + " << c.not_met << " + "
                                         << c.not_applicable << " + " << c.disputed << " + "
                                         << c.unscored);
        BOOST_TEST(c.disputed == static_cast<long>(c.disagreements.size()));
      }
    }
  }
}

BOOST_FIXTURE_TEST_CASE(every_criterion_adds_up_to_the_sample, JudgementFixture) {
  CheckCountsAddUp(framework, input, Judge(framework, input));  // nothing scored
  ScoreExample();
  CheckCountsAddUp(framework, input, Judge(framework, input));
  // Afresh. C1: C01..C04 voldoet, C05 voldoet_niet, C06 nvt, C07 and C08 disputed (C08 by
  // three inspectors), C09 and C10 unscored: 4 + 1 + 1 + 2 + 2 = 10. C2 (meldingen): C01 voldoet,
  // C02 disputed, C03..C07 unscored, C08..C10 nvt automatically: 1 + 0 + 3 + 1 + 5 = 10. O1
  // disputed: 1.
  input.scores.clear();
  for (const char* c : {"C01", "C02", "C03", "C04"}) Score(c, "C1", "voldoet");
  Score("C05", "C1", "voldoet_niet");
  Score("C06", "C1", "nvt");
  Score("C07", "C1", "voldoet");
  Score("C07", "C1", "voldoet_niet", "Bram");
  Score("C08", "C1", "voldoet");
  Score("C08", "C1", "voldoet", "Bram");
  Score("C08", "C1", "nvt", "Cees");
  Score("C01", "C2", "voldoet");
  Score("C02", "C2", "voldoet");
  Score("C02", "C2", "voldoet_niet", "Bram");
  Score("", "O1", "voldoet");
  Score("", "O1", "deels", "Bram");
  const Judgement j = Judge(framework, input);
  CheckCountsAddUp(framework, input, j);
  const NodeJudgement& c1 = Node(j, "C1");
  BOOST_TEST(c1.met == 4);
  BOOST_TEST(c1.not_met == 1);
  BOOST_TEST(c1.not_applicable == 1);
  BOOST_TEST(c1.disputed == 2);
  BOOST_TEST(c1.unscored == 2);
  BOOST_TEST(c1.disagreements ==
             (std::vector<std::string>{"C07 (Anna: voldoet, Bram: voldoet_niet)",
                                       "C08 (Anna: voldoet, Bram: voldoet, Cees: nvt)"}));
  const NodeJudgement& c2 = Node(j, "C2");
  BOOST_TEST(c2.disputed == 1);
  BOOST_TEST(c2.unscored == 5);
  BOOST_TEST(c2.not_applicable == 3);
  const NodeJudgement& o1 = Node(j, "O1");
  BOOST_TEST(o1.disputed == 1);
  BOOST_TEST(o1.met + o1.not_met + o1.unscored == 0);
  // 4 / (4 + 1) = 0.8 over n = 5, not below min-cases 5: not indicative.
  const std::string text = JudgementText(j, false);
  BOOST_TEST(text.find("    C1  grotendeels  (met 4, not met 1, nvt 1, disputed 2, unscored 2, "
                       "share 0.8)  [incomplete]\n") != std::string::npos,
             text);
  BOOST_TEST(text.find("    O1  niet beoordeeld  (met 0, not met 0, nvt 0, disputed 1, unscored "
                       "0)  [incomplete]\n") != std::string::npos,
             text);
  JsonWriter w(false);
  WriteJudgementJson(j, &w);
  BOOST_TEST(w.str().find("\"id\":\"C1\",\"judgement\":\"grotendeels\",\"applicable\":true,"
                          "\"met\":4,\"not_met\":1,\"not_applicable\":1,\"disputed\":2,"
                          "\"unscored\":2,\"n\":5,\"indicative\":false,\"share\":0.8,") !=
                 std::string::npos,
             w.str());
}

BOOST_FIXTURE_TEST_CASE(an_unscored_organisation_criterion_counts_one_unscored, JudgementFixture) {
  const Judgement j = Judge(framework, input);
  const NodeJudgement& o1 = Node(j, "O1");
  BOOST_TEST(!o1.level);
  BOOST_TEST(o1.unscored == 1);
  BOOST_TEST(o1.incomplete);
  BOOST_TEST(JudgementText(j, false).find("    O1  niet beoordeeld  (met 0, not met 0, nvt 0, "
                                          "disputed 0, unscored 1)  [incomplete]\n") !=
             std::string::npos);
  Score("", "O1", "deels");
  const Judgement rejudged = Judge(framework, input);  // Node() points into it
  const NodeJudgement& scored = Node(rejudged, "O1");
  BOOST_TEST(scored.not_met == 1);  // deels has met="false"
  BOOST_TEST(scored.unscored == 0);
}

BOOST_FIXTURE_TEST_CASE(fewer_counted_cases_than_min_cases_is_indicative, JudgementFixture) {
  ScoreExample();
  // C2 over the meldingen C01..C07: 3 voldoet, 1 voldoet_niet, 3 nvt (plus the 3 adviezen):
  // 3 / (3 + 1) = 0.75 ≥ 0.75 → grotendeels, on n = 4 < min-cases 5 (the default).
  input.scores.erase(std::remove_if(input.scores.begin(), input.scores.end(),
                                    [](const ScoreEntry& e) { return e.criterion == "C2"; }),
                     input.scores.end());
  for (const char* c : {"C01", "C02", "C03"}) Score(c, "C2", "voldoet");
  Score("C04", "C2", "voldoet_niet");
  for (const char* c : {"C05", "C06", "C07"}) Score(c, "C2", "nvt");
  Judgement j = Judge(framework, input);
  const NodeJudgement& c2 = Node(j, "C2");
  BOOST_TEST(c2.level.value_or("") == "grotendeels");
  BOOST_TEST(c2.indicative);
  BOOST_TEST(c2.explanation.ends_with(
      "→ grotendeels; indicatief (n = 4): fewer counted cases than min-cases 5"));
  BOOST_TEST(!Node(j, "C1").indicative);  // n = 10
  // The standard and domain are not marked, but say which criterion is indicative. S1:
  // (C1 voldoet 3 × 2 + C2 grotendeels 2 × 1) / 3 = 8 / 3 = 2.667 ≥ 2.5 → voldoet.
  const NodeJudgement& s1 = Node(j, "S1");
  BOOST_TEST(!s1.indicative);
  BOOST_TEST(s1.explanation ==
             "weighted mean of C1 voldoet 3 × 2, C2 grotendeels 2 × 1 = 8 / 3 = 2.667 >= band "
             "2.5 → voldoet; indicatief: C2 (n = 4)");
  BOOST_TEST(!Node(j, "D1").indicative);
  BOOST_TEST(Node(j, "D1").explanation.ends_with("; indicatief: C2 (n = 4)"));
  BOOST_TEST(JudgementText(j, true).find(
                 "    C2  grotendeels  indicatief (n = 4)  (met 3, not met 1, nvt 6, disputed 0, "
                 "unscored 0, share 0.75)\n      why: ") != std::string::npos);
  JsonWriter w(false);
  WriteJudgementJson(j, &w);
  BOOST_TEST(w.str().find("\"n\":4,\"indicative\":true,\"share\":0.75") != std::string::npos);

  // min-cases from the framework: 11 on the scale makes C1 (n = 10) indicative; 4 on C2
  // makes its n = 4 enough.
  std::string xml(testing::kAuditFramework);
  xml.insert(xml.find("<scale>") + 6, " min-cases=\"11\"");
  xml.insert(xml.find("cap=\"deels\"") + 11, " min-cases=\"4\"");
  Result<Framework> f = ParseFramework(xml, "mini.xml");
  BOOST_TEST_REQUIRE(f.ok(), f.status().ToString());
  BOOST_TEST(f->FindCriterion("C1")->min_cases == 11);
  BOOST_TEST(f->FindCriterion("C2")->min_cases == 4);
  j = Judge(*f, input);
  BOOST_TEST(Node(j, "C1").indicative);
  BOOST_TEST(!Node(j, "C2").indicative);
}

BOOST_FIXTURE_TEST_CASE(nothing_to_judge_reads_the_same_for_case_and_measured, JudgementFixture) {
  // C1 and C2 scored nvt on every case they apply to; the triage clock counted nothing.
  for (const CaseRecord& c : input.sample) Score(c.case_id, "C1", "nvt");
  for (const char* c : {"C01", "C02", "C03", "C04", "C05", "C06", "C07"}) Score(c, "C2", "nvt");
  Score("", "O1", "voldoet");
  input.measured["triage"] = {0, 0, 0.9, std::nullopt};
  const Judgement j = Judge(framework, input);
  CheckCountsAddUp(framework, input, j);
  for (const char* id : {"C1", "C2", "M1"}) {
    const NodeJudgement& c = Node(j, id);
    BOOST_TEST(!c.level);
    BOOST_TEST(!c.applicable);
    BOOST_TEST(!c.incomplete);
    BOOST_TEST(c.explanation.starts_with("niet van toepassing: "), c.explanation);
    BOOST_TEST(c.explanation.ends_with("; left out of the judgement"), c.explanation);
  }
  BOOST_TEST(Node(j, "C2").explanation ==
             "niet van toepassing: applies to none of the 10 sampled cases (nvt 10 (3 "
             "automatically: applies when kind = melding)); left out of the judgement");
  BOOST_TEST(Node(j, "M1").explanation ==
             "niet van toepassing: deadline triage counted no cases in the period (whole "
             "extract); left out of the judgement");
  // A standard whose criteria all do not apply does not apply either; S2 and D1 say what they
  // left out. S2: O1 voldoet 3 × 1 = 3 / 1 = 3 → voldoet; D1 from S2 alone.
  const NodeJudgement& s1 = Node(j, "S1");
  BOOST_TEST(!s1.applicable);
  BOOST_TEST(!s1.level);
  BOOST_TEST(s1.explanation ==
             "niet van toepassing: none of its criteria applies (C1, C2); left out of the "
             "judgement");
  BOOST_TEST(Node(j, "S2").explanation ==
             "weighted mean of O1 voldoet 3 × 1 = 3 / 1 = 3 >= band 2.5 → voldoet; niet van "
             "toepassing: M1");
  BOOST_TEST(Node(j, "D1").level.value_or("") == "voldoet");
  BOOST_TEST(Node(j, "D1").explanation.ends_with("; niet van toepassing: S1"));
  BOOST_TEST(!Node(j, "D1").incomplete);
  const std::string text = JudgementText(j, false);
  BOOST_TEST(text.find("    C2  niet van toepassing  (met 0, not met 0, nvt 10, disputed 0, "
                       "unscored 0)\n") != std::string::npos,
             text);
  BOOST_TEST(text.find("    M1  niet van toepassing  (met 0, not met 0, nvt 0, disputed 0, "
                       "unscored 0)\n") != std::string::npos,
             text);
  // The same JSON shape: judgement null, applicable false, the counts, not incomplete.
  JsonWriter w(false);
  WriteJudgementJson(j, &w);
  const std::string json = w.str();
  const std::string shape =
      "\"judgement\":null,\"applicable\":false,\"met\":0,\"not_met\":0,\"not_applicable\":";
  BOOST_TEST(json.find("{\"id\":\"C2\"," + shape +
                       "10,\"disputed\":0,\"unscored\":0,\"n\":0,"
                       "\"indicative\":false,\"share\":null,\"disagreements\":[],"
                       "\"incomplete\":false,\"explanation\":\"niet van toepassing: ") !=
                 std::string::npos,
             json);
  BOOST_TEST(json.find("{\"id\":\"M1\"," + shape +
                       "0,\"disputed\":0,\"unscored\":0,\"n\":0,"
                       "\"indicative\":false,\"share\":null,\"disagreements\":[],"
                       "\"incomplete\":false,\"explanation\":\"niet van toepassing: ") !=
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
