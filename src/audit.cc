#include "audit.h"

#include <ctime>
#include <fstream>
#include <sstream>

namespace vtaudit {

std::string_view AuditStatusName(AuditStatus s) {
  switch (s) {
    case AuditStatus::kDraft:
      return "draft";
    case AuditStatus::kConcept:
      return "concept";
    case AuditStatus::kFinal:
      return "final";
  }
  return "draft";
}

std::optional<AuditStatus> AuditStatusFromName(std::string_view name) {
  for (AuditStatus s : {AuditStatus::kDraft, AuditStatus::kConcept, AuditStatus::kFinal}) {
    if (AuditStatusName(s) == name) return s;
  }
  return std::nullopt;
}

Date Audit::period_start() const { return *Date::FromYmd(period, 1, 1); }
Date Audit::period_end() const { return *Date::FromYmd(period, 12, 31); }

Status AddInspector(Workspace* ws, int64_t id, const std::string& name) {
  if (name.empty()) return Status::Invalid("an inspector needs a name");
  Result<Statement> q =
      ws->db().Prepare("INSERT OR IGNORE INTO audit_inspector (audit, name) VALUES (?, ?)");
  if (!q.ok()) return q.status();
  return q->Bind(1, id).Bind(2, name).Run();
}

Result<Audit> CreateAudit(Workspace* ws, const NewAudit& request) {
  if (request.period < 1900 || request.period > 9999) {
    return Status::Invalid("the period must be a year (1900..9999), got " +
                           std::to_string(request.period));
  }
  Result<Organisation> org = ws->FindOrganisation(request.org);
  if (!org.ok()) return org.status();
  std::ifstream in(request.framework_path, std::ios::binary);
  if (!in) return Status::NotFound(request.framework_path + ": cannot read the framework file");
  std::stringstream content;
  content << in.rdbuf();
  const std::string bytes = content.str();
  Result<Framework> framework = ParseFramework(bytes, request.framework_path);
  if (!framework.ok()) return framework.status();

  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  if (Result<bool> stored = ws->StoreFramework(*framework, bytes, request.framework_path);
      !stored.ok()) {
    return stored.status();
  }
  Result<Statement> q = ws->db().Prepare(
      "INSERT INTO audit (org, period, framework, status, created_at) VALUES (?, ?, ?, 'draft', "
      "?)");
  if (!q.ok()) return q.status();
  q->Bind(1, request.org).Bind(2, request.period).Bind(3, framework->sha256).Bind(4, UtcNowIso());
  if (Status s = q->Run(); !s.ok()) return s;
  const int64_t id = ws->db().LastInsertId();
  for (const std::string& name : request.inspectors) {
    if (Status s = AddInspector(ws, id, name); !s.ok()) return s;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return FindAudit(ws, id);
}

namespace {

constexpr const char* kAuditColumns =
    "SELECT a.id, a.org, a.period, a.framework, f.id, f.version, a.status, a.created_at "
    "FROM audit a JOIN framework f ON f.sha256 = a.framework";

Audit ReadAudit(const Statement& q) {
  Audit a;
  a.id = q.Int(0);
  a.org = q.Text(1);
  a.period = static_cast<int>(q.Int(2));
  a.framework_sha256 = q.Text(3);
  a.framework_id = q.Text(4);
  a.framework_version = q.Text(5);
  a.status = AuditStatusFromName(q.Text(6)).value_or(AuditStatus::kDraft);
  a.created_at = q.Text(7);
  return a;
}

Status LoadInspectors(Workspace* ws, Audit* a) {
  Result<Statement> q =
      ws->db().Prepare("SELECT name FROM audit_inspector WHERE audit = ? ORDER BY name");
  if (!q.ok()) return q.status();
  q->Bind(1, a->id);
  while (q->Step()) a->inspectors.push_back(q->Text(0));
  return q->status();
}

}  // namespace

Result<std::vector<Audit>> ListAudits(Workspace* ws) {
  Result<Statement> q = ws->db().Prepare(std::string(kAuditColumns) + " ORDER BY a.id");
  if (!q.ok()) return q.status();
  std::vector<Audit> out;
  while (q->Step()) out.push_back(ReadAudit(*q));
  if (!q->status().ok()) return q->status();
  for (Audit& a : out) {
    if (Status s = LoadInspectors(ws, &a); !s.ok()) return s;
  }
  return out;
}

Result<Audit> FindAudit(Workspace* ws, int64_t id) {
  Result<Statement> q = ws->db().Prepare(std::string(kAuditColumns) + " WHERE a.id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return Status::NotFound("no audit with id " + std::to_string(id) +
                            " in this workspace (see `vtaudit audit list`)");
  }
  Audit a = ReadAudit(*q);
  if (Status s = LoadInspectors(ws, &a); !s.ok()) return s;
  return a;
}

Status SetAuditStatus(Workspace* ws, int64_t id, AuditStatus status) {
  Result<Audit> audit = FindAudit(ws, id);
  if (!audit.ok()) return audit.status();
  if (audit->status == AuditStatus::kFinal && status != AuditStatus::kFinal) {
    return Status::Conflict("audit " + std::to_string(id) + " is final and cannot go back to " +
                            std::string(AuditStatusName(status)));
  }
  Result<Statement> q = ws->db().Prepare("UPDATE audit SET status = ? WHERE id = ?");
  if (!q.ok()) return q.status();
  return q->Bind(1, AuditStatusName(status)).Bind(2, id).Run();
}

}  // namespace vtaudit
