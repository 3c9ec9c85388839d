#include "bundle.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <memory>
#include <set>
#include <sstream>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "digest.h"
#include "escape.h"
#include "framework.h"
#include "judge_audit.h"
#include "problems.h"
#include "redaction.h"
#include "sample_draw.h"
#include "secure_delete.h"
#include "snapshot.h"

namespace vtaudit {
namespace {

// The bundle format this build writes and the newest it reads. A newer vtaudit that
// changes a table raises it; an older one then refuses the file instead of misreading it.
// Format 2 added the findings (table `finding`); a format 1 bundle still imports.
constexpr int kBundleFormat = 2;

// One table of the bundle: its name and columns (name and SQL type). The local ids of the
// workspace never travel: what refers to another row names its uid.
struct Column {
  const char* name;
  const char* type;
};
struct TableSpec {
  const char* name;
  std::vector<Column> columns;
  int since = 1;  // the first bundle format that holds the table
};

// `first`, then the columns of a case: the workspace's cases and a snapshot's hold the same.
std::vector<Column> CaseColumns(std::vector<Column> first) {
  for (const Column& c : std::initializer_list<Column>{{"case_id", "TEXT NOT NULL"},
                                                       {"advies", "INTEGER NOT NULL"},
                                                       {"violence", "TEXT NOT NULL"},
                                                       {"received", "INTEGER NOT NULL"},
                                                       {"triaged", "INTEGER"},
                                                       {"safety_assessed", "INTEGER"},
                                                       {"outcome", "TEXT NOT NULL"},
                                                       {"investigation_decided", "INTEGER"},
                                                       {"investigation_started", "INTEGER"},
                                                       {"investigation_completed", "INTEGER"},
                                                       {"rvdk", "INTEGER NOT NULL"},
                                                       {"disclosure", "INTEGER NOT NULL"}}) {
    first.push_back(c);
  }
  return first;
}

const std::vector<TableSpec>& Tables() {
  static const std::vector<TableSpec> kTables = {
      {"audit",
       {{"uid", "TEXT NOT NULL"},
        {"org", "TEXT NOT NULL"},
        {"org_name", "TEXT NOT NULL"},
        {"org_region", "TEXT NOT NULL"},
        {"period", "INTEGER NOT NULL"},
        {"framework", "TEXT NOT NULL"},
        {"status", "TEXT NOT NULL"},
        {"created_at", "TEXT NOT NULL"},
        {"as_of", "TEXT"},
        {"delivery_file", "TEXT NOT NULL"},
        {"delivery_sha256", "TEXT NOT NULL"}}},
      {"framework",
       {{"sha256", "TEXT NOT NULL"},
        {"id", "TEXT NOT NULL"},
        {"version", "TEXT NOT NULL"},
        {"title", "TEXT NOT NULL"},
        {"path", "TEXT NOT NULL"},
        {"content", "BLOB NOT NULL"}}},
      {"inspector", {{"name", "TEXT NOT NULL"}}},
      {"sample_draw",
       {{"uid", "TEXT NOT NULL"},
        {"seed", "TEXT NOT NULL"},
        {"method", "TEXT NOT NULL"},
        {"stratify", "TEXT NOT NULL"},
        {"where_condition", "TEXT NOT NULL"},
        {"population", "INTEGER NOT NULL"},
        {"population_sha256", "TEXT NOT NULL"},
        {"size", "INTEGER NOT NULL"},
        {"strata", "TEXT NOT NULL"},
        {"drawn_at", "TEXT NOT NULL"},
        {"replaced_by", "TEXT"},
        {"extract_sha256", "TEXT NOT NULL"},
        {"extract_file", "TEXT NOT NULL"}}},
      {"sample_case",
       {{"draw", "TEXT NOT NULL"},
        {"case_id", "TEXT NOT NULL"},
        {"stratum", "TEXT NOT NULL"},
        {"draw_order", "INTEGER NOT NULL"}}},
      {"case_data", CaseColumns({})},
      {"response",
       {{"seq", "INTEGER NOT NULL"},
        {"uid", "TEXT NOT NULL"},
        {"criterion", "TEXT NOT NULL"},
        {"text", "TEXT NOT NULL"},
        {"source", "TEXT NOT NULL"},
        {"received", "TEXT NOT NULL"},
        {"version", "INTEGER NOT NULL"},
        {"recorded_by", "TEXT NOT NULL"},
        {"at", "TEXT NOT NULL"}}},
      {"response_decision",
       {{"seq", "INTEGER NOT NULL"},
        {"uid", "TEXT NOT NULL"},
        {"response", "TEXT NOT NULL"},
        {"decision", "TEXT NOT NULL"},
        {"reason", "TEXT NOT NULL"},
        {"decided_by", "TEXT NOT NULL"},
        {"at", "TEXT NOT NULL"}}},
      {"audit_event",
       {{"seq", "INTEGER NOT NULL"},
        {"uid", "TEXT NOT NULL"},
        {"kind", "TEXT NOT NULL"},
        {"detail", "TEXT NOT NULL"},
        {"reason", "TEXT NOT NULL"},
        {"actor", "TEXT NOT NULL"},
        {"at", "TEXT NOT NULL"}}},
      {"score_event",
       {{"seq", "INTEGER NOT NULL"},
        {"uid", "TEXT NOT NULL"},
        {"case_id", "TEXT NOT NULL"},
        {"criterion", "TEXT NOT NULL"},
        {"inspector", "TEXT NOT NULL"},
        {"kind", "TEXT NOT NULL"},
        {"old_result", "TEXT"},
        {"new_result", "TEXT"},
        {"old_note", "TEXT"},
        {"note", "TEXT NOT NULL"},
        {"at", "TEXT NOT NULL"},
        {"response", "TEXT"},
        {"note_redaction", "TEXT"},
        {"old_note_redaction", "TEXT"}}},
      {"score_basis",
       {{"event", "TEXT NOT NULL"}, {"inspector", "TEXT NOT NULL"}, {"result", "TEXT NOT NULL"}}},
      {"snapshot",
       {{"uid", "TEXT NOT NULL"},
        {"version", "INTEGER NOT NULL"},
        {"state", "TEXT NOT NULL"},
        {"as_of", "TEXT NOT NULL"},
        {"cases_from", "TEXT"},
        {"extract_sha256", "TEXT NOT NULL"},
        {"extract_file", "TEXT NOT NULL"},
        {"framework_sha256", "TEXT NOT NULL"},
        {"calendar", "TEXT NOT NULL"},
        {"inspectors", "TEXT NOT NULL"},
        {"judgement", "TEXT NOT NULL"},
        {"timeliness", "TEXT NOT NULL"},
        {"created_at", "TEXT NOT NULL"},
        {"created_by", "TEXT NOT NULL"}}},
      {"snapshot_case", CaseColumns({{"snapshot", "TEXT NOT NULL"}})},
      {"snapshot_measure",
       {{"snapshot", "TEXT NOT NULL"},
        {"deadline", "TEXT NOT NULL"},
        {"on_time", "INTEGER NOT NULL"},
        {"counted", "INTEGER NOT NULL"},
        {"norm", "REAL NOT NULL"},
        {"share", "REAL"}}},
      {"report_version",
       {{"version", "INTEGER NOT NULL"},
        {"format", "TEXT NOT NULL"},
        {"lang", "TEXT NOT NULL"},
        {"sha256", "TEXT NOT NULL"},
        {"content", "BLOB NOT NULL"},
        {"written_at", "TEXT NOT NULL"}}},
      {"finding",
       {{"seq", "INTEGER NOT NULL"},
        {"uid", "TEXT NOT NULL"},
        {"subject", "TEXT NOT NULL"},
        {"kind", "TEXT NOT NULL"},
        {"text", "TEXT NOT NULL"},
        {"evidence", "TEXT NOT NULL"},
        {"inspector", "TEXT NOT NULL"},
        {"at", "TEXT NOT NULL"}},
       2},
      // Which population each draw took (sample_draw.h: the cases a case criterion applies
      // to, or all), and its reserve list.
      {"sample_draw_rule", {{"draw", "TEXT NOT NULL"}, {"population_rule", "TEXT NOT NULL"}}, 2},
      {"sample_reserve",
       {{"draw", "TEXT NOT NULL"},
        {"case_id", "TEXT NOT NULL"},
        {"stratum", "TEXT NOT NULL"},
        {"reserve_order", "INTEGER NOT NULL"}},
       2},
  };
  return kTables;
}

std::string ColumnList(const TableSpec& t) {
  std::string out;
  for (const Column& c : t.columns) out += std::string(out.empty() ? "" : ", ") + c.name;
  return out;
}

// A statement on a raw connection: the bundle is read through SQLite's own types, so that
// the digest sees what is stored, not what a typed accessor makes of it.
class RawStatement {
 public:
  RawStatement(sqlite3* db, const std::string& sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr);
  }
  ~RawStatement() { sqlite3_finalize(stmt_); }
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;

