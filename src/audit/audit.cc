#include "audit.h"

#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

#include "audit_start.h"
#include "privacy.h"
#include "problems.h"
#include "timeliness.h"

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

std::string_view AuditStatusLabel(AuditStatus s) {
  switch (s) {
    case AuditStatus::kDraft:
      return "werkversie";
    case AuditStatus::kConcept:
      return "concept";
    case AuditStatus::kFinal:
      return "definitief";
  }
  return "werkversie";
}

std::optional<AuditStatus> AuditStatusFromName(std::string_view name) {
  for (AuditStatus s : {AuditStatus::kDraft, AuditStatus::kConcept, AuditStatus::kFinal}) {
    if (AuditStatusName(s) == name) return s;
  }
  return std::nullopt;
}

Date Audit::period_start() const { return *Date::FromYmd(period, 1, 1); }
Date Audit::period_end() const { return *Date::FromYmd(period, 12, 31); }

namespace {

Status AsOfBeforePeriod(Date as_of, Date start) {
  return Status::Invalid(
      "the peildatum " + as_of.ToIso() + " lies before the period starts (" + start.ToIso() + ")",
      Problem("problem.audit.as_of_before", {{"as_of", as_of.ToIso()}, {"start", start.ToIso()}}));
}

Status CheckInspectorName(const std::string& name) {
  if (name.empty()) {
    return Status::Invalid("an inspector needs a name", Problem("problem.audit.inspector_no_name"));
  }
  if (name.size() > 64) {
    return Status::Invalid("an inspector's name has at most 64 bytes",
                           Problem("problem.audit.inspector_too_long"));
  }
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      return Status::Invalid("an inspector's name holds a control character",
                             Problem("problem.audit.inspector_control"));
    }
  }
  if (name.front() == ' ' || name.back() == ' ') {
    return Status::Invalid("an inspector's name starts or ends with a space: '" + name + "'",
                           Problem("problem.audit.inspector_space", {{"name", name}}));
  }
  if (ContainsBsn(name)) {
    return Status::Invalid("an inspector's name holds a number that passes the BSN eleven test",
                           Problem("problem.audit.inspector_bsn"));
  }
  return Status::Ok();
}

// REQUIRES: inside a transaction.
Status AddInspector(Workspace* ws, int64_t id, const std::string& name, const std::string& actor) {
  if (Status s = CheckInspectorName(name); !s.ok()) return s;
  Result<Statement> q =
      ws->db().Prepare("INSERT OR IGNORE INTO audit_inspector (audit, name) VALUES (?, ?)");
  if (!q.ok()) return q.status();
  if (Status s = q->Bind(1, id).Bind(2, name).Run(); !s.ok()) return s;
  if (ws->db().Changes() == 0) {
    return Status::Invalid("inspector " + name + " is on audit " + std::to_string(id) + " already",
                           Problem("problem.audit.inspector_already",
                                   {{"inspector", name}, {"audit", std::to_string(id)}}));
  }
  return RecordAuditEvent(ws, id, "inspector_added", name, "", actor);
}

}  // namespace

