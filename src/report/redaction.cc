#include "redaction.h"

#include <algorithm>
#include <optional>

#include "audit.h"
#include "escape.h"
#include "privacy.h"
#include "secure_delete.h"

namespace vtaudit {
namespace {

constexpr size_t kMaxReason = 200;

Status CheckReason(const std::string& reason) {
  const bool blank = std::all_of(reason.begin(), reason.end(), [](char c) { return c == ' '; });
  if (blank) return Status::Invalid("a redaction needs its reason (--reason TEXT)");
  if (reason.size() > kMaxReason) {
    return Status::Invalid("the reason of a redaction has at most " + std::to_string(kMaxReason) +
                           " bytes, got " + std::to_string(reason.size()));
  }
  for (unsigned char c : reason) {
    if (c < 0x20 || c == 0x7f) {
      return Status::Invalid("the reason of a redaction is one line without control characters");
    }
  }
  if (ContainsBsn(reason)) {
    return Status::Invalid(
        "the reason contains a number that passes the BSN eleven test; it is kept and shown in "
        "place of the note, so it must not identify a person either");
  }
  return Status::Ok();
}

// The score event the inspector named, by id or uid, with what the redaction needs.
struct Named {
  int64_t id = 0;
  std::string uid, case_id, criterion, inspector, note;
  bool redacted = false;
};

Result<Named> FindEvent(Workspace* ws, int64_t audit, const std::string& event) {
  const bool digits =
      !event.empty() && event.size() <= 18 &&
      std::all_of(event.begin(), event.end(), [](char c) { return c >= '0' && c <= '9'; });
  Result<Statement> q = ws->db().Prepare(
      "SELECT id, uid, case_id, criterion, inspector, note, note_redaction IS NOT NULL "
      "FROM score_event WHERE audit = ?1 AND (id = ?2 OR uid = ?3)");
  if (!q.ok()) return q.status();
  q->Bind(1, audit).Bind(3, event);
  if (digits) {
    q->Bind(2, static_cast<int64_t>(std::stoll(event)));
  } else {
    q->BindNull(2);
  }
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return Status::NotFound("audit " + std::to_string(audit) + " has no score event '" +
                            EscapeControl(event) + "' (see `vtaudit score history --audit " +
                            std::to_string(audit) +
                            " --all`: the number after the time, or the uid in --json)");
  }
  return Named{q->Int(0),  q->Text(1), q->Text(2),    q->Text(3),
               q->Text(4), q->Text(5), q->Int(6) != 0};
}

// REQUIRES: inside the redaction's transaction, after the redaction was recorded as `record`.
// Replaces the named event's note text wherever it is a whole note or old note of the case
// criterion's trail, the named event's note last: the trigger matches every other field
// against it. Returns how many fields besides that note held the text.
Result<int> ReplaceText(Workspace* ws, int64_t audit, const Named& e, int64_t record,
                        const std::string& marker) {
  // Replaces the text in `field` ("note" or "old_note") of the case criterion's events that
  // also meet `which` (SQL over the event id, or empty for all).
  const auto replace = [&](const std::string& field, const std::string& which) -> Result<int> {
    Result<Statement> q = ws->db().Prepare(
        "UPDATE score_event SET " + field + " = ?1, " + field +
        "_redaction = ?2 WHERE audit = ?3 " + "AND case_id = ?4 AND criterion = ?5 AND " + field +
        " = ?6 AND " + field + "_redaction IS NULL" + (which.empty() ? "" : " AND " + which));
    if (!q.ok()) return q.status();
    q->Bind(1, marker).Bind(2, record).Bind(3, audit).Bind(4, e.case_id).Bind(5, e.criterion);
    if (Status s = q->Bind(6, e.note).Run(); !s.ok()) return s;
    return ws->db().Changes();
  };
  const std::string id = std::to_string(e.id);
  Result<int> notes = replace("note", "id <> " + id);
  if (!notes.ok()) return notes.status();
  Result<int> old_notes = replace("old_note", "");
  if (!old_notes.ok()) return old_notes.status();
  Result<int> named = replace("note", "id = " + id);
  if (!named.ok()) return named.status();
  if (*named != 1) return Status::Internal("the named event's note was not replaced");
  return *notes + *old_notes;
}

// REQUIRES: inside the redaction's transaction, after ReplaceText. Withdraws the audit's kept
// report files written since the earliest score (set or reconciliation: the notes a report
// shows) whose note `record` replaced.
Result<std::vector<WithdrawnReport>> WithdrawReports(Workspace* ws, int64_t audit, int64_t record,
                                                     const RedactionRequest& request,
                                                     const std::string& at) {
  Result<Statement> q = ws->db().Prepare(
      "SELECT version, format, lang, sha256, written_at FROM report_version WHERE audit = ?1 "
      "AND written_at >= (SELECT MIN(at) FROM score_event WHERE note_redaction = ?2 AND "
      "kind IN ('set', 'reconcile')) ORDER BY version, format, lang");
  if (!q.ok()) return q.status();
  q->Bind(1, audit).Bind(2, record);
  std::vector<WithdrawnReport> files;
  while (q->Step()) {
    files.push_back({static_cast<int>(q->Int(0)), q->Text(1), q->Text(2), q->Text(3), q->Text(4),
                     record, at, request.inspector, request.reason});
  }
  if (!q->status().ok()) return q->status();
  for (const WithdrawnReport& f : files) {
    Result<Statement> keep = ws->db().Prepare(
        "INSERT INTO report_withdrawn (audit, version, format, lang, sha256, written_at, "
        "redaction) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!keep.ok()) return keep.status();
    keep->Bind(1, audit).Bind(2, static_cast<int64_t>(f.version)).Bind(3, f.format);
    keep->Bind(4, f.lang).Bind(5, f.sha256).Bind(6, f.written_at).Bind(7, record);
    if (Status s = keep->Run(); !s.ok()) return s;
    Result<Statement> drop = ws->db().Prepare(
        "DELETE FROM report_version WHERE audit = ? AND version = ? AND format = ? AND lang = ?");
    if (!drop.ok()) return drop.status();
    drop->Bind(1, audit).Bind(2, static_cast<int64_t>(f.version)).Bind(3, f.format);
    if (Status s = drop->Bind(4, f.lang).Run(); !s.ok()) return s;
  }
  return files;
}

// REQUIRES: the reason checked.
Result<Redaction> RedactInTransaction(Workspace* ws, const RedactionRequest& request) {
  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  Result<Audit> audit = FindAudit(ws, request.audit);
  if (!audit.ok()) return audit.status();
  if (request.inspector.empty()) return Status::Invalid("no inspector named");
  if (!std::binary_search(audit->inspectors.begin(), audit->inspectors.end(), request.inspector)) {
    return Status::Invalid("inspector " + request.inspector + " is not on audit " +
                           std::to_string(audit->id) + ": only its inspectors may redact a note");
  }
  Result<Named> e = FindEvent(ws, audit->id, request.event);
  if (!e.ok()) return e.status();
  if (e->redacted) {
    return Status::Conflict("the note of score event " + std::to_string(e->id) +
                            " was redacted before (see `vtaudit audit history --audit " +
                            std::to_string(audit->id) + "`)");
  }
  if (e->note.empty()) {
    return Status::Invalid("score event " + std::to_string(e->id) + " has no note to redact");
  }
  if (Status s = RecordAuditEvent(ws, audit->id, "note_redacted", e->uid, request.reason,
                                  request.inspector);
      !s.ok()) {
    return s;
  }
  Redaction r;
  r.record = ws->db().LastInsertId();
  Result<Statement> when = ws->db().Prepare("SELECT at FROM audit_event WHERE id = ?");
  if (!when.ok()) return when.status();
  when->Bind(1, r.record);
  if (!when->Step())
    return when->status().ok() ? Status::Internal("redaction not recorded") : when->status();
  const std::string at = when->Text(0);
  r.event = e->id;
  r.case_id = e->case_id;
  r.criterion = e->criterion;
  r.inspector = e->inspector;
  r.marker = RedactionMarker(request.reason);
  Result<int> copies = ReplaceText(ws, audit->id, *e, r.record, r.marker);
  if (!copies.ok()) return copies.status();
  r.copies = *copies;
  Result<std::vector<WithdrawnReport>> withdrawn =
      WithdrawReports(ws, audit->id, r.record, request, at);
  if (!withdrawn.ok()) return withdrawn.status();
  r.withdrawn = std::move(*withdrawn);
  if (Status s = tx.Commit(); !s.ok()) return s;
  return r;
}

}  // namespace

Result<bool> ApplyRecordedRedaction(Workspace* ws, int64_t audit, int64_t record) {
  Result<Statement> q =
      ws->db().Prepare("SELECT detail, reason, actor, at FROM audit_event WHERE id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, record);
  if (!q->Step())
    return q->status().ok() ? Status::Internal("redaction not recorded") : q->status();
  const RedactionRequest request{audit, q->Text(0), q->Text(1), q->Text(2)};
  const std::string at = q->Text(3);
  q->Reset();
  Result<Named> e = FindEvent(ws, audit, request.event);
  if (!e.ok()) {
    if (e.status().IsNotFound()) return false;
    return e.status();
  }
  if (e->redacted || e->note.empty()) return false;
  Result<int> copies = ReplaceText(ws, audit, *e, record, RedactionMarker(request.reason));
  if (!copies.ok()) return copies.status();
  Result<std::vector<WithdrawnReport>> withdrawn = WithdrawReports(ws, audit, record, request, at);
  if (!withdrawn.ok()) return withdrawn.status();
  return true;
}

std::string RedactionMarker(std::string_view reason) {
  return "[verwijderd: " + std::string(reason) + "]";
}

Result<Redaction> RedactNote(Workspace* ws, const RedactionRequest& request) {
  if (Status s = CheckReason(request.reason); !s.ok()) return s;
  SecureDelete secure(&ws->db());
  if (!secure.status().ok()) return secure.status();
  Result<Redaction> r = RedactInTransaction(ws, request);
  if (!r.ok()) return r;
  // The pages as they were before sit in the write-ahead log, and in the file until they
  // are copied back: a checkpoint that truncates the log removes both, unless another
  // connection still reads an older snapshot.
  Result<Statement> checkpoint = ws->db().Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  if (!checkpoint.ok()) return checkpoint.status();
  r->purged = checkpoint->Step() && checkpoint->Int(0) == 0;
  return r;
}

}  // namespace vtaudit
