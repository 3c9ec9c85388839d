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
#include "finding.h"
#include "json_writer.h"
#include "judge_audit.h"
#include "lifecycle.h"
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

  static void WriteFinding(Workspace* ws, int64_t id, const std::string& subject,
                           const std::string& text, const std::string& inspector) {
    Result<Finding> f = SetFinding(ws, {id, subject, text, "dossiers " + subject, inspector});
    BOOST_TEST_REQUIRE(f.ok(), f.status().ToString());
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
  BOOST_TEST_REQUIRE(sqlite3_exec(db, "UPDATE meta SET value = '3' WHERE key = 'format'", nullptr,
                                  nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  const std::string before = Content(Two());
  Result<BundleMerge> m = ImportBundle(*Two(), path);
  BOOST_TEST_REQUIRE(!m.ok());
  BOOST_TEST(m.status().ToString() ==
             path + ": bundle format 3 is newer than this vtaudit reads (2); use a newer vtaudit");
  BOOST_TEST(Content(Two()) == before);
}

// The content digest of the bundle `db` of `format`, computed as docs/bundles.md describes
// it, independently of bundle.cc: each table of the format in order, its rows sorted by all
// columns, each value typed and length-framed.
std::string DigestAsDocumented(sqlite3* db, int format) {
  std::vector<std::string> tables = {
      "audit",       "framework", "inspector",         "sample_draw",      "sample_case",
      "case_data",   "response",  "response_decision", "audit_event",      "score_event",
      "score_basis", "snapshot",  "snapshot_case",     "snapshot_measure", "report_version"};
  if (format >= 2) tables.insert(tables.end(), {"finding", "sample_draw_rule", "sample_reserve"});
  Sha256 digest;
  digest.Update("vtaudit-bundle\nformat " + std::to_string(format) + "\n");
  for (const std::string& t : tables) {
    sqlite3_stmt* probe = nullptr;
    BOOST_TEST_REQUIRE(
        sqlite3_prepare_v2(db, ("SELECT * FROM " + t).c_str(), -1, &probe, nullptr) == SQLITE_OK);
    const int n = sqlite3_column_count(probe);
    sqlite3_finalize(probe);
    std::string order;
    for (int i = 1; i <= n; ++i) order += (i > 1 ? ", " : "") + std::to_string(i);
    sqlite3_stmt* q = nullptr;
    BOOST_TEST_REQUIRE(sqlite3_prepare_v2(db, ("SELECT * FROM " + t + " ORDER BY " + order).c_str(),
                                          -1, &q, nullptr) == SQLITE_OK);
    digest.Update("table " + t + "\n");
    while (sqlite3_step(q) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < n; ++c) {
        const int type = sqlite3_column_type(q, c);
        if (type == SQLITE_NULL) {
          row += 'N';
        } else if (type == SQLITE_INTEGER) {
          row += 'I' + std::to_string(sqlite3_column_int64(q, c)) + ';';
        } else if (type == SQLITE_FLOAT) {
          char buf[40];
          std::snprintf(buf, sizeof buf, "R%.17g;", sqlite3_column_double(q, c));
          row += buf;
        } else {
          const char* p = type == SQLITE_TEXT
                              ? reinterpret_cast<const char*>(sqlite3_column_text(q, c))
                              : static_cast<const char*>(sqlite3_column_blob(q, c));
          const int bytes = sqlite3_column_bytes(q, c);
          row += (type == SQLITE_TEXT ? 'T' : 'B') + std::to_string(bytes) + ':';
          if (bytes > 0) row.append(p, static_cast<size_t>(bytes));
        }
      }
      digest.Update(row + "\n");
    }
    sqlite3_finalize(q);
  }
  return digest.HexDigest();
}

BOOST_AUTO_TEST_CASE(a_bundle_of_format_1_still_imports) {
  Score(One(), id1, sampled[0], "voldoet", "Anna", "notitie-anna");
  const std::string path = Export(One(), id1, "format1.bundle");
  sqlite3* db = nullptr;
  BOOST_TEST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  auto meta = [&](const char* key) {
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = ?", -1, &q, nullptr);
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    std::string value = sqlite3_step(q) == SQLITE_ROW
                            ? reinterpret_cast<const char*>(sqlite3_column_text(q, 0))
                            : "";
    sqlite3_finalize(q);
    return value;
  };
  // The digest as documented is the one export wrote, so the rewrite below is faithful.
  BOOST_TEST(meta("format") == "2");
  BOOST_TEST(meta("digest") == DigestAsDocumented(db, 2));
  // What vtaudit wrote before findings travelled: format 1, no table `finding`.
  BOOST_TEST_REQUIRE(
      sqlite3_exec(db,
                   "DROP TABLE finding; DROP TABLE sample_draw_rule; DROP TABLE sample_reserve; "
                   "UPDATE meta SET value = '1' WHERE key = "
                   "'format'",
                   nullptr, nullptr, nullptr) == SQLITE_OK);
  const std::string digest = DigestAsDocumented(db, 1);
  BOOST_TEST_REQUIRE(
      sqlite3_exec(db, ("UPDATE meta SET value = '" + digest + "' WHERE key = 'digest'").c_str(),
                   nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  Result<BundleInfo> info = ReadBundleInfo(path);
  BOOST_TEST_REQUIRE(info.ok(), info.status().ToString());
  BOOST_TEST(info->format == 1);
  BOOST_TEST(info->events == 3);  // two inspector_added events and Anna's score
  // Laptop 2 has a finding of its own; the old bundle cannot carry findings and says
  // nothing of them: it merges, and the finding stays.
  WriteFinding(Two(), id2, "C1", "bram-c1", "Bram");
  Result<BundleMerge> m = ImportBundle(*Two(), path);
  BOOST_TEST_REQUIRE(m.ok(), m.status().ToString());
  BOOST_TEST(m->events_added == 1);
  BOOST_TEST(m->events_known == 2);
  Result<std::vector<CurrentScore>> scores = CurrentScores(Two(), id2);
  BOOST_TEST_REQUIRE(scores.ok());
  BOOST_TEST_REQUIRE(scores->size() == 1u);
  BOOST_TEST((*scores)[0].note == "notitie-anna");
  BOOST_TEST(FindingHistory(Two(), id2)->size() == 1u);
}

// Laptop 1 scores every sampled case, marks the rest niet beoordeeld and takes the audit
// to concept (and final); laptop 2 scored one more case meanwhile.
struct FrozenOnOne : TwoLaptops {
  // `bram_scores`: Bram's score on laptop 2; else he writes a finding there.
  explicit FrozenOnOne(bool final, bool bram_scores = true) {
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
    if (bram_scores) {
      Score(Two(), id2, sampled[0], "voldoet_niet", "Bram");
    } else {
      WriteFinding(Two(), id2, "C1", "bram-c1", "Bram");
    }
  }
};
struct FinalOnOne : FrozenOnOne {
  FinalOnOne() : FrozenOnOne(true) {}
};
struct ConceptOnOne : FrozenOnOne {
  ConceptOnOne() : FrozenOnOne(false) {}
};
struct FinalOnOneFindingOnTwo : FrozenOnOne {
  FinalOnOneFindingOnTwo() : FrozenOnOne(true, false) {}
};
struct ConceptOnOneFindingOnTwo : FrozenOnOne {
  ConceptOnOneFindingOnTwo() : FrozenOnOne(false, false) {}
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

BOOST_FIXTURE_TEST_CASE(a_final_audit_takes_no_new_findings, FinalOnOneFindingOnTwo) {
  const std::string from2 = Export(Two(), id2, "from2.bundle");
  const std::string at = FindingHistory(Two(), id2)->back().at;
  const std::string before = Content(One());
  Result<BundleMerge> m = ImportBundle(*One(), from2);
  BOOST_TEST_REQUIRE(!m.ok());
  BOOST_TEST(m.status().ToString() == from2 + ": audit " + std::to_string(id1) +
                                          " is final here and takes no new findings; the bundle "
                                          "brings 1 finding it lacks (first: criterion C1, by "
                                          "Bram at " +
                                          at + ")");
  BOOST_TEST(Content(One()) == before);
  // The other way: the final bundle was frozen without Bram's finding.
  const std::string from1 = Export(One(), id1, "from1.bundle");
  const std::string before2 = Content(Two());
  Result<BundleMerge> back = ImportBundle(*Two(), from1);
  BOOST_TEST_REQUIRE(!back.ok());
  BOOST_TEST(back.status().ToString() ==
             from1 + ": the bundle's audit is final, frozen without 1 finding of audit " +
                 std::to_string(id2) + " written here (first: criterion C1, by Bram at " + at +
                 "); send them first (export here, import on the laptop that froze it, set it "
                 "back to draft there and freeze it again)");
  BOOST_TEST(Content(Two()) == before2);
}

BOOST_FIXTURE_TEST_CASE(a_concept_takes_no_new_findings, ConceptOnOneFindingOnTwo) {
  const std::string from2 = Export(Two(), id2, "from2.bundle");
  const std::string before = Content(One());
  Result<BundleMerge> m = ImportBundle(*One(), from2);
  BOOST_TEST_REQUIRE(!m.ok());
  BOOST_TEST(m.status().ToString().rfind(from2 + ": audit " + std::to_string(id1) +
                                             " is a concept here: its findings are frozen, and "
                                             "the bundle brings 1 finding (first: criterion C1, "
                                             "by Bram at ",
                                         0) == 0,
             m.status().ToString());
  BOOST_TEST(Content(One()) == before);
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

// Two laptops exchange in both directions, so each receives the other's events after its
// own: the two orders of arrival. Returns the bundles' merges, laptop 1's first.
std::pair<BundleMerge, BundleMerge> ExchangeBothWays(TwoLaptops& t, const std::string& name) {
  const std::string from1 = t.Export(t.One(), t.id1, name + "-1.bundle");
  const std::string from2 = t.Export(t.Two(), t.id2, name + "-2.bundle");
  Result<BundleMerge> into1 = ImportBundle(*t.One(), from2);
  BOOST_TEST_REQUIRE(into1.ok(), into1.status().ToString());
  Result<BundleMerge> into2 = ImportBundle(*t.Two(), from1);
  BOOST_TEST_REQUIRE(into2.ok(), into2.status().ToString());
  return {*into1, *into2};
}

// `agreement` of the audit, one line per criterion and disagreement.
std::vector<std::string> AgreementLines(Workspace* ws, int64_t id) {
  Result<std::vector<CriterionAgreement>> agreement = Agreement(ws, id);
  BOOST_TEST_REQUIRE(agreement.ok(), agreement.status().ToString());
  std::vector<std::string> out;
  for (const CriterionAgreement& c : *agreement) {
    out.push_back(c.criterion + " " + c.method + " " + std::to_string(c.cases) + " " +
                  std::to_string(c.observed) + " " +
                  (c.kappa ? std::to_string(*c.kappa) : std::string("-")));
    for (const Disagreement& d : c.disagreements) {
      std::string line = "  " + d.case_id;
      for (const auto& [who, result] : d.scores) line += " " + who + ":" + result;
      line += d.reconciled ? " reconciled " + *d.reconciled : " not reconciled";
      if (d.reopened) line += " reopened";
      out.push_back(line);
    }
  }
  return out;
}

// The audit's findings as `finding show` lists them (the current ones) or with --history.
std::vector<std::string> FindingLines(Workspace* ws, int64_t id, bool history = false) {
  Result<std::vector<Finding>> findings =
      history ? FindingHistory(ws, id) : CurrentFindings(ws, id);
  BOOST_TEST_REQUIRE(findings.ok(), findings.status().ToString());
  std::vector<std::string> out;
  for (const Finding& f : *findings) {
    out.push_back(f.uid + " " + f.kind + " " + f.subject + " " + f.text + " | " + f.evidence +
                  " | " + f.inspector + " " + f.at);
  }
  return out;
}

BOOST_AUTO_TEST_CASE(findings_travel_and_the_latest_in_time_counts_everywhere) {
  // Bram writes on O1 and C1 on laptop 2; a second later Anna writes on S1 and C1 on
  // laptop 1. Each laptop receives the other's findings after its own: before, laptop 1
  // took Bram's older C1 finding (the last to arrive) as current, laptop 2 Anna's.
  WriteFinding(Two(), id2, "O1", "geen beleid", "Bram");
  WriteFinding(Two(), id2, "C1", "bram-c1", "Bram");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  WriteFinding(One(), id1, "S1", "standaard goed", "Anna");
  WriteFinding(One(), id1, "C1", "anna-c1", "Anna");
  const std::string from1 = Export(One(), id1, "anna.bundle");
  const std::string from2 = Export(Two(), id2, "bram.bundle");
  Result<BundleInfo> info = ReadBundleInfo(from1);
  BOOST_TEST_REQUIRE(info.ok(), info.status().ToString());
  BOOST_TEST(info->format == 2);
  BOOST_TEST(info->events == 4);  // two inspector_added events, two findings
  Result<BundleMerge> into1 = ImportBundle(*One(), from2);
  BOOST_TEST_REQUIRE(into1.ok(), into1.status().ToString());
  Result<BundleMerge> into2 = ImportBundle(*Two(), from1);
  BOOST_TEST_REQUIRE(into2.ok(), into2.status().ToString());
  BOOST_TEST(into1->events_added == 2);
  BOOST_TEST(into2->events_added == 2);

  const std::vector<std::string> current = FindingLines(One(), id1);
  BOOST_TEST(current == FindingLines(Two(), id2), boost::test_tools::per_element());
  // In framework order (S1, C1, then S2's O1); both C1 findings kept, Anna's later one counts.
  BOOST_TEST_REQUIRE(current.size() == 3u);
  BOOST_TEST(current[0].find(" standard S1 standaard goed | dossiers S1 | Anna ") !=
             std::string::npos);
  BOOST_TEST(current[1].find(" criterion C1 anna-c1 | dossiers C1 | Anna ") != std::string::npos);
  BOOST_TEST(current[2].find(" criterion O1 geen beleid | dossiers O1 | Bram ") !=
             std::string::npos);
  const std::vector<std::string> history = FindingLines(One(), id1, true);
  BOOST_TEST(history == FindingLines(Two(), id2, true), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(history.size() == 4u);
  BOOST_TEST(history[1].find(" bram-c1 ") != std::string::npos);

  // The report's findings chapter: the same report on both laptops, with Anna's C1 finding.
  Result<ReportTemplates> templates = LoadReportTemplates(VTAUDIT_SOURCE_DIR "/reports", "nl");
  BOOST_TEST_REQUIRE(templates.ok(), templates.status().ToString());
  Result<WrittenReport> report1 = WriteReport(One(), id1, "html", *templates, *calendar);
  BOOST_TEST_REQUIRE(report1.ok(), report1.status().ToString());
  Result<WrittenReport> report2 = WriteReport(Two(), id2, "html", *templates, *calendar);
  BOOST_TEST_REQUIRE(report2.ok(), report2.status().ToString());
  BOOST_TEST(report1->bytes == report2->bytes);
  BOOST_TEST(report1->bytes.find("anna-c1") != std::string::npos);
  BOOST_TEST(report1->bytes.find("bram-c1") == std::string::npos);
  BOOST_TEST(report1->bytes.find("geen beleid") != std::string::npos);

  // Twice is once.
  const std::string before = Content(One());
  Result<BundleMerge> again = ImportBundle(*One(), from2);
  BOOST_TEST_REQUIRE(again.ok(), again.status().ToString());
  BOOST_TEST(again->events_added == 0);
  BOOST_TEST(again->events_known == 4);
  BOOST_TEST(Content(One()) == before);

  // A then B = B then A, on two fresh laptops.
  Workspace* three = laptops[2].get();
  Workspace* four = laptops[3].get();
  Result<BundleMerge> a = ImportBundle(*three, from1);
  BOOST_TEST_REQUIRE(a.ok(), a.status().ToString());
  BOOST_TEST_REQUIRE(ImportBundle(*three, from2).ok());
  Result<BundleMerge> b = ImportBundle(*four, from2);
  BOOST_TEST_REQUIRE(b.ok(), b.status().ToString());
  BOOST_TEST_REQUIRE(ImportBundle(*four, from1).ok());
  BOOST_TEST(FindingLines(three, a->audit_id) == current, boost::test_tools::per_element());
  BOOST_TEST(FindingLines(four, b->audit_id) == current, boost::test_tools::per_element());
  BOOST_TEST(FindingLines(four, b->audit_id, true) == history, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_reconciliation_counts_alike_in_either_order_of_arrival) {
  ScoreOnBothLaptops();
  BOOST_TEST_REQUIRE(ImportBundle(*One(), Export(Two(), id2, "bram.bundle")).ok());
  const std::string disputed = sampled[3];  // Anna voldoet, Bram voldoet_niet
  // Anna reconciles the disagreement on laptop 1; a second later Bram, not having seen it,
  // scores that case again on laptop 2 (nvt, still not Anna's result). Event times have
  // whole seconds. Laptop 1 gets Bram's newer score after the reconciliation, laptop 2 the
  // older reconciliation after Bram's score: before, laptop 2 counted the reconciliation
  // (the last to arrive) and laptop 1 did not. (The sleeps keep events of different
  // inspectors out of one second, where the order of arrival decides and import warns.)
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  Status r = ReconcileScore(One(), {id1, disputed, "C1", "voldoet", "besproken", "Anna", {}});
  BOOST_TEST_REQUIRE(r.ok(), r.ToString());
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  Score(Two(), id2, disputed, "nvt", "Bram");
  const auto [into1, into2] = ExchangeBothWays(*this, "later-score");
  BOOST_TEST(into1.warnings.empty());
  BOOST_TEST(into2.warnings.empty());
  // Both: the score after the reconciliation reopened it. C1 has two double-scored cases,
  // one agreeing (voldoet, voldoet) and the disputed one (voldoet, nvt): observed 1/2; Anna
  // said voldoet twice, Bram voldoet once and nvt once, so the chance agreement is
  // 1·1/2 + 0·1/2 = 1/2 and Cohen's kappa (1/2 - 1/2) / (1 - 1/2) = 0.
  const std::vector<std::string> agreement = AgreementLines(One(), id1);
  BOOST_TEST(agreement == AgreementLines(Two(), id2), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(agreement.size() == 2u);
  BOOST_TEST(agreement[0] == "C1 cohen 2 0.500000 0.000000");
  BOOST_TEST(agreement[1] == "  " + disputed + " Anna:voldoet Bram:nvt not reconciled reopened");
  BOOST_TEST(Judgement(One(), id1) == Judgement(Two(), id2));

  // Bram changes his score once more on laptop 2 (to voldoet_niet); a second later Anna,
  // who has his nvt but not this change, reconciles on laptop 1: the reconciliation is the
  // latest event in time but settled a score Bram no longer has, so it counts on neither.
  Score(Two(), id2, disputed, "voldoet_niet", "Bram");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  r = ReconcileScore(One(), {id1, disputed, "C1", "nvt", "opnieuw besproken", "Anna", {}});
  BOOST_TEST_REQUIRE(r.ok(), r.ToString());
  ExchangeBothWays(*this, "unseen-score");
  const std::vector<std::string> unseen = AgreementLines(One(), id1);
  BOOST_TEST(unseen == AgreementLines(Two(), id2), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(unseen.size() == 2u);
  BOOST_TEST(unseen[1] ==
             "  " + disputed + " Anna:voldoet Bram:voldoet_niet not reconciled reopened");
  BOOST_TEST(Judgement(One(), id1) == Judgement(Two(), id2));

  // Reconciled after the exchange, on laptop 2 this time: it counts on both.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  r = ReconcileScore(Two(), {id2, disputed, "C1", "voldoet", "samen besproken", "Bram", {}});
  BOOST_TEST_REQUIRE(r.ok(), r.ToString());
  ExchangeBothWays(*this, "settled");
  const std::vector<std::string> settled = AgreementLines(One(), id1);
  BOOST_TEST(settled == AgreementLines(Two(), id2), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(settled.size() == 2u);
  BOOST_TEST(settled[1] == "  " + disputed + " Anna:voldoet Bram:voldoet_niet reconciled voldoet");
  BOOST_TEST(Judgement(One(), id1) == Judgement(Two(), id2));
  BOOST_TEST(Trail(One(), id1) == Trail(Two(), id2), boost::test_tools::per_element());
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
  BOOST_TEST(m->redacted == 1);
  BOOST_TEST(m->warnings.empty());
  // No copy of the old text is left in the bytes of laptop 2's workspace file or its
  // write-ahead log (freed space zeroed, the log emptied), nor in a bundle exported from it.
  const auto bytes_of = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  const std::string name = "Zwanet Voorbeeldnaam";
  for (const std::string file :
       {"/ws2.sqlite", "/ws2.sqlite-wal", "/ws1.sqlite", "/ws1.sqlite-wal"}) {
    BOOST_TEST(bytes_of(dir + file).find(name) == std::string::npos, file);
  }
  BOOST_TEST(bytes_of(dir + "/ws2.sqlite").size() > 0u);
  BOOST_TEST(bytes_of(Export(Two(), id2, "after.bundle")).find(name) == std::string::npos);
  // The bundle that brought the note in the first place still holds it: it is the sender's
  // file, outside the workspace.
  BOOST_TEST(bytes_of(dir + "/note.bundle").find(name) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
