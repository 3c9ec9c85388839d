#include "workspace.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>

#include "case_store.h"
#include "database.h"
#include "secure_delete.h"
#include "workspace_internal.h"

namespace vtaudit {
namespace {

struct TempDir {
  TempDir() {
    char tmpl[] = "/tmp/vtaudit-ws-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string path;
};

constexpr std::string_view kFramework = R"(<?xml version="1.0" encoding="UTF-8"?>
<framework id="mini" version="1" valid-from="2025-01-01">
  <title>Mini</title><gloss>Mini</gloss><source>test</source>
  <scale>
    <level id="ja" score="1" min-share="0.5" met="true"><name>Ja</name><gloss>Yes</gloss></level>
    <level id="nee" score="0" min-share="0" met="false"><name>Nee</name><gloss>No</gloss></level>
  </scale>
  <aggregation method="worst"><band level="ja" min-score="0.5"/><band level="nee" min-score="0"/></aggregation>
  <domain id="d"><name>D</name><gloss>D</gloss>
    <standard id="s"><name>S</name><gloss>S</gloss>
      <criterion id="c" scope="case"><text>T</text><gloss>T</gloss></criterion>
    </standard>
  </domain>
</framework>
)";

BOOST_AUTO_TEST_SUITE(workspace)

BOOST_AUTO_TEST_CASE(creates_private_file_and_directory) {
  TempDir dir;
  const std::string path = dir.path + "/nested/deeper/ws.sqlite";
  Result<std::unique_ptr<Workspace>> ws = Workspace::Open(path);
  BOOST_TEST_REQUIRE(ws.ok(), ws.status().ToString());
  BOOST_TEST((*ws)->schema_version() == Workspace::LatestSchemaVersion());
  struct stat st {};
  BOOST_TEST_REQUIRE(::stat(path.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600);
  BOOST_TEST_REQUIRE(::stat((dir.path + "/nested").c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0700);
}

BOOST_AUTO_TEST_CASE(files_open_to_others_are_found_and_restricted) {
  TempDir dir;
  const std::string path = dir.path + "/ws.sqlite";
  BOOST_TEST(RestrictWorkspaceFiles(path).status().IsNotFound());
  Result<std::unique_ptr<Workspace>> ws = Workspace::Open(path);
  BOOST_TEST_REQUIRE(ws.ok(), ws.status().ToString());
  BOOST_TEST(ExposedWorkspaceFiles(path).empty());  // created 0600, and its -wal and -shm too
  // While it is open (its -wal and -shm exist): the file as a copy made readable, the WAL
  // open to the group.
  BOOST_TEST_REQUIRE(::chmod(path.c_str(), 0644) == 0);
  BOOST_TEST_REQUIRE(::chmod((path + "-wal").c_str(), 0660) == 0);
  std::vector<ExposedFile> exposed = ExposedWorkspaceFiles(path);
  BOOST_TEST_REQUIRE(exposed.size() == 2u);
  BOOST_TEST(exposed[0].path == path);
  BOOST_TEST(exposed[0].mode == 0644u);
  BOOST_TEST(exposed[1].path == path + "-wal");
  BOOST_TEST(exposed[1].mode == 0660u);
  Result<std::vector<ExposedFile>> changed = RestrictWorkspaceFiles(path);
  BOOST_TEST_REQUIRE(changed.ok());
  BOOST_TEST(changed->size() == 2u);
  BOOST_TEST(ExposedWorkspaceFiles(path).empty());
  for (const char* suffix : {"", "-wal", "-shm"}) {
    struct stat st {};
    BOOST_TEST_REQUIRE(::stat((path + suffix).c_str(), &st) == 0);
    BOOST_TEST((st.st_mode & 07777) == 0600, suffix);
  }
}

BOOST_AUTO_TEST_CASE(organisations_round_trip_and_conflict) {
  TempDir dir;
  const std::string path = dir.path + "/ws.sqlite";
  {
    auto ws = std::move(*Workspace::Open(path));
    BOOST_TEST(ws->AddOrganisation({"VT01", "Voorbeeldregio 01", "Noord", 1.5}).ok());
    const Status again = ws->AddOrganisation({"VT01", "Other", "", 1});
    BOOST_TEST(again.IsConflict());
    BOOST_TEST(again.ToString() == "organisation VT01 exists already (Voorbeeldregio 01)");
  }
  auto ws = std::move(*Workspace::Open(path));  // reopened: nothing lost
  Result<Organisation> org = ws->FindOrganisation("VT01");
  BOOST_TEST_REQUIRE(org.ok());
  BOOST_TEST(org->region == "Noord");
  BOOST_TEST(org->size_weight == 1.5);
  BOOST_TEST(ws->FindOrganisation("VT99").status().IsNotFound());
}

BOOST_AUTO_TEST_CASE(stores_a_framework_once_by_content_hash) {
  TempDir dir;
  auto ws = std::move(*Workspace::Open(dir.path + "/ws.sqlite"));
  Result<Framework> f = ParseFramework(kFramework, "mini.xml");
  BOOST_TEST_REQUIRE(f.ok(), f.status().ToString());
  BOOST_TEST(*ws->StoreFramework(*f, kFramework, "mini.xml") == true);
  BOOST_TEST(*ws->StoreFramework(*f, kFramework, "elsewhere/mini.xml") == false);
  BOOST_TEST(ws->Frameworks()->size() == 1u);
  Result<Framework> back = ws->LoadFramework(f->sha256);
  BOOST_TEST_REQUIRE(back.ok());
  BOOST_TEST(back->sha256 == f->sha256);
  BOOST_TEST(back->Criteria().size() == 1u);
}

BOOST_AUTO_TEST_CASE(migrates_from_every_earlier_version) {
  for (int from = 0; from < Workspace::LatestSchemaVersion(); ++from) {
    TempDir dir;
    const std::string path = dir.path + "/ws.sqlite";
    {
      auto db = std::move(*Database::Open(path, true));
      BOOST_TEST_REQUIRE(internal::MigrateTo(db.get(), from).ok());
      if (from >= 1) {
        BOOST_TEST_REQUIRE(
            db->Exec("INSERT INTO organisation (code, name) VALUES ('VT05', 'X')").ok());
      }
    }
    Result<std::unique_ptr<Workspace>> ws = Workspace::Open(path);
    BOOST_TEST_REQUIRE(ws.ok(), "from version " << from << ": " << ws.status().ToString());
    BOOST_TEST((*ws)->schema_version() == Workspace::LatestSchemaVersion());
    if (from >= 1) BOOST_TEST((*ws)->FindOrganisation("VT05").ok(), "data kept from " << from);
  }
}

// Version 9 (bundles, docs/bundles.md) gives existing audits, draws and snapshots a uid of
// their own, keeps the delivery a draw came from (the organisation's latest imported by
// then), and leaves the snapshots append-only.
BOOST_AUTO_TEST_CASE(gives_audits_draws_and_snapshots_a_uid) {
  TempDir dir;
  const std::string path = dir.path + "/ws.sqlite";
  {
    auto db = std::move(*Database::Open(path, true));
    BOOST_TEST_REQUIRE(internal::MigrateTo(db.get(), 8).ok());
    BOOST_TEST_REQUIRE(
        db->Exec("INSERT INTO organisation (code, name) VALUES ('VT05', 'X');"
                 "INSERT INTO framework VALUES ('f1', 'f', '1', 'F', 'f.xml', 'x', '');"
                 "INSERT INTO extract_file (id, org, file_name, sha256, imported_at, rows, added, "
                 "changed, unchanged) VALUES (1, 'VT05', 'oud.csv', 'a1', '2026-01-01T10:00:00Z', "
                 "0, 0, 0, 0), (2, 'VT05', 'nieuw.csv', 'b2', '2026-03-01T10:00:00Z', 0, 0, 0, 0);"
                 "INSERT INTO audit (id, org, period, framework, created_at) VALUES (1, 'VT05', "
                 "2025, 'f1', ''), (2, 'VT05', 2025, 'f1', '');"
                 "INSERT INTO sample_draw (id, audit, seed, method, population, "
                 "population_sha256, size, drawn_at) VALUES (1, 1, '1', 'simple', 0, '', 0, "
                 "'2026-02-01T10:00:00Z'), (2, 2, '1', 'simple', 0, '', 0, "
                 "'2025-12-01T10:00:00Z');"
                 "INSERT INTO audit_snapshot (audit, version, state, as_of, framework_sha256, "
                 "calendar, inspectors, judgement, timeliness, created_at) VALUES (1, 1, "
                 "'concept', '2026-01-31', 'f1', '', '', '', '', ''), (2, 1, 'concept', "
                 "'2026-01-31', 'f1', '', '', '', '', '')")
            .ok());
  }
  Result<std::unique_ptr<Workspace>> ws = Workspace::Open(path);
  BOOST_TEST_REQUIRE(ws.ok(), ws.status().ToString());
  Database& db = (*ws)->db();
  for (const char* table : {"audit", "sample_draw", "audit_snapshot"}) {
    Result<Statement> q =
        db.Prepare(std::string("SELECT count(DISTINCT uid), count(*), ") +
                   "sum(length(uid) = 32 AND uid NOT GLOB '*[^0-9a-f]*') FROM " + table);
    BOOST_TEST_REQUIRE((q.ok() && q->Step()));
    BOOST_TEST(q->Int(0) == 2, table);
    BOOST_TEST(q->Int(2) == 2, table);
  }
  // Draw 1 (February) came from oud.csv, the only one imported by then; draw 2 was drawn
  // before any delivery.
  Result<Statement> d = db.Prepare(
      "SELECT group_concat(extract_file || ':' || extract_sha256, ' ') FROM "
      "(SELECT * FROM sample_draw ORDER BY id)");
  BOOST_TEST_REQUIRE((d.ok() && d->Step()));
  BOOST_TEST(d->Text(0) == "oud.csv:a1 :");
  // A new audit and draw get a uid of their own; a snapshot without one is refused, and no
  // snapshot can change.
  BOOST_TEST_REQUIRE(db.Exec("INSERT INTO audit (org, period, framework, created_at) VALUES "
                             "('VT05', 2025, 'f1', '')")
                         .ok());
  Result<Statement> fresh = db.Prepare("SELECT length(uid) FROM audit WHERE id = 3");
  BOOST_TEST_REQUIRE((fresh.ok() && fresh->Step()));
  BOOST_TEST(fresh->Int(0) == 32);
  BOOST_TEST(!db.Exec("INSERT INTO audit_snapshot (audit, version, state, as_of, "
                      "framework_sha256, calendar, inspectors, judgement, timeliness, "
                      "created_at) VALUES (3, 1, 'concept', '2026-01-31', 'f1', '', '', '', '', "
                      "'')")
                  .ok());
  BOOST_TEST(!db.Exec("UPDATE audit_snapshot SET uid = 'x' WHERE audit = 1").ok());
}

// Version 4 keeps event times as integers behind the case_file view: the cases of an
// older workspace read back the same, and the view still shows and accepts ISO text.
BOOST_AUTO_TEST_CASE(keeps_cases_across_the_integer_event_storage) {
  TempDir dir;
  const std::string path = dir.path + "/ws.sqlite";
  {
    auto db = std::move(*Database::Open(path, true));
    BOOST_TEST_REQUIRE(internal::MigrateTo(db.get(), 3).ok());
    BOOST_TEST_REQUIRE(db->Exec("INSERT INTO organisation (code, name) VALUES ('VT05', 'X');"
                                "INSERT INTO extract_file VALUES (1, 'VT05', 'x.csv', '', '', 0, "
                                "0, 0, 0);"
                                "INSERT INTO case_file VALUES ('VT05', 'A1', 'melding', "
                                "'kindermishandeling|overig', '2025-03-01T08:15:00', "
                                "'2025-03-01T17:30:05', '2025-03-05', 'VT-01-01', NULL, NULL, "
                                "NULL, 1, 0, 1);"
                                "INSERT INTO case_file (org, case_id, kind, received, extract_id) "
                                "VALUES ('VT05', 'A2', 'advies', '1969-12-31', 1)")
                           .ok());
  }
  Result<std::unique_ptr<Workspace>> ws = Workspace::Open(path);
  BOOST_TEST_REQUIRE(ws.ok(), ws.status().ToString());
  Result<std::optional<CaseRecord>> a1 = FindCase(ws->get(), "VT05", "A1");
  BOOST_TEST_REQUIRE((a1.ok() && a1->has_value()));
  const CaseRecord& c = **a1;
  BOOST_TEST(CaseKindName(c.kind) == "melding");
  BOOST_TEST(JoinViolence(c.violence) == "kindermishandeling|overig");
  BOOST_TEST(c.event(Event::kReceived)->ToIso() == "2025-03-01T08:15:00");
  BOOST_TEST(c.event(Event::kTriaged)->ToIso() == "2025-03-01T17:30:05");
  BOOST_TEST(c.event(Event::kSafetyAssessed)->ToIso() == "2025-03-05");
  BOOST_TEST(!c.event(Event::kInvestigationDecided).has_value());
  BOOST_TEST(c.outcome == "VT-01-01");
  BOOST_TEST((c.rvdk && !c.disclosure));
  Result<std::optional<CaseRecord>> a2 = FindCase(ws->get(), "VT05", "A2");
  BOOST_TEST_REQUIRE((a2.ok() && a2->has_value()));
  BOOST_TEST(((*a2)->kind == CaseKind::kAdvies));
  BOOST_TEST((*a2)->event(Event::kReceived)->ToIso() == "1969-12-31");

  BOOST_TEST_REQUIRE((*ws)
                         ->db()
                         .Exec("INSERT INTO case_file (org, case_id, kind, received, "
                               "extract_id) VALUES ('VT05', 'A3', 'melding', "
                               "'2025-04-01T09:00:00', 1)")
                         .ok());
  Result<Statement> q = (*ws)->db().Prepare(
      "SELECT kind, received, triaged, safety_assessed FROM case_file ORDER BY case_id");
  BOOST_TEST_REQUIRE(q.ok());
  BOOST_TEST_REQUIRE(q->Step());
  BOOST_TEST(q->Text(0) == "melding");
  BOOST_TEST(q->Text(1) == "2025-03-01T08:15:00");
  BOOST_TEST(q->Text(2) == "2025-03-01T17:30:05");
  BOOST_TEST(q->Text(3) == "2025-03-05");
  BOOST_TEST_REQUIRE(q->Step());
  BOOST_TEST(q->Text(0) == "advies");
  BOOST_TEST(q->Text(1) == "1969-12-31");
  BOOST_TEST(q->IsNull(2));
  BOOST_TEST_REQUIRE(q->Step());
  BOOST_TEST(q->Text(1) == "2025-04-01T09:00:00");
}

// The migration that keeps cases a newer delivery lacks adds case_data.missing_since and
// extract_file.missing: cases of a version 4 workspace are in the latest delivery, and the
// remade case_file view shows the new column and accepts inserts with or without it.
BOOST_AUTO_TEST_CASE(cases_of_a_version_4_workspace_are_not_missing) {
  TempDir dir;
  const std::string path = dir.path + "/ws.sqlite";
  {
    auto db = std::move(*Database::Open(path, true));
    BOOST_TEST_REQUIRE(internal::MigrateTo(db.get(), 4).ok());
    BOOST_TEST_REQUIRE(db->Exec("INSERT INTO organisation (code, name) VALUES ('VT05', 'X');"
                                "INSERT INTO extract_file VALUES (1, 'VT05', 'x.csv', '', '', 1, "
                                "1, 0, 0);"
                                "INSERT INTO case_file (org, case_id, kind, received, extract_id) "
                                "VALUES ('VT05', 'A1', 'melding', '2025-03-01', 1)")
                           .ok());
  }
  Result<std::unique_ptr<Workspace>> ws = Workspace::Open(path);
  BOOST_TEST_REQUIRE(ws.ok(), ws.status().ToString());
  Result<std::optional<CaseRecord>> a1 = FindCase(ws->get(), "VT05", "A1");
  BOOST_TEST_REQUIRE((a1.ok() && a1->has_value()));
  BOOST_TEST((*a1)->missing_since == 0);
  Database& db = (*ws)->db();
  BOOST_TEST_REQUIRE(db.Exec("INSERT INTO case_file (org, case_id, kind, received, extract_id, "
                             "missing_since) VALUES ('VT05', 'A2', 'advies', '2025-03-02', 1, 1);"
                             "INSERT INTO case_file (org, case_id, kind, received, extract_id) "
                             "VALUES ('VT05', 'A3', 'advies', '2025-03-03', 1)")
                         .ok());
  Result<Statement> q = db.Prepare(
      "SELECT case_id, ifnull(missing_since, 0), (SELECT missing FROM extract_file) FROM "
      "case_file ORDER BY case_id");
  BOOST_TEST_REQUIRE(q.ok());
  std::vector<std::string> rows;
  while (q->Step()) {
    rows.push_back(q->Text(0) + " " + std::to_string(q->Int(1)) + " " + std::to_string(q->Int(2)));
  }
  BOOST_TEST(rows == (std::vector<std::string>{"A1 0 0", "A2 1 0", "A3 0 0"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(refuses_a_newer_schema) {
  TempDir dir;
  const std::string path = dir.path + "/ws.sqlite";
  {
    auto db = std::move(*Database::Open(path, true));
    BOOST_TEST_REQUIRE(db->Exec("PRAGMA user_version = 999").ok());
  }
  Result<std::unique_ptr<Workspace>> ws = Workspace::Open(path);
  BOOST_TEST(!ws.ok());
  BOOST_TEST(ws.status().ToString().find("schema version 999 is newer") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_held_write_lock_is_named_not_only_locked) {
  TempDir dir;
  const std::string path = dir.path + "/ws.sqlite";
  auto a = std::move(*Database::Open(path, true));
  auto b = std::move(*Database::Open(path, true));
  Transaction holding(a.get());
  BOOST_TEST_REQUIRE(holding.status().ok());
  sqlite3_busy_timeout(b->handle(), 50);  // not the 5 s a user waits
  Transaction waiting(b.get());
  BOOST_TEST(waiting.status().ToString() ==
             path +
                 ": the workspace is busy: another vtaudit (an import, a report, `vtaudit "
                 "serve`) held its write lock for longer than 5 seconds; nothing was written, "
                 "try again when it is done");
}

// A parameter that does not bind (here: index 2 of a statement with one) must stop the
// statement, not let it run with NULL in its place.
BOOST_AUTO_TEST_CASE(a_failed_bind_stops_the_statement) {
  TempDir dir;
  auto db = std::move(*Database::Open(dir.path + "/ws.sqlite", true));
  BOOST_TEST_REQUIRE(db->Exec("CREATE TABLE t (x TEXT)").ok());
  Result<Statement> q = db->Prepare("INSERT INTO t VALUES (?)");
  BOOST_TEST_REQUIRE(q.ok());
  const Status s = q->Bind(1, "kept").Bind(2, "out of range").Run();
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.ToString().find("bind") != std::string::npos);
  Result<Statement> count = db->Prepare("SELECT count(*) FROM t");
  BOOST_TEST_REQUIRE((count.ok() && count->Step()));
  BOOST_TEST(count->Int(0) == 0);
  q->Reset();  // a new start: the earlier bind error is gone
  BOOST_TEST(q->Bind(1, "after reset").Run().ok());
}

// SecureDelete turns SQLite's secure_delete on for the main database while it lives and puts
// the setting found back after: off (0, SQLite's default) and FAST (2) alike. The copies in
// bundle.cc and redaction.cc wrote FAST back as the number 2, which SQLite reads as on.
BOOST_AUTO_TEST_CASE(secure_delete_is_on_while_it_lives_and_restored_after) {
  TempDir dir;
  auto db = std::move(*Database::Open(dir.path + "/db.sqlite", true));
  const auto setting = [&db] {
    Result<Statement> q = db->Prepare("PRAGMA main.secure_delete");
    BOOST_TEST_REQUIRE(q.ok());
    BOOST_TEST_REQUIRE(q->Step());
    return q->Int(0);
  };
  for (const auto& [name, before] : {std::pair{"OFF", int64_t{0}}, std::pair{"FAST", int64_t{2}}}) {
    BOOST_TEST_REQUIRE(db->Exec(std::string("PRAGMA main.secure_delete = ") + name).ok());
    {
      SecureDelete secure(db.get());
      BOOST_TEST(secure.status().ok());
      BOOST_TEST(setting() == 1);
    }
    BOOST_TEST(setting() == before);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
