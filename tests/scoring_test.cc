#include "scoring.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <fstream>

#include "audit_fixture.h"
#include "sample_draw.h"
#include "score_template.h"
#include "translator.h"

namespace vtaudit {
namespace {

// Ten cases C01..C10 (C01..C07 meldingen, C08..C10 adviezen), all of them sampled.
struct ScoringFixture : testing::AuditFixture {
  ScoringFixture() {
    for (int i = 1; i <= 10; ++i) {
      AddCase(Id(i), i <= 7 ? "melding" : "advies", "2025-02-03");
    }
    Result<Sample> s = DrawSample(ws.get(), {audit.id, 10, "1", "", "", false});
    BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
    BOOST_TEST_REQUIRE(ChangeInspectors(ws.get(), audit.id, {"Bram", "Cees"}, {}, "").ok());
  }

  static std::string Id(int i) { return (i < 10 ? "C0" : "C") + std::to_string(i); }

  Status Set(const std::string& c, const std::string& criterion, const std::string& result,
             const std::string& inspector = "Anna",
             const std::optional<std::string>& note = std::string()) {
    return SetScore(ws.get(), {audit.id, c, criterion, result, note, inspector, {}});
  }

  Status Reconcile(const std::string& c, const std::string& criterion, const std::string& result,
                   const std::string& reason = "overleg") {
    return ReconcileScore(ws.get(), {audit.id, c, criterion, result, reason, "Anna", {}});
  }

  // The current scores Judge would use, as "case criterion inspector result" lines.
  std::vector<std::string> Current(const Viewer& viewer = {}) {
    Result<std::vector<CurrentScore>> now = CurrentScores(ws.get(), audit.id, viewer);
    BOOST_TEST_REQUIRE(now.ok());
    std::vector<std::string> out;
    for (const CurrentScore& c : *now) {
      out.push_back(c.case_id + " " + c.criterion + " " +
                    (c.reconciled ? std::string("reconciled") : c.inspector) + " " + c.result);
    }
    return out;
  }

