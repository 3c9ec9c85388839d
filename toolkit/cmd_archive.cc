// archive push | pull | status, and compare --archive: the inspectorate's archive on
// PostgreSQL (archive.h), reached through $VTAUDIT_ARCHIVE.
#include <cstdio>
#include <cstdlib>

#include "archive.h"
#include "calendar.h"
#include "cli.h"
#include "framework.h"

namespace vtaudit::cli {
namespace {

// The archive named by $VTAUDIT_ARCHIVE (a libpq connection string or service=NAME; the
// password comes from ~/.pgpass or the service file, never from the command line).
Result<std::unique_ptr<Archive>> ConnectArchive() {
  const char* conninfo = std::getenv("VTAUDIT_ARCHIVE");
  if (!conninfo || !*conninfo) {
    return Status::Invalid(
        "VTAUDIT_ARCHIVE is not set: give the archive as a libpq connection string "
        "(\"host=… port=… dbname=… user=…\") or \"service=NAME\"; the password goes in "
        "~/.pgpass (docs/archive.md)");
  }
  return Archive::Connect(conninfo);
}

std::string Short(const std::string& sha256) { return sha256.substr(0, 12); }

}  // namespace

namespace {

void PrintAggregates(const AggregatePush& a, Date as_of) {
  if (a.delivery_sha256.empty()) {
    std::printf("aggregates: none (%s has no delivery in this workspace)\n", a.org.c_str());
    return;
  }
  std::printf("aggregates of %s: delivery %s, %s to %s, as of %s, %ld rows%s\n", a.org.c_str(),
              Short(a.delivery_sha256).c_str(), a.months_from.c_str(), a.months_to.c_str(),
              as_of.ToIso().c_str(), a.rows,
              a.replaced ? " (replacing yours of that delivery)" : "");
}

}  // namespace

int ArchivePushCommand(Context& ctx) {
  const std::optional<std::string> org = ctx.Get("--org");
  if (org.has_value() == ctx.Get("--audit").has_value()) {
    throw UsageError("archive push needs --audit ID or --org CODE (one of them)");
  }
  const Date as_of = ctx.AsOf();
  Result<Framework> framework =
      LoadFrameworkFile(ctx.Get("--framework").value_or(DefaultFrameworkPath()));
  if (!framework.ok()) return Fail(framework.status());
  Result<Calendar> calendar =
      Calendar::LoadFile(ctx.Get("--calendar").value_or(DefaultCalendarPath()));
  if (!calendar.ok()) return Fail(calendar.status());
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<std::unique_ptr<Archive>> archive = ConnectArchive();
  if (!archive.ok()) return Fail(archive.status());
  if (org) {
    Result<AggregatePush> pushed =
        (*archive)->PushAggregates(*ws, *org, *framework, *calendar, as_of);
    if (!pushed.ok()) return Fail(pushed.status());
    PrintAggregates(*pushed, as_of);
    return 0;
  }
  const int64_t id = RequiredAuditId(ctx);
  Result<ArchivePush> push = (*archive)->Push(*ws, id, *framework, *calendar, as_of);
  if (!push.ok()) return Fail(push.status());
  const BundleInfo& b = push->bundle;
  std::printf("audit %lld (%s %d, %s): bundle %s, %s\n", static_cast<long long>(id), b.org.c_str(),
              b.period, b.state.c_str(), b.sha256.c_str(),
              push->bundle_new ? "stored" : "already in the archive: nothing changed");
  if (push->bundle_new) {
    std::printf("judgement from the %s\n",
                push->judged == "draft" ? "current scores (a draft: marked as such)" : "snapshot");
  }
  PrintAggregates(push->aggregates, as_of);
  return 0;
}

int ArchivePullCommand(Context& ctx) {
  const std::string org = ctx.Required("--org");
  std::optional<int> period;
  if (const std::optional<long> p = ctx.OptionalInt("--period")) {
    if (*p < 1900 || *p > 9999)
      throw UsageError("--period must be a year, got " + std::to_string(*p));
    period = static_cast<int>(*p);
  }
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<std::unique_ptr<Archive>> archive = ConnectArchive();
  if (!archive.ok()) return Fail(archive.status());
  Result<std::vector<ArchivePulled>> pulled = (*archive)->Pull(*ws, org, period);
  if (!pulled.ok()) return Fail(pulled.status());
  long added = 0;
  for (const ArchivePulled& p : *pulled) {
    std::printf("bundle %s pushed by %s at %s: audit %lld%s, %lld events added, %lld known\n",
                Short(p.sha256).c_str(), Printable(p.pushed_by, 64).c_str(), p.pushed_at.c_str(),
                static_cast<long long>(p.merge.audit_id), p.merge.audit_created ? " (new)" : "",
                static_cast<long long>(p.merge.events_added),
                static_cast<long long>(p.merge.events_known));
    for (const std::string& w : p.merge.warnings) {
      std::fprintf(stderr, "vtaudit: warning: bundle %s: %s\n", Short(p.sha256).c_str(), w.c_str());
    }
    added += p.merge.events_added;
  }
  std::printf("pulled %zu bundles of %s: %ld events added\n", pulled->size(), org.c_str(), added);
  return 0;
}

int ArchiveStatusCommand(Context& ctx) {
  Result<std::unique_ptr<Archive>> archive = ConnectArchive();
  if (!archive.ok()) return Fail(archive.status());
  if (ctx.Flag("--migrate")) {
    if (Status s = (*archive)->Migrate(); !s.ok()) return Fail(s);
  }
  Result<ArchiveStatus> st = (*archive)->GetStatus();
  if (!st.ok()) return Fail(st.status());
  std::printf("archive: %s\n", st->server.c_str());
  std::printf("server: PostgreSQL %s, connected as %s\n", st->server_version.c_str(),
              Printable(st->user, 64).c_str());
  if (st->schema_version == 0) {
    std::printf("schema: none yet (the first push creates version %d)\n",
                st->latest_schema_version);
    return 0;
  }
  std::printf("schema: version %d (this vtaudit: %d)\n", st->schema_version,
              st->latest_schema_version);
  std::printf("organisations %ld, audits %ld, bundles %ld, aggregate sets %ld (%ld rows)\n",
              st->organisations, st->audits, st->bundles, st->aggregate_sets, st->aggregate_rows);
  return 0;
}

int CompareArchive(Context& ctx, const CompareRequest& request, const Framework& reference,
                   const std::string& format, const Translator& words) {
  Result<std::unique_ptr<Archive>> archive = ConnectArchive();
  if (!archive.ok()) return Fail(archive.status());
  Result<ArchiveCompareInput> input =
      (*archive)->GatherCompareInput(request, ctx.OptionalAsOf(), reference);
  if (!input.ok()) return Fail(input.status());
  // Said on stderr, so that the comparison itself reads like the local one.
  for (const std::string& org : input->without_aggregates) {
    std::fprintf(
        stderr, "vtaudit: warning: the archive has no aggregates of %s%s: it counts nothing\n",
        org.c_str(), ctx.OptionalAsOf() ? (" as of " + ctx.OptionalAsOf()->ToIso()).c_str() : "");
  }
  if (!input->other_as_of.empty()) {
    std::fprintf(stderr,
                 "vtaudit: warning: %zu organisations' aggregates are as of another date than %s "
                 "(push them again, or choose one with --as-of)\n",
                 input->other_as_of.size(), input->as_of.ToIso().c_str());
  }
  for (const std::string& org : input->without_stock) {
    std::fprintf(stderr,
                 "vtaudit: warning: the aggregates of %s were pushed before the archive kept "
                 "the open stock: its pending and overdue show \"-\" (push them again with "
                 "`vtaudit archive push --org %s`)\n",
                 org.c_str(), org.c_str());
  }
  return WriteComparison(ctx, Compare(input->input),
                         {request.cohort, input->as_of, reference.id, words}, format);
}

}  // namespace vtaudit::cli
