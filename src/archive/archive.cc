#include "archive.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "archive_schema.h"
#include "audit.h"
#include "case_store.h"
#include "database.h"
#include "digest.h"
#include "judge_audit.h"
#include "pg_connection.h"
#include "snapshot.h"

namespace vtaudit {
namespace {

// A PostgreSQL array literal of text ("{"a","b",NULL}"), sent as one parameter: rows go
// in with one INSERT … SELECT FROM unnest(…) instead of one round trip each.
class ArrayLiteral {
 public:
  void Add(std::string_view text) {
    out_ += out_.empty() ? "{\"" : ",\"";
    for (const char c : text) {
      if (c == '"' || c == '\\') out_ += '\\';
      out_ += c;
    }
    out_ += '"';
  }
  void Add(long n) { Add(std::string_view(std::to_string(n))); }
  void Add(const std::optional<std::string>& text) {
    if (text) {
      Add(std::string_view(*text));
    } else {
      out_ += out_.empty() ? "{NULL" : ",NULL";
    }
  }
  void Add(const std::optional<double>& share) {
    if (!share) return Add(std::optional<std::string>());
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *share);  // round-trips exactly
    Add(std::string_view(buf));
  }
  std::string Take() { return out_.empty() ? "{}" : std::move(out_) + "}"; }

 private:
  std::string out_;
};

// A directory of our own (0700) for a bundle on its way, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "vtaudit-archive-XXXXXX");
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  bool ok() const { return !path_.empty(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (!f.good() && !f.eof()) return Status::IoError("cannot read " + path.string());
  return bytes;
}

Status WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << bytes;
  f.close();
  if (!f) return Status::IoError("cannot write " + path.string());
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return Status::Ok();
}

// The bundle's content digest (docs/bundles.md: over every table, not the file, whose
// meta row `written_at` differs at each export). ReadBundleInfo has verified it.
Result<std::string> ContentDigest(const std::filesystem::path& bundle) {
  Result<std::unique_ptr<Database>> db = Database::Open(bundle.string(), false);
  if (!db.ok()) return db.status();
  Result<Statement> q = (*db)->Prepare("SELECT value FROM meta WHERE key = 'digest'");
  if (!q.ok()) return q.status();
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return Status::Invalid(bundle.string() + ": the bundle names no content digest");
  }
  return q->Text(0);
}

Result<std::string> FrameworkContent(Workspace* ws, const std::string& sha256) {
  Result<Statement> q = ws->db().Prepare("SELECT content FROM framework WHERE sha256 = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, sha256);
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return Status::NotFound("the workspace has no framework " + sha256);
  }
  return q->Blob(0);
}

// The judgement tree as rows: seq, kind, node id, parent id, level, share, met, not_met.
struct JudgementRows {
  ArrayLiteral seq, kind, node, parent, level, share, met, not_met;
  long count = 0;
  void Add(const NodeJudgement& n, const std::optional<std::string>& parent_id) {
    seq.Add(count++);
    kind.Add(std::string_view(n.kind));
    node.Add(std::string_view(n.id));
    parent.Add(parent_id);
    level.Add(n.level);
    share.Add(n.share);
    met.Add(n.met);
    not_met.Add(n.not_met);
    for (const NodeJudgement& child : n.children) Add(child, n.id);
  }
};

std::string_view CohortColumn(Cohort c) { return CohortName(c); }

Status InsertOrganisation(PgConnection* pg, const Organisation& o) {
  return pg->Run(
      "INSERT INTO vtaudit.organisation (code, name, region) VALUES ($1, $2, $3)"
      " ON CONFLICT (code) DO NOTHING",
      {o.code, o.name, o.region});
}

// An organisation's monthly figures in both cohorts, from its latest delivery's cases.
struct Aggregates {
  std::string delivery_sha256;  // empty: no delivery
  std::vector<OrgMonthFigures> completed, due;
};