Status RecordAuditEvent(Workspace* ws, int64_t audit, std::string_view kind,
                        const std::string& detail, const std::string& reason,
                        const std::string& actor) {
  Result<Statement> q = ws->db().Prepare(
      "INSERT INTO audit_event (uid, audit, kind, detail, reason, actor, at) "
      "VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  return q->Bind(1, audit)
      .Bind(2, kind)
      .Bind(3, detail)
      .Bind(4, reason)
      .Bind(5, actor)
      .Bind(6, UtcNowIso())
      .Run();
}

Result<Audit> CreateAudit(Workspace* ws, const NewAudit& request) {
  return StartAudit(ws, {request});
}

Result<Audit> StartAudit(Workspace* ws, const AuditStart& start_with) {
  const NewAudit& request = start_with.audit;
  if (request.period < 1900 || request.period > 9999) {
    return Status::Invalid(
        "the period must be a year (1900..9999), got " + std::to_string(request.period),
        Problem("problem.audit.period_not_a_year", {{"period", std::to_string(request.period)}}));
  }
  const Date today = request.today.value_or(Date::Today());
  const Date start = *Date::FromYmd(request.period, 1, 1);
  if (today < start) {
    return Status::Invalid(
        "the period " + std::to_string(request.period) + " has not started (it starts on " +
            start.ToIso() + ")",
        Problem("problem.audit.period_not_started",
                {{"period", std::to_string(request.period)}, {"start", start.ToIso()}}));
  }
  if (request.as_of && *request.as_of < start) {
    return AsOfBeforePeriod(*request.as_of, start);
  }
  Result<Organisation> org = ws->FindOrganisation(request.org);
  if (!org.ok()) return org.status();
  std::string bytes;
  Result<Framework> framework =
      Status::NotFound("no framework given", Problem("problem.audit.no_framework"));
  if (!start_with.framework_sha256.empty()) {
    framework = ws->LoadFramework(start_with.framework_sha256);
  } else {
    std::ifstream in(request.framework_path, std::ios::binary);
    if (!in) {
      return Status::NotFound(
          request.framework_path + ": cannot read the framework file",
          Problem("problem.audit.framework_unreadable", {{"where", request.framework_path}}));
    }
    std::stringstream content;
    content << in.rdbuf();
    bytes = content.str();
    framework = ParseFramework(bytes, request.framework_path);
  }
  if (!framework.ok()) return framework.status();
  std::optional<Date> as_of = request.as_of;
  if (!as_of && start_with.calendar) {
    as_of = DefaultAsOf(request.period, *framework, *start_with.calendar, today);
  }
  if (!request.force) {
    Result<Statement> q = ws->db().Prepare(
        "SELECT min(id) FROM audit WHERE org = ? AND period = ? HAVING count(*) > 0");
    if (!q.ok()) return q.status();
    q->Bind(1, request.org).Bind(2, request.period);
    if (q->Step()) {
      const std::string audit = std::to_string(q->Int(0));
      return Status::Conflict(
          "audit " + audit + " already covers " + request.org + " " +
              std::to_string(request.period) +
              "; add --force for a second audit of the same period",
          Problem("problem.audit.exists", {{"audit", audit},
                                           {"org", request.org},
                                           {"period", std::to_string(request.period)}}));
    }
    if (!q->status().ok()) return q->status();
  }

  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  if (start_with.framework_sha256.empty()) {
    if (Result<bool> stored = ws->StoreFramework(*framework, bytes, request.framework_path);
        !stored.ok()) {
      return stored.status();
    }
  }
  Result<Statement> q = ws->db().Prepare(
      "INSERT INTO audit (org, period, framework, status, created_at, as_of) VALUES (?, ?, ?, "
      "'draft', ?, ?)");
  if (!q.ok()) return q.status();
  q->Bind(1, request.org).Bind(2, request.period).Bind(3, framework->sha256).Bind(4, UtcNowIso());
  if (as_of) {
    q->Bind(5, as_of->ToIso());
  } else {
    q->BindNull(5);
  }
  if (Status s = q->Run(); !s.ok()) return s;
  const int64_t id = ws->db().LastInsertId();
  for (const std::string& name : request.inspectors) {
    if (Status s = AddInspector(ws, id, name, ""); !s.ok()) return s;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return FindAudit(ws, id);
}

namespace {

constexpr const char* kAuditColumns =
    "SELECT a.id, a.org, a.period, a.framework, f.id, f.version, a.status, a.created_at, "
    "a.as_of FROM audit a JOIN framework f ON f.sha256 = a.framework";

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
  if (!q.IsNull(8)) a.as_of = Date::ParseIso(q.Text(8));
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
    return Status::NotFound(
        "no audit with id " + std::to_string(id) + " in this workspace (see `vtaudit audit list`)",
        Problem("problem.audit.not_found", {{"audit", std::to_string(id)}}));
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
                                std::string(AuditStatusName(status)),
                            Problem("problem.audit.final_status",
                                    {{"audit", std::to_string(id)},
                                     {"state", std::string(AuditStatusName(status))},
                                     {"state_nl", std::string(AuditStatusLabel(status))}}));
  }
  Result<Statement> q = ws->db().Prepare("UPDATE audit SET status = ? WHERE id = ?");
  if (!q.ok()) return q.status();
  return q->Bind(1, AuditStatusName(status)).Bind(2, id).Run();
}