  // Writes a score sheet and imports it.
  Result<int> Import(const std::string& name, const std::string& csv) {
    const std::string path = dir + "/" + name;
    std::ofstream(path, std::ios::binary) << csv;
    return ImportScoreSheet(ws.get(), audit.id, path, "Anna");
  }
};

BOOST_AUTO_TEST_SUITE(scoring)

BOOST_FIXTURE_TEST_CASE(validates_a_score, ScoringFixture) {
  BOOST_TEST(Set("C01", "C1", "voldoet").ok());
  BOOST_TEST(Set("C01", "X9", "voldoet").ToString() ==
             "unknown criterion 'X9' in framework mini 1");
  BOOST_TEST(Set("C11", "C1", "voldoet").ToString() == "case C11 is not in the sample of audit 1");
  // What the inspector typed is quoted with its controls shown, not sent to the terminal.
  BOOST_TEST(Set("C\x1B[2J", "C1", "voldoet").ToString() ==
             "case C\\x1B[2J is not in the sample of audit 1");
  BOOST_TEST(Set("C01",
                 "X\xE2\x80\xAE"
                 "9",
                 "voldoet")
                 .ToString() == "unknown criterion 'X\\u202E9' in framework mini 1");
  BOOST_TEST(Set("C01", "C1", "goed\r").ToString() ==
             "'goed\\x0D' is not a case result (voldoet, voldoet_niet, nvt)");
  BOOST_TEST(Set("C01", "C1", "goed").ToString() ==
             "'goed' is not a case result (voldoet, voldoet_niet, nvt)");
  BOOST_TEST(Set("", "C1", "voldoet").ToString() ==
             "criterion C1 is scored per case: name the case");
  BOOST_TEST(Set("C08", "C2", "voldoet").ToString() ==
             "criterion C2 does not apply to case C08 (applies when: kind = melding): it is nvt "
             "automatically");
  BOOST_TEST(Set("", "O1", "voldoet").ok());
  BOOST_TEST(Set("C01", "O1", "voldoet").ToString() ==
             "criterion O1 is scored for the organisation, not per case");
  BOOST_TEST(Set("", "O1", "voldoet_niet").ToString() ==
             "'voldoet_niet' is not a level of the scale (voldoet, grotendeels, deels, niet)");
  BOOST_TEST(Set("", "M1", "voldoet").ToString() ==
             "criterion M1 is measured by deadline triage, not scored by hand");
  BOOST_TEST(Set("C01", "C1", "voldoet", "").ToString() == "no inspector named");
  BOOST_TEST(Count("score_event") == 2);
}

BOOST_FIXTURE_TEST_CASE(refuses_a_bsn_in_a_note, ScoringFixture) {
  // 111222333 passes the elfproef (see privacy_test.cc).
  const Status s = Set("C01", "C1", "voldoet", "Anna", "moeder, bsn 111222333");
  BOOST_TEST(s.ToString() ==
             "contains a number that passes the BSN eleven test; notes must not identify a "
             "person");
  BOOST_TEST(Count("score_event") == 0);
}

BOOST_FIXTURE_TEST_CASE(stores_hostile_notes_exactly, ScoringFixture) {
  const std::string note =
      "<script>alert('x')</script> \"quoted\"\nline two\t" + std::string(10 * 1024, 'x') + " é ✓";
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet", "Anna", note).ok());
  Result<std::vector<ScoreEvent>> h = ScoreHistory(ws.get(), audit.id, {}, {});
  BOOST_TEST_REQUIRE(h.ok());
  BOOST_TEST_REQUIRE(h->size() == 1u);
  BOOST_TEST(((*h)[0].note == note));
}

BOOST_FIXTURE_TEST_CASE(final_audit_refuses_changes, ScoringFixture) {
  BOOST_TEST(Set("C01", "C1", "voldoet").ok());
  BOOST_TEST(SetAuditStatus(ws.get(), audit.id, AuditStatus::kFinal).ok());
  const Status s = Set("C01", "C1", "voldoet_niet");
  BOOST_TEST(s.IsConflict());
  BOOST_TEST(s.ToString() == "audit 1 is final: its scores can no longer change");
  BOOST_TEST(Reconcile("C01", "C1", "voldoet").IsConflict());
  BOOST_TEST(Import("ok.csv", "case_id,criterion,result\nC02,C1,voldoet\n").status().IsConflict());
  // The database refuses too, whoever writes to it.
  BOOST_TEST(!ws->db()
                  .Exec("INSERT INTO score_event (uid, audit, criterion, inspector, kind, "
                        "new_result, at) VALUES ('u', 1, 'C1', 'x', 'set', 'nvt', '')")
                  .ok());
  BOOST_TEST(Count("score_event") == 1);
}

BOOST_FIXTURE_TEST_CASE(audit_trail_after_set_change_reconcile, ScoringFixture) {
  BOOST_TEST_REQUIRE(Set("C03", "C1", "voldoet", "Anna", "eerste lezing").ok());
  BOOST_TEST_REQUIRE(Set("C03", "C1", "voldoet_niet", "Anna", "na herlezing").ok());
  BOOST_TEST_REQUIRE(Set("C03", "C1", "voldoet", "Bram").ok());
  BOOST_TEST_REQUIRE(Reconcile("C03", "C1", "voldoet_niet").ok());
  Result<std::vector<ScoreEvent>> h = ScoreHistory(ws.get(), audit.id, "C03", "C1");
  BOOST_TEST_REQUIRE(h.ok());
  BOOST_TEST_REQUIRE(h->size() == 4u);
  // Anna's first score has no predecessor; her change names the old result; Bram's first has
  // none of his own; the reconcile has no earlier reconciled result.
  BOOST_TEST((*h)[0].kind == "set");
  BOOST_TEST(!(*h)[0].old_result);
  BOOST_TEST((*h)[1].old_result.value_or("") == "voldoet");
  BOOST_TEST((*h)[1].new_result.value_or("") == "voldoet_niet");
  BOOST_TEST((*h)[1].note == "na herlezing");
  BOOST_TEST((*h)[2].inspector == "Bram");
  BOOST_TEST(!(*h)[2].old_result);
  BOOST_TEST((*h)[3].kind == "reconcile");
  BOOST_TEST((*h)[3].new_result.value_or("") == "voldoet_niet");
  // The reconciliation keeps what it settled, and the notes before and after a change.
  BOOST_TEST((*h)[3].basis == (std::vector<std::string>{"Anna: voldoet_niet", "Bram: voldoet"}));
  BOOST_TEST((*h)[1].old_note.value_or("-") == "eerste lezing");
  BOOST_TEST(!(*h)[0].old_note);
  BOOST_TEST((*h)[0].uid.size() == 32u);
  BOOST_TEST((*h)[0].uid != (*h)[1].uid);
  // Events cannot be changed or removed.
  BOOST_TEST(!ws->db().Exec("UPDATE score_event SET new_result = 'nvt'").ok());
  BOOST_TEST(!ws->db().Exec("DELETE FROM score_event").ok());
  Result<std::vector<CurrentScore>> now = CurrentScores(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(now.ok());
  BOOST_TEST_REQUIRE(now->size() == 3u);
  BOOST_TEST((*now)[0].inspector == "Anna");
  BOOST_TEST((*now)[0].result == "voldoet_niet");
  BOOST_TEST((*now)[1].inspector == "Bram");
  BOOST_TEST((*now)[2].reconciled);
}

BOOST_FIXTURE_TEST_CASE(agreement_and_kappa_by_hand, ScoringFixture) {
  // C1 scored twice on all ten cases (v = voldoet, n = voldoet_niet):
  //   Anna v v v v v v n n n n   Bram v v v v v n v n n n
  // agree on 8 of 10: observed 0.8. Each used v 6 times and n 4 times, so chance agreement
  // is 0.6·0.6 + 0.4·0.4 = 0.52 and kappa = (0.8 − 0.52) / (1 − 0.52) = 0.28 / 0.48 = 0.5833.
  const char* anna = "vvvvvvnnnn";
  const char* bram = "vvvvvnvnnn";
  for (int i = 0; i < 10; ++i) {
    BOOST_TEST_REQUIRE(Set(Id(i + 1), "C1", anna[i] == 'v' ? "voldoet" : "voldoet_niet").ok());
    BOOST_TEST_REQUIRE(
        Set(Id(i + 1), "C1", bram[i] == 'v' ? "voldoet" : "voldoet_niet", "Bram").ok());
  }
  BOOST_TEST_REQUIRE(Set("C01", "C2", "voldoet").ok());  // single-scored: no pair
  BOOST_TEST_REQUIRE(Reconcile("C06", "C1", "voldoet").ok());
  Result<std::vector<CriterionAgreement>> a = Agreement(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(a.ok());
  BOOST_TEST_REQUIRE(a->size() == 1u);
  const CriterionAgreement& c1 = (*a)[0];
  BOOST_TEST(c1.criterion == "C1");
  BOOST_TEST(c1.method == "cohen");
  BOOST_TEST(c1.cases == 10);
  BOOST_TEST(c1.observed == 0.8, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(c1.expected == 0.52, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(c1.kappa.value_or(-9) == 0.28 / 0.48, boost::test_tools::tolerance(1e-12));
  BOOST_TEST_REQUIRE(c1.pairs.size() == 1u);  // the one pair is the criterion's figure
  BOOST_TEST(c1.pairs[0].inspector_a == "Anna");
  BOOST_TEST(c1.pairs[0].inspector_b == "Bram");
  BOOST_TEST(c1.pairs[0].kappa.value_or(-9) == 0.28 / 0.48, boost::test_tools::tolerance(1e-12));
  BOOST_TEST_REQUIRE(c1.disagreements.size() == 2u);
  BOOST_TEST(c1.disagreements[0].case_id == "C06");
  using Scores = std::vector<std::pair<std::string, std::string>>;
  BOOST_TEST((c1.disagreements[0].scores == Scores{{"Anna", "voldoet"}, {"Bram", "voldoet_niet"}}));
  BOOST_TEST(c1.disagreements[0].reconciled.value_or("") == "voldoet");
  BOOST_TEST(c1.disagreements[1].case_id == "C07");
  BOOST_TEST(!c1.disagreements[1].reconciled);
}

BOOST_FIXTURE_TEST_CASE(three_inspectors_fleiss_and_every_pair, ScoringFixture) {
  // C1 on C01..C04 by Anna, Bram and Cees (v = voldoet, n = voldoet_niet):
  //          Anna Bram Cees   P_i (agreeing pairs of the 3)
  //   C01     v    v    v     3 of 3 = 1
  //   C02     v    v    n     1 of 3
  //   C03     v    n    n     1 of 3
  //   C04     n    n    n     1
  // Fleiss: observed = (1 + 1/3 + 1/3 + 1) / 4 = 2/3; v 6 of 12 ratings, n 6: expected
  // 0.5² + 0.5² = 0.5; kappa = (2/3 − 1/2) / (1/2) = 1/3.
  // Cohen per pair:
  //   Anna–Bram agree on 3 of 4 = 0.75; Anna v 3 n 1, Bram v 2 n 2: expected
  //     (3/4)(2/4) + (1/4)(2/4) = 0.5; kappa (0.75 − 0.5) / 0.5 = 0.5.
  //   Anna–Cees agree on 2 of 4 = 0.5; Cees v 1 n 3: expected (3/4)(1/4) + (1/4)(3/4) =
  //     0.375; kappa (0.5 − 0.375) / 0.625 = 0.2.
  //   Bram–Cees agree on 3 of 4 = 0.75; expected (2/4)(1/4) + (2/4)(3/4) = 0.5; kappa 0.5.
  const char* scores[] = {"vvv", "vvn", "vnn", "nnn"};
  const char* who[] = {"Anna", "Bram", "Cees"};
  for (int i = 0; i < 4; ++i) {
    for (int r = 0; r < 3; ++r) {
      BOOST_TEST_REQUIRE(
          Set(Id(i + 1), "C1", scores[i][r] == 'v' ? "voldoet" : "voldoet_niet", who[r]).ok());
    }
  }
  Result<std::vector<CriterionAgreement>> a = Agreement(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(a.ok());
  BOOST_TEST_REQUIRE(a->size() == 1u);
  const CriterionAgreement& c1 = (*a)[0];
  BOOST_TEST(c1.method == "fleiss");
  BOOST_TEST(c1.cases == 4);
  BOOST_TEST(c1.min_inspectors == 3);
  BOOST_TEST(c1.max_inspectors == 3);
  BOOST_TEST(c1.inspectors == (std::vector<std::string>{"Anna", "Bram", "Cees"}));
  BOOST_TEST(c1.observed == 2.0 / 3.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(c1.expected == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(c1.kappa.value_or(-9) == 1.0 / 3.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST_REQUIRE(c1.pairs.size() == 3u);
  const double kappas[] = {0.5, 0.2, 0.5}, observed[] = {0.75, 0.5, 0.75};
  const char* pairs[][2] = {{"Anna", "Bram"}, {"Anna", "Cees"}, {"Bram", "Cees"}};
  for (size_t p = 0; p < 3; ++p) {
    BOOST_TEST(c1.pairs[p].inspector_a == pairs[p][0]);
    BOOST_TEST(c1.pairs[p].inspector_b == pairs[p][1]);
    BOOST_TEST(c1.pairs[p].cases == 4);
    BOOST_TEST(c1.pairs[p].observed == observed[p], boost::test_tools::tolerance(1e-12));
    BOOST_TEST(c1.pairs[p].kappa.value_or(-9) == kappas[p], boost::test_tools::tolerance(1e-12));
  }
  // A disagreement lists all three.
  using Scores = std::vector<std::pair<std::string, std::string>>;
  BOOST_TEST_REQUIRE(c1.disagreements.size() == 2u);
  BOOST_TEST(c1.disagreements[0].case_id == "C02");
  BOOST_TEST((c1.disagreements[0].scores ==
              Scores{{"Anna", "voldoet"}, {"Bram", "voldoet"}, {"Cees", "voldoet_niet"}}));
  BOOST_TEST(c1.disagreements[1].case_id == "C03");
}

BOOST_FIXTURE_TEST_CASE(organisation_criteria_changing_pairs_and_undefined_kappa, ScoringFixture) {
  // C1: Anna and Bram both say voldoet on C01..C03: chance agreement 3·3 / 3² = 1, kappa 0/0.
  for (const char* c : {"C01", "C02", "C03"}) {
    BOOST_TEST_REQUIRE(Set(c, "C1", "voldoet").ok());
    BOOST_TEST_REQUIRE(Set(c, "C1", "voldoet", "Bram").ok());
  }
  // C2: Anna and Bram on C01 (v v), Bram and Cees on C02 (v n): two pairs of one case each,
  // so Fleiss with m = 2: P = 1 and 0, observed 0.5; v 3 of 4 ratings, n 1: expected
  // 0.75² + 0.25² = 0.625; kappa = (0.5 − 0.625) / 0.375 = −1/3. Anna–Bram alone: one
  // category, undefined; Bram–Cees: observed 0, expected (1·0 + 0·1) / 1 = 0, kappa 0.
  BOOST_TEST_REQUIRE(Set("C01", "C2", "voldoet").ok());
  BOOST_TEST_REQUIRE(Set("C01", "C2", "voldoet", "Bram").ok());
  BOOST_TEST_REQUIRE(Set("C02", "C2", "voldoet", "Bram").ok());
  BOOST_TEST_REQUIRE(Set("C02", "C2", "voldoet_niet", "Cees").ok());
  // O1, the organisation: Anna voldoet, Bram deels; one item, observed 0, expected 0, kappa 0.
  BOOST_TEST_REQUIRE(Set("", "O1", "voldoet").ok());
  BOOST_TEST_REQUIRE(Set("", "O1", "deels", "Bram").ok());
  Result<std::vector<CriterionAgreement>> a = Agreement(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(a.ok());
  BOOST_TEST_REQUIRE(a->size() == 3u);
  const CriterionAgreement& c1 = (*a)[0];
  BOOST_TEST(c1.criterion == "C1");
  BOOST_TEST(c1.method == "cohen");
  BOOST_TEST(c1.observed == 1.0);
  BOOST_TEST(c1.expected == 1.0);
  BOOST_TEST(!c1.kappa.has_value());
  const CriterionAgreement& c2 = (*a)[1];
  BOOST_TEST(c2.method == "fleiss");
  BOOST_TEST(c2.max_inspectors == 2);
  BOOST_TEST(c2.observed == 0.5);
  BOOST_TEST(c2.expected == 0.625);
  BOOST_TEST(c2.kappa.value_or(-9) == -1.0 / 3.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST_REQUIRE(c2.pairs.size() == 2u);
  BOOST_TEST(!c2.pairs[0].kappa.has_value());
  BOOST_TEST(c2.pairs[1].kappa.value_or(-9) == 0.0);
  const CriterionAgreement& o1 = (*a)[2];
  BOOST_TEST(o1.criterion == "O1");
  BOOST_TEST(o1.scope == "organisation");
  BOOST_TEST(o1.cases == 1);
  BOOST_TEST(o1.kappa.value_or(-9) == 0.0);
  BOOST_TEST_REQUIRE(o1.disagreements.size() == 1u);
  BOOST_TEST(o1.disagreements[0].case_id == "");
  BOOST_TEST(o1.disagreements[0].scores.size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(imports_a_good_sheet, ScoringFixture) {
  Result<int> n = Import("good.csv",
                         "case_id,criterion,result,note,inspector\n"
                         "C01,C1,voldoet,\"goed, \"\"volledig\"\"\",\n"
                         "C02,C1,voldoet_niet,,Bram\n"
                         ",O1,grotendeels,organisatie,\n"
                         "C08,C2,voldoet_niet,ignored?,\n");
  // The last row is not applicable: nothing is imported.
  BOOST_TEST(!n.ok());
  BOOST_TEST(Count("score_event") == 0);
  n = Import("good2.csv",
             "criterion;case_id;result\n"
             "C1;C01;voldoet\n"
             "O1;;grotendeels\n");
  BOOST_TEST_REQUIRE(n.ok(), n.status().ToString());
  BOOST_TEST(*n == 2);
  BOOST_TEST(Count("score_event") == 2);
  BOOST_TEST(Count("score_event WHERE inspector = 'Anna'") == 2);
}

BOOST_FIXTURE_TEST_CASE(malformed_sheets_change_nothing, ScoringFixture) {
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet").ok());
  struct Bad {
    const char* name;
    const char* csv;
    std::vector<std::string> messages;  // after "DIR/"
  };
  const std::vector<Bad> sheets = {
      {"unknown-criterion.csv",
       "case_id,criterion,result\nC02,X1,voldoet\n",
       {"unknown-criterion.csv:2: column criterion: unknown criterion 'X1' in framework mini 1"}},
      {"not-sampled.csv",
       "case_id,criterion,result\nC02,C1,voldoet\nZ99,C1,voldoet\n",
       {"not-sampled.csv:3: column case_id: case Z99 is not in the sample of audit 1"}},
      {"bad-result.csv",
       "case_id,criterion,result\nC02,C1,ja\n",
       {"bad-result.csv:2: column result: 'ja' is not a case result (voldoet, voldoet_niet, "
        "nvt)"}},
      {"case-on-org.csv",
       "case_id,criterion,result\nC02,O1,voldoet\n",
       {"case-on-org.csv:2: column case_id: criterion O1 is scored for the organisation, not "
        "per case"}},
      {"org-level.csv",
       "case_id,criterion,result\n,O1,nvt\n",
       {"org-level.csv:2: column result: 'nvt' is not a level of the scale (voldoet, "
        "grotendeels, deels, niet)"}},
      {"not-applicable.csv",
       "case_id,criterion,result\nC09,C2,voldoet\n",
       {"not-applicable.csv:2: column criterion: criterion C2 does not apply to case C09 "
        "(applies when: kind = melding): it is nvt automatically"}},
      {"measured.csv",
       "case_id,criterion,result\n,M1,voldoet\n",
       {"measured.csv:2: column criterion: criterion M1 is measured by deadline triage, not "
        "scored by hand"}},
      {"bsn.csv",
       "case_id,criterion,result,note\nC02,C1,voldoet,zie 123456782\n",
       {"bsn.csv:2: column note: contains a number that passes the BSN eleven test; notes must "
        "not identify a person"}},
      {"no-result.csv",
       "case_id,criterion,note\nC02,C1,x\n",
       {"no-result.csv:1: column result: missing from the header"}},
      {"unknown-column.csv",
       "case_id,criterion,result,naam\nC02,C1,voldoet,Jan\n",
       {"unknown-column.csv:1: column naam: unknown column (expected case_id, criterion, "
        "result, note, inspector)"}},
      {"twice.csv",
       "case_id,criterion,result\nC02,C1,voldoet\nC02,C1,voldoet_niet\n",
       {"twice.csv:3: column criterion: criterion C1 for case 'C02' by Anna occurs twice in the "
        "sheet"}},
      {"no-case.csv",
       "case_id,criterion,result\n,C1,voldoet\n",
       {"no-case.csv:2: column case_id: criterion C1 is scored per case: name the case"}},
      {"quote.csv",
       "case_id,criterion,result\nC02,C1,\"voldoet\n",
       {"quote.csv:2: field 3: unterminated quoted field"}},
      {"empty.csv",
       "",
       {"empty.csv: empty file: expected the header case_id,criterion,result,note[,inspector]"}},
      {"several.csv",
       "case_id,criterion,result\nC02,C1,ja\nC03,C1,voldoet\nC04,Q,voldoet\n",
       {"several.csv:2: column result: 'ja' is not a case result (voldoet, voldoet_niet, nvt)",
        "several.csv:4: column criterion: unknown criterion 'Q' in framework mini 1"}},
  };
  for (const Bad& bad : sheets) {
    BOOST_TEST_CONTEXT(bad.name) {
      Result<int> n = Import(bad.name, bad.csv);
      BOOST_TEST_REQUIRE(!n.ok());
      std::vector<std::string> expected;
      for (const std::string& m : bad.messages) expected.push_back(dir + "/" + m);
      // Every refusal after the header says that nothing was imported; a bad header or an
      // empty file stops before any row.
      const bool row_errors = bad.messages[0].find(".csv:1:") == std::string::npos &&
                              bad.messages[0].find("empty file") == std::string::npos;
      if (row_errors) expected.push_back(dir + "/" + bad.name + ": nothing imported");
      BOOST_TEST(n.status().messages() == expected, boost::test_tools::per_element());
      BOOST_TEST(Count("score_event") == 1);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(only_the_audits_inspectors_score, ScoringFixture) {
  BOOST_TEST(Set("C01", "C1", "voldoet", "Cas").ToString() ==
             "inspector Cas is not on audit 1; add them with `vtaudit audit inspectors --audit 1 "
             "--add NAME`");
  BOOST_TEST(Count("score_event") == 0);
  // Removing an inspector keeps their scores on record, but they score no more.
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet", "Bram").ok());
  BOOST_TEST_REQUIRE(ChangeInspectors(ws.get(), audit.id, {}, {"Bram"}, "Anna").ok());
  BOOST_TEST(!Set("C02", "C1", "voldoet", "Bram").ok());
  BOOST_TEST(Current() == std::vector<std::string>{"C01 C1 Bram voldoet"});
}

BOOST_FIXTURE_TEST_CASE(accepts_the_inspectors_words, ScoringFixture) {
  // Case results by their Dutch wording, any case; levels by id or by the scale's Dutch name
  // (the mini framework names its levels V, G, D and N).
  BOOST_TEST_REQUIRE(Set("C01", "C1", "Voldoet niet").ok());
  BOOST_TEST_REQUIRE(Set("C02", "C1", "n.v.t.").ok());
  BOOST_TEST_REQUIRE(Set("C03", "C1", "VOLDOET").ok());
  BOOST_TEST_REQUIRE(Set("C04", "C1", "voldoet_niet").ok());
  BOOST_TEST_REQUIRE(Set("", "O1", "g").ok());
  BOOST_TEST(Current() == (std::vector<std::string>{
                              " O1 Anna grotendeels", "C01 C1 Anna voldoet_niet", "C02 C1 Anna nvt",
                              "C03 C1 Anna voldoet", "C04 C1 Anna voldoet_niet"}));
  Result<int> n = Import(
      "words.csv", "case_id,criterion,result\nC05,C1,Voldoet Niet\nC06,C1,N.V.T.\n,O1,Deels\n");
  BOOST_TEST_REQUIRE(n.ok(), n.status().ToString());
  BOOST_TEST(Count("score_event WHERE new_result IN ('voldoet_niet', 'nvt', 'deels')") == 6);
}

BOOST_FIXTURE_TEST_CASE(a_score_without_note_keeps_the_note, ScoringFixture) {
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet", "Anna", "zie verslag").ok());
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet_niet", "Anna", std::nullopt).ok());
  // The same result and note again writes nothing.
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet_niet", "Anna", "zie verslag").ok());
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet_niet", "Anna", "").ok());
  Result<std::vector<ScoreEvent>> h = ScoreHistory(ws.get(), audit.id, "C01", "C1");
  BOOST_TEST_REQUIRE(h.ok());
  BOOST_TEST_REQUIRE(h->size() == 3u);
  BOOST_TEST((*h)[1].note == "zie verslag");
  BOOST_TEST((*h)[1].old_note.value_or("-") == "zie verslag");
  BOOST_TEST((*h)[2].note == "");
  BOOST_TEST((*h)[2].old_note.value_or("-") == "zie verslag");
}

BOOST_FIXTURE_TEST_CASE(clear_withdraws_a_score, ScoringFixture) {
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet", "Anna", "eerst").ok());
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet_niet", "Bram").ok());
  const ScoreInput clear{audit.id, "C01", "C1", "", std::string("verkeerde zaak"), "Anna", {}};
  BOOST_TEST_REQUIRE(ClearScore(ws.get(), clear).ok());
  BOOST_TEST(Current() == std::vector<std::string>{"C01 C1 Bram voldoet_niet"});
  BOOST_TEST(ClearScore(ws.get(), clear).ToString() ==
             "Anna has no score for criterion C1 of case C01 to clear");
  Result<std::vector<ScoreEvent>> h = ScoreHistory(ws.get(), audit.id, "C01", "C1");
  BOOST_TEST_REQUIRE(h.ok());
  BOOST_TEST_REQUIRE(h->size() == 3u);
  BOOST_TEST((*h)[2].kind == "clear");
  BOOST_TEST((*h)[2].old_result.value_or("-") == "voldoet");
  BOOST_TEST(!(*h)[2].new_result);
  BOOST_TEST((*h)[2].old_note.value_or("-") == "eerst");
  BOOST_TEST((*h)[2].note == "verkeerde zaak");
  // A score after the clear has no old result.
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet").ok());
  h = ScoreHistory(ws.get(), audit.id, "C01", "C1");
  BOOST_TEST(!h->back().old_result);
}

BOOST_FIXTURE_TEST_CASE(double_scoring_is_blind, ScoringFixture) {
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet", "Anna", "Anna's reden").ok());
  BOOST_TEST_REQUIRE(Set("C02", "C1", "voldoet", "Anna").ok());
  int hidden = 0;
  Result<std::vector<CurrentScore>> bram =
      CurrentScores(ws.get(), audit.id, Viewer{std::string("Bram")}, &hidden);
  BOOST_TEST_REQUIRE(bram.ok());
  BOOST_TEST(bram->empty());
  BOOST_TEST(hidden == 2);
  Result<std::vector<ScoreEvent>> events =
      ScoreHistory(ws.get(), audit.id, {}, {}, Viewer{std::string("Bram")}, &hidden);
  BOOST_TEST(events->empty());
  BOOST_TEST(hidden == 2);
  // Once Bram has scored C01's C1 he sees Anna's score of it, not yet of C02.
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet_niet", "Bram").ok());
  BOOST_TEST(Current(Viewer{std::string("Bram")}) ==
             (std::vector<std::string>{"C01 C1 Anna voldoet", "C01 C1 Bram voldoet_niet"}));
  BOOST_TEST(Current().size() == 3u);  // the reconciliation view sees all
}

BOOST_FIXTURE_TEST_CASE(reconciles_only_what_differs, ScoringFixture) {
  BOOST_TEST(Reconcile("C01", "C1", "voldoet").ToString() ==
             "nothing to reconcile: criterion C1 of case C01 has no scores");
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet").ok());
  BOOST_TEST(Reconcile("C01", "C1", "voldoet").ToString() ==
             "nothing to reconcile: criterion C1 of case C01 has one inspector's score");
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet", "Bram").ok());
  BOOST_TEST(Reconcile("C01", "C1", "voldoet").ToString() ==
             "nothing to reconcile: criterion C1 of case C01 has scores that agree (voldoet)");
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet_niet", "Bram").ok());
  BOOST_TEST(Reconcile("C01", "C1", "voldoet", "").ToString() ==
             "a reconciliation needs its reason (--reason TEXT)");
  BOOST_TEST(Count("score_event WHERE kind = 'reconcile'") == 0);
  BOOST_TEST_REQUIRE(Reconcile("C01", "C1", "voldoet").ok());
  BOOST_TEST(Current().back() == "C01 C1 reconciled voldoet");
  // Organisation criteria are reconciled the same way.
  BOOST_TEST_REQUIRE(Set("", "O1", "voldoet").ok());
  BOOST_TEST_REQUIRE(Set("", "O1", "deels", "Bram").ok());
  BOOST_TEST_REQUIRE(Reconcile("", "O1", "grotendeels").ok());
  // A score changed after the reconciliation reopens the disagreement: the agreed score
  // no longer counts, and the trail still holds it.
  BOOST_TEST_REQUIRE(Set("C01", "C1", "nvt", "Bram").ok());
  BOOST_TEST((Current() == std::vector<std::string>{" O1 Anna voldoet", " O1 Bram deels",
                                                    " O1 reconciled grotendeels",
                                                    "C01 C1 Anna voldoet", "C01 C1 Bram nvt"}));
  BOOST_TEST(Count("score_event WHERE kind = 'reconcile'") == 2);
  BOOST_TEST_REQUIRE(Reconcile("C01", "C1", "voldoet", "tweede overleg").ok());
  Result<std::vector<ScoreEvent>> h = ScoreHistory(ws.get(), audit.id, "C01", "C1");
  // The second reconciliation replaces no current agreed score: the first was superseded.
  BOOST_TEST(!h->back().old_result);
  BOOST_TEST(h->back().basis == (std::vector<std::string>{"Anna: voldoet", "Bram: nvt"}));
}

BOOST_FIXTURE_TEST_CASE(a_form_is_written_whole_or_not_at_all, ScoringFixture) {
  BOOST_TEST_REQUIRE(Set("C01", "C1", "voldoet").ok());
  Result<std::vector<ScoreEvent>> h = ScoreHistory(ws.get(), audit.id, "C01", {});
  const int64_t base = h->back().id;
  // One bad score refuses the form: the good one before it is not written.
  Result<int> n = SetScores(ws.get(), {{audit.id, "C01", "C1", "voldoet_niet", "", "Anna", base},
                                       {audit.id, "C01", "C2", "ja", "", "Anna", 0}});
  BOOST_TEST(n.status().ToString() ==
             "C2 (C01): 'ja' is not a case result (voldoet, voldoet_niet, nvt)");
  // A stale base (the score changed since the form was shown) refuses it too.
  BOOST_TEST_REQUIRE(Set("C01", "C1", "nvt").ok());
  n = SetScores(ws.get(), {{audit.id, "C01", "C2", "voldoet", "", "Anna", 0},
                           {audit.id, "C01", "C1", "voldoet_niet", "", "Anna", base}});
  BOOST_TEST(n.status().IsConflict());
  BOOST_TEST(n.status().ToString() ==
             "criterion C1 of case C01 was changed elsewhere in the meantime; nothing was saved");
  BOOST_TEST(Current() == std::vector<std::string>{"C01 C1 Anna nvt"});
  BOOST_TEST(Count("score_event") == 2);
}

// The web UI speaks Dutch without checking the input again: each message carries its
// problem code, and the shipped texts say it in either language.
BOOST_FIXTURE_TEST_CASE(problems_carry_codes_the_shipped_texts_translate, ScoringFixture) {
  Result<Translator> nl = Translator::Load(VTAUDIT_SOURCE_DIR "/reports/text-nl.properties", "nl");
  Result<Translator> en = Translator::Load(VTAUDIT_SOURCE_DIR "/reports/text-en.properties", "en");
  BOOST_TEST_REQUIRE(nl.ok());
  BOOST_TEST_REQUIRE(en.ok());
  // One score: no criterion prefix.
  const Status bsn = Set("C01", "C1", "voldoet", "Anna", "moeder, bsn 111222333");
  BOOST_TEST_REQUIRE(bsn.problems().size() == 1u);
  BOOST_TEST(bsn.problems()[0].key == "problem.score.bsn");
  BOOST_TEST(nl->Messages(bsn) ==
                 std::vector<std::string>{"de toelichting bevat een nummer dat de elfproef van een "
                                          "BSN doorstaat; een toelichting mag geen persoon "
                                          "herkenbaar maken"},
             boost::test_tools::per_element());
  // A form of several scores: each message names its criterion and case, in Dutch too.
  Result<int> n = SetScores(ws.get(), {{audit.id, "C01", "C1", "voldoet", "", "Anna", {}},
                                       {audit.id, "C01", "C2", "ja", "", "Anna", {}}});
  BOOST_TEST_REQUIRE(!n.ok());
  BOOST_TEST(nl->Messages(n.status()) ==
                 std::vector<std::string>{"C2 (C01): 'ja' is geen uitkomst voor een zaak "
                                          "(voldoet, voldoet niet, n.v.t.)"},
             boost::test_tools::per_element());
  BOOST_TEST(en->Messages(n.status()) ==
                 std::vector<std::string>{"C2 (C01): 'ja' is not a case result (voldoet, "
                                          "voldoet niet, n.v.t.)"},
             boost::test_tools::per_element());
  // The command line's English is unchanged.
  BOOST_TEST(n.status().ToString() ==
             "C2 (C01): 'ja' is not a case result (voldoet, voldoet_niet, nvt)");
  BOOST_TEST(SetAuditStatus(ws.get(), audit.id, AuditStatus::kFinal).ok());
  const Status final_audit = Set("C01", "C1", "voldoet_niet");
  BOOST_TEST(
      nl->Messages(final_audit) ==
          std::vector<std::string>{"audit 1 is definitief: de scores kunnen niet meer veranderen"},
      boost::test_tools::per_element());
  // Every code the scoring can give has a text in both languages.
  for (const char* key :
       {"final", "concept", "no_inspector", "not_on_audit", "bsn", "unknown_criterion",
        "organisation_criterion", "measured", "not_a_level", "not_a_case_result", "case_criterion",
        "not_sampled", "does_not_apply", "changed_elsewhere", "changed_elsewhere_case"}) {
    BOOST_TEST(nl->Has(std::string("problem.score.") + key), key);
    BOOST_TEST(en->Has(std::string("problem.score.") + key), key);
  }
}

// The fixture's framework: C1 for every case, C2 for meldingen (C01..C07), O1 for the
// organisation, M1 measured (not in the sheet). So 10 + 7 case rows, then O1: 18 rows.
BOOST_FIXTURE_TEST_CASE(score_template_lists_what_is_to_be_scored, ScoringFixture) {
  Result<ScoreTemplate> t = BuildScoreTemplate(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(t.ok(), t.status().ToString());
  BOOST_TEST(t->rows.size() == 18u);
  std::string expected = "case_id,criterion,result,note,inspector\n";
  for (int i = 1; i <= 10; ++i) {
    expected += Id(i) + ",C1,,,\n";
    if (i <= 7) expected += Id(i) + ",C2,,,\n";
  }
  expected += ",O1,,,\n";
  const std::string csv = ScoreTemplateCsv(*t);
  BOOST_TEST(csv == expected);

  // Unfilled, it imports nothing; filled in two rows, those two.
  BOOST_TEST(Import("empty.csv", csv).status().ToString() ==
             dir + "/empty.csv: none of the 18 rows has a result: nothing imported");
  std::string filled = csv;
  filled.replace(filled.find("C01,C1,,,"), 9, "C01,C1,voldoet,\"Gezien;\nop tijd.\",");
  filled.replace(filled.find(",O1,,,"), 6, ",O1,Grotendeels,,Bram");
  Result<int> n = Import("filled.csv", filled);
  BOOST_TEST_REQUIRE(n.ok(), n.status().ToString());
  BOOST_TEST(*n == 2);
  BOOST_TEST(Current() ==
             (std::vector<std::string>{" O1 Bram grotendeels", "C01 C1 Anna voldoet"}));
  Result<std::vector<CurrentScore>> now = CurrentScores(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(now.ok());
  BOOST_TEST(now->at(1).note == "Gezien;\nop tijd.");

  // A note without a result is a bad row, not an unfilled one.
  std::string half = csv;
  half.replace(half.find("C02,C1,,,"), 9, "C02,C1,,alleen een notitie,");
  BOOST_TEST(Import("half.csv", half)
                 .status()
                 .ToString()
                 .find("half.csv:4: column result: '' is not a case result") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(score_template_as_xlsx_reads_back, ScoringFixture) {
  Result<ScoreTemplate> t = BuildScoreTemplate(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(t.ok());
  const std::string path = dir + "/template.xlsx";
  BOOST_TEST_REQUIRE(WriteScoreTemplateXlsx(*t, path).ok());
  // The first sheet is the one score import reads: its 18 rows, none filled in yet.
  BOOST_TEST(ImportScoreSheet(ws.get(), audit.id, path, "Anna").status().ToString() ==
             path + ": none of the 18 rows has a result: nothing imported");
  BOOST_TEST(
      (WriteScoreTemplateXlsx(*t, dir + "/no/such/dir.xlsx").code() == Status::Code::kIoError));
}

BOOST_AUTO_TEST_CASE(score_template_needs_a_sample) {
  testing::AuditFixture f;
  BOOST_TEST(BuildScoreTemplate(f.ws.get(), f.audit.id).status().IsNotFound());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
