#include "redaction.h"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <iterator>

#include "audit_fixture.h"
#include "database.h"
#include "lifecycle.h"
#include "report_version.h"
#include "sample_draw.h"
#include "scoring.h"

namespace vtaudit {
namespace {

constexpr const char* kName = "moeder Zwanet Voorbeeldnaam niet gesproken";

// Four meldingen, all sampled, Anna and Bram on the audit. Anna's note on C02 C1 names a
// person; her second score keeps it (a set without a note), so it is in three fields: event
// 1's note, event 2's note and event 2's old note. Bram wrote other notes.
struct RedactionFixture : testing::AuditFixture {
  RedactionFixture() {
    for (int i = 1; i <= 4; ++i) AddCase("C0" + std::to_string(i), "melding", "2025-02-03");
    BOOST_TEST_REQUIRE(DrawSample(ws.get(), {audit.id, 4, "1", "", "", false}).ok());
    BOOST_TEST_REQUIRE(ChangeInspectors(ws.get(), audit.id, {"Bram"}, {}, "").ok());
    Set("C02", "C1", "voldoet_niet", "Anna", std::string(kName));        // event 1
    Set("C02", "C1", "voldoet", "Anna", std::nullopt);                   // event 2: keeps the note
    Set("C02", "C1", "voldoet", "Bram", std::string("plan besproken"));  // event 3
    Set("C01", "C1", "voldoet", "Bram", std::string(kName));  // event 4: same text, other case
    Result<Calendar> cal = Calendar::LoadFile(VTAUDIT_SOURCE_DIR "/checklists/kalender-nl.xml");
    BOOST_TEST_REQUIRE(cal.ok(), cal.status().ToString());
    calendar = std::make_unique<Calendar>(std::move(*cal));
  }

  void Set(const std::string& c, const std::string& criterion, const std::string& result,
           const std::string& inspector, const std::optional<std::string>& note) {
    Status s = SetScore(ws.get(), {audit.id, c, criterion, result, note, inspector, {}});
    BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  }

  Result<Redaction> Redact(const std::string& event, const std::string& reason = "naam genoemd",
                           const std::string& inspector = "Bram") {
    return RedactNote(ws.get(), {audit.id, event, reason, inspector});
  }

  // "note|old_note|note_redaction|old_note_redaction" of one event (NULL shown as -).
  std::string Row(int64_t id) {
    Result<Statement> q = ws->db().Prepare(
        "SELECT coalesce(note, '-') || '|' || coalesce(old_note, '-') || '|' || "
        "coalesce(note_redaction, '-') || '|' || coalesce(old_note_redaction, '-') "
        "FROM score_event WHERE id = ?");
    BOOST_TEST_REQUIRE(q.ok());
    q->Bind(1, id);
    BOOST_TEST_REQUIRE(q->Step());
    return q->Text(0);
  }

