#include "audit.h"

#include <boost/test/unit_test.hpp>

#include "audit_fixture.h"

namespace vtaudit {
namespace {

using testing::AuditFixture;

BOOST_AUTO_TEST_SUITE(audit)

BOOST_FIXTURE_TEST_CASE(creates_and_finds_an_audit, AuditFixture) {
  BOOST_TEST(audit.id == 1);
  BOOST_TEST(audit.org == "VT01");
  BOOST_TEST(audit.period == 2025);
  BOOST_TEST(audit.framework_id == "mini");
  BOOST_TEST(audit.framework_sha256.size() == 64u);
  BOOST_TEST((audit.status == AuditStatus::kDraft));
  BOOST_TEST(audit.inspectors == std::vector<std::string>{"Anna"});
  BOOST_TEST(audit.period_start().ToIso() == "2025-01-01");
  BOOST_TEST(audit.period_end().ToIso() == "2025-12-31");
  BOOST_TEST(ChangeInspectors(ws.get(), audit.id, {"Bram"}, {}, "Anna").ok());
  Result<std::vector<Audit>> all = ListAudits(ws.get());
  BOOST_TEST_REQUIRE(all.ok());
  BOOST_TEST_REQUIRE(all->size() == 1u);
  BOOST_TEST((*all)[0].inspectors == (std::vector<std::string>{"Anna", "Bram"}));
}

BOOST_FIXTURE_TEST_CASE(inspector_changes_are_checked_and_recorded, AuditFixture) {
  BOOST_TEST(ChangeInspectors(ws.get(), audit.id, {"Bram"}, {}, "").ok());
  BOOST_TEST(ChangeInspectors(ws.get(), audit.id, {"Bram"}, {}, "").ToString() ==
             "inspector Bram is on audit 1 already");
  BOOST_TEST(ChangeInspectors(ws.get(), audit.id, {}, {"Cas"}, "").ToString() ==
             "inspector Cas is not on audit 1");
  BOOST_TEST(ChangeInspectors(ws.get(), audit.id, {"Dirk\n"}, {}, "").ToString() ==
             "an inspector's name holds a control character");
  BOOST_TEST(ChangeInspectors(ws.get(), audit.id, {"Dirk 111222333"}, {}, "").ToString() ==
             "an inspector's name holds a number that passes the BSN eleven test");
  // All or nothing: the valid addition before the refused removal is not kept.
  BOOST_TEST(!ChangeInspectors(ws.get(), audit.id, {"Els"}, {"Cas"}, "").ok());
  BOOST_TEST(ChangeInspectors(ws.get(), audit.id, {}, {"Anna"}, "Bram").ok());
  BOOST_TEST(FindAudit(ws.get(), audit.id)->inspectors == std::vector<std::string>{"Bram"});
  Result<std::vector<AuditEvent>> events = AuditEvents(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(events.ok());
  // Anna at creation, Bram added, Anna removed by Bram.
  BOOST_TEST_REQUIRE(events->size() == 3u);
  BOOST_TEST((*events)[0].kind == "inspector_added");
  BOOST_TEST((*events)[0].detail == "Anna");
  BOOST_TEST((*events)[2].kind == "inspector_removed");
  BOOST_TEST((*events)[2].detail == "Anna");
  BOOST_TEST((*events)[2].actor == "Bram");
  BOOST_TEST(SetAuditStatus(ws.get(), audit.id, AuditStatus::kFinal).ok());
  BOOST_TEST(ChangeInspectors(ws.get(), audit.id, {"Els"}, {}, "").IsConflict());
}

BOOST_FIXTURE_TEST_CASE(refuses_unknown_things, AuditFixture) {
  BOOST_TEST(CreateAudit(ws.get(), {"VT99", 2025, framework_path, {}}).status().IsNotFound());
  BOOST_TEST(CreateAudit(ws.get(), {"VT01", 2025, dir + "/nope.xml", {}}).status().IsNotFound());
  BOOST_TEST(CreateAudit(ws.get(), {"VT01", 25, framework_path, {}}).status().ToString() ==
             "the period must be a year (1900..9999), got 25");
  BOOST_TEST(FindAudit(ws.get(), 7).status().ToString() ==
             "no audit with id 7 in this workspace (see `vtaudit audit list`)");
}

BOOST_FIXTURE_TEST_CASE(final_is_final, AuditFixture) {
  BOOST_TEST(SetAuditStatus(ws.get(), audit.id, AuditStatus::kConcept).ok());
  BOOST_TEST(SetAuditStatus(ws.get(), audit.id, AuditStatus::kDraft).ok());
  BOOST_TEST(SetAuditStatus(ws.get(), audit.id, AuditStatus::kFinal).ok());
  const Status back = SetAuditStatus(ws.get(), audit.id, AuditStatus::kConcept);
  BOOST_TEST(back.IsConflict());
  BOOST_TEST(back.ToString() == "audit 1 is final and cannot go back to concept");
  BOOST_TEST((FindAudit(ws.get(), audit.id)->status == AuditStatus::kFinal));
}

BOOST_AUTO_TEST_CASE(status_names_round_trip) {
  for (AuditStatus s : {AuditStatus::kDraft, AuditStatus::kConcept, AuditStatus::kFinal}) {
    BOOST_TEST((AuditStatusFromName(AuditStatusName(s)) == s));
  }
  BOOST_TEST(!AuditStatusFromName("closed"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