Result<Aggregates> CollectAggregates(Workspace* ws, const std::string& org,
                                     const Framework& framework, const Calendar& calendar,
                                     Date as_of) {
  Aggregates out;
  Result<std::optional<Delivery>> delivery = LatestDelivery(ws, org);
  if (!delivery.ok()) return delivery.status();
  if (!*delivery) return out;
  out.delivery_sha256 = (*delivery)->sha256;
  Result<Period> period = CasesPeriod(ws, org, as_of);
  if (!period.ok()) return period.status();
  // Both cohorts in one pass over the cases.
  CompareCollector by_completion(framework, calendar, *period, Cohort::kCompleted, as_of);
  CompareCollector by_due(framework, calendar, *period, Cohort::kDue, as_of);
  Status s = ForEachCase(ws, org, {}, [&](const CaseRecord& c) {
    by_completion.Add(c);
    by_due.Add(c);
  });
  if (!s.ok()) return s;
  out.completed = by_completion.Finish(org);
  out.due = by_due.Finish(org);
  return out;
}

// Replaces this role's aggregates of that delivery. REQUIRES: inside a transaction.
Result<AggregatePush> StoreAggregates(PgConnection* pg, const Organisation& org,
                                      const Aggregates& a, const std::string& framework_id,
                                      Date as_of) {
  AggregatePush out;
  out.org = org.code;
  out.delivery_sha256 = a.delivery_sha256;
  if (a.delivery_sha256.empty()) return out;
  Result<PgResult> set = pg->Query(
      "SELECT id FROM vtaudit.aggregate_set WHERE org = $1 AND delivery_sha256 = $2"
      " AND framework_id = $3 AND pushed_by = current_user",
      {org.code, a.delivery_sha256, framework_id});
  if (!set.ok()) return set.status();
  int64_t set_id = 0;
  if (set->rows() == 1) {
    out.replaced = true;
    set_id = set->Int(0, 0);
    for (const char* sql : {"DELETE FROM vtaudit.clock_month WHERE set_id = $1",
                            "DELETE FROM vtaudit.count_month WHERE set_id = $1"}) {
      if (Status s = pg->Run(sql, {set_id}); !s.ok()) return s;
    }
    if (Status s =
            pg->Run("UPDATE vtaudit.aggregate_set SET as_of = $2, pushed_at = clock_timestamp()"
                    " WHERE id = $1",
                    {set_id, as_of.ToIso()});
        !s.ok()) {
      return s;
    }
  } else {
    Result<PgResult> created = pg->Query(
        "INSERT INTO vtaudit.aggregate_set (org, delivery_sha256, framework_id, as_of)"
        " VALUES ($1, $2, $3, $4) RETURNING id",
        {org.code, a.delivery_sha256, framework_id, as_of.ToIso()});
    if (!created.ok()) return created.status();
    set_id = created->Int(0, 0);
  }
  ArrayLiteral cohort, month, deadline, counted, on_time, late, pending, overdue, invalid,
      stock_pending, stock_overdue;
  for (const Cohort c : {Cohort::kCompleted, Cohort::kDue}) {
    for (const OrgMonthFigures& m : c == Cohort::kCompleted ? a.completed : a.due) {
      for (const auto& [id, n] : m.clocks) {
        // A month without a row counted nothing and had nothing open (SumByYear).
        if (n.on_time + n.late + n.pending + n.overdue + n.invalid + n.stock_pending +
                n.stock_overdue ==
            0) {
          continue;
        }
        cohort.Add(CohortColumn(c));
        month.Add(std::string_view(m.month));
        out.Span(m.month);
        deadline.Add(std::string_view(id));
        counted.Add(n.on_time + n.late);
        on_time.Add(n.on_time);
        late.Add(n.late);
        pending.Add(n.pending);
        overdue.Add(n.overdue);
        invalid.Add(n.invalid);
        stock_pending.Add(n.stock_pending);
        stock_overdue.Add(n.stock_overdue);
        ++out.rows;
      }
    }
  }
  if (Status s = pg->Run(
          "INSERT INTO vtaudit.clock_month (set_id, cohort, month, deadline, counted, on_time,"
          " late, pending, overdue, invalid, stock_pending, stock_overdue) SELECT $1::bigint, *"
          " FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[],"
          " $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[],"
          " $12::bigint[])",
          {set_id, cohort.Take(), month.Take(), deadline.Take(), counted.Take(), on_time.Take(),
           late.Take(), pending.Take(), overdue.Take(), invalid.Take(), stock_pending.Take(),
           stock_overdue.Take()});
      !s.ok()) {
    return s;
  }
  ArrayLiteral cm, meldingen, meldingen_km, completed, completed_km, rvdk;
  for (const OrgMonthFigures& m : a.completed) {
    const YearlyCounts& n = m.counts;
    if (n.meldingen + n.investigations_completed == 0) continue;
    cm.Add(std::string_view(m.month));
    out.Span(m.month);
    meldingen.Add(n.meldingen);
    meldingen_km.Add(n.meldingen_kindermishandeling);
    completed.Add(n.investigations_completed);
    completed_km.Add(n.investigations_completed_kindermishandeling);
    rvdk.Add(n.rvdk);
    ++out.rows;
  }
  if (Status s =
          pg->Run("INSERT INTO vtaudit.count_month (set_id, month, meldingen,"
                  " meldingen_kindermishandeling, investigations_completed,"
                  " investigations_completed_kindermishandeling, rvdk) SELECT $1::bigint, * FROM"
                  " unnest($2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[],"
                  " $7::bigint[])",
                  {set_id, cm.Take(), meldingen.Take(), meldingen_km.Take(), completed.Take(),
                   completed_km.Take(), rvdk.Take()});
      !s.ok()) {
    return s;
  }
  return out;
}

}  // namespace

