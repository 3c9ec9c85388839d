#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "audit_fixture.h"
#include "bundle.h"
#include "digest.h"
#include "json_writer.h"
#include "lifecycle.h"
#include "judge_audit.h"
#include "redaction.h"
#include "report_version.h"
#include "sample_draw.h"
#include "scoring.h"

namespace vtaudit {
namespace {

// Two laptops (and two more for the order test), each a workspace with VT01 and the same
// delivery of ten meldingen. The audit is made on laptop 1, its sample of six drawn there
// and sent to laptop 2 as a bundle before anyone scores: the way a team starts.
struct TwoLaptops {
  TwoLaptops() {
    char tmpl[] = "/tmp/vtaudit-exchange-XXXXXX";
    dir = ::mkdtemp(tmpl);
    framework_path = dir + "/mini.xml";
    std::ofstream(framework_path) << testing::kAuditFramework;
    for (int i = 0; i < 4; ++i) laptops.push_back(NewLaptop("ws" + std::to_string(i + 1)));
    Result<Audit> a = CreateAudit(One(), {"VT01", 2025, framework_path, {"Anna", "Bram"}});
    BOOST_TEST_REQUIRE(a.ok(), a.status().ToString());
    id1 = a->id;
    Result<Sample> s = DrawSample(One(), {id1, 6, "20250101", "", "", false});
    BOOST_TEST_REQUIRE(s.ok(), s.status().ToString());
    for (const SampledCase& c : s->cases) sampled.push_back(c.case_id);
    const std::string start = Export(One(), id1, "start.bundle");
    Result<BundleMerge> m = ImportBundle(*laptops[1], start);
    BOOST_TEST_REQUIRE(m.ok(), m.status().ToString());
    BOOST_TEST(m->audit_created);
    id2 = m->audit_id;
    Result<Calendar> cal = Calendar::LoadFile(VTAUDIT_SOURCE_DIR "/checklists/kalender-nl.xml");
    BOOST_TEST_REQUIRE(cal.ok(), cal.status().ToString());
    calendar = std::make_unique<Calendar>(std::move(*cal));
  }
  ~TwoLaptops() {
    laptops.clear();
    std::filesystem::remove_all(dir);
  }

  std::unique_ptr<Workspace> NewLaptop(const std::string& name) {
    Result<std::unique_ptr<Workspace>> ws = Workspace::Open(dir + "/" + name + ".sqlite");
    BOOST_TEST_REQUIRE(ws.ok(), ws.status().ToString());
    BOOST_TEST_REQUIRE((*ws)->AddOrganisation({"VT01", "Voorbeeld", "", 1}).ok());
    BOOST_TEST_REQUIRE((*ws)
                           ->db()
                           .Exec("INSERT INTO extract_file (id, org, file_name, sha256, "
                                 "imported_at, rows, added, changed, unchanged) VALUES (1, "
                                 "'VT01', 'levering.csv', 'aa11', '2026-01-05T09:00:00Z', 10, "
                                 "10, 0, 0)")
                           .ok());
    for (int i = 1; i <= 10; ++i) {
      Result<Statement> q = (*ws)->db().Prepare(
          "INSERT INTO case_file (org, case_id, kind, received, triaged, extract_id) VALUES "
          "('VT01', ?, 'melding', ?, ?, 1)");
      BOOST_TEST_REQUIRE(q.ok());
      const std::string id = (i < 10 ? "C0" : "C") + std::to_string(i);
      // Received on 2025-03-0i at 10:00; odd cases triaged the next morning (within the 24
      // hours of the triage clock), even ones two mornings later (late).
      auto day = [](int d) { return std::string(d < 10 ? "0" : "") + std::to_string(d); };
      const std::string received = "2025-03-" + day(i) + "T10:00:00";
      const std::string triaged = "2025-03-" + day(i % 2 ? i + 1 : i + 2) + "T09:00:00";
      BOOST_TEST_REQUIRE(q->Bind(1, id).Bind(2, received).Bind(3, triaged).Run().ok());
    }
    return std::move(*ws);
  }