  bool prepared() const { return rc_ == SQLITE_OK; }
  // True while a row is ready; error() tells a failure from the end.
  bool Step() {
    rc_ = sqlite3_step(stmt_);
    return rc_ == SQLITE_ROW;
  }
  bool failed() const { return rc_ != SQLITE_OK && rc_ != SQLITE_ROW && rc_ != SQLITE_DONE; }
  std::string error() const { return sqlite3_errmsg(db_); }
  int code() const { return sqlite3_errcode(db_) & 0xff; }
  sqlite3_stmt* get() { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

// NotFound: `name` is no file.
Status NoSuchBundle(const std::string& name) {
  return Status::NotFound(name + ": no such bundle file",
                          Problem("problem.bundle.no_such_file", {{"bundle", name}}));
}

// The refusal of a bundle whose pages or content SQLite could not read (`why`).
Status Damaged(const std::string& name, const std::string& why) {
  return Status::Invalid(name + ": damaged or truncated bundle (" + why + ")",
                         Problem("problem.bundle.damaged", {{"bundle", name}, {"why", why}}));
}

// The refusal of a file SQLite could not read as a bundle: damaged pages (a truncated or
// overwritten file), or no database at all.
Status Unreadable(const std::string& name, const RawStatement& q) {
  if (q.code() == SQLITE_CORRUPT) return Damaged(name, q.error());
  return Status::Invalid(
      name + ": not an audit bundle (" + q.error() + ")",
      Problem("problem.bundle.not_a_bundle", {{"bundle", name}, {"why", q.error()}}));
}

// Appends one value, typed and length-framed, so that no two different tables serialise
// alike: N (null), I<int>;, R<%.17g>;, T<len>:<bytes>, B<len>:<bytes>.
void AppendValue(sqlite3_stmt* q, int column, std::string* out) {
  switch (sqlite3_column_type(q, column)) {
    case SQLITE_NULL:
      *out += 'N';
      break;
    case SQLITE_INTEGER:
      *out += 'I' + std::to_string(sqlite3_column_int64(q, column)) + ';';
      break;
    case SQLITE_FLOAT: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "R%.17g;", sqlite3_column_double(q, column));
      *out += buf;
      break;
    }
    case SQLITE_TEXT: {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(q, column));
      const int n = sqlite3_column_bytes(q, column);
      *out += 'T' + std::to_string(n) + ':';
      out->append(p, static_cast<size_t>(n));
      break;
    }
    default: {
      const auto* p = static_cast<const char*>(sqlite3_column_blob(q, column));
      const int n = sqlite3_column_bytes(q, column);
      *out += 'B' + std::to_string(n) + ':';
      if (n > 0) out->append(p, static_cast<size_t>(n));
      break;
    }
  }
}

// The content digest: SHA-256 over the format and every table of that format, in the
// order of Tables(), each table's rows sorted by all their columns, so that the digest
// depends on the content only, not on the order rows were written or the pages SQLite chose.
Result<std::string> ContentDigest(sqlite3* db, const std::string& schema, int format) {
  Sha256 digest;
  digest.Update("vtaudit-bundle\nformat " + std::to_string(format) + "\n");
  for (const TableSpec& t : Tables()) {
    if (t.since > format) continue;
    std::string order;
    for (size_t i = 1; i <= t.columns.size(); ++i) {
      order += (i > 1 ? ", " : "") + std::to_string(i);
    }
    RawStatement q(
        db, "SELECT " + ColumnList(t) + " FROM " + schema + "." + t.name + " ORDER BY " + order);
    if (!q.prepared()) return Status::Invalid(std::string("table ") + t.name + ": " + q.error());
    digest.Update(std::string("table ") + t.name + "\n");
    std::string row;
    while (q.Step()) {
      row.clear();
      for (int c = 0; c < static_cast<int>(t.columns.size()); ++c) AppendValue(q.get(), c, &row);
      row += '\n';
      digest.Update(row);
    }
    if (q.failed()) return Status::Invalid(std::string("table ") + t.name + ": " + q.error());
  }
  return digest.HexDigest();
}

Result<std::string> FileSha256(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path.string() + ": cannot read the bundle");
  Sha256 digest;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    digest.Update(std::string_view(buf, static_cast<size_t>(in.gcount())));
  }
  if (in.bad()) return Status::IoError(path.string() + ": cannot read the bundle");
  return digest.HexDigest();
}

// Checks the bundle in `schema` of `db` and reads what it holds. Every refusal names the
// file and what is wrong with it.
Result<BundleInfo> Verify(sqlite3* db, const std::string& schema, const std::string& name) {
  const std::string not_bundle = name + ": not an audit bundle";
  int format = 0;
  std::string stored_digest;
  {
    RawStatement q(db, "SELECT key, value FROM " + schema + ".meta");
    if (!q.prepared()) return Unreadable(name, q);
    while (q.Step()) {
      const auto* key = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0));
      const auto* value = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 1));
      const std::string k = key ? key : "", v = value ? value : "";
      if (k == "format") {
        if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) {
          return Status::Invalid(not_bundle + " (format '" + EscapeControl(v) + "')",
                                 Problem("problem.bundle.bad_format",
                                         {{"bundle", name}, {"format", EscapeControl(v)}}));
        }
        format = std::stoi(v);
      } else if (k == "digest") {
        stored_digest = v;
      }
    }
    if (q.failed()) return Unreadable(name, q);
  }
  if (format == 0) {
    return Status::Invalid(not_bundle + " (it names no bundle format)",
                           Problem("problem.bundle.no_format", {{"bundle", name}}));
  }
  if (format > kBundleFormat) {
    return Status::Invalid(
        name + ": bundle format " + std::to_string(format) + " is newer than this vtaudit reads (" +
            std::to_string(kBundleFormat) + "); use a newer vtaudit",
        Problem("problem.bundle.newer", {{"bundle", name},
                                         {"format", std::to_string(format)},
                                         {"reads", std::to_string(kBundleFormat)}}));
  }
  Result<std::string> digest = ContentDigest(db, schema, format);
  if (!digest.ok()) return Damaged(name, digest.status().ToString());
  if (*digest != stored_digest) {
    return Status::Invalid(name +
                               ": the bundle's content does not match its digest: it was damaged "
                               "or altered after export; ask for a fresh export",
                           Problem("problem.bundle.digest", {{"bundle", name}}));
  }
  BundleInfo info;
  info.format = format;
  const std::string findings =
      format >= 2 ? " + (SELECT count(*) FROM " + schema + ".finding)" : std::string();
  RawStatement q(db, "SELECT uid, org, period, status, framework, (SELECT count(*) FROM " + schema +
                         ".score_event) + (SELECT count(*) FROM " + schema + ".audit_event)" +
                         findings + ", (SELECT count(*) FROM " + schema + ".audit) FROM " + schema +
                         ".audit");
  if (!q.prepared() || !q.Step() || sqlite3_column_int64(q.get(), 6) != 1) {
    return Status::Invalid(not_bundle + " (it must hold exactly one audit)",
                           Problem("problem.bundle.not_one_audit", {{"bundle", name}}));
  }
  auto text = [&](int c) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(q.get(), c));
    return std::string(p ? p : "");
  };
  info.audit_uid = text(0);
  info.org = text(1);
  info.period = sqlite3_column_int(q.get(), 2);
  info.state = text(3);
  info.framework_sha256 = text(4);
  info.events = sqlite3_column_int64(q.get(), 5);
  if (!AuditStatusFromName(info.state)) {
    return Status::Invalid(not_bundle + " (state '" + EscapeControl(info.state) + "')",
                           Problem("problem.bundle.bad_state",
                                   {{"bundle", name}, {"state", EscapeControl(info.state)}}));
  }
  return info;
}

// The bundle file attached to the workspace's connection as schema `bundle`, detached
// again when this goes out of scope. REQUIRES: no transaction open on the connection.
class Attached {
 public:
  explicit Attached(Database* db) : db_(db) {}
  ~Attached() {
    if (attached_) (void)db_->Exec("DETACH DATABASE bundle");
  }
  Attached(const Attached&) = delete;
  Attached& operator=(const Attached&) = delete;

  // Invalid, naming `path`, when SQLite cannot read it.
  Status Attach(const std::string& path) {
    RawStatement q(db_->handle(), "ATTACH DATABASE ?1 AS bundle");
    if (!q.prepared()) return Status::IoError(path + ": cannot attach the bundle: " + q.error());
    sqlite3_bind_text(q.get(), 1, path.c_str(), -1, SQLITE_TRANSIENT);
    q.Step();
    if (q.failed()) return Unreadable(path, q);
    attached_ = true;
    return Status::Ok();
  }

