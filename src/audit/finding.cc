#include "finding.h"

#include <algorithm>
#include <map>

#include "audit.h"
#include "escape.h"
#include "framework.h"
#include "privacy.h"
#include "problems.h"

namespace vtaudit {
namespace {

constexpr std::string_view kColumns =
    "id, uid, subject, kind, text, evidence, inspector, at FROM finding WHERE audit = ?";

// In time order, ties (one second) in the order written here: the same on every laptop
// whatever order bundles brought them in (docs/bundles.md), and on one machine the order
// they were written.
Result<std::vector<Finding>> ReadFindings(Workspace* ws, int64_t audit) {
  Result<Statement> q = ws->db().Prepare("SELECT " + std::string(kColumns) + " ORDER BY at, id");
  if (!q.ok()) return q.status();
  q->Bind(1, audit);
  std::vector<Finding> out;
  while (q->Step()) {
    out.push_back({q->Int(0), q->Text(1), q->Text(2), q->Text(3), q->Text(4), q->Text(5),
                   q->Text(6), q->Text(7)});
  }
  if (!q->status().ok()) return q->status();
  return out;
}

// The framework's standards and criteria in reading order, each with its kind.
std::vector<std::pair<std::string, std::string>> Subjects(const Framework& f) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Domain& d : f.domains) {
    for (const Standard& s : d.standards) {
      out.emplace_back(s.id, "standard");
      for (const Criterion& c : s.criteria) out.emplace_back(c.id, "criterion");
    }
  }
  return out;
}

}  // namespace

Result<Finding> SetFinding(Workspace* ws, const FindingInput& in) {
  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  Result<Audit> audit = FindAudit(ws, in.audit);
  if (!audit.ok()) return audit.status();
  const std::string number = std::to_string(in.audit);
  const std::string name = "audit " + number;
  if (audit->status == AuditStatus::kFinal) {
    return Status::Conflict(name + " is final: its findings can no longer change",
                            Problem("problem.finding.final", {{"audit", number}}));
  }
  if (audit->status == AuditStatus::kConcept) {
    return Status::Conflict(name + " is a concept: set it back to draft to change its findings",
                            Problem("problem.finding.concept", {{"audit", number}}));
  }
  Result<Framework> f = ws->LoadFramework(audit->framework_sha256);
  if (!f.ok()) return f.status();
  std::vector<std::string> problems;
  std::vector<ProblemCode> codes;  // one per problem
  const auto refuse = [&](std::string message, std::string_view key,
                          std::map<std::string, std::string> args = {}) {
    problems.push_back(std::move(message));
    codes.push_back(Problem(key, std::move(args)));
  };
  std::string kind;
  for (const auto& [id, k] : Subjects(*f)) {
    if (id == in.subject) kind = k;
  }
  if (kind.empty()) {
    refuse("unknown criterion or standard '" + EscapeControl(in.subject) + "' in framework " +
               f->id + " " + f->version,
           "problem.finding.unknown_subject",
           {{"subject", EscapeControl(in.subject)}, {"framework", f->id}, {"version", f->version}});
  }
  if (in.text.empty()) {
    refuse("a finding needs its text (--text or --file)", "problem.finding.no_text");
  }
  if (ContainsBsn(in.text) || ContainsBsn(in.evidence)) {
    refuse("the finding holds a number that passes the BSN eleven test; leave personal data out",
           "problem.finding.bsn");
  }
  if (in.inspector.empty()) {
    refuse("no inspector named (--inspector or $VTAUDIT_INSPECTOR)",
           "problem.finding.no_inspector");
  } else if (!std::binary_search(audit->inspectors.begin(), audit->inspectors.end(),
                                 in.inspector)) {
    refuse("inspector " + EscapeControl(in.inspector) + " is not on " + name +
               "; add them with `vtaudit audit inspectors --audit " + number + " --add NAME`",
           "problem.finding.not_on_audit",
           {{"inspector", EscapeControl(in.inspector)}, {"audit", number}});
  }
  if (!problems.empty()) return Status::InvalidAll(std::move(problems), std::move(codes));
  Result<Statement> q = ws->db().Prepare(
      "INSERT INTO finding (uid, audit, subject, kind, text, evidence, inspector, at) "
      "VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->Bind(1, in.audit).Bind(2, in.subject).Bind(3, kind).Bind(4, in.text).Bind(5, in.evidence);
  q->Bind(6, in.inspector).Bind(7, UtcNowIso());
  if (Status s = q->Run(); !s.ok()) return s;
  const int64_t id = ws->db().LastInsertId();
  Result<std::vector<Finding>> all = ReadFindings(ws, in.audit);
  if (!all.ok()) return all.status();
  if (Status s = tx.Commit(); !s.ok()) return s;
  for (const Finding& x : *all) {
    if (x.id == id) return x;
  }
  return Status::Internal("finding " + std::to_string(id) + " not found after writing it");
}

Result<std::vector<Finding>> CurrentFindings(Workspace* ws, int64_t audit_id) {
  Result<Audit> audit = FindAudit(ws, audit_id);
  if (!audit.ok()) return audit.status();
  Result<Framework> f = ws->LoadFramework(audit->framework_sha256);
  if (!f.ok()) return f.status();
  Result<std::vector<Finding>> all = ReadFindings(ws, audit_id);
  if (!all.ok()) return all.status();
  std::map<std::string, Finding> latest;
  for (Finding& x : *all) latest[x.subject] = std::move(x);
  std::vector<Finding> out;
  for (const auto& [id, kind] : Subjects(*f)) {
    if (auto it = latest.find(id); it != latest.end()) out.push_back(std::move(it->second));
  }
  return out;
}

Result<std::vector<Finding>> FindingHistory(Workspace* ws, int64_t audit) {
  Result<Audit> a = FindAudit(ws, audit);
  if (!a.ok()) return a.status();
  return ReadFindings(ws, audit);
}

}  // namespace vtaudit
