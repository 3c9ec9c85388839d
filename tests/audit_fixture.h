// A workspace in a temporary directory with one organisation (VT01), a small framework
// file and an audit of 2025 over it, shared by the audit, sample and scoring tests.
#ifndef VTAUDIT_TESTS_AUDIT_FIXTURE_H_
#define VTAUDIT_TESTS_AUDIT_FIXTURE_H_

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "audit.h"
#include "workspace.h"

namespace vtaudit::testing {

// Scale of four levels, weighted mean; C1 for every case, C2 only for meldingen and capped,
// O1 scored for the organisation, M1 measured by the triage deadline.
inline constexpr std::string_view kAuditFramework = R"(<?xml version="1.0" encoding="UTF-8"?>
<framework id="mini" version="1" valid-from="2025-01-01">
  <title>Mini</title><gloss>Mini</gloss><source>test</source>
  <scale>
    <level id="voldoet" score="3" min-share="0.9" met="true"><name>V</name><gloss>V</gloss></level>
    <level id="grotendeels" score="2" min-share="0.75" met="true"><name>G</name><gloss>G</gloss></level>
    <level id="deels" score="1" min-share="0.5" met="false"><name>D</name><gloss>D</gloss></level>
    <level id="niet" score="0" min-share="0" met="false"><name>N</name><gloss>N</gloss></level>
  </scale>
  <deadlines>
    <deadline id="triage" from="received" to="triaged" length="24" unit="hours" extend="false" norm="0.9" basis="veldnorm">
      <name>T</name><gloss>T</gloss><source>Kamervragen 2026Z10868</source><applies-when>kind = melding</applies-when>
    </deadline>
  </deadlines>
  <aggregation method="weighted-mean" norm-missed-max="deels">
    <band level="voldoet" min-score="2.5"/><band level="grotendeels" min-score="1.75"/>
    <band level="deels" min-score="1"/><band level="niet" min-score="0"/>
  </aggregation>
  <domain id="D1"><name>D</name><gloss>D</gloss>
    <standard id="S1"><name>S</name><gloss>S</gloss>
      <criterion id="C1" scope="case" weight="2"><text>T</text><gloss>T</gloss></criterion>
      <criterion id="C2" scope="case" cap="deels"><text>T</text><gloss>T</gloss>
        <applies-when>kind = melding</applies-when></criterion>
    </standard>
    <standard id="S2"><name>S</name><gloss>S</gloss>
      <criterion id="O1" scope="organisation"><text>T</text><gloss>T</gloss></criterion>
      <criterion id="M1" scope="organisation" measured-by="triage"><text>T</text><gloss>T</gloss></criterion>
    </standard>
  </domain>
</framework>
)";

struct AuditFixture {
  AuditFixture() {
    char tmpl[] = "/tmp/vtaudit-audit-XXXXXX";
    dir = ::mkdtemp(tmpl);
    framework_path = dir + "/mini.xml";
    std::ofstream(framework_path) << kAuditFramework;
    Result<std::unique_ptr<Workspace>> opened = Workspace::Open(dir + "/ws.sqlite");
    BOOST_TEST_REQUIRE(opened.ok(), opened.status().ToString());
    ws = std::move(*opened);
    BOOST_TEST_REQUIRE(ws->AddOrganisation({"VT01", "Voorbeeld", "", 1}).ok());
    BOOST_TEST_REQUIRE(ws->db()
                           .Exec("INSERT INTO extract_file (id, org, file_name, sha256, "
                                 "imported_at, rows, added, changed, unchanged) VALUES "
                                 "(1, 'VT01', 'x.csv', '', '', 0, 0, 0, 0)")
                           .ok());
    Result<Audit> a = CreateAudit(ws.get(), {"VT01", 2025, framework_path, {"Anna"}});
    BOOST_TEST_REQUIRE(a.ok(), a.status().ToString());
    audit = *a;
  }
  ~AuditFixture() { std::filesystem::remove_all(dir); }

  // Adds a case of VT01.
  void AddCase(const std::string& id, const std::string& kind, const std::string& received,
               const std::string& violence = "") {
    Result<Statement> q = ws->db().Prepare(
        "INSERT INTO case_file (org, case_id, kind, violence, received, extract_id) "
        "VALUES ('VT01', ?, ?, ?, ?, 1)");
    BOOST_TEST_REQUIRE(q.ok());
    BOOST_TEST_REQUIRE(q->Bind(1, id).Bind(2, kind).Bind(3, violence).Bind(4, received).Run().ok());
  }

  long Count(const std::string& table) {
    Result<Statement> q = ws->db().Prepare("SELECT COUNT(*) FROM " + table);
    q->Step();
    return static_cast<long>(q->Int(0));
  }

  std::string dir;
  std::string framework_path;
  std::unique_ptr<Workspace> ws;
  Audit audit;
};

}  // namespace vtaudit::testing

#endif  // VTAUDIT_TESTS_AUDIT_FIXTURE_H_
