// The inspectorate's archive: one PostgreSQL database holding every pushed audit bundle
// (by the SHA-256 of its bytes and of its content, so the same audit pushed twice unchanged
// is stored once and two laptops' bundles of one audit are both kept), next to queryable rows: the
// audit, the judgement per domain, standard and criterion of each bundle, and each organisation's
// timeliness aggregates per month (additive counts, compare.h's OrgMonthFigures). Nothing
// case-level beyond what a bundle holds (the sampled cases' fields). A pull imports every bundle of
// the matching audits with ImportBundle, whose merge is idempotent and order-free, so it
// reproduces every laptop's work. The national comparison reads the aggregates and
// judgements into the same CompareInput as the local one (GatherCompareInput).
//
// Every statement is parameterised and runs in a transaction. Tables, roles and
// row-level security: docs/archive.md. Not thread-safe (one Archive a thread).
#ifndef VTAUDIT_ARCHIVE_H_
#define VTAUDIT_ARCHIVE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bundle.h"
#include "calendar.h"
#include "compare.h"
#include "framework.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

class PgConnection;

struct ArchiveStatus {
  std::string server;          // "host … port … database … user …"
  std::string server_version;  // "15.18"
  std::string user;            // the role pushes are recorded under
  int schema_version = 0;      // 0: nothing pushed yet (no schema)
  int latest_schema_version = 0;
  long organisations = 0, audits = 0, bundles = 0;
  long aggregate_sets = 0;  // organisation × delivery × framework × pusher
  long aggregate_rows = 0;  // clock_month and count_month rows
};

// What pushing an organisation's aggregates did.
struct AggregatePush {
  std::string org;
  std::string delivery_sha256;         // empty: the organisation has no delivery, nothing sent
  std::string months_from, months_to;  // the first and last month with a row ("2019-01")
  long rows = 0;                       // rows written (months with anything counted)
  bool replaced = false;               // this role had pushed that delivery's before

  void Span(const std::string& month) {
    if (months_from.empty() || month < months_from) months_from = month;
    if (month > months_to) months_to = month;
  }
};

// What one push of an audit did.
struct ArchivePush {
  BundleInfo bundle;
  bool bundle_new = false;  // false: the archive had these bytes already
  std::string judged;       // "snapshot" (concept, final) or "draft"
  AggregatePush aggregates;
};

// One bundle brought back by a pull.
struct ArchivePulled {
  std::string sha256;
  std::string pushed_by;
  std::string pushed_at;  // ISO, UTC
  BundleMerge merge;
};

// What the comparison over the archive read.
struct ArchiveCompareInput {
  CompareInput input;
  Date as_of;  // the aggregates' peildatum (the latest when they differ)
  // Organisations compared without aggregates (none under this framework, or none as
  // of the requested date): they count nothing.
  std::vector<std::string> without_aggregates;
  // Organisations whose aggregates are as of another date than `as_of`.
  std::vector<std::string> other_as_of;
  // Organisations whose aggregates were pushed before the archive kept the open stock
  // (schema version 2): their pending and overdue are unknown until pushed again.
  std::vector<std::string> without_stock;
};

class Archive {
 public:
  // Connects with a libpq connection string or `service=NAME` (see pg_connection.h).
  static Result<std::unique_ptr<Archive>> Connect(const std::string& conninfo);
  ~Archive();

  // Creates or updates the archive's schema (archive_schema.h).
  Status Migrate();
  Result<ArchiveStatus> GetStatus();

  // Exports audit `audit_id` as a bundle and stores it with its judgement (JudgeAudit
  // with `calendar`: its snapshot when concept or final, its current scores when draft),
  // and the organisation's aggregates per month over every month of its cases, computed
  // with `framework`'s deadlines as of `as_of`, both cohorts; all in one transaction, after
  // migrating the schema when needed. Pushing the aggregates of the same delivery again
  // replaces this role's earlier ones.
  Result<ArchivePush> Push(Workspace* ws, int64_t audit_id, const Framework& framework,
                           const Calendar& calendar, Date as_of);
  // Only the organisation's aggregates, as Push sends them: for the organisations not
  // audited, so that the national comparison covers them. NotFound for an unknown code.
  Result<AggregatePush> PushAggregates(Workspace* ws, const std::string& org,
                                       const Framework& framework, const Calendar& calendar,
                                       Date as_of);

  // Imports every bundle of the audits of `org` (in `period` when given), oldest push
  // first. Each bundle's bytes are checked against their SHA-256 before the import.
  // NotFound when the archive has no such audit.
  Result<std::vector<ArchivePulled>> Pull(Workspace* ws, const std::string& org,
                                          std::optional<int> period);

  // The comparison's input from the archive: the requested organisations (all in the
  // archive when none), per organisation the latest aggregates under `reference`'s id
  // (as of `as_of` when given), and the latest bundle's judgement of each audit in the
  // requested years. Audits are numbered as the archive numbers them. NotFound for an
  // organisation the archive lacks; Invalid for an unknown deadline.
  Result<ArchiveCompareInput> GatherCompareInput(const CompareRequest& request,
                                                 std::optional<Date> as_of,
                                                 const Framework& reference);

 private:
  explicit Archive(std::unique_ptr<PgConnection> conn);
  std::unique_ptr<PgConnection> conn_;
};

// The months an organisation's cases span in the workspace, as a period from 1 January
// of the year of its earliest event to 31 December of the year after the latest event or
// `as_of` (so every due date of an open case falls inside). NotFound without cases.
Result<Period> CasesPeriod(Workspace* ws, const std::string& org, Date as_of);

}  // namespace vtaudit

#endif  // VTAUDIT_ARCHIVE_H_
