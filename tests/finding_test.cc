#include "finding.h"

#include <boost/test/unit_test.hpp>

#include "audit_fixture.h"

namespace vtaudit {
namespace {

using testing::AuditFixture;

FindingInput Input(const AuditFixture& f, std::string subject, std::string text) {
  return {f.audit.id, std::move(subject), std::move(text), "dossiers L1, L2", "Anna"};
}

BOOST_AUTO_TEST_SUITE(finding)

BOOST_FIXTURE_TEST_CASE(the_latest_per_subject_counts_in_framework_order, AuditFixture) {
  BOOST_TEST_REQUIRE(SetFinding(ws.get(), Input(*this, "O1", "eerste")).ok());
  BOOST_TEST_REQUIRE(SetFinding(ws.get(), Input(*this, "C1", "plan ontbreekt")).ok());
  Result<Finding> second = SetFinding(ws.get(), Input(*this, "O1", "tweede"));
  BOOST_TEST_REQUIRE(second.ok(), second.status().ToString());
  BOOST_TEST(second->kind == "criterion");
  BOOST_TEST(second->uid.size() == 32u);
  BOOST_TEST_REQUIRE(SetFinding(ws.get(), Input(*this, "S2", "standaard")).ok());

  Result<std::vector<Finding>> current = CurrentFindings(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(current.ok());
  // Framework order: S1's C1, then standard S2 before its O1; O1's second text counts.
  BOOST_TEST_REQUIRE(current->size() == 3u);
  BOOST_TEST((*current)[0].subject == "C1");
  BOOST_TEST((*current)[1].subject == "S2");
  BOOST_TEST((*current)[1].kind == "standard");
  BOOST_TEST((*current)[2].subject == "O1");
  BOOST_TEST((*current)[2].text == "tweede");
  BOOST_TEST((*current)[2].evidence == "dossiers L1, L2");

  Result<std::vector<Finding>> history = FindingHistory(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(history.ok());
  BOOST_TEST(history->size() == 4u);
  BOOST_TEST((*history)[0].text == "eerste");
}

BOOST_FIXTURE_TEST_CASE(bad_input_is_refused_with_every_problem, AuditFixture) {
  FindingInput in{audit.id, "X9", "", "BSN 111222333", "Kees"};
  Result<Finding> r = SetFinding(ws.get(), in);
  BOOST_TEST_REQUIRE(!r.ok());
  BOOST_TEST((r.status().code() == Status::Code::kInvalidInput));
  const std::string message = r.status().ToString();
  BOOST_TEST(message.find("unknown criterion or standard 'X9'") != std::string::npos);
  BOOST_TEST(message.find("needs its text") != std::string::npos);
  BOOST_TEST(message.find("BSN") != std::string::npos);
  BOOST_TEST(message.find("inspector Kees is not on audit") != std::string::npos);
  BOOST_TEST(FindingHistory(ws.get(), audit.id)->empty());
  BOOST_TEST(SetFinding(ws.get(), {999, "C1", "x", "", "Anna"}).status().IsNotFound());
}

BOOST_FIXTURE_TEST_CASE(a_concept_or_final_audit_refuses_findings, AuditFixture) {
  for (const char* state : {"concept", "final"}) {
    BOOST_TEST_REQUIRE(
        ws->db().Exec(std::string("UPDATE audit SET status = '") + state + "'").ok());
    Result<Finding> r = SetFinding(ws.get(), Input(*this, "C1", "te laat"));
    BOOST_TEST(r.status().IsConflict(), state);
  }
  BOOST_TEST(FindingHistory(ws.get(), audit.id)->empty());
}

BOOST_FIXTURE_TEST_CASE(findings_are_append_only, AuditFixture) {
  BOOST_TEST_REQUIRE(SetFinding(ws.get(), Input(*this, "C1", "plan ontbreekt")).ok());
  BOOST_TEST(!ws->db().Exec("UPDATE finding SET text = 'anders'").ok());
  BOOST_TEST(!ws->db().Exec("DELETE FROM finding").ok());
  BOOST_TEST(CurrentFindings(ws.get(), audit.id)->at(0).text == "plan ontbreekt");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