Result<Period> CasesPeriod(Workspace* ws, const std::string& org, Date as_of) {
  // Events are stored as seconds since 1970 times two (case_store.h, EncodeEvent).
  Result<Statement> q = ws->db().Prepare(
      "SELECT min(received), max(max(received, coalesce(triaged, 0), coalesce(safety_assessed, 0),"
      " coalesce(investigation_decided, 0), coalesce(investigation_started, 0),"
      " coalesce(investigation_completed, 0))) FROM case_data WHERE org = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, org);
  if (!q->Step() || q->IsNull(0)) {
    if (!q->status().ok()) return q->status();
    return Status::NotFound("organisation " + org + " has no cases in the workspace");
  }
  const int first = DecodeEvent(q->Int(0)).date.year();
  const int last = std::max(DecodeEvent(q->Int(1)).date.year(), as_of.year()) + 1;
  return Period{*Date::FromYmd(first, 1, 1), *Date::FromYmd(last, 12, 31)};
}

Archive::Archive(std::unique_ptr<PgConnection> conn) : conn_(std::move(conn)) {}
Archive::~Archive() = default;

Result<std::unique_ptr<Archive>> Archive::Connect(const std::string& conninfo) {
  Result<std::unique_ptr<PgConnection>> conn = PgConnection::Connect(conninfo);
  if (!conn.ok()) return conn.status();
  return std::unique_ptr<Archive>(new Archive(std::move(*conn)));
}

Status Archive::Migrate() { return MigrateArchive(conn_.get()); }

Result<ArchiveStatus> Archive::GetStatus() {
  ArchiveStatus st;
  st.server = conn_->server();
  st.server_version = conn_->ServerVersion();
  st.latest_schema_version = LatestArchiveSchemaVersion();
  PgTransaction tx(conn_.get());
  if (!tx.status().ok()) return tx.status();
  Result<PgResult> user = conn_->Query("SELECT current_user");
  if (!user.ok()) return user.status();
  st.user = user->Text(0, 0);
  Result<int> version = ArchiveSchemaVersion(conn_.get());
  if (!version.ok()) return version.status();
  st.schema_version = *version;
  if (st.schema_version > 0) {
    Result<PgResult> n = conn_->Query(
        "SELECT (SELECT count(*) FROM vtaudit.organisation), (SELECT count(*) FROM vtaudit.audit),"
        " (SELECT count(*) FROM vtaudit.bundle), (SELECT count(*) FROM vtaudit.aggregate_set),"
        " (SELECT count(*) FROM vtaudit.clock_month) + (SELECT count(*) FROM vtaudit.count_month)");
    if (!n.ok()) return n.status();
    st.organisations = n->Int(0, 0);
    st.audits = n->Int(0, 1);
    st.bundles = n->Int(0, 2);
    st.aggregate_sets = n->Int(0, 3);
    st.aggregate_rows = n->Int(0, 4);
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return st;
}

Result<ArchivePush> Archive::Push(Workspace* ws, int64_t audit_id, const Framework& framework,
                                  const Calendar& calendar, Date as_of) {
  Result<JudgedAudit> judged = JudgeAudit(ws, audit_id, calendar);
  if (!judged.ok()) return judged.status();
  const Audit& audit = judged->audit;
  Result<Organisation> org = ws->FindOrganisation(audit.org);
  if (!org.ok()) return org.status();
  Result<std::string> framework_content = FrameworkContent(ws, audit.framework_sha256);
  if (!framework_content.ok()) return framework_content.status();

  ArchivePush out;
  out.judged = audit.status == AuditStatus::kDraft ? "draft" : "snapshot";
  std::string bytes, content_digest;
  {
    TempDir dir;
    if (!dir.ok()) return Status::IoError("cannot make a temporary directory for the bundle");
    const std::filesystem::path file = dir.path() / "audit.vtbundle";
    Result<BundleInfo> info = ExportBundle(*ws, audit_id, file);
    if (!info.ok()) return info.status();
    out.bundle = std::move(*info);
    if (Result<BundleInfo> verified = ReadBundleInfo(file); !verified.ok()) {
      return verified.status();
    }
    Result<std::string> digest = ContentDigest(file);
    if (!digest.ok()) return digest.status();
    content_digest = std::move(*digest);
    Result<std::string> read = ReadFile(file);
    if (!read.ok()) return read.status();
    bytes = std::move(*read);
  }
  out.bundle.sha256 = Sha256Hex(bytes);

  Result<Aggregates> aggregates = CollectAggregates(ws, audit.org, framework, calendar, as_of);
  if (!aggregates.ok()) return aggregates.status();

  if (Status s = Migrate(); !s.ok()) return s;
  PgConnection& pg = *conn_;
  PgTransaction tx(&pg);
  if (!tx.status().ok()) return tx.status();
  if (Status s = InsertOrganisation(&pg, *org); !s.ok()) return s;
  if (Status s = pg.Run(
          "INSERT INTO vtaudit.framework (sha256, id, version, content) VALUES ($1, $2, $3, $4)"
          " ON CONFLICT (sha256) DO NOTHING",
          {audit.framework_sha256, judged->framework.id, judged->framework.version,
           PgParam::Bytes(*framework_content)});
      !s.ok()) {
    return s;
  }
  // Not VALUES … ON CONFLICT: that would draw a number from the sequence at every push of a
  // known audit, and the archive numbers audits 1, 2, 3 in the order they first came.
  if (Status s = pg.Run(
          "INSERT INTO vtaudit.audit (uid, org, period) SELECT $1::text, $2::text, $3::integer"
          " WHERE NOT EXISTS (SELECT FROM vtaudit.audit WHERE uid = $1::text)"
          " ON CONFLICT (uid) DO NOTHING",
          {out.bundle.audit_uid, audit.org, audit.period});
      !s.ok()) {
    return s;
  }
  Result<PgResult> inserted = pg.Query(
      "INSERT INTO vtaudit.bundle (sha256, content_sha256, audit_uid, state, judged, as_of,"
      " framework_sha256, events, bytes) VALUES ($1, $9, $2, $3, $4, $5, $6, $7, $8)"
      " ON CONFLICT DO NOTHING RETURNING sha256",
      {out.bundle.sha256, out.bundle.audit_uid, std::string(AuditStatusName(audit.status)),
       out.judged, judged->as_of.ToIso(), audit.framework_sha256, out.bundle.events,
       PgParam::Bytes(bytes), content_digest});
  if (!inserted.ok()) return inserted.status();
  out.bundle_new = inserted->rows() == 1;
  if (out.bundle_new) {
    JudgementRows rows;
    for (const NodeJudgement& d : judged->judgement.domains) rows.Add(d, std::nullopt);
    if (Status s = pg.Run(
            "INSERT INTO vtaudit.judgement (bundle_sha256, seq, kind, node_id, parent_id, level,"
            " share, met, not_met) SELECT $1::text, * FROM unnest($2::integer[], $3::text[], "
            "$4::text[],"
            " $5::text[], $6::text[], $7::double precision[], $8::bigint[], $9::bigint[])",
            {out.bundle.sha256, rows.seq.Take(), rows.kind.Take(), rows.node.Take(),
             rows.parent.Take(), rows.level.Take(), rows.share.Take(), rows.met.Take(),
             rows.not_met.Take()});
        !s.ok()) {
      return s;
    }
  }

  Result<AggregatePush> stored = StoreAggregates(&pg, *org, *aggregates, framework.id, as_of);
  if (!stored.ok()) return stored.status();
  out.aggregates = std::move(*stored);
  if (Status s = tx.Commit(); !s.ok()) return s;
  return out;
}

Result<AggregatePush> Archive::PushAggregates(Workspace* ws, const std::string& org,
                                              const Framework& framework, const Calendar& calendar,
                                              Date as_of) {
  Result<Organisation> o = ws->FindOrganisation(org);
  if (!o.ok()) return o.status();
  Result<Aggregates> aggregates = CollectAggregates(ws, org, framework, calendar, as_of);
  if (!aggregates.ok()) return aggregates.status();
  if (Status s = Migrate(); !s.ok()) return s;
  PgTransaction tx(conn_.get());
  if (!tx.status().ok()) return tx.status();
  if (Status s = InsertOrganisation(conn_.get(), *o); !s.ok()) return s;
  Result<AggregatePush> stored = StoreAggregates(conn_.get(), *o, *aggregates, framework.id, as_of);
  if (!stored.ok()) return stored.status();
  if (Status s = tx.Commit(); !s.ok()) return s;
  return stored;
}

Result<std::vector<ArchivePulled>> Archive::Pull(Workspace* ws, const std::string& org,
                                                 std::optional<int> period) {
  Result<int> version = ArchiveSchemaVersion(conn_.get());
  if (!version.ok()) return version.status();
  const std::string what =
      "audit of " + org + (period ? " in " + std::to_string(*period) : std::string());
  if (*version == 0) return Status::NotFound("the archive holds no " + what + " (it is empty)");
  Result<PgResult> rows = [&] {
    PgTransaction tx(conn_.get());
    if (!tx.status().ok()) return Result<PgResult>(tx.status());
    Result<PgResult> r = conn_->QueryBinary(
        "SELECT b.sha256, b.bytes, b.pushed_by,"
        " to_char(b.pushed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        " FROM vtaudit.bundle b JOIN vtaudit.audit a ON a.uid = b.audit_uid"
        " WHERE a.org = $1 AND ($2::integer IS NULL OR a.period = $2::integer)"
        " ORDER BY b.pushed_at, b.sha256",
        {org, period ? PgParam(*period) : PgParam::Null()});
    if (!r.ok()) return r;
    if (Status s = tx.Commit(); !s.ok()) return Result<PgResult>(s);
    return r;
  }();
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return Status::NotFound("the archive holds no " + what);
  std::vector<ArchivePulled> out;
  TempDir dir;
  if (!dir.ok()) return Status::IoError("cannot make a temporary directory for the bundles");
  for (size_t i = 0; i < rows->rows(); ++i) {
    ArchivePulled p;
    p.sha256 = rows->Text(i, 0);
    const std::string& bytes = rows->Text(i, 1);
    p.pushed_by = rows->Text(i, 2);
    p.pushed_at = rows->Text(i, 3);
    if (Sha256Hex(bytes) != p.sha256) {
      return Status::Invalid("archive: bundle " + p.sha256 + " does not match its SHA-256");
    }
    const std::filesystem::path file = dir.path() / (p.sha256 + ".vtbundle");
    if (Status s = WriteFile(file, bytes); !s.ok()) return s;
    Result<BundleMerge> merge = ImportBundle(*ws, file);
    if (!merge.ok()) return merge.status();
    p.merge = *merge;
    std::filesystem::remove(file);
    out.push_back(std::move(p));
  }
  return out;
}

Result<ArchiveCompareInput> Archive::GatherCompareInput(const CompareRequest& request,
                                                        std::optional<Date> as_of,
                                                        const Framework& reference) {
  ArchiveCompareInput out;
  CompareInput& in = out.input;
  in.years = request.years;
  in.reference = reference;
  Result<std::vector<Deadline>> deadlines = SelectDeadlines(reference, request.deadlines);
  if (!deadlines.ok()) return deadlines.status();
  in.deadlines = std::move(*deadlines);
  Result<int> version = ArchiveSchemaVersion(conn_.get());
  if (!version.ok()) return version.status();
  if (*version == 0) return Status::NotFound("the archive is empty: nothing was pushed yet");

  PgConnection& pg = *conn_;
  // One snapshot of the archive for the whole comparison.
  PgTransaction tx(&pg);
  if (!tx.status().ok()) return tx.status();
  if (Status s = pg.Run("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY"); !s.ok()) {
    return s;
  }
  Result<PgResult> orgs =
      pg.Query("SELECT code, name, region FROM vtaudit.organisation ORDER BY code");
  if (!orgs.ok()) return orgs.status();
  std::map<std::string, Organisation> known;
  for (size_t i = 0; i < orgs->rows(); ++i) {
    known[orgs->Text(i, 0)] = {orgs->Text(i, 0), orgs->Text(i, 1), orgs->Text(i, 2), 1};
  }
  if (request.organisations.empty()) {
    for (const auto& [code, o] : known) in.organisations.push_back(o);
  } else {
    for (const std::string& code : request.organisations) {
      const auto it = known.find(code);
      if (it == known.end()) return Status::NotFound("the archive has no organisation " + code);
      in.organisations.push_back(it->second);
    }
    in.scope = ScopeOf(request.organisations, known.size());
  }

  std::optional<Date> latest;
  std::vector<std::pair<std::string, Date>> set_dates;
  for (const Organisation& o : in.organisations) {
    Result<PgResult> set = pg.Query(
        "SELECT id, to_char(as_of, 'YYYY-MM-DD') FROM vtaudit.aggregate_set"
        " WHERE org = $1 AND framework_id = $2 AND ($3::date IS NULL OR as_of = $3::date)"
        " ORDER BY pushed_at DESC, id DESC LIMIT 1",
        {o.code, reference.id, as_of ? PgParam(as_of->ToIso()) : PgParam::Null()});
    if (!set.ok()) return set.status();
    if (set->rows() == 0) {
      out.without_aggregates.push_back(o.code);
      continue;
    }
    const int64_t set_id = set->Int(0, 0);
    const Date set_as_of = *Date::ParseIso(set->Text(0, 1));
    set_dates.emplace_back(o.code, set_as_of);
    if (!latest || *latest < set_as_of) latest = set_as_of;
    std::map<std::string, OrgMonthFigures> months;
    const auto month_of = [&](const std::string& m) -> OrgMonthFigures& {
      OrgMonthFigures& f = months[m];
      f.org = o.code;
      f.month = m;
      return f;
    };
    Result<PgResult> clocks = pg.Query(
        "SELECT month, deadline, on_time, late, pending, overdue, invalid, stock_pending,"
        " stock_overdue FROM vtaudit.clock_month WHERE set_id = $1 AND cohort = $2",
        {set_id, std::string(CohortColumn(request.cohort))});
    if (!clocks.ok()) return clocks.status();
    // Rows pushed before schema version 2 hold no stock; a push replaces all of a set's
    // rows, so a set has the stock in every row or in none.
    bool has_stock = true;
    for (size_t i = 0; i < clocks->rows(); ++i) has_stock = has_stock && !clocks->IsNull(i, 7);
    if (!has_stock) out.without_stock.push_back(o.code);
    for (size_t i = 0; i < clocks->rows(); ++i) {
      MonthCount& c = month_of(clocks->Text(i, 0)).clocks[clocks->Text(i, 1)];
      c.month = clocks->Text(i, 0);
      c.on_time = clocks->Int(i, 2);
      c.late = clocks->Int(i, 3);
      c.pending = clocks->Int(i, 4);
      c.overdue = clocks->Int(i, 5);
      c.invalid = clocks->Int(i, 6);
      c.stock_pending = clocks->Int(i, 7);
      c.stock_overdue = clocks->Int(i, 8);
    }
    Result<PgResult> counts = pg.Query(
        "SELECT month, meldingen, meldingen_kindermishandeling, investigations_completed,"
        " investigations_completed_kindermishandeling, rvdk FROM vtaudit.count_month"
        " WHERE set_id = $1",
        {set_id});
    if (!counts.ok()) return counts.status();
    for (size_t i = 0; i < counts->rows(); ++i) {
      YearlyCounts& n = month_of(counts->Text(i, 0)).counts;
      n.meldingen = counts->Int(i, 1);
      n.meldingen_kindermishandeling = counts->Int(i, 2);
      n.investigations_completed = counts->Int(i, 3);
      n.investigations_completed_kindermishandeling = counts->Int(i, 4);
      n.rvdk = counts->Int(i, 5);
    }
    // The stock at the set's as-of date is its month's (timeliness.h, MonthCount): what a
    // year after it shows, as the local compare does, even past the months pushed.
    std::vector<ClockCounts> at_as_of(in.deadlines.size(), ClockCounts{0, 0, OpenStock{}});
    if (const auto m = months.find(set_as_of.ToIso().substr(0, 7)); m != months.end()) {
      for (size_t d = 0; d < in.deadlines.size(); ++d) {
        if (const auto c = m->second.clocks.find(in.deadlines[d].id); c != m->second.clocks.end()) {
          at_as_of[d].open = OpenStock{c->second.stock_pending, c->second.stock_overdue};
        }
      }
    }
    if (!has_stock) {
      for (ClockCounts& c : at_as_of) c.open.reset();
    }
    std::vector<OrgMonthFigures> list;
    for (auto& [m, f] : months) {
      f.has_stock = has_stock;
      list.push_back(std::move(f));
    }
    const size_t first = in.figures.size();
    AddMonthFigures(std::move(list), &in);
    // Years without a pushed month count nothing; their stock is none before the as-of
    // year and the as-of date's from it on.
    for (const int year : in.years) {
      const bool pushed =
          std::any_of(in.figures.begin() + static_cast<std::ptrdiff_t>(first), in.figures.end(),
                      [year](const OrgYearFigures& f) { return f.year == year; });
      if (pushed) continue;
      std::vector<ClockCounts> stock = at_as_of;
      if (year < set_as_of.year()) {
        for (ClockCounts& c : stock) {
          if (c.open) c.open = OpenStock{};
        }
      }
      in.figures.push_back({o.code, year, std::move(stock), {}});
    }
  }
  out.as_of = as_of ? *as_of : latest.value_or(request.as_of);
  for (const auto& [code, date] : set_dates) {
    if (date != out.as_of) out.other_as_of.push_back(code);
  }

  // Each audit as its latest bundle judged it.
  Result<PgResult> audits = pg.Query(
      "SELECT a.number, a.org, a.period, b.sha256, f.id, f.version, f.sha256"
      " FROM vtaudit.audit a JOIN LATERAL (SELECT sha256, framework_sha256 FROM vtaudit.bundle"
      " WHERE audit_uid = a.uid ORDER BY pushed_at DESC, sha256 DESC LIMIT 1) b ON true"
      " JOIN vtaudit.framework f ON f.sha256 = b.framework_sha256 ORDER BY a.number");
  if (!audits.ok()) return audits.status();
  for (size_t i = 0; i < audits->rows(); ++i) {
    AuditedPeriod p;
    p.audit_id = audits->Int(i, 0);
    p.org = audits->Text(i, 1);
    p.year = static_cast<int>(audits->Int(i, 2));
    const bool org_wanted = std::any_of(in.organisations.begin(), in.organisations.end(),
                                        [&](const Organisation& o) { return o.code == p.org; });
    if (!org_wanted || !std::binary_search(in.years.begin(), in.years.end(), p.year)) continue;
    p.framework_id = audits->Text(i, 4);
    p.framework_version = audits->Text(i, 5);
    Result<PgResult> nodes = pg.Query(
        "SELECT kind, node_id, level, share FROM vtaudit.judgement WHERE bundle_sha256 = $1"
        " ORDER BY seq",
        {audits->Text(i, 3)});
    if (!nodes.ok()) return nodes.status();
    for (size_t n = 0; n < nodes->rows(); ++n) {
      const std::string& kind = nodes->Text(n, 0);
      const std::string& id = nodes->Text(n, 1);
      if (kind == "domain") {
        p.domains.emplace_back(id, nodes->OptionalText(n, 2));
      } else if (kind == "criterion") {
        p.criteria[id] = nodes->OptionalDouble(n, 3);
        p.criterion_levels[id] = nodes->OptionalText(n, 2);
      }
    }
    if (p.framework_id != reference.id && !in.crosswalks.count(p.framework_id)) {
      const std::string path = CrosswalkPath(request.crosswalk_dir, p.framework_id, reference.id);
      if (std::filesystem::exists(path)) {
        Result<PgResult> content = pg.QueryBinary(
            "SELECT content FROM vtaudit.framework WHERE sha256 = $1", {audits->Text(i, 6)});
        if (!content.ok()) return content.status();
        Result<Framework> own = ParseFramework(content->Text(0, 0), "archive:" + p.framework_id);
        if (!own.ok()) return own.status();
        Result<Crosswalk> cw = LoadCrosswalkFile(path, *own, reference);
        if (!cw.ok()) return cw.status();
        in.crosswalks.emplace(p.framework_id, std::move(*cw));
      }
    }
    in.audits.push_back(std::move(p));
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return out;
}

}  // namespace vtaudit