  Workspace* One() { return laptops[0].get(); }
  Workspace* Two() { return laptops[1].get(); }

  std::string Export(Workspace* ws, int64_t id, const std::string& name) {
    const std::string path = dir + "/" + name;
    Result<BundleInfo> info = ExportBundle(*ws, id, path);
    BOOST_TEST_REQUIRE(info.ok(), info.status().ToString());
    return path;
  }

  static void Score(Workspace* ws, int64_t id, const std::string& c, const std::string& result,
                    const std::string& inspector, const std::string& note = "") {
    Status s = SetScore(ws, {id, c, "C1", result, note, inspector, {}});
    BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  }

  // judge --json of the audit.
  std::string Judgement(Workspace* ws, int64_t id) {
    Result<JudgedAudit> j = JudgeAudit(ws, id, *calendar);
    BOOST_TEST_REQUIRE(j.ok(), j.status().ToString());
    JsonWriter w;
    WriteJudgementJson(j->judgement, &w);
    return w.str();
  }

  // The score trail and the audit's own trail, one line per event, sorted by uid: what two
  // laptops must agree on whatever order the events arrived in.
  static std::vector<std::string> Trail(Workspace* ws, int64_t id) {
    std::vector<std::string> out;
    Result<std::vector<ScoreEvent>> events = ScoreHistory(ws, id, std::nullopt, std::nullopt);
    BOOST_TEST_REQUIRE(events.ok(), events.status().ToString());
    for (const ScoreEvent& e : *events) {
      std::string basis;
      for (const std::string& b : e.basis) basis += b + ";";
      out.push_back(e.uid + " " + e.case_id + " " + e.criterion + " " + e.inspector + " " + e.kind +
                    " " + e.old_result.value_or("-") + " " + e.new_result.value_or("-") + " " +
                    e.note + " " + e.at + " " + basis);
    }
    Result<Statement> q = ws->db().Prepare(
        "SELECT uid || ' ' || kind || ' ' || detail || ' ' || reason || ' ' || actor || ' ' || "
        "at FROM audit_event WHERE audit = ?");
    BOOST_TEST_REQUIRE(q.ok());
    q->Bind(1, id);
    while (q->Step()) out.push_back(q->Text(0));
    std::sort(out.begin(), out.end());
    return out;
  }

  // A digest of every row of every table of the workspace, for "nothing changed".
  static std::string Content(Workspace* ws) {
    sqlite3* db = ws->db().handle();
    std::vector<std::string> tables;
    {
      Result<Statement> q =
          ws->db().Prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
      while (q->Step()) tables.push_back(q->Text(0));
    }
    Sha256 digest;
    for (const std::string& t : tables) {
      sqlite3_stmt* q = nullptr;
      BOOST_TEST_REQUIRE(sqlite3_prepare_v2(db, ("SELECT * FROM " + t).c_str(), -1, &q, nullptr) ==
                         SQLITE_OK);
      std::vector<std::string> rows;
      while (sqlite3_step(q) == SQLITE_ROW) {
        std::string row;
        for (int c = 0; c < sqlite3_column_count(q); ++c) {
          const auto* p = static_cast<const char*>(sqlite3_column_blob(q, c));
          row += std::to_string(sqlite3_column_type(q, c)) + ":" +
                 std::string(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(q, c))) + "|";
        }
        rows.push_back(row);
      }
      sqlite3_finalize(q);
      std::sort(rows.begin(), rows.end());
      digest.Update(t + "\n");
      for (const std::string& r : rows) digest.Update(r + "\n");
    }
    return digest.HexDigest();
  }

