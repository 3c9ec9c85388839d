#include "response.h"

#include "audit.h"
#include "privacy.h"
#include "problems.h"
#include "snapshot.h"

namespace vtaudit {

namespace {

// Conflict: the responses of a final audit stay as they are.
Status FinalRefused(int64_t audit) {
  return Status::Conflict(
      "audit " + std::to_string(audit) + " is final: its responses can no longer change",
      Problem("problem.response.final", {{"audit", std::to_string(audit)}}));
}

}  // namespace

Result<Response> AddResponse(Workspace* ws, const NewResponse& r) {
  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  Result<Audit> audit = FindAudit(ws, r.audit);
  if (!audit.ok()) return audit.status();
  const std::string number = std::to_string(r.audit);
  if (audit->status == AuditStatus::kFinal) return FinalRefused(r.audit);
  Result<std::optional<AuditSnapshot>> frozen = LatestSnapshot(ws, r.audit);
  if (!frozen.ok()) return frozen.status();
  if (!*frozen) {
    return Status::Conflict(
        "audit " + number + " has no concept yet to respond to (`vtaudit audit status --audit " +
            number + " concept`)",
        Problem("problem.response.no_concept", {{"audit", number}}));
  }
  if (r.text.empty()) {
    return Status::Invalid("a response needs its text (--text or --file)",
                           Problem("problem.response.no_text"));
  }
  if (ContainsBsn(r.text) || ContainsBsn(r.source)) {
    return Status::Invalid(
        "the response holds a number that passes the BSN eleven test; leave personal data out",
        Problem("problem.response.bsn"));
  }
  if (!r.criterion.empty()) {
    Result<Framework> f = ws->LoadFramework(audit->framework_sha256);
    if (!f.ok()) return f.status();
    if (!f->FindCriterion(r.criterion)) {
      return UnknownCriterion(r.criterion, *f);
    }
  }
  Result<Statement> q = ws->db().Prepare(
      "INSERT INTO audit_response (uid, audit, criterion, text, source, received, version, "
      "recorded_by, at) VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->Bind(1, r.audit).Bind(2, r.criterion).Bind(3, r.text).Bind(4, r.source);
  q->Bind(5, r.received.ToIso()).Bind(6, (*frozen)->version).Bind(7, r.actor).Bind(8, UtcNowIso());
  if (Status s = q->Run(); !s.ok()) return s;
  const int64_t id = ws->db().LastInsertId();
  if (Status s = tx.Commit(); !s.ok()) return s;
  Result<std::vector<Response>> all = Responses(ws, r.audit);
  if (!all.ok()) return all.status();
  for (const Response& x : *all) {
    if (x.id == id) return x;
  }
  return Status::Internal("response " + std::to_string(id) + " not found after writing it");
}

Status DecideResponse(Workspace* ws, int64_t audit, int64_t response, const std::string& decision,
                      const std::string& reason, const std::string& actor) {
  if (decision != "accepted" && decision != "rejected") {
    return Status::Invalid("a decision is accepted or rejected, got '" + decision + "'",
                           Problem("problem.response.not_a_decision", {{"decision", decision}}));
  }
  if (reason.empty()) {
    return Status::Invalid("a decision needs its reason (--reason TEXT)",
                           Problem("problem.response.decision_needs_reason"));
  }
  if (ContainsBsn(reason)) {
    return Status::Invalid(
        "the reason holds a number that passes the BSN eleven test; leave personal data out",
        Problem("problem.response.reason_bsn"));
  }
  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  Result<Audit> a = FindAudit(ws, audit);
  if (!a.ok()) return a.status();
  if (a->status == AuditStatus::kFinal) return FinalRefused(audit);
  Result<Statement> find =
      ws->db().Prepare("SELECT count(*) FROM audit_response WHERE id = ? AND audit = ?");
  if (!find.ok()) return find.status();
  find->Bind(1, response).Bind(2, audit);
  if (!find->Step() || find->Int(0) == 0) {
    return Status::NotFound(
        "audit " + std::to_string(audit) + " has no response " + std::to_string(response) +
            " (see `vtaudit response list`)",
        Problem("problem.response.not_found",
                {{"audit", std::to_string(audit)}, {"response", std::to_string(response)}}));
  }
  Result<Statement> q = ws->db().Prepare(
      "INSERT INTO response_decision (uid, response, decision, reason, decided_by, at) VALUES "
      "(lower(hex(randomblob(16))), ?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->Bind(1, response).Bind(2, decision).Bind(3, reason).Bind(4, actor).Bind(5, UtcNowIso());
  if (Status s = q->Run(); !s.ok()) return s;
  return tx.Commit();
}

Result<std::vector<Response>> Responses(Workspace* ws, int64_t audit) {
  Result<Statement> q = ws->db().Prepare(
      "SELECT r.id, r.audit, r.criterion, r.text, r.source, r.received, r.version, "
      "r.recorded_by, r.at, d.decision, d.reason, d.decided_by, d.at FROM audit_response r "
      "LEFT JOIN response_decision d ON d.id = (SELECT max(x.id) FROM response_decision x "
      "WHERE x.response = r.id) WHERE r.audit = ? ORDER BY r.id");
  if (!q.ok()) return q.status();
  q->Bind(1, audit);
  std::vector<Response> out;
  while (q->Step()) {
    Response r{q->Int(0),
               q->Int(1),
               q->Text(2),
               q->Text(3),
               q->Text(4),
               q->Text(5),
               static_cast<int>(q->Int(6)),
               q->Text(7),
               q->Text(8),
               q->OptionalText(9),
               q->Text(10),
               q->Text(11),
               q->Text(12)};
    out.push_back(std::move(r));
  }
  if (!q->status().ok()) return q->status();
  return out;
}

}  // namespace vtaudit