  // Moves the audit on; to concept, C1 is scored on the other cases first and C2 and O1 are
  // marked niet beoordeeld, so that every gate is met.
  void Move(AuditStatus to) {
    if (to == AuditStatus::kConcept) {
      Set("C03", "C1", "voldoet", "Anna", std::string());
      Set("C04", "C1", "voldoet", "Anna", std::string());
      for (const char* c : {"C2", "O1"}) {
        BOOST_TEST_REQUIRE(
            MarkNotJudged(ws.get(), audit.id, c, "niet gelezen", "Anna", false).ok());
      }
    }
    std::ifstream in(VTAUDIT_SOURCE_DIR "/checklists/kalender-nl.xml", std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Transition t;
    t.to = to;
    t.actor = "Anna";
    if (to == AuditStatus::kFinal) {
      t.without_response = true;
      t.reason = "geen reactie";
    }
    Status s = MoveAudit(ws.get(), audit.id, t, *calendar, text);
    BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  }

  ReportTemplates Templates() {
    Result<ReportTemplates> t = LoadReportTemplates(VTAUDIT_SOURCE_DIR "/reports", "nl");
    BOOST_TEST_REQUIRE(t.ok(), t.status().ToString());
    return *t;
  }

  static int Occurrences(const std::string& text, const std::string& what) {
    int n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }

  std::unique_ptr<Calendar> calendar;
};

BOOST_FIXTURE_TEST_SUITE(redaction, RedactionFixture)

BOOST_AUTO_TEST_CASE(replaces_the_note_and_its_copies_and_records_it) {
  Result<Redaction> r = Redact("1");
  BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
  BOOST_TEST(r->event == 1);
  BOOST_TEST(r->case_id == "C02");
  BOOST_TEST(r->inspector == "Anna");
  BOOST_TEST(r->marker == "[verwijderd: naam genoemd]");
  // Event 2's note and old note held the same text; event 4 is another case, untouched.
  BOOST_TEST(r->copies == 2);
  BOOST_TEST(r->withdrawn.empty());
  BOOST_TEST(r->purged);
  const std::string id = std::to_string(r->record);
  BOOST_TEST(Row(1) == "[verwijderd: naam genoemd]|-|" + id + "|-");
  BOOST_TEST(Row(2) == "[verwijderd: naam genoemd]|[verwijderd: naam genoemd]|" + id + "|" + id);
  BOOST_TEST(Row(3) == "plan besproken|-|-|-");
  BOOST_TEST(Row(4) == std::string(kName) + "|-|-|-");
  // The record: an audit event with who and why, and the history names it.
  Result<std::vector<AuditEvent>> events = AuditEvents(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(events.ok());
  const AuditEvent& last = events->back();
  BOOST_TEST(last.kind == "note_redacted");
  BOOST_TEST(last.reason == "naam genoemd");
  BOOST_TEST(last.actor == "Bram");
  Result<std::vector<ScoreEvent>> h = ScoreHistory(ws.get(), audit.id, "C02", "C1");
  BOOST_TEST_REQUIRE(h.ok());
  BOOST_TEST(last.detail == (*h)[0].uid);
  BOOST_TEST_REQUIRE((*h)[0].redacted.has_value());
  BOOST_TEST((*h)[0].redacted->by == "Bram");
  BOOST_TEST((*h)[0].redacted->record == r->record);
  BOOST_TEST(!(*h)[2].redacted.has_value());
  // The current score shows the marker; a later set without a note carries the marker on.
  Set("C02", "C1", "voldoet_niet", "Anna", std::nullopt);
  Result<std::vector<ScoreEvent>> after = ScoreHistory(ws.get(), audit.id, "C02", "C1");
  BOOST_TEST_REQUIRE(after.ok());
  BOOST_TEST(after->back().note == "[verwijderd: naam genoemd]");
}

BOOST_AUTO_TEST_CASE(names_an_event_by_its_uid_too) {
  Result<std::vector<ScoreEvent>> h = ScoreHistory(ws.get(), audit.id, "C01", "C1");
  BOOST_TEST_REQUIRE(h.ok());
  Result<Redaction> r = Redact((*h)[0].uid);
  BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
  BOOST_TEST(r->event == 4);
  BOOST_TEST(r->copies == 0);
  BOOST_TEST(Row(1) == std::string(kName) + "|-|-|-");  // the same text in another case stays
}

BOOST_AUTO_TEST_CASE(refusals_change_nothing) {
  const long before = Count("audit_event");
  BOOST_TEST(Redact("1", "").status().ToString() == "a redaction needs its reason (--reason TEXT)");
  BOOST_TEST((Redact("1", "   ").status().code() == Status::Code::kInvalidInput));
  BOOST_TEST((Redact("1", "naam\nmoeder").status().code() == Status::Code::kInvalidInput));
  BOOST_TEST((Redact("1", std::string(201, 'x')).status().code() == Status::Code::kInvalidInput));
  // 111222333 passes the 11-proef: 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3−3 = 66 = 6·11.
  BOOST_TEST(Redact("1", "bsn 111222333").status().ToString().find("BSN eleven test") !=
             std::string::npos);
  BOOST_TEST(Redact("1", "naam", "Cees").status().ToString() ==
             "inspector Cees is not on audit 1: only its inspectors may redact a note");
  BOOST_TEST((Redact("1", "naam", "").status().code() == Status::Code::kInvalidInput));
  BOOST_TEST(Redact("99").status().IsNotFound());
  BOOST_TEST(Redact("abc").status().IsNotFound());
  // An event of another audit is not found through this one.
  Result<Audit> other =
      CreateAudit(ws.get(), {"VT01", 2025, framework_path, {"Anna"}, std::nullopt, true});
  BOOST_TEST_REQUIRE(other.ok(), other.status().ToString());
  BOOST_TEST(RedactNote(ws.get(), {other->id, "1", "naam", "Anna"}).status().IsNotFound());
  BOOST_TEST(Count("audit_event") == before + 1);  // the new audit's inspector, nothing else
  BOOST_TEST(Row(1) == std::string(kName) + "|-|-|-");
  // A second redaction of the same note is a conflict; an event without a note is refused.
  BOOST_TEST_REQUIRE(Redact("1").ok());
  BOOST_TEST(Redact("1").status().IsConflict());
  Set("C03", "C1", "voldoet", "Anna", std::string());
  BOOST_TEST(Redact("5").status().ToString() == "score event 5 has no note to redact");
}

BOOST_AUTO_TEST_CASE(the_trigger_allows_only_a_recorded_redaction) {
  // Plain changes are refused, as before.
  BOOST_TEST(!ws->db().Exec("UPDATE score_event SET note = 'x' WHERE id = 3").ok());
  BOOST_TEST(!ws->db().Exec("UPDATE score_event SET new_result = 'nvt' WHERE id = 3").ok());
  BOOST_TEST(!ws->db().Exec("UPDATE score_event SET note = note WHERE id = 3").ok());
  BOOST_TEST(!ws->db().Exec("DELETE FROM score_event WHERE id = 3").ok());
  // The marker without a record, or with a record of another event's text, is refused.
  BOOST_TEST(!ws->db()
                  .Exec("UPDATE score_event SET note = '[verwijderd: x]', note_redaction = 1 "
                        "WHERE id = 3")
                  .ok());
  BOOST_TEST_REQUIRE(Redact("1").ok());
  const std::string latest = "(SELECT MAX(id) FROM audit_event)";
  // After the transaction the record matches no other text: the named note is redacted.
  BOOST_TEST(!ws->db()
                  .Exec("UPDATE score_event SET note = '[verwijderd: naam genoemd]', "
                        "note_redaction = " +
                        latest + " WHERE id = 3")
                  .ok());
  // Nor may a redacted note be changed again, or its record be taken away.
  BOOST_TEST(
      !ws->db().Exec("UPDATE score_event SET note = '[verwijderd: ander]' WHERE id = 1").ok());
  BOOST_TEST(!ws->db().Exec("UPDATE score_event SET note_redaction = NULL WHERE id = 1").ok());
  // A redaction changes nothing but the note: a result moved with it is refused.
  BOOST_TEST_REQUIRE(ws->db()
                         .Exec("INSERT INTO audit_event (uid, audit, kind, detail, reason, actor, "
                               "at) SELECT 'x', audit, 'note_redacted', uid, 'r', 'Bram', 'now' "
                               "FROM score_event WHERE id = 3")
                         .ok());
  BOOST_TEST(!ws->db()
                  .Exec("UPDATE score_event SET note = '[verwijderd: r]', new_result = 'nvt', "
                        "note_redaction = " +
                        latest + " WHERE id = 3")
                  .ok());
  BOOST_TEST(Row(3) == "plan besproken|-|-|-");
}

BOOST_AUTO_TEST_CASE(withdraws_the_kept_reports_that_may_hold_the_note) {
  Move(AuditStatus::kConcept);
  // A file kept before the note was written cannot hold it (inserted with an earlier time).
  BOOST_TEST_REQUIRE(ws->db()
                         .Exec("INSERT INTO report_version VALUES (1, 1, 'csv', 'nl', 'old', "
                               "'x', '2020-01-01T00:00:00Z')")
                         .ok());
  Result<WrittenReport> json = WriteReport(ws.get(), audit.id, "json", Templates(), *calendar);
  BOOST_TEST_REQUIRE(json.ok(), json.status().ToString());
  // The text is in the notes of C01 (Bram, event 4) and of C02 (Anna, event 2).
  BOOST_TEST(Occurrences(json->bytes, "Voorbeeldnaam") == 2);

  // A concept refuses scores, not a redaction.
  Result<Redaction> r = Redact("1");
  BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
  BOOST_TEST_REQUIRE(r->withdrawn.size() == 1u);
  BOOST_TEST(r->withdrawn[0].format == "json");
  BOOST_TEST(r->withdrawn[0].sha256 == json->sha256);
  BOOST_TEST(r->withdrawn[0].written_at == json->written_at);

  Result<std::vector<ReportVersionInfo>> versions = ReportVersions(ws.get(), audit.id);
  BOOST_TEST_REQUIRE(versions.ok());
  BOOST_TEST_REQUIRE((*versions)[0].files.size() == 1u);
  BOOST_TEST((*versions)[0].files[0].format == "csv");
  BOOST_TEST_REQUIRE((*versions)[0].withdrawn.size() == 1u);
  BOOST_TEST((*versions)[0].withdrawn[0].by == "Bram");
  BOOST_TEST((*versions)[0].withdrawn[0].reason == "naam genoemd");

  // The latest version of the concept is written again, with the marker, and kept.
  Result<WrittenReport> again = WriteReport(ws.get(), audit.id, "json", Templates(), *calendar);
  BOOST_TEST_REQUIRE(again.ok(), again.status().ToString());
  BOOST_TEST(again->stored);
  BOOST_TEST(again->version == 1);
  BOOST_TEST(again->sha256 != json->sha256);
  BOOST_TEST(Occurrences(again->bytes, "[verwijderd: naam genoemd]") == 1);
  // Event 4 (C01, Bram) was not redacted: its note stays.
  BOOST_TEST(Occurrences(again->bytes, "Voorbeeldnaam") == 1);
}

BOOST_AUTO_TEST_CASE(a_final_audit_can_be_redacted_and_its_old_version_says_why_it_is_gone) {
  Move(AuditStatus::kConcept);
  Result<WrittenReport> concept_report =
      WriteReport(ws.get(), audit.id, "json", Templates(), *calendar);
  BOOST_TEST_REQUIRE(concept_report.ok(), concept_report.status().ToString());
  Move(AuditStatus::kFinal);
  Result<WrittenReport> final_report =
      WriteReport(ws.get(), audit.id, "json", Templates(), *calendar);
  BOOST_TEST_REQUIRE(final_report.ok(), final_report.status().ToString());
  BOOST_TEST(final_report->version == 2);

  Result<Redaction> r = Redact("4");
  BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
  BOOST_TEST(r->withdrawn.size() == 2u);
  // Version 1 cannot be rendered again: its file is gone, and the error says so.
  Result<WrittenReport> v1 = WriteReport(ws.get(), audit.id, "json", Templates(), *calendar, 1);
  BOOST_TEST(v1.status().IsNotFound());
  BOOST_TEST(v1.status().ToString().find("was withdrawn on") != std::string::npos);
  BOOST_TEST(v1.status().ToString().find(concept_report->sha256) != std::string::npos);
  // The final version is written again.
  Result<WrittenReport> v2 = WriteReport(ws.get(), audit.id, "json", Templates(), *calendar, 2);
  BOOST_TEST_REQUIRE(v2.ok(), v2.status().ToString());
  BOOST_TEST(v2->state == "final");
  BOOST_TEST(v2->bytes.find("[verwijderd: naam genoemd]") != std::string::npos);
  // Withdrawn records cannot be changed, nor kept files deleted without one.
  BOOST_TEST(!ws->db().Exec("DELETE FROM report_withdrawn").ok());
  BOOST_TEST(!ws->db().Exec("UPDATE report_withdrawn SET sha256 = 'x'").ok());
  BOOST_TEST(!ws->db().Exec("DELETE FROM report_version").ok());
}

BOOST_AUTO_TEST_CASE(says_when_another_connection_keeps_the_old_text_in_the_log) {
  Result<std::unique_ptr<Database>> reader = Database::Open(dir + "/ws.sqlite", false);
  BOOST_TEST_REQUIRE(reader.ok(), reader.status().ToString());
  // An open read transaction holds the snapshot from before the redaction.
  BOOST_TEST_REQUIRE((*reader)->Exec("BEGIN").ok());
  Result<Statement> q = (*reader)->Prepare("SELECT COUNT(*) FROM score_event");
  BOOST_TEST_REQUIRE(q.ok());
  BOOST_TEST_REQUIRE(q->Step());
  Result<Redaction> r = Redact("1");
  BOOST_TEST_REQUIRE(r.ok(), r.status().ToString());
  BOOST_TEST(!r->purged);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace vtaudit
