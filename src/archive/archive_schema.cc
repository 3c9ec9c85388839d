#include "archive_schema.h"

#include <vector>

namespace vtaudit {
namespace {

// Every table that holds what someone pushed has `pushed_by` (the PostgreSQL role, set by
// the server) and row-level security: everyone may read every row, a role writes only its
// own. FORCE applies that to the tables' owner too; superusers are exempt, as always.
std::vector<std::string> RowSecurity(const std::string& table) {
  const std::string t = "vtaudit." + table;
  return {
      "ALTER TABLE " + t + " ENABLE ROW LEVEL SECURITY",
      "ALTER TABLE " + t + " FORCE ROW LEVEL SECURITY",
      "CREATE POLICY read_all ON " + t + " FOR SELECT USING (true)",
      "CREATE POLICY insert_own ON " + t + " FOR INSERT WITH CHECK (pushed_by = current_user)",
      "CREATE POLICY update_own ON " + t +
          " FOR UPDATE USING (pushed_by = current_user) WITH CHECK (pushed_by = current_user)",
      "CREATE POLICY delete_own ON " + t + " FOR DELETE USING (pushed_by = current_user)",
  };
}

// Migration n (1-based) as single statements (PQexecParams takes one at a time).
std::vector<std::vector<std::string>> Migrations() {
  std::vector<std::string> v1 = {
      "CREATE TABLE vtaudit.organisation ("
      " code text PRIMARY KEY, name text NOT NULL, region text NOT NULL DEFAULT '',"
      " pushed_by text NOT NULL DEFAULT current_user)",
      // The frameworks audits were judged under, as the exact bytes (for crosswalks).
      "CREATE TABLE vtaudit.framework ("
      " sha256 text PRIMARY KEY, id text NOT NULL, version text NOT NULL, content bytea NOT NULL,"
      " pushed_by text NOT NULL DEFAULT current_user)",
      // One row per audit (by its uid across laptops); `number` is the archive's own.
      "CREATE TABLE vtaudit.audit ("
      " number bigserial UNIQUE NOT NULL, uid text PRIMARY KEY,"
      " org text NOT NULL REFERENCES vtaudit.organisation(code), period integer NOT NULL,"
      " pushed_by text NOT NULL DEFAULT current_user,"
      " pushed_at timestamptz NOT NULL DEFAULT now())",
      // Every bundle pushed, by the SHA-256 of its bytes and of its content (the bundle's
      // digest, which leaves out when it was written): the same audit pushed twice
      // unchanged is one row; two laptops' bundles of one audit are two. `judged` says where
      // the judgement rows
      // come from: the audit's snapshot (concept, final) or its current scores (draft).
      "CREATE TABLE vtaudit.bundle ("
      " sha256 text PRIMARY KEY, content_sha256 text NOT NULL UNIQUE,"
      " audit_uid text NOT NULL REFERENCES vtaudit.audit(uid),"
      " state text NOT NULL CHECK (state IN ('draft', 'concept', 'final')),"
      " judged text NOT NULL CHECK (judged IN ('snapshot', 'draft')), as_of date NOT NULL,"
      " framework_sha256 text NOT NULL REFERENCES vtaudit.framework(sha256),"
      " events bigint NOT NULL, bytes bytea NOT NULL,"
      " pushed_by text NOT NULL DEFAULT current_user,"
      " pushed_at timestamptz NOT NULL DEFAULT clock_timestamp())",
      "CREATE INDEX bundle_audit ON vtaudit.bundle(audit_uid, pushed_at)",
      // The judgement of the audit in that bundle, one row per node, in framework order.
      "CREATE TABLE vtaudit.judgement ("
      " bundle_sha256 text NOT NULL REFERENCES vtaudit.bundle(sha256), seq integer NOT NULL,"
      " kind text NOT NULL CHECK (kind IN ('domain', 'standard', 'criterion')),"
      " node_id text NOT NULL, parent_id text, level text, share double precision,"
      " met bigint NOT NULL, not_met bigint NOT NULL,"
      " pushed_by text NOT NULL DEFAULT current_user, PRIMARY KEY (bundle_sha256, seq))",
      // An organisation's timeliness aggregates as one role computed them from one
      // delivery (by its SHA-256), as of one date, under one framework's deadlines.
      "CREATE TABLE vtaudit.aggregate_set ("
      " id bigserial PRIMARY KEY, org text NOT NULL REFERENCES vtaudit.organisation(code),"
      " delivery_sha256 text NOT NULL, framework_id text NOT NULL, as_of date NOT NULL,"
      " pushed_by text NOT NULL DEFAULT current_user,"
      " pushed_at timestamptz NOT NULL DEFAULT clock_timestamp(),"
      " UNIQUE (org, delivery_sha256, framework_id, pushed_by))",
      // Per cohort, month and deadline: additive counts (timeliness.h, MonthCount).
      "CREATE TABLE vtaudit.clock_month ("
      " set_id bigint NOT NULL REFERENCES vtaudit.aggregate_set(id) ON DELETE CASCADE,"
      " cohort text NOT NULL CHECK (cohort IN ('completed', 'due')), month text NOT NULL,"
      " deadline text NOT NULL, counted bigint NOT NULL, on_time bigint NOT NULL,"
      " late bigint NOT NULL, pending bigint NOT NULL, overdue bigint NOT NULL,"
      " invalid bigint NOT NULL, pushed_by text NOT NULL DEFAULT current_user,"
      " PRIMARY KEY (set_id, cohort, month, deadline))",
      // Per month: the counts of the parliamentary answers (compare.h, YearlyCounts).
      "CREATE TABLE vtaudit.count_month ("
      " set_id bigint NOT NULL REFERENCES vtaudit.aggregate_set(id) ON DELETE CASCADE,"
      " month text NOT NULL, meldingen bigint NOT NULL, meldingen_kindermishandeling bigint NOT "
      "NULL,"
      " investigations_completed bigint NOT NULL,"
      " investigations_completed_kindermishandeling bigint NOT NULL, rvdk bigint NOT NULL,"
      " pushed_by text NOT NULL DEFAULT current_user, PRIMARY KEY (set_id, month))",
  };
  for (const char* table : {"organisation", "framework", "audit", "bundle", "judgement",
                            "aggregate_set", "clock_month", "count_month"}) {
    for (std::string& s : RowSecurity(table)) v1.push_back(std::move(s));
  }
  // Version 2: the open stock at each month's end (MonthCount's stock_pending and
  // stock_overdue), so that compare --archive shows pending and overdue per year as the
  // local compare does. NULL in the rows pushed before: compare shows "-" for them.
  std::vector<std::string> v2 = {
      "ALTER TABLE vtaudit.clock_month ADD COLUMN stock_pending bigint,"
      " ADD COLUMN stock_overdue bigint",
  };
  return {v1, v2};
}

// Any constant: it serialises migrations between clients of the same archive.
constexpr int64_t kMigrationLock = 0x7674617564697431;  // "vtaudit1"

}  // namespace

int LatestArchiveSchemaVersion() { return static_cast<int>(Migrations().size()); }

Result<int> ArchiveSchemaVersion(PgConnection* conn) {
  Result<PgResult> exists = conn->Query("SELECT to_regclass('vtaudit.schema_version') IS NOT NULL");
  if (!exists.ok()) return exists.status();
  if (exists->Text(0, 0) != "t") return 0;
  Result<PgResult> v = conn->Query("SELECT coalesce(max(version), 0) FROM vtaudit.schema_version");
  if (!v.ok()) return v.status();
  return static_cast<int>(v->Int(0, 0));
}

Status MigrateArchive(PgConnection* conn) {
  const std::vector<std::vector<std::string>> migrations = Migrations();
  PgTransaction tx(conn);
  if (!tx.status().ok()) return tx.status();
  if (Status s = conn->Run("SELECT pg_advisory_xact_lock($1)", {kMigrationLock}); !s.ok()) return s;
  Result<int> version = ArchiveSchemaVersion(conn);
  if (!version.ok()) return version.status();
  if (*version > LatestArchiveSchemaVersion()) {
    return Status::Invalid("the archive's schema is version " + std::to_string(*version) +
                           ", newer than this vtaudit knows (" +
                           std::to_string(LatestArchiveSchemaVersion()) + "): update vtaudit");
  }
  if (*version == LatestArchiveSchemaVersion()) return tx.Commit();
  std::vector<std::string> statements;
  if (*version == 0) {
    statements = {"CREATE SCHEMA IF NOT EXISTS vtaudit",
                  "CREATE TABLE vtaudit.schema_version (version integer PRIMARY KEY,"
                  " applied_at timestamptz NOT NULL DEFAULT now(),"
                  " applied_by text NOT NULL DEFAULT current_user)"};
  }
  for (size_t n = static_cast<size_t>(*version); n < migrations.size(); ++n) {
    for (const std::string& s : migrations[n]) statements.push_back(s);
    statements.push_back("INSERT INTO vtaudit.schema_version (version) VALUES (" +
                         std::to_string(n + 1) + ")");
  }
  for (const std::string& sql : statements) {
    if (Status s = conn->Run(sql); !s.ok()) {
      return Status::IoError(s.messages().front() + " (while migrating the archive from version " +
                             std::to_string(*version) + " to " +
                             std::to_string(LatestArchiveSchemaVersion()) +
                             "; the archive's owner runs `vtaudit archive status --migrate`)");
    }
  }
  return tx.Commit();
}

}  // namespace vtaudit
