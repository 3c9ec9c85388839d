// audit export | audit import: audit bundles between laptops (docs/bundles.md).
#include <cstdio>

#include "audit.h"
#include "bundle.h"
#include "cli.h"

namespace vtaudit::cli {

int AuditExport(Context& ctx) {
  const int64_t id = RequiredAuditId(ctx);
  const std::string output = ctx.Required("--output");
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<BundleInfo> info = ExportBundle(**ws, id, output);
  if (!info.ok()) return Fail(info.status());
  std::printf("audit %lld (%s %d, %s): %lld events written to %s\nSHA-256 %s\n",
              static_cast<long long>(id), info->org.c_str(), info->period, info->state.c_str(),
              static_cast<long long>(info->events), ShellWord(output).c_str(),
              info->sha256.c_str());
  return 0;
}

int AuditImport(Context& ctx) {
  const std::string file = ctx.positional().at(0);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<BundleMerge> merge = ImportBundle(**ws, file);
  if (!merge.ok()) return Fail(merge.status());
  for (const std::string& w : merge->warnings)
    std::fprintf(stderr, "vtaudit: warning: %s\n", w.c_str());
  Result<Audit> audit = FindAudit(*ws, merge->audit_id);
  if (!audit.ok()) return Fail(audit.status());
  std::printf("audit %lld (%s %d, %s)%s: %lld events added, %lld known already\n",
              static_cast<long long>(merge->audit_id), audit->org.c_str(), audit->period,
              std::string(AuditStatusName(audit->status)).c_str(),
              merge->audit_created ? " created" : "", static_cast<long long>(merge->events_added),
              static_cast<long long>(merge->events_known));
  return 0;
}

}  // namespace vtaudit::cli