Status ChangeInspectors(Workspace* ws, int64_t id, const std::vector<std::string>& add,
                        const std::vector<std::string>& remove, const std::string& actor) {
  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  Result<Audit> audit = FindAudit(ws, id);
  if (!audit.ok()) return audit.status();
  if (audit->status == AuditStatus::kFinal) {
    return Status::Conflict(
        "audit " + std::to_string(id) + " is final: its inspectors can no longer change",
        Problem("problem.audit.final_inspectors", {{"audit", std::to_string(id)}}));
  }
  for (const std::string& name : add) {
    if (Status s = AddInspector(ws, id, name, actor); !s.ok()) return s;
  }
  for (const std::string& name : remove) {
    Result<Statement> q =
        ws->db().Prepare("DELETE FROM audit_inspector WHERE audit = ? AND name = ?");
    if (!q.ok()) return q.status();
    if (Status s = q->Bind(1, id).Bind(2, name).Run(); !s.ok()) return s;
    if (ws->db().Changes() == 0) {
      return Status::Invalid("inspector " + name + " is not on audit " + std::to_string(id),
                             Problem("problem.audit.inspector_not_on",
                                     {{"inspector", name}, {"audit", std::to_string(id)}}));
    }
    if (Status s = RecordAuditEvent(ws, id, "inspector_removed", name, "", actor); !s.ok())
      return s;
  }
  return tx.Commit();
}

Result<std::vector<AuditEvent>> AuditEvents(Workspace* ws, int64_t id) {
  if (Result<Audit> a = FindAudit(ws, id); !a.ok()) return a.status();
  Result<Statement> q = ws->db().Prepare(
      "SELECT id, kind, detail, reason, actor, at FROM audit_event WHERE audit = ? ORDER BY id");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  std::vector<AuditEvent> out;
  while (q->Step()) {
    out.push_back({q->Int(0), q->Text(1), q->Text(2), q->Text(3), q->Text(4), q->Text(5)});
  }
  if (!q->status().ok()) return q->status();
  return out;
}

Result<Audit> FindDraftAudit(Workspace* ws, int64_t id, const DraftChange& change) {
  Result<Audit> audit = FindAudit(ws, id);
  if (!audit.ok()) return audit.status();
  if (audit->status != AuditStatus::kDraft) {
    const std::string state(AuditStatusName(audit->status));
    std::map<std::string, std::string> args = {
        {"audit", std::to_string(id)},
        {"state", state},
        {"state_nl", std::string(AuditStatusLabel(audit->status))},
        {"what", std::string(change.what)}};
    PutReason(&args, "what", Problem(change.key));
    return Status::Conflict("audit " + std::to_string(id) + " is " + state +
                                ": set it back to draft to " + std::string(change.what),
                            Problem("problem.audit.not_draft", std::move(args)));
  }
  return audit;
}

Status UnknownCriterion(const std::string& criterion, const Framework& framework) {
  return Status::Invalid("unknown criterion '" + criterion + "' in framework " + framework.id +
                             " " + framework.version,
                         Problem("problem.unknown_criterion", {{"criterion", criterion},
                                                               {"framework", framework.id},
                                                               {"version", framework.version}}));
}

Status SetAuditAsOf(Workspace* ws, int64_t id, Date as_of, const std::string& actor) {
  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  Result<Audit> audit =
      FindDraftAudit(ws, id, {"change its peildatum", "problem.audit.to_change_as_of"});
  if (!audit.ok()) return audit.status();
  if (as_of < audit->period_start()) {
    return AsOfBeforePeriod(as_of, audit->period_start());
  }
  Result<Statement> q = ws->db().Prepare("UPDATE audit SET as_of = ? WHERE id = ?");
  if (!q.ok()) return q.status();
  if (Status s = q->Bind(1, as_of.ToIso()).Bind(2, id).Run(); !s.ok()) return s;
  const std::string before = audit->as_of ? audit->as_of->ToIso() : "default";
  if (Status s = RecordAuditEvent(ws, id, "as_of", before + " → " + as_of.ToIso(), "", actor);
      !s.ok()) {
    return s;
  }
  return tx.Commit();
}

}  // namespace vtaudit
