#include "snapshot.h"

#include "case_store.h"

namespace vtaudit {
namespace {

constexpr const char* kSnapshotColumns =
    "SELECT s.id, s.audit, s.version, s.state, s.as_of, coalesce(s.cases_from, s.id), "
    "s.extract_id, s.extract_sha256, coalesce(e.file_name, ''), s.framework_sha256, s.calendar, "
    "s.inspectors, s.judgement, s.timeliness, s.created_at, s.created_by, s.uid, "
    "(SELECT o.partial FROM audit_snapshot o WHERE o.id = coalesce(s.cases_from, s.id)) "
    "FROM audit_snapshot s LEFT JOIN extract_file e ON e.id = s.extract_id";

AuditSnapshot ReadSnapshot(const Statement& q) {
  AuditSnapshot s;
  s.id = q.Int(0);
  s.audit = q.Int(1);
  s.version = static_cast<int>(q.Int(2));
  s.state = q.Text(3);
  s.as_of = Date::ParseIso(q.Text(4)).value_or(Date());
  s.cases = q.Int(5);
  if (!q.IsNull(6)) s.extract_id = q.Int(6);
  s.extract_sha256 = q.Text(7);
  s.extract_file = q.Text(8);
  s.framework_sha256 = q.Text(9);
  s.calendar = q.Text(10);
  s.inspectors = q.Text(11);
  s.judgement = q.Text(12);
  s.timeliness = q.Text(13);
  s.created_at = q.Text(14);
  s.created_by = q.Text(15);
  s.uid = q.Text(16);
  s.partial = q.Int(17) != 0;
  return s;
}

Status LoadMeasured(Workspace* ws, AuditSnapshot* s) {
  Result<Statement> q = ws->db().Prepare(
      "SELECT deadline, on_time, counted, norm, share FROM snapshot_measure WHERE snapshot = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, s->id);
  while (q->Step()) {
    MeasuredFigure m{static_cast<long>(q->Int(1)), static_cast<long>(q->Int(2)), q->Double(3),
                     std::nullopt};
    if (!q->IsNull(4)) m.share = q->Double(4);
    s->measured[q->Text(0)] = m;
  }
  return q->status();
}

}  // namespace

Result<std::vector<AuditSnapshot>> Snapshots(Workspace* ws, int64_t audit) {
  Result<Statement> q =
      ws->db().Prepare(std::string(kSnapshotColumns) + " WHERE s.audit = ? ORDER BY s.version");
  if (!q.ok()) return q.status();
  q->Bind(1, audit);
  std::vector<AuditSnapshot> out;
  while (q->Step()) out.push_back(ReadSnapshot(*q));
  if (!q->status().ok()) return q->status();
  for (AuditSnapshot& s : out) {
    if (Status st = LoadMeasured(ws, &s); !st.ok()) return st;
  }
  return out;
}

Result<std::optional<AuditSnapshot>> LatestSnapshot(Workspace* ws, int64_t audit) {
  Result<Statement> q = ws->db().Prepare(std::string(kSnapshotColumns) +
                                         " WHERE s.audit = ? ORDER BY s.version DESC LIMIT 1");
  if (!q.ok()) return q.status();
  q->Bind(1, audit);
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return std::optional<AuditSnapshot>();
  }
  AuditSnapshot s = ReadSnapshot(*q);
  q->Reset();
  if (Status st = LoadMeasured(ws, &s); !st.ok()) return st;
  return std::optional<AuditSnapshot>(std::move(s));
}

Result<AuditSnapshot> AppendSnapshot(Workspace* ws, const std::string& org, AuditSnapshot s) {
  Result<Statement> v =
      ws->db().Prepare("SELECT coalesce(max(version), 0) + 1 FROM audit_snapshot WHERE audit = ?");
  if (!v.ok()) return v.status();
  v->Bind(1, s.audit);
  if (!v->Step()) return v->status();
  s.version = static_cast<int>(v->Int(0));
  s.created_at = UtcNowIso();
  Result<Statement> q = ws->db().Prepare(
      "INSERT INTO audit_snapshot (audit, version, state, as_of, cases_from, extract_id, "
      "extract_sha256, framework_sha256, calendar, inspectors, judgement, timeliness, "
      "created_at, created_by, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "lower(hex(randomblob(16)))) RETURNING uid");
  if (!q.ok()) return q.status();
  q->Bind(1, s.audit).Bind(2, s.version).Bind(3, s.state).Bind(4, s.as_of.ToIso());
  if (s.cases) {
    q->Bind(5, s.cases);
  } else {
    q->BindNull(5);
  }
  if (s.extract_id) {
    q->Bind(6, *s.extract_id);
  } else {
    q->BindNull(6);
  }
  q->Bind(7, s.extract_sha256).Bind(8, s.framework_sha256).Bind(9, s.calendar);
  q->Bind(10, s.inspectors).Bind(11, s.judgement).Bind(12, s.timeliness);
  q->Bind(13, s.created_at).Bind(14, s.created_by);
  if (!q->Step()) return q->status().ok() ? Status::Internal("snapshot not stored") : q->status();
  s.uid = q->Text(0);
  if (Status st = q->Run(); !st.ok()) return st;
  s.id = ws->db().LastInsertId();
  Result<Statement> m = ws->db().Prepare(
      "INSERT INTO snapshot_measure (snapshot, deadline, on_time, counted, norm, share) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  if (!m.ok()) return m.status();
  for (const auto& [deadline, figure] : s.measured) {
    m->Reset();
    m->Bind(1, s.id).Bind(2, deadline).Bind(3, int64_t{figure.on_time});
    m->Bind(4, int64_t{figure.counted}).Bind(5, figure.norm);
    if (figure.share) {
      m->Bind(6, *figure.share);
    } else {
      m->BindNull(6);
    }
    if (Status st = m->Run(); !st.ok()) return st;
  }
  if (!s.cases) {
    if (Status st = CopyCasesToSnapshot(ws, org, s.id); !st.ok()) return st;
    s.cases = s.id;
  }
  return s;
}

Result<std::optional<Delivery>> LatestDelivery(Workspace* ws, const std::string& org) {
  Result<Statement> q = ws->db().Prepare(
      "SELECT id, sha256, file_name, imported_at FROM extract_file WHERE org = ? "
      "ORDER BY id DESC LIMIT 1");
  if (!q.ok()) return q.status();
  q->Bind(1, org);
  if (q->Step()) {
    return std::optional<Delivery>(Delivery{q->Int(0), q->Text(1), q->Text(2), q->Text(3)});
  }
  if (!q->status().ok()) return q->status();
  return std::optional<Delivery>();
}

}  // namespace vtaudit