  // Anna scores the first four sampled cases on laptop 1, Bram the last four on laptop 2:
  // two cases overlap, the third sampled one with the same result, the fourth with another.
  void ScoreOnBothLaptops() {
    for (int i = 0; i < 4; ++i) {
      Score(One(), id1, sampled[static_cast<size_t>(i)], "voldoet", "Anna", "notitie-anna");
    }
    for (int i = 2; i < 6; ++i) {
      Score(Two(), id2, sampled[static_cast<size_t>(i)], i == 3 ? "voldoet_niet" : "voldoet",
            "Bram");
    }
  }

  std::string dir, framework_path;
  std::vector<std::unique_ptr<Workspace>> laptops;
  int64_t id1 = 0, id2 = 0;
  std::vector<std::string> sampled;
  std::unique_ptr<Calendar> calendar;
};

BOOST_FIXTURE_TEST_SUITE(exchange, TwoLaptops)

BOOST_AUTO_TEST_CASE(export_writes_a_private_file_and_reads_back_what_it_holds) {
  ScoreOnBothLaptops();
  const std::string path = Export(One(), id1, "a.bundle");
  struct stat st {};
  BOOST_TEST_REQUIRE(::stat(path.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
  Result<BundleInfo> info = ReadBundleInfo(path);
  BOOST_TEST_REQUIRE(info.ok(), info.status().ToString());
  BOOST_TEST(info->org == "VT01");
  BOOST_TEST(info->period == 2025);
  BOOST_TEST(info->state == "draft");
  // Anna's four scores and the two inspector_added events of `audit new`.
  BOOST_TEST(info->events == 6);
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  BOOST_TEST(info->sha256 == Sha256Hex(bytes));
  // Never written over.
  Result<BundleInfo> again = ExportBundle(*One(), id1, path);
  BOOST_TEST(!again.ok());
  BOOST_TEST(again.status().ToString() ==
             path +
                 " exists already: a bundle is never written over an existing file; choose "
                 "another name");
}

BOOST_AUTO_TEST_CASE(the_bundle_holds_the_sampled_cases_only) {
  const std::string path = Export(One(), id1, "a.bundle");
  sqlite3* db = nullptr;
  BOOST_TEST_REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) ==
                     SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  BOOST_TEST_REQUIRE(sqlite3_prepare_v2(db, "SELECT case_id FROM case_data ORDER BY case_id", -1,
                                        &q, nullptr) == SQLITE_OK);
  std::vector<std::string> ids;
  while (sqlite3_step(q) == SQLITE_ROW) {
    ids.push_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
  // Six of the ten cases: the sample, by case id.
  BOOST_TEST(ids == sampled, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(two_laptops_exchange_both_ways_and_end_identical) {
  ScoreOnBothLaptops();
  const std::string from1 = Export(One(), id1, "from1.bundle");
  const std::string from2 = Export(Two(), id2, "from2.bundle");
  Result<BundleMerge> into1 = ImportBundle(*One(), from2);
  BOOST_TEST_REQUIRE(into1.ok(), into1.status().ToString());
  Result<BundleMerge> into2 = ImportBundle(*Two(), from1);
  BOOST_TEST_REQUIRE(into2.ok(), into2.status().ToString());
  // Bram's four scores are new on laptop 1; the two inspector events it knew already.
  BOOST_TEST(into1->events_added == 4);
  BOOST_TEST(into1->events_known == 2);
  BOOST_TEST(into2->events_added == 4);
  BOOST_TEST(!into2->audit_created);
  BOOST_TEST(into2->audit_id == id2);

  BOOST_TEST(Judgement(One(), id1) == Judgement(Two(), id2));
  BOOST_TEST(Trail(One(), id1) == Trail(Two(), id2), boost::test_tools::per_element());
  BOOST_TEST(Trail(One(), id1).size() == 10u);  // 8 score events, 2 audit events
  // As on one machine: the fourth sampled case is a disagreement, the third is not.
  for (Workspace* ws : {One(), Two()}) {
    Result<std::vector<CriterionAgreement>> agreement = Agreement(ws, ws == One() ? id1 : id2);
    BOOST_TEST_REQUIRE(agreement.ok(), agreement.status().ToString());
    BOOST_TEST_REQUIRE(agreement->size() == 1u);
    BOOST_TEST((*agreement)[0].cases == 2);
    BOOST_TEST_REQUIRE((*agreement)[0].disagreements.size() == 1u);
    BOOST_TEST((*agreement)[0].disagreements[0].case_id == sampled[3]);
  }
}

BOOST_AUTO_TEST_CASE(importing_twice_is_importing_once) {
  ScoreOnBothLaptops();
  const std::string from1 = Export(One(), id1, "from1.bundle");
  BOOST_TEST_REQUIRE(ImportBundle(*Two(), from1).ok());
  const std::string before = Content(Two());
  Result<BundleMerge> again = ImportBundle(*Two(), from1);
  BOOST_TEST_REQUIRE(again.ok(), again.status().ToString());
  BOOST_TEST(again->events_added == 0);
  BOOST_TEST(again->events_known == 6);
  BOOST_TEST(Content(Two()) == before);
}

BOOST_AUTO_TEST_CASE(a_then_b_equals_b_then_a) {
  ScoreOnBothLaptops();
  const std::string from1 = Export(One(), id1, "from1.bundle");
  const std::string from2 = Export(Two(), id2, "from2.bundle");
  Workspace* three = laptops[2].get();
  Workspace* four = laptops[3].get();
  Result<BundleMerge> a = ImportBundle(*three, from1);
  BOOST_TEST_REQUIRE(a.ok(), a.status().ToString());
  BOOST_TEST_REQUIRE(ImportBundle(*three, from2).ok());
  Result<BundleMerge> b = ImportBundle(*four, from2);
  BOOST_TEST_REQUIRE(b.ok(), b.status().ToString());
  BOOST_TEST_REQUIRE(ImportBundle(*four, from1).ok());
  BOOST_TEST(Judgement(three, a->audit_id) == Judgement(four, b->audit_id));
  BOOST_TEST(Trail(three, a->audit_id) == Trail(four, b->audit_id),
             boost::test_tools::per_element());
  // And both equal laptop 1 after its own exchange.
  BOOST_TEST_REQUIRE(ImportBundle(*One(), from2).ok());
  BOOST_TEST(Trail(three, a->audit_id) == Trail(One(), id1), boost::test_tools::per_element());
  BOOST_TEST(Judgement(three, a->audit_id) == Judgement(One(), id1));
}

BOOST_AUTO_TEST_CASE(damaged_bundles_are_refused_and_change_nothing) {
  ScoreOnBothLaptops();
  const std::string good = Export(One(), id1, "good.bundle");
  std::ifstream in(good, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto write = [&](const std::string& name, const std::string& content) {
    const std::string path = dir + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  };
  const std::string truncated = write("truncated.bundle", bytes.substr(0, bytes.size() / 2));
  // One byte of Anna's note changed, in the file as SQLite wrote it.
  std::string edited = bytes;
  const size_t note = edited.find("notitie-anna");
  BOOST_TEST_REQUIRE(note != std::string::npos);
  edited[note] = 'N';
  const std::string altered = write("altered.bundle", edited);
  const std::string plain = write("plain.bundle", "case_id\nC01\n");

  const std::string before = Content(Two());
  Result<BundleMerge> t = ImportBundle(*Two(), truncated);
  BOOST_TEST_REQUIRE(!t.ok());
  BOOST_TEST(t.status().ToString().rfind(truncated + ": damaged or truncated bundle (", 0) == 0,
             t.status().ToString());
  Result<BundleMerge> a = ImportBundle(*Two(), altered);
  BOOST_TEST_REQUIRE(!a.ok());
  BOOST_TEST(a.status().ToString() ==
             altered +
                 ": the bundle's content does not match its digest: it was damaged or "
                 "altered after export; ask for a fresh export");
  Result<BundleMerge> p = ImportBundle(*Two(), plain);
  BOOST_TEST_REQUIRE(!p.ok());
  BOOST_TEST(p.status().ToString().rfind(plain + ": not an audit bundle (", 0) == 0,
             p.status().ToString());
  BOOST_TEST(Content(Two()) == before);
  // ReadBundleInfo says the same.
  BOOST_TEST(ReadBundleInfo(altered).status().ToString() == a.status().ToString());
}

BOOST_AUTO_TEST_CASE(a_newer_bundle_format_is_refused) {
  const std::string path = Export(One(), id1, "newer.bundle");
  sqlite3* db = nullptr;
  BOOST_TEST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  BOOST_TEST_REQUIRE(sqlite3_exec(db, "UPDATE meta SET value = '2' WHERE key = 'format'", nullptr,
                                  nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  const std::string before = Content(Two());
  Result<BundleMerge> m = ImportBundle(*Two(), path);
  BOOST_TEST_REQUIRE(!m.ok());
  BOOST_TEST(m.status().ToString() ==
             path + ": bundle format 2 is newer than this vtaudit reads (1); use a newer vtaudit");
  BOOST_TEST(Content(Two()) == before);
}

// Laptop 1 scores every sampled case, marks the rest niet beoordeeld and takes the audit
// to concept (and final); laptop 2 scored one more case meanwhile.
struct FrozenOnOne : TwoLaptops {
  explicit FrozenOnOne(bool final) {
    for (const std::string& c : sampled) Score(One(), id1, c, "voldoet", "Anna");
    for (const char* c : {"C2", "O1"}) {
      BOOST_TEST_REQUIRE(MarkNotJudged(One(), id1, c, "niet gelezen", "Anna", false).ok());
    }
    std::ifstream in(VTAUDIT_SOURCE_DIR "/checklists/kalender-nl.xml", std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (AuditStatus to : {AuditStatus::kConcept, AuditStatus::kFinal}) {
      if (to == AuditStatus::kFinal && !final) break;
      Transition t;
      t.to = to;
      t.actor = "Anna";
      t.without_response = to == AuditStatus::kFinal;
      t.reason = to == AuditStatus::kFinal ? "geen reactie" : "";
      Status s = MoveAudit(One(), id1, t, *calendar, text);
      BOOST_TEST_REQUIRE(s.ok(), s.ToString());
    }
    Score(Two(), id2, sampled[0], "voldoet_niet", "Bram");
  }
};
struct FinalOnOne : FrozenOnOne {
  FinalOnOne() : FrozenOnOne(true) {}
};
struct ConceptOnOne : FrozenOnOne {
  ConceptOnOne() : FrozenOnOne(false) {}
};

BOOST_FIXTURE_TEST_CASE(a_concept_takes_no_new_scores_until_set_back, ConceptOnOne) {
  const std::string from2 = Export(Two(), id2, "from2.bundle");
  const std::string before = Content(One());
  Result<BundleMerge> m = ImportBundle(*One(), from2);
  BOOST_TEST_REQUIRE(!m.ok());
  const std::string id = std::to_string(id1);
  BOOST_TEST(m.status().ToString() ==
             from2 + ": audit " + id +
                 " is a concept here: its scores are frozen, and the bundle brings 1 score event "
                 "(first: case " +
                 sampled[0] + ", criterion C1, by Bram at " +
                 ScoreHistory(Two(), id2, sampled[0], "C1")->back().at +
                 ") it lacks; set it back to draft (`vtaudit audit status --audit " + id +
                 " draft --reason …`), import it again and freeze it anew");
  BOOST_TEST(Content(One()) == before);
}

BOOST_FIXTURE_TEST_CASE(a_final_audit_takes_no_new_scores, FinalOnOne) {
  const std::string from2 = Export(Two(), id2, "from2.bundle");
  const std::string before = Content(One());
  Result<BundleMerge> m = ImportBundle(*One(), from2);
  BOOST_TEST_REQUIRE(!m.ok());
  BOOST_TEST(m.status().ToString().rfind(from2 + ": audit " + std::to_string(id1) +
                                             " is final here and takes no new scores; the "
                                             "bundle brings 1 score event it lacks (first: case " +
                                             sampled[0] + ", criterion C1, by Bram at ",
                                         0) == 0,
             m.status().ToString());
  BOOST_TEST(Content(One()) == before);
  // The other way: the final bundle was frozen without Bram's score.
  const std::string from1 = Export(One(), id1, "from1.bundle");
  const std::string before2 = Content(Two());
  Result<BundleMerge> back = ImportBundle(*Two(), from1);
  BOOST_TEST_REQUIRE(!back.ok());
  BOOST_TEST(back.status().ToString().rfind(from1 +
                                                ": the bundle's audit is final, frozen "
                                                "without 1 score event of audit " +
                                                std::to_string(id2) + " made here (first: case " +
                                                sampled[0],
                                            0) == 0,
             back.status().ToString());
  BOOST_TEST(Content(Two()) == before2);
}

BOOST_FIXTURE_TEST_CASE(a_final_bundle_in_a_fresh_workspace_judges_the_same, FinalOnOne) {
  const std::string from1 = Export(One(), id1, "from1.bundle");
  // Laptop 3 has the delivery; a fresh workspace without it judges the same from the
  // snapshot's figures.
  Result<std::unique_ptr<Workspace>> fresh = Workspace::Open(dir + "/fresh.sqlite");
  BOOST_TEST_REQUIRE(fresh.ok());
  Result<ReportTemplates> templates = LoadReportTemplates(VTAUDIT_SOURCE_DIR "/reports", "nl");
  BOOST_TEST_REQUIRE(templates.ok(), templates.status().ToString());
  for (Workspace* ws : {laptops[2].get(), fresh->get()}) {
    Result<BundleMerge> m = ImportBundle(*ws, from1);
    BOOST_TEST_REQUIRE(m.ok(), m.status().ToString());
    Result<Audit> a = FindAudit(ws, m->audit_id);
    BOOST_TEST_REQUIRE(a.ok());
    BOOST_TEST(AuditStatusName(a->status) == "final");
    BOOST_TEST(Judgement(ws, m->audit_id) == Judgement(One(), id1));
    BOOST_TEST(Trail(ws, m->audit_id) == Trail(One(), id1), boost::test_tools::per_element());
    Result<std::optional<AuditSnapshot>> snap = LatestSnapshot(ws, m->audit_id);
    BOOST_TEST_REQUIRE((snap.ok() && *snap));
    Result<WrittenReport> report = WriteReport(ws, m->audit_id, "json", *templates, *calendar);
    if (ws == fresh->get()) {
      // Only the sampled cases came: the report, which counts over the whole delivery,
      // cannot be written here.
      BOOST_TEST((*snap)->partial);
      BOOST_TEST(report.status().ToString() ==
                 "audit " + std::to_string(m->audit_id) +
                     " came in a bundle with its sampled case files only, and a report counts "
                     "over the whole delivery: only the report files kept with it can be written "
                     "(see `vtaudit report versions --audit " +
                     std::to_string(m->audit_id) + "`)");
    } else {
      // Laptop 3 has the delivery it was frozen on: its own cases are kept whole.
      BOOST_TEST(!(*snap)->partial);
      BOOST_TEST(report.ok(), report.status().ToString());
    }
  }
}

BOOST_AUTO_TEST_CASE(a_draft_without_its_delivery_says_which_to_import) {
  Score(One(), id1, sampled[0], "voldoet", "Anna");
  const std::string from1 = Export(One(), id1, "from1.bundle");
  Result<std::unique_ptr<Workspace>> fresh = Workspace::Open(dir + "/fresh.sqlite");
  BOOST_TEST_REQUIRE(fresh.ok());
  Result<BundleMerge> m = ImportBundle(**fresh, from1);
  BOOST_TEST_REQUIRE(m.ok(), m.status().ToString());
  // The scores merged; judging waits for the delivery.
  Result<std::vector<CurrentScore>> scores = CurrentScores(fresh->get(), m->audit_id);
  BOOST_TEST_REQUIRE(scores.ok());
  BOOST_TEST(scores->size() == 1u);
  Result<JudgedAudit> j = JudgeAudit(fresh->get(), m->audit_id, *calendar);
  BOOST_TEST_REQUIRE(!j.ok());
  BOOST_TEST(j.status().ToString() ==
             "audit " + std::to_string(m->audit_id) +
                 ": 6 of the 6 sampled case files are not in this workspace (first: " + sampled[0] +
                 "); import the delivery it was drawn from, levering.csv (SHA-256 aa11) with "
                 "`vtaudit cases import`");
}

BOOST_AUTO_TEST_CASE(a_reconciliation_out_of_time_order_is_warned_of) {
  ScoreOnBothLaptops();
  BOOST_TEST_REQUIRE(ImportBundle(*One(), Export(Two(), id2, "bram.bundle")).ok());
  // Anna reconciles the disagreement on laptop 1; a second later Bram, not having seen it,
  // scores that case again on laptop 2. Event times have whole seconds.
  Status r = ReconcileScore(One(), {id1, sampled[3], "C1", "voldoet", "besproken", "Anna", {}});
  BOOST_TEST_REQUIRE(r.ok(), r.ToString());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  Score(Two(), id2, sampled[3], "voldoet", "Bram");
  // Laptop 2 receives the older reconciliation after Bram's newer score: warned.
  Result<BundleMerge> into2 = ImportBundle(*Two(), Export(One(), id1, "anna.bundle"));
  BOOST_TEST_REQUIRE(into2.ok(), into2.status().ToString());
  BOOST_TEST_REQUIRE(into2->warnings.size() == 1u);
  BOOST_TEST(into2->warnings[0] ==
             "case " + sampled[3] +
                 ", criterion C1: a reconciliation and a score made on different laptops arrived "
                 "out of time order; check `vtaudit agreement --audit " +
                 std::to_string(id2) + "` and reconcile again if needed");
  // Laptop 1 receives Bram's score after the reconciliation, in time order: no warning.
  Result<BundleMerge> into1 = ImportBundle(*One(), Export(Two(), id2, "bram2.bundle"));
  BOOST_TEST_REQUIRE(into1.ok(), into1.status().ToString());
  BOOST_TEST(into1->warnings.empty());
}

BOOST_AUTO_TEST_CASE(a_redaction_travels_with_its_bundle) {
  Score(One(), id1, sampled[0], "voldoet", "Anna", "moeder Zwanet Voorbeeldnaam gesproken");
  BOOST_TEST_REQUIRE(ImportBundle(*Two(), Export(One(), id1, "note.bundle")).ok());
  Result<std::vector<ScoreEvent>> events = ScoreHistory(One(), id1, sampled[0], "C1");
  BOOST_TEST_REQUIRE(events.ok());
  BOOST_TEST_REQUIRE(events->size() == 1u);
  Result<Redaction> r = RedactNote(One(), {id1, (*events)[0].uid, "naam van de moeder", "Anna"});
  BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
  Result<BundleMerge> m = ImportBundle(*Two(), Export(One(), id1, "redacted.bundle"));
  BOOST_TEST_REQUIRE(m.ok(), m.status().ToString());
  BOOST_TEST(m->events_added == 1);  // the redaction's record
  Result<std::vector<ScoreEvent>> there = ScoreHistory(Two(), id2, sampled[0], "C1");
  BOOST_TEST_REQUIRE(there.ok());
  BOOST_TEST_REQUIRE(there->size() == 1u);
  BOOST_TEST((*there)[0].note == "[verwijderd: naam van de moeder]");
  BOOST_TEST(Trail(Two(), id2) == Trail(One(), id1), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