 private:
  Database* db_;
  bool attached_ = false;
};

Status Exec(Workspace& ws, const std::string& sql) { return ws.db().Exec(sql); }

// Runs `sql` with ?1 bound to `audit`.
Status RunForAudit(Workspace& ws, const std::string& sql, int64_t audit) {
  Result<Statement> q = ws.db().Prepare(sql);
  if (!q.ok()) return q.status();
  return q->Bind(1, audit).Run();
}

Result<int64_t> CountForAudit(Workspace& ws, const std::string& sql, int64_t audit) {
  Result<Statement> q = ws.db().Prepare(sql);
  if (!q.ok()) return q.status();
  q->Bind(1, audit);
  if (!q->Step()) return q->status().ok() ? Status::Internal("no count") : q->status();
  return q->Int(0);
}

// Fills the bundle's tables from audit `id`. REQUIRES: the bundle attached, its tables
// created, inside a transaction.
Status FillBundle(Workspace& ws, const Audit& audit, const std::string& delivery_file,
                  const std::string& delivery_sha256) {
  Database& db = ws.db();
  {
    Result<Statement> q = db.Prepare(
        "INSERT INTO bundle.audit SELECT a.uid, a.org, o.name, o.region, a.period, a.framework, "
        "a.status, a.created_at, a.as_of, ?2, ?3 FROM audit a JOIN organisation o ON o.code = "
        "a.org WHERE a.id = ?1");
    if (!q.ok()) return q.status();
    if (Status s = q->Bind(1, audit.id).Bind(2, delivery_file).Bind(3, delivery_sha256).Run();
        !s.ok()) {
      return s;
    }
  }
  const std::vector<std::string> statements = {
      "INSERT INTO bundle.framework SELECT f.sha256, f.id, f.version, f.title, f.path, f.content "
      "FROM framework f JOIN audit a ON a.framework = f.sha256 WHERE a.id = ?1",
      "INSERT INTO bundle.inspector SELECT name FROM audit_inspector WHERE audit = ?1",
      "INSERT INTO bundle.sample_draw SELECT d.uid, d.seed, d.method, d.stratify, "
      "d.where_condition, d.population, d.population_sha256, d.size, d.strata, d.drawn_at, "
      "r.uid, d.extract_sha256, d.extract_file FROM sample_draw d LEFT JOIN sample_draw r ON "
      "r.id = d.replaced_by WHERE d.audit = ?1",
      "INSERT INTO bundle.sample_case SELECT d.uid, c.case_id, c.stratum, c.draw_order FROM "
      "sample_case c JOIN sample_draw d ON d.id = c.draw WHERE d.audit = ?1",
      // The sampled cases' fields only, never the rest of the delivery.
      "INSERT INTO bundle.case_data SELECT c.case_id, c.advies, c.violence, c.received, "
      "c.triaged, c.safety_assessed, c.outcome, c.investigation_decided, "
      "c.investigation_started, c.investigation_completed, c.rvdk, c.disclosure FROM case_data c "
      "JOIN audit a ON a.org = c.org WHERE a.id = ?1 AND c.case_id IN (SELECT s.case_id FROM "
      "sample_case s JOIN sample_draw d ON d.id = s.draw WHERE d.audit = ?1)",
      "INSERT INTO bundle.response SELECT row_number() OVER (ORDER BY id), uid, criterion, text, "
      "source, received, version, recorded_by, at FROM audit_response WHERE audit = ?1",
      "INSERT INTO bundle.response_decision SELECT row_number() OVER (ORDER BY d.id), d.uid, "
      "r.uid, d.decision, d.reason, d.decided_by, d.at FROM response_decision d JOIN "
      "audit_response r ON r.id = d.response WHERE r.audit = ?1",
      "INSERT INTO bundle.audit_event SELECT row_number() OVER (ORDER BY id), uid, kind, detail, "
      "reason, actor, at FROM audit_event WHERE audit = ?1",
      "INSERT INTO bundle.score_event SELECT row_number() OVER (ORDER BY e.id), e.uid, "
      "e.case_id, e.criterion, e.inspector, e.kind, e.old_result, e.new_result, e.old_note, "
      "e.note, e.at, r.uid, n.uid, o.uid FROM score_event e LEFT JOIN audit_response r ON r.id "
      "= e.response LEFT JOIN audit_event n ON n.id = e.note_redaction LEFT JOIN audit_event o "
      "ON o.id = e.old_note_redaction WHERE e.audit = ?1",
      "INSERT INTO bundle.score_basis SELECT e.uid, b.inspector, b.result FROM score_basis b "
      "JOIN score_event e ON e.id = b.event WHERE e.audit = ?1",
      "INSERT INTO bundle.snapshot SELECT s.uid, s.version, s.state, s.as_of, f.uid, "
      "s.extract_sha256, coalesce(x.file_name, ''), s.framework_sha256, s.calendar, "
      "s.inspectors, s.judgement, s.timeliness, s.created_at, s.created_by FROM audit_snapshot "
      "s LEFT JOIN audit_snapshot f ON f.id = s.cases_from LEFT JOIN extract_file x ON x.id = "
      "s.extract_id WHERE s.audit = ?1",
      // A snapshot's own cases, the sampled ones only.
      "INSERT INTO bundle.snapshot_case SELECT s.uid, c.case_id, c.advies, c.violence, "
      "c.received, c.triaged, c.safety_assessed, c.outcome, c.investigation_decided, "
      "c.investigation_started, c.investigation_completed, c.rvdk, c.disclosure FROM "
      "snapshot_case c JOIN audit_snapshot s ON s.id = c.snapshot WHERE s.audit = ?1 AND "
      "c.case_id IN (SELECT sc.case_id FROM sample_case sc JOIN sample_draw d ON d.id = "
      "sc.draw WHERE d.audit = ?1)",
      "INSERT INTO bundle.snapshot_measure SELECT s.uid, m.deadline, m.on_time, m.counted, "
      "m.norm, m.share FROM snapshot_measure m JOIN audit_snapshot s ON s.id = m.snapshot WHERE "
      "s.audit = ?1",
      "INSERT INTO bundle.report_version SELECT version, format, lang, sha256, content, "
      "written_at FROM report_version WHERE audit = ?1",
      "INSERT INTO bundle.finding SELECT row_number() OVER (ORDER BY id), uid, subject, kind, "
      "text, evidence, inspector, at FROM finding WHERE audit = ?1",
      "INSERT INTO bundle.sample_draw_rule SELECT uid, population_rule FROM sample_draw WHERE "
      "audit = ?1",
      "INSERT INTO bundle.sample_reserve SELECT d.uid, r.case_id, r.stratum, r.reserve_order "
      "FROM sample_reserve r JOIN sample_draw d ON d.id = r.draw WHERE d.audit = ?1",
  };
  for (const std::string& sql : statements) {
    if (Status s = RunForAudit(ws, sql, audit.id); !s.ok()) return s;
  }
  // Snapshots frozen before workspace version 9 kept no measured figures: they are measured
  // here over the snapshot's whole cases, which only this workspace holds.
  Result<std::vector<AuditSnapshot>> snapshots = Snapshots(&ws, audit.id);
  if (!snapshots.ok()) return snapshots.status();
  Result<Framework> framework = ws.LoadFramework(audit.framework_sha256);
  if (!framework.ok()) return framework.status();
  for (const AuditSnapshot& snap : *snapshots) {
    if (!snap.measured.empty() || snap.partial) continue;
    Result<Calendar> calendar =
        Calendar::ParseXml(snap.calendar, "audit " + std::to_string(audit.id) + " snapshot");
    if (!calendar.ok()) return calendar.status();
    AuditSource source{CaseSet{audit.org, snap.cases}, snap.as_of, std::move(*calendar), true,
                       snap};
    Result<std::map<std::string, MeasuredFigure>> measured =
        MeasureDeadlines(&ws, audit, *framework, source);
    if (!measured.ok()) return measured.status();
    Result<Statement> q =
        db.Prepare("INSERT INTO bundle.snapshot_measure VALUES (?, ?, ?, ?, ?, ?)");
    if (!q.ok()) return q.status();
    for (const auto& [deadline, figure] : *measured) {
      q->Reset();
      q->Bind(1, snap.uid).Bind(2, deadline).Bind(3, int64_t{figure.on_time});
      q->Bind(4, int64_t{figure.counted}).Bind(5, figure.norm);
      if (figure.share) {
        q->Bind(6, *figure.share);
      } else {
        q->BindNull(6);
      }
      if (Status s = q->Run(); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

// Writes audit `audit` into the empty database file `name`.
Status WriteBundle(Workspace& ws, const Audit& audit, const std::string& name) {
  // The delivery the audit rests on: the frozen one, else the one its sample was drawn from,
  // else the organisation's latest.
  std::string delivery_file, delivery_sha256;
  Result<std::optional<AuditSnapshot>> latest = LatestSnapshot(&ws, audit.id);
  if (!latest.ok()) return latest.status();
  Result<std::optional<Delivery>> delivery = LatestDelivery(&ws, audit.org);
  if (!delivery.ok()) return delivery.status();
  if (*latest) {
    delivery_file = (*latest)->extract_file, delivery_sha256 = (*latest)->extract_sha256;
  } else if (Result<Sample> sample = CurrentSample(&ws, audit.id); sample.ok()) {
    delivery_file = sample->extract_file, delivery_sha256 = sample->extract_sha256;
  } else if (*delivery) {
    delivery_file = (*delivery)->file_name, delivery_sha256 = (*delivery)->sha256;
  }

  Attached attached(&ws.db());
  if (Status s = attached.Attach(name); !s.ok()) return s;
  std::string ddl = "PRAGMA bundle.journal_mode=DELETE;\n";
  ddl += "CREATE TABLE bundle.meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n";
  for (const TableSpec& t : Tables()) {
    ddl += std::string("CREATE TABLE bundle.") + t.name + " (";
    for (size_t i = 0; i < t.columns.size(); ++i) {
      ddl += std::string(i ? ", " : "") + t.columns[i].name + " " + t.columns[i].type;
    }
    ddl += ");\n";
  }
  if (Status s = Exec(ws, ddl); !s.ok()) return s;
  Transaction tx(&ws.db());
  if (!tx.status().ok()) return tx.status();
  if (Status s = FillBundle(ws, audit, delivery_file, delivery_sha256); !s.ok()) return s;
  Result<std::string> digest = ContentDigest(ws.db().handle(), "bundle", kBundleFormat);
  if (!digest.ok()) return digest.status();
  Result<Statement> q = ws.db().Prepare(
      "INSERT INTO bundle.meta VALUES ('format', ?1), ('digest', ?2), ('written_at', ?3)");
  if (!q.ok()) return q.status();
  if (Status s =
          q->Bind(1, std::to_string(kBundleFormat)).Bind(2, *digest).Bind(3, UtcNowIso()).Run();
      !s.ok()) {
    return s;
  }
  return tx.Commit();
}

}  // namespace

Result<BundleInfo> ExportBundle(Workspace& ws, int64_t audit_id,
                                const std::filesystem::path& output) {
  Result<Audit> audit = FindAudit(&ws, audit_id);
  if (!audit.ok()) return audit.status();
  const std::string name = output.string();
  // Created here, empty, 0600 and only if absent: SQLite takes an empty file as a new
  // database, and nobody else may read the case fields while it is being written.
  const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return Status::Conflict(name +
                                  " exists already: a bundle is never written over an "
                                  "existing file; choose another name",
                              Problem("problem.bundle.exists", {{"bundle", name}}));
    }
    return Status::IoError(name + ": cannot create the bundle: " + std::strerror(errno));
  }
  ::close(fd);
  // The file is removed again when anything fails, after the bundle is detached.
  if (Status s = WriteBundle(ws, *audit, name); !s.ok()) {
    std::error_code ignored;
    std::filesystem::remove(output, ignored);
    return s;
  }
  return ReadBundleInfo(output);
}

Result<BundleInfo> ReadBundleInfo(const std::filesystem::path& bundle) {
  const std::string name = bundle.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(bundle, ec)) {
    return NoSuchBundle(name);
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(name.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> guard(db, sqlite3_close_v2);
  if (rc != SQLITE_OK) {
    return Status::Invalid(name + ": not an audit bundle (" +
                           (db ? sqlite3_errmsg(db) : "cannot open") + ")");
  }
  Result<BundleInfo> info = Verify(db, "main", name);
  if (!info.ok()) return info;
  Result<std::string> sha = FileSha256(bundle);
  if (!sha.ok()) return sha.status();
  info->sha256 = *sha;
  return info;
}

namespace {

// What the bundle brings that the workspace lacks, and the reverse, for audit ?1.
struct Difference {
  int64_t scores_new = 0, scores_here_only = 0;
  int64_t audit_events_new = 0, changes_new = 0;  // changes: not a redaction
  int64_t responses_new = 0, responses_here_only = 0;
  int64_t decisions_new = 0, decisions_here_only = 0;
  int64_t draws_new = 0;
  int64_t states_new = 0, states_here_only = 0;  // status events
  int64_t findings_new = 0, findings_here_only = 0;
};

// REQUIRES: `format` the bundle's (a format 1 bundle holds no findings).
Result<Difference> Compare(Workspace& ws, int64_t audit, int format) {
  Difference d;
  std::vector<std::pair<int64_t*, const char*>> counts = {
      {&d.scores_new,
       "SELECT count(*) FROM bundle.score_event WHERE uid NOT IN (SELECT uid FROM "
       "main.score_event WHERE audit = ?1)"},
      {&d.scores_here_only,
       "SELECT count(*) FROM main.score_event WHERE audit = ?1 AND uid NOT IN (SELECT uid FROM "
       "bundle.score_event)"},
      {&d.audit_events_new,
       "SELECT count(*) FROM bundle.audit_event WHERE uid NOT IN (SELECT uid FROM "
       "main.audit_event WHERE audit = ?1)"},
      {&d.changes_new,
       "SELECT count(*) FROM bundle.audit_event WHERE kind <> 'note_redacted' AND uid NOT IN "
       "(SELECT uid FROM main.audit_event WHERE audit = ?1)"},
      {&d.responses_new,
       "SELECT count(*) FROM bundle.response WHERE uid NOT IN (SELECT uid FROM "
       "main.audit_response WHERE audit = ?1)"},
      {&d.responses_here_only,
       "SELECT count(*) FROM main.audit_response WHERE audit = ?1 AND uid NOT IN (SELECT uid "
       "FROM bundle.response)"},
      {&d.decisions_new,
       "SELECT count(*) FROM bundle.response_decision WHERE uid NOT IN (SELECT d.uid FROM "
       "main.response_decision d JOIN main.audit_response r ON r.id = d.response WHERE r.audit "
       "= ?1)"},
      {&d.decisions_here_only,
       "SELECT count(*) FROM main.response_decision d JOIN main.audit_response r ON r.id = "
       "d.response WHERE r.audit = ?1 AND d.uid NOT IN (SELECT uid FROM "
       "bundle.response_decision)"},
      {&d.draws_new,
       "SELECT count(*) FROM bundle.sample_draw WHERE uid NOT IN (SELECT uid FROM "
       "main.sample_draw WHERE audit = ?1)"},
      {&d.states_new,
       "SELECT count(*) FROM bundle.audit_event WHERE kind = 'status' AND uid NOT IN (SELECT "
       "uid FROM main.audit_event WHERE audit = ?1)"},
      {&d.states_here_only,
       "SELECT count(*) FROM main.audit_event WHERE audit = ?1 AND kind = 'status' AND uid NOT "
       "IN (SELECT uid FROM bundle.audit_event)"},
  };
  if (format >= 2) {
    counts.emplace_back(&d.findings_new,
                        "SELECT count(*) FROM bundle.finding WHERE uid NOT IN (SELECT uid FROM "
                        "main.finding WHERE audit = ?1)");
    counts.emplace_back(&d.findings_here_only,
                        "SELECT count(*) FROM main.finding WHERE audit = ?1 AND uid NOT IN "
                        "(SELECT uid FROM bundle.finding)");
  } else {
    counts.emplace_back(&d.findings_here_only,
                        "SELECT count(*) FROM main.finding WHERE audit = ?1");
  }
  for (const auto& [out, sql] : counts) {
    Result<int64_t> n = CountForAudit(ws, sql, audit);
    if (!n.ok()) return n.status();
    *out = *n;
  }
  return d;
}

// The first row of `sql` (its ?1 bound to `audit`), whose columns are two that name what it
// is, its inspector and its time: "NAME, by Anna at 2026-03-02T10:00:00Z", with NAME from
// `name`; "" when there is none.
Result<std::string> FirstLacking(
    Workspace& ws, const std::string& sql, int64_t audit,
    const std::function<std::string(const std::string&, const std::string&)>& name) {
  Result<Statement> q = ws.db().Prepare(sql);
  if (!q.ok()) return q.status();
  q->Bind(1, audit);
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return std::string();
  }
  return name(q->Text(0), q->Text(1)) + ", by " + EscapeControl(q->Text(2)) + " at " +
         EscapeControl(q->Text(3));
}

// "case C016, criterion V2.1, by Anna at 2026-03-02T10:00:00Z": the first score event of
// `table` (bundle.score_event or main.score_event) that the other side lacks.
Result<std::string> FirstScore(Workspace& ws, int64_t audit, bool in_bundle) {
  const std::string sql =
      in_bundle ? "SELECT case_id, criterion, inspector, at FROM bundle.score_event WHERE uid NOT "
                  "IN (SELECT uid FROM main.score_event WHERE audit = ?1) ORDER BY seq LIMIT 1"
                : "SELECT case_id, criterion, inspector, at FROM main.score_event WHERE audit = "
                  "?1 AND uid NOT IN (SELECT uid FROM bundle.score_event) ORDER BY id LIMIT 1";
  return FirstLacking(ws, sql, audit, [](const std::string& case_id, const std::string& criterion) {
    return (case_id.empty() ? "" : "case " + EscapeControl(case_id) + ", ") + "criterion " +
           EscapeControl(criterion);
  });
}

// "criterion V2.1, by Anna at 2026-03-02T10:00:00Z": the first finding the other side lacks,
// of the bundle (`in_bundle`) or of this workspace. REQUIRES: a bundle of format 2 when
// `in_bundle`.
Result<std::string> FirstFinding(Workspace& ws, int64_t audit, bool in_bundle, int format) {
  const std::string sql =
      in_bundle ? "SELECT kind, subject, inspector, at FROM bundle.finding WHERE uid NOT IN "
                  "(SELECT uid FROM main.finding WHERE audit = ?1) ORDER BY seq LIMIT 1"
      : format >= 2
          ? "SELECT kind, subject, inspector, at FROM main.finding WHERE audit = ?1 AND uid NOT "
            "IN (SELECT uid FROM bundle.finding) ORDER BY id LIMIT 1"
          : "SELECT kind, subject, inspector, at FROM main.finding WHERE audit = ?1 ORDER BY id "
            "LIMIT 1";
  return FirstLacking(ws, sql, audit, [](const std::string& kind, const std::string& subject) {
    return kind + " " + EscapeControl(subject);
  });
}

std::string Count(int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The bundle's audit row.
struct BundleAudit {
  std::string uid, org, org_name, org_region, framework, status, created_at;
  int period = 0;
  std::optional<std::string> as_of;
};

Result<BundleAudit> ReadBundleAudit(Workspace& ws) {
  Result<Statement> q = ws.db().Prepare(
      "SELECT uid, org, org_name, org_region, period, framework, status, created_at, as_of FROM "
      "bundle.audit");
  if (!q.ok()) return q.status();
  if (!q->Step())
    return q->status().ok() ? Status::Invalid("the bundle holds no audit") : q->status();
  BundleAudit a;
  a.uid = q->Text(0), a.org = q->Text(1), a.org_name = q->Text(2), a.org_region = q->Text(3);
  a.period = static_cast<int>(q->Int(4));
  a.framework = q->Text(5), a.status = q->Text(6), a.created_at = q->Text(7);
  a.as_of = q->OptionalText(8);
  return a;
}

// The organisation and framework the audit needs, stored when absent.
Status StoreOrganisationAndFramework(Workspace& ws, const BundleAudit& a, const std::string& name) {
  Result<Organisation> org = ws.FindOrganisation(a.org);
  if (!org.ok()) {
    if (!org.status().IsNotFound()) return org.status();
    if (Status s = ws.AddOrganisation({a.org, a.org_name, a.org_region, 1}); !s.ok()) {
      return Status::Invalid(name + ": " + s.ToString());
    }
  }
  Result<Statement> q =
      ws.db().Prepare("SELECT sha256, content, path FROM bundle.framework WHERE sha256 = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, a.framework);
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return Status::Invalid(
        name + ": the bundle lacks its audit's framework " + a.framework,
        Problem("problem.bundle.no_framework", {{"bundle", name}, {"framework", a.framework}}));
  }
  const std::string content = q->Blob(1), path = q->Text(2);
  q->Reset();
  if (Sha256Hex(content) != a.framework) {
    return Status::Invalid(
        name + ": the bundle's framework text does not have its SHA-256 " + a.framework,
        Problem("problem.bundle.framework_sha256", {{"bundle", name}, {"framework", a.framework}}));
  }
  Result<Framework> framework = ParseFramework(content, path);
  if (!framework.ok()) {
    return Status::Invalid(
        name + ": the bundle's framework does not load: " + framework.status().ToString());
  }
  Result<bool> stored = ws.StoreFramework(*framework, content, path);
  return stored.ok() ? Status::Ok() : stored.status();
}

// Replays the inspector changes of audit `id` in time order (ties by uid, the same on
// every laptop) into audit_inspector.
Status ReplayInspectors(Workspace& ws, int64_t id) {
  Result<Statement> q = ws.db().Prepare(
      "SELECT kind, detail FROM audit_event WHERE audit = ? AND kind IN ('inspector_added', "
      "'inspector_removed') ORDER BY at, uid");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  std::set<std::string> names;
  bool any = false;
  while (q->Step()) {
    any = true;
    if (q->Text(0) == "inspector_added") {
      names.insert(q->Text(1));
    } else {
      names.erase(q->Text(1));
    }
  }
  if (!q->status().ok()) return q->status();
  if (!any) return Status::Ok();
  if (Status s = RunForAudit(ws, "DELETE FROM audit_inspector WHERE audit = ?1", id); !s.ok())
    return s;
  Result<Statement> add =
      ws.db().Prepare("INSERT INTO audit_inspector (audit, name) VALUES (?, ?)");
  if (!add.ok()) return add.status();
  for (const std::string& n : names) {
    add->Reset();
    if (Status s = add->Bind(1, id).Bind(2, n).Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

// The peildatum of audit `id`: the latest change in time order, when there is one.
Status ReplayAsOf(Workspace& ws, int64_t id) {
  Result<Statement> q = ws.db().Prepare(
      "SELECT detail FROM audit_event WHERE audit = ? AND kind = 'as_of' ORDER BY at DESC, uid "
      "DESC LIMIT 1");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  if (!q->Step()) return q->status();
  const std::string detail = q->Text(0);
  q->Reset();
  const std::string arrow = "→ ";
  const size_t at = detail.rfind(arrow);
  if (at == std::string::npos) return Status::Ok();
  const std::optional<Date> date = Date::ParseIso(detail.substr(at + arrow.size()));
  if (!date) return Status::Ok();
  Result<Statement> u = ws.db().Prepare("UPDATE audit SET as_of = ? WHERE id = ?");
  if (!u.ok()) return u.status();
  return u->Bind(1, date->ToIso()).Bind(2, id).Run();
}

// Whether snapshot `snapshot` (this workspace's copy of its cases) holds the sampled cases
// as bundle snapshot `uid` does, and measures the same figures as the bundle kept with it.
Result<bool> SameAsBundle(Workspace& ws, int64_t id, int64_t snapshot, const std::string& uid) {
  Result<Statement> differ = ws.db().Prepare(
      "SELECT count(*) FROM (SELECT case_id, advies, violence, received, triaged, "
      "safety_assessed, outcome, investigation_decided, investigation_started, "
      "investigation_completed, rvdk, disclosure FROM bundle.snapshot_case WHERE snapshot = ?1 "
      "EXCEPT SELECT case_id, advies, violence, received, triaged, safety_assessed, outcome, "
      "investigation_decided, investigation_started, investigation_completed, rvdk, disclosure "
      "FROM main.snapshot_case WHERE snapshot = ?2)");
  if (!differ.ok()) return differ.status();
  differ->Bind(1, uid).Bind(2, snapshot);
  if (!differ->Step()) return differ->status();
  if (differ->Int(0) != 0) return false;
  differ->Reset();
  Result<Audit> audit = FindAudit(&ws, id);
  if (!audit.ok()) return audit.status();
  Result<Framework> framework = ws.LoadFramework(audit->framework_sha256);
  if (!framework.ok()) return framework.status();
  Result<std::vector<AuditSnapshot>> snapshots = Snapshots(&ws, id);
  if (!snapshots.ok()) return snapshots.status();
  for (const AuditSnapshot& snap : *snapshots) {
    if (snap.id != snapshot) continue;
    Result<Calendar> calendar = Calendar::ParseXml(snap.calendar, "the bundle's snapshot");
    if (!calendar.ok()) return false;
    AuditSource source{CaseSet{audit->org, snap.cases}, snap.as_of, std::move(*calendar), true,
                       snap};
    source.snapshot->partial = false;
    Result<std::map<std::string, MeasuredFigure>> measured =
        MeasureDeadlines(&ws, *audit, *framework, source);
    if (!measured.ok()) return measured.status();
    // Exact comparison: the same computation over the same cases gives the same doubles.
    if (measured->size() != snap.measured.size()) return false;
    for (const auto& [deadline, m] : *measured) {
      const auto kept = snap.measured.find(deadline);
      if (kept == snap.measured.end() || kept->second.on_time != m.on_time ||
          kept->second.counted != m.counted || kept->second.norm != m.norm ||
          kept->second.share != m.share) {
        return false;
      }
    }
    return true;
  }
  return false;
}

Status MergeSnapshots(Workspace& ws, int64_t id, const std::string& org, const std::string& name) {
  Result<Statement> q = ws.db().Prepare(
      "SELECT uid, version, cases_from, (SELECT count(*) FROM main.audit_snapshot s WHERE s.uid = "
      "b.uid), (SELECT count(*) FROM main.audit_snapshot s WHERE s.audit = ?1 AND s.version = "
      "b.version), extract_sha256 FROM bundle.snapshot b ORDER BY version");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  struct Row {
    std::string uid;
    int64_t version;
    std::optional<std::string> cases_from;
    std::string extract_sha256;
  };
  std::vector<Row> rows;
  while (q->Step()) {
    if (q->Int(3) > 0) continue;
    if (q->Int(4) > 0) {
      return Status::Conflict(
          name + ": version " + std::to_string(q->Int(1)) + " of audit " + std::to_string(id) +
              " was frozen on both laptops independently; the bundle's "
              "cannot join this one (see docs/bundles.md)",
          Problem("problem.bundle.frozen_both", {{"bundle", name},
                                                 {"version", std::to_string(q->Int(1))},
                                                 {"audit", std::to_string(id)}}));
    }
    rows.push_back({q->Text(0), q->Int(1), q->OptionalText(2), q->Text(5)});
  }
  if (!q->status().ok()) return q->status();
  Result<std::optional<Delivery>> delivery = LatestDelivery(&ws, org);
  if (!delivery.ok()) return delivery.status();
  // Inserts the snapshot of `uid` with its measured figures: with the bundle's (sampled)
  // cases, or, `whole`, with a copy of this workspace's cases, as the laptop that froze it did.
  const auto insert = [&](const Row& r, bool whole) -> Result<int64_t> {
    Result<Statement> in = ws.db().Prepare(
        "INSERT INTO audit_snapshot (audit, version, state, as_of, cases_from, extract_id, "
        "extract_sha256, framework_sha256, calendar, inspectors, judgement, timeliness, "
        "created_at, created_by, uid, partial) SELECT ?1, b.version, b.state, b.as_of, (SELECT "
        "s.id FROM main.audit_snapshot s WHERE s.uid = b.cases_from), (SELECT max(x.id) FROM "
        "main.extract_file x WHERE x.org = ?2 AND x.sha256 = b.extract_sha256), "
        "b.extract_sha256, b.framework_sha256, b.calendar, b.inspectors, b.judgement, "
        "b.timeliness, b.created_at, b.created_by, b.uid, b.cases_from IS NULL AND NOT ?4 FROM "
        "bundle.snapshot b WHERE b.uid = ?3");
    if (!in.ok()) return in.status();
    if (Status s = in->Bind(1, id).Bind(2, org).Bind(3, r.uid).Bind(4, whole ? 1 : 0).Run();
        !s.ok()) {
      return s;
    }
    const int64_t snapshot = ws.db().LastInsertId();
    if (r.cases_from) {
      Result<int64_t> found = CountForAudit(
          ws, "SELECT count(*) FROM audit_snapshot WHERE id = ?1 AND cases_from IS NOT NULL",
          snapshot);
      if (!found.ok()) return found.status();
      if (*found == 0) {
        return Status::Invalid(name + ": snapshot version " + std::to_string(r.version) +
                               " shares the cases of a snapshot the bundle does not hold");
      }
    } else if (whole) {
      if (Status s = CopyCasesToSnapshot(&ws, org, snapshot); !s.ok()) return s;
    } else {
      Result<Statement> cases = ws.db().Prepare(
          "INSERT INTO snapshot_case SELECT ?1, case_id, advies, violence, received, triaged, "
          "safety_assessed, outcome, investigation_decided, investigation_started, "
          "investigation_completed, rvdk, disclosure, NULL FROM bundle.snapshot_case WHERE "
          "snapshot = ?2");
      if (!cases.ok()) return cases.status();
      if (Status s = cases->Bind(1, snapshot).Bind(2, r.uid).Run(); !s.ok()) return s;
    }
    Result<Statement> measured = ws.db().Prepare(
        "INSERT INTO snapshot_measure SELECT ?1, deadline, on_time, counted, norm, share FROM "
        "bundle.snapshot_measure WHERE snapshot = ?2");
    if (!measured.ok()) return measured.status();
    if (Status s = measured->Bind(1, snapshot).Bind(2, r.uid).Run(); !s.ok()) return s;
    return snapshot;
  };
  for (const Row& r : rows) {
    if (!r.cases_from && *delivery && (*delivery)->sha256 == r.extract_sha256) {
      // This workspace's latest delivery is the one the audit was frozen on: its cases are
      // kept whole when they give the same sampled cases and the same measured figures as
      // the bundle says, so that reports can be written here too; else the bundle's.
      if (Status s = ws.db().Exec("SAVEPOINT whole_cases"); !s.ok()) return s;
      Result<int64_t> snapshot = insert(r, true);
      if (!snapshot.ok()) return snapshot.status();
      Result<bool> same = SameAsBundle(ws, id, *snapshot, r.uid);
      if (!same.ok()) return same.status();
      if (*same) {
        if (Status s = ws.db().Exec("RELEASE whole_cases"); !s.ok()) return s;
        continue;
      }
      if (Status s = ws.db().Exec("ROLLBACK TO whole_cases; RELEASE whole_cases"); !s.ok())
        return s;
    }
    Result<int64_t> snapshot = insert(r, false);
    if (!snapshot.ok()) return snapshot.status();
  }
  return Status::Ok();
}

// The bundle's audit events this workspace lacks, in the order they were made. A redaction
// made on the other laptop is carried out here too, as it arrives: the note it names may be
// in this workspace's copy of the trail. Counts in `redacted` the notes replaced here.
Status MergeAuditEvents(Workspace& ws, int64_t id, int64_t* redacted) {
  Result<Statement> q = ws.db().Prepare(
      "SELECT uid, kind FROM bundle.audit_event WHERE uid NOT IN (SELECT uid FROM "
      "main.audit_event) ORDER BY seq");
  if (!q.ok()) return q.status();
  std::vector<std::pair<std::string, std::string>> events;
  while (q->Step()) events.emplace_back(q->Text(0), q->Text(1));
  if (!q->status().ok()) return q->status();
  for (const auto& [uid, kind] : events) {
    Result<Statement> in = ws.db().Prepare(
        "INSERT INTO audit_event (uid, audit, kind, detail, reason, actor, at) SELECT uid, ?1, "
        "kind, detail, reason, actor, at FROM bundle.audit_event WHERE uid = ?2");
    if (!in.ok()) return in.status();
    if (Status s = in->Bind(1, id).Bind(2, uid).Run(); !s.ok()) return s;
    if (kind == "note_redacted") {
      Result<bool> applied = ApplyRecordedRedaction(&ws, id, ws.db().LastInsertId());
      if (!applied.ok()) return applied.status();
      if (*applied) ++*redacted;
    }
  }
  return Status::Ok();
}

Status MergeDraws(Workspace& ws, int64_t id, const std::string& name) {
  const std::vector<std::string> statements = {
      "INSERT INTO sample_draw (audit, seed, method, stratify, where_condition, population, "
      "population_sha256, size, strata, drawn_at, uid, extract_sha256, extract_file) SELECT ?1, "
      "seed, method, stratify, where_condition, population, population_sha256, size, strata, "
      "drawn_at, uid, extract_sha256, extract_file FROM bundle.sample_draw WHERE uid NOT IN "
      "(SELECT uid FROM main.sample_draw) ORDER BY drawn_at, uid",
      "INSERT INTO sample_case (draw, case_id, stratum, draw_order) SELECT d.id, c.case_id, "
      "c.stratum, c.draw_order FROM bundle.sample_case c JOIN main.sample_draw d ON d.uid = "
      "c.draw WHERE d.audit = ?1 AND NOT EXISTS (SELECT 1 FROM main.sample_case x WHERE x.draw "
      "= d.id)",
      // A draw replaced on either laptop is replaced here; one replaced on this laptop keeps
      // what replaced it.
      "UPDATE sample_draw SET replaced_by = (SELECT r.id FROM bundle.sample_draw b JOIN "
      "main.sample_draw r ON r.uid = b.replaced_by WHERE b.uid = sample_draw.uid) WHERE audit = "
      "?1 AND replaced_by IS NULL AND uid IN (SELECT uid FROM bundle.sample_draw WHERE "
      "replaced_by IS NOT NULL)",
  };
  for (const std::string& sql : statements) {
    if (Status s = RunForAudit(ws, sql, id); !s.ok()) return s;
  }
  Result<int64_t> current = CountForAudit(
      ws, "SELECT count(*) FROM sample_draw WHERE audit = ?1 AND replaced_by IS NULL", id);
  if (!current.ok()) return current.status();
  if (*current > 1) {
    return Status::Conflict(
        name + ": audit " + std::to_string(id) +
            "'s sample was drawn on both laptops independently: one laptop "
            "draws, the others receive it (see docs/bundles.md)",
        Problem("problem.bundle.drawn_both", {{"bundle", name}, {"audit", std::to_string(id)}}));
  }
  return Status::Ok();
}

// Case criteria where a reconciliation and another inspector's event of it, one here before
// (score event ids up to `before`) and one that the bundle just brought, have the same time
// (whole seconds): which of them came last, and so whether the reconciliation counts
// (scoring.h), follows the order they arrived in here.
Result<std::vector<std::string>> SameSecond(Workspace& ws, int64_t id, int64_t before) {
  Result<Statement> q = ws.db().Prepare(
      "SELECT DISTINCT e.case_id, e.criterion FROM main.score_event e JOIN main.score_event x ON "
      "x.audit = e.audit AND x.case_id = e.case_id AND x.criterion = e.criterion AND x.id > ?2 "
      "AND x.at = e.at AND x.inspector <> e.inspector WHERE e.audit = ?1 AND e.id <= ?2 AND "
      "'reconcile' IN (e.kind, x.kind) ORDER BY e.case_id, e.criterion");
  if (!q.ok()) return q.status();
  q->Bind(1, id).Bind(2, before);
  std::vector<std::string> out;
  while (q->Step()) {
    out.push_back((q->Text(0).empty() ? "" : "case " + EscapeControl(q->Text(0)) + ", ") +
                  "criterion " + EscapeControl(q->Text(1)) +
                  ": a reconciliation and a score made on different laptops in the same second; "
                  "which came last follows the order they arrived in here: check `vtaudit "
                  "agreement --audit " +
                  std::to_string(id) + "` and reconcile again if needed");
  }
  if (!q->status().ok()) return q->status();
  return out;
}

Result<BundleMerge> Merge(Workspace& ws, const BundleInfo& info, const std::string& name) {
  Result<BundleAudit> b = ReadBundleAudit(ws);
  if (!b.ok()) return b.status();
  if (Status s = StoreOrganisationAndFramework(ws, *b, name); !s.ok()) return s;

  BundleMerge merge;
  AuditStatus here = AuditStatus::kDraft;
  {
    Result<Statement> q =
        ws.db().Prepare("SELECT id, org, period, framework, status FROM audit WHERE uid = ?");
    if (!q.ok()) return q.status();
    q->Bind(1, b->uid);
    if (q->Step()) {
      merge.audit_id = q->Int(0);
      if (q->Text(1) != b->org || q->Int(2) != b->period || q->Text(3) != b->framework) {
        return Status::Invalid(
            name + ": the bundle's audit is audit " + std::to_string(merge.audit_id) +
                " here, but for another organisation, period or framework",
            Problem("problem.bundle.other_audit",
                    {{"bundle", name}, {"audit", std::to_string(merge.audit_id)}}));
      }
      here = AuditStatusFromName(q->Text(4)).value_or(AuditStatus::kDraft);
    } else if (!q->status().ok()) {
      return q->status();
    }
  }
  if (!merge.audit_id) {
    Result<Statement> q = ws.db().Prepare(
        "INSERT INTO audit (org, period, framework, status, created_at, as_of, uid) VALUES (?, ?, "
        "?, 'draft', ?, ?, ?)");
    if (!q.ok()) return q.status();
    q->Bind(1, b->org).Bind(2, b->period).Bind(3, b->framework).Bind(4, b->created_at);
    q->BindOptional(5, b->as_of).Bind(6, b->uid);
    if (Status s = q->Run(); !s.ok()) return s;
    merge.audit_id = ws.db().LastInsertId();
    merge.audit_created = true;
  }
  const int64_t id = merge.audit_id;
  const std::string audit = "audit " + std::to_string(id);
  // The code `key` of a refusal of this merge, with the bundle and the audit.
  const auto code = [&](std::string_view key, std::map<std::string, std::string> args = {}) {
    args["bundle"] = name;
    args["audit"] = std::to_string(id);
    return Problem(key, std::move(args));
  };

  // The lifecycle rules (docs/bundles.md).
  Result<Difference> d = Compare(ws, id, info.format);
  if (!d.ok()) return d.status();
  if (d->states_new > 0 && d->states_here_only > 0) {
    return Status::Conflict(
        name + ": " + audit + " changed state on both laptops independently (here " +
            std::string(AuditStatusName(here)) + ", in the bundle " + b->status +
            "); its states cannot be merged: go on from one of them",
        code("problem.bundle.states_both",
             {{"here", std::string(AuditStatusName(here))}, {"there", b->status}}));
  }
  if (here == AuditStatus::kFinal && d->states_new > 0) {
    return Status::Conflict(
        name + ": " + audit + " is final here, and the bundle changes its state after that",
        code("problem.bundle.final_state"));
  }
  const bool bundle_ahead = merge.audit_created || d->states_new > 0;
  const AuditStatus target =
      bundle_ahead ? AuditStatusFromName(b->status).value_or(AuditStatus::kDraft) : here;
  if (!bundle_ahead && here == AuditStatus::kFinal) {
    if (d->scores_new > 0) {
      Result<std::string> first = FirstScore(ws, id, true);
      if (!first.ok()) return first.status();
      return Status::Conflict(name + ": " + audit + " is final here and takes no new scores; " +
                                  "the bundle brings " +
                                  Count(d->scores_new, "score event", "score events") +
                                  " it lacks (first: " + *first + ")",
                              code("problem.bundle.final_scores",
                                   {{"n", std::to_string(d->scores_new)}, {"first", *first}}));
    }
    if (d->findings_new > 0) {
      Result<std::string> first = FirstFinding(ws, id, true, info.format);
      if (!first.ok()) return first.status();
      return Status::Conflict(name + ": " + audit + " is final here and takes no new findings; " +
                                  "the bundle brings " +
                                  Count(d->findings_new, "finding", "findings") +
                                  " it lacks (first: " + *first + ")",
                              code("problem.bundle.final_findings",
                                   {{"n", std::to_string(d->findings_new)}, {"first", *first}}));
    }
    if (d->changes_new + d->responses_new + d->decisions_new + d->draws_new > 0) {
      return Status::Conflict(name + ": " + audit +
                                  " is final here and takes no changes; the bundle brings changes "
                                  "made after it was frozen elsewhere",
                              code("problem.bundle.final_changes"));
    }
  }
  if (!bundle_ahead && here == AuditStatus::kConcept && d->scores_new + d->draws_new > 0) {
    Result<std::string> first = FirstScore(ws, id, true);
    if (!first.ok()) return first.status();
    return Status::Conflict(
        name + ": " + audit + " is a concept here: its scores are frozen, and the bundle brings " +
            Count(d->scores_new, "score event", "score events") +
            (first->empty() ? std::string() : " (first: " + *first + ")") +
            " it lacks; set it back to draft (`vtaudit audit status --audit " + std::to_string(id) +
            " draft --reason …`), import it again and freeze it anew",
        code("problem.bundle.concept_scores", {{"n", std::to_string(d->scores_new)}}));
  }
  if (!bundle_ahead && here == AuditStatus::kConcept && d->findings_new > 0) {
    Result<std::string> first = FirstFinding(ws, id, true, info.format);
    if (!first.ok()) return first.status();
    return Status::Conflict(
        name + ": " + audit +
            " is a concept here: its findings are frozen, and the bundle brings " +
            Count(d->findings_new, "finding", "findings") + " (first: " + *first +
            ") it lacks; set it back to draft (`vtaudit audit status --audit " +
            std::to_string(id) + " draft --reason …`), import it again and freeze it anew",
        code("problem.bundle.concept_findings",
             {{"n", std::to_string(d->findings_new)}, {"first", *first}}));
  }
  if (bundle_ahead && target != AuditStatus::kDraft && !merge.audit_created) {
    if (d->scores_here_only > 0) {
      Result<std::string> first = FirstScore(ws, id, false);
      if (!first.ok()) return first.status();
      return Status::Conflict(
          name + ": the bundle's audit is " + b->status + ", frozen without " +
              Count(d->scores_here_only, "score event", "score events") + " of " + audit +
              " made here (first: " + *first +
              "); send them first (export here, import on the "
              "laptop that froze it, set it back to draft there and freeze it again)",
          code("problem.bundle.frozen_without_scores", {{"state", b->status},
                                                        {"n", std::to_string(d->scores_here_only)},
                                                        {"first", *first}}));
    }
    if (d->findings_here_only > 0) {
      Result<std::string> first = FirstFinding(ws, id, false, info.format);
      if (!first.ok()) return first.status();
      return Status::Conflict(
          name + ": the bundle's audit is " + b->status + ", frozen without " +
              Count(d->findings_here_only, "finding", "findings") + " of " + audit +
              " written here (first: " + *first +
              "); send them first (export here, import on the laptop that froze it, set it back "
              "to draft there and freeze it again)",
          code("problem.bundle.frozen_without_findings",
               {{"state", b->status},
                {"n", std::to_string(d->findings_here_only)},
                {"first", *first}}));
    }
    if (target == AuditStatus::kFinal && d->responses_here_only + d->decisions_here_only > 0) {
      return Status::Conflict(
          name + ": the bundle's audit is final, without " +
              Count(d->responses_here_only + d->decisions_here_only, "response or decision",
                    "responses or decisions") +
              " recorded here for " + audit + "; send them first",
          code("problem.bundle.final_without_responses",
               {{"n", std::to_string(d->responses_here_only + d->decisions_here_only)}}));
    }
  }

  // The events are written while the audit is a draft, as they were made; the state the
  // merged history ends in is set last (the insert triggers stay as they are).
  if (here != AuditStatus::kDraft && bundle_ahead) {
    if (Status s = RunForAudit(ws, "UPDATE audit SET status = 'draft' WHERE id = ?1", id); !s.ok())
      return s;
  }
  if (Status s = MergeDraws(ws, id, name); !s.ok()) return s;
  Result<int64_t> before =
      CountForAudit(ws, "SELECT coalesce(max(id), 0) FROM score_event WHERE audit = ?1", id);
  if (!before.ok()) return before.status();
  const std::vector<std::string> statements = {
      "INSERT INTO audit_response (uid, audit, criterion, text, source, received, version, "
      "recorded_by, at) SELECT uid, ?1, criterion, text, source, received, version, "
      "recorded_by, at FROM bundle.response WHERE uid NOT IN (SELECT uid FROM "
      "main.audit_response) ORDER BY seq",
      "INSERT INTO score_event (uid, audit, case_id, criterion, inspector, kind, old_result, "
      "new_result, old_note, note, at, response, note_redaction, old_note_redaction) SELECT "
      "b.uid, ?1, b.case_id, b.criterion, b.inspector, b.kind, b.old_result, b.new_result, "
      "b.old_note, b.note, b.at, (SELECT r.id FROM main.audit_response r WHERE r.uid = "
      "b.response), (SELECT n.id FROM main.audit_event n WHERE n.uid = b.note_redaction), "
      "(SELECT o.id FROM main.audit_event o WHERE o.uid = b.old_note_redaction) FROM "
      "bundle.score_event b WHERE b.uid NOT IN (SELECT uid FROM main.score_event) ORDER BY "
      "b.seq",
      "INSERT INTO score_basis (event, inspector, result) SELECT e.id, b.inspector, b.result "
      "FROM bundle.score_basis b JOIN main.score_event e ON e.uid = b.event WHERE e.audit = ?1 "
      "AND NOT EXISTS (SELECT 1 FROM main.score_basis x WHERE x.event = e.id AND x.inspector = "
      "b.inspector)",
      "INSERT INTO response_decision (uid, response, decision, reason, decided_by, at) SELECT "
      "b.uid, r.id, b.decision, b.reason, b.decided_by, b.at FROM bundle.response_decision b "
      "JOIN main.audit_response r ON r.uid = b.response WHERE r.audit = ?1 AND b.uid NOT IN "
      "(SELECT uid FROM main.response_decision) ORDER BY b.seq",
  };
  for (size_t i = 0; i < statements.size(); ++i) {
    // The audit events go in after the responses, before the score events that name them.
    if (i == 1) {
      if (Status s = MergeAuditEvents(ws, id, &merge.redacted); !s.ok()) return s;
    }
    if (Status s = RunForAudit(ws, statements[i], id); !s.ok()) return s;
  }
  if (info.format >= 2) {
    // A draw's population rule and reserve list, for the draws that came with this bundle
    // (a draw made here keeps its own).
    for (
        const char* sql :
        {"UPDATE sample_draw SET population_rule = (SELECT b.population_rule FROM "
         "bundle.sample_draw_rule b WHERE b.draw = sample_draw.uid) WHERE audit = ?1 AND "
         "population_rule = '' AND uid IN (SELECT draw FROM bundle.sample_draw_rule)",
         "INSERT INTO sample_reserve (draw, case_id, stratum, reserve_order) SELECT d.id, "
         "r.case_id, r.stratum, r.reserve_order FROM bundle.sample_reserve r JOIN main.sample_draw "
         "d ON d.uid = r.draw WHERE d.audit = ?1 AND NOT EXISTS (SELECT 1 FROM main.sample_reserve "
         "x WHERE x.draw = d.id)"}) {
      if (Status s = RunForAudit(ws, sql, id); !s.ok()) return s;
    }
    // Findings, like score events, in the order they were written on their laptop.
    if (Status s = RunForAudit(ws,
                               "INSERT INTO finding (uid, audit, subject, kind, text, evidence, "
                               "inspector, at) SELECT uid, ?1, subject, kind, text, evidence, "
                               "inspector, at FROM bundle.finding WHERE uid NOT IN (SELECT uid "
                               "FROM main.finding) ORDER BY seq",
                               id);
        !s.ok()) {
      return s;
    }
  }
  if (Status s = MergeSnapshots(ws, id, b->org, name); !s.ok()) return s;
  if (Status s = RunForAudit(
          ws,
          "INSERT INTO report_version (audit, version, format, lang, sha256, content, "
          "written_at) SELECT ?1, b.version, b.format, b.lang, b.sha256, b.content, b.written_at "
          "FROM bundle.report_version b WHERE EXISTS (SELECT 1 FROM main.audit_snapshot s WHERE "
          "s.audit = ?1 AND s.version = b.version) AND NOT EXISTS (SELECT 1 FROM "
          "main.report_version r WHERE r.audit = ?1 AND r.version = b.version AND r.format = "
          "b.format AND r.lang = b.lang) AND NOT EXISTS (SELECT 1 FROM main.report_withdrawn w "
          "WHERE w.audit = ?1 AND w.version = b.version AND w.format = b.format AND w.lang = "
          "b.lang AND w.sha256 = b.sha256)",
          id);
      !s.ok()) {
    return s;
  }
  if (merge.audit_created) {
    if (Status s = RunForAudit(ws,
                               "INSERT INTO audit_inspector (audit, name) SELECT ?1, name FROM "
                               "bundle.inspector",
                               id);
        !s.ok()) {
      return s;
    }
  }
  if (d->changes_new > 0) {
    if (Status s = ReplayInspectors(ws, id); !s.ok()) return s;
    if (Status s = ReplayAsOf(ws, id); !s.ok()) return s;
  }
  Result<Statement> q = ws.db().Prepare("UPDATE audit SET status = ? WHERE id = ?");
  if (!q.ok()) return q.status();
  if (Status s = q->Bind(1, AuditStatusName(target)).Bind(2, id).Run(); !s.ok()) return s;

  if (d->scores_new > 0) {
    Result<std::vector<std::string>> warnings = SameSecond(ws, id, *before);
    if (!warnings.ok()) return warnings.status();
    merge.warnings = std::move(*warnings);
  }
  merge.events_added = d->scores_new + d->audit_events_new + d->findings_new;
  merge.events_known = info.events - merge.events_added;
  return merge;
}

}  // namespace

Result<BundleMerge> ImportBundle(Workspace& ws, const std::filesystem::path& bundle) {
  const std::string name = bundle.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(bundle, ec)) {
    return NoSuchBundle(name);
  }
  SecureDelete secure(&ws.db());
  if (!secure.status().ok()) return secure.status();
  BundleMerge merge;
  {
    Attached attached(&ws.db());
    if (Status s = attached.Attach(name); !s.ok()) return s;
    Transaction tx(&ws.db());
    if (!tx.status().ok()) return tx.status();
    Result<BundleInfo> info = Verify(ws.db().handle(), "bundle", name);
    if (!info.ok()) return info.status();
    Result<BundleMerge> merged = Merge(ws, *info, name);
    if (!merged.ok()) return merged.status();
    if (Status s = tx.Commit(); !s.ok()) return s;
    merge = std::move(*merged);
  }
  if (merge.redacted > 0) {
    // The pages as they were before sit in the write-ahead log, and in the file until they
    // are copied back: a checkpoint that truncates the log removes both, unless another
    // connection still reads an older state of the workspace.
    Result<Statement> checkpoint = ws.db().Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    if (!checkpoint.ok()) return checkpoint.status();
    if (!checkpoint->Step() || checkpoint->Int(0) != 0) {
      merge.warnings.push_back(
          "the old text of " + std::to_string(merge.redacted) +
          (merge.redacted == 1 ? " redacted note stays" : " redacted notes stay") +
          " in the workspace's write-ahead log until the other vtaudit using it (vtaudit serve, "
          "another command) stops");
    }
  }
  return merge;
}

}  // namespace vtaudit
