// audit new | audit list | audit show | audit status | audit inspectors
#include <cstdio>

#include "audit.h"
#include "cli.h"
#include "json_writer.h"
#include "sample.h"
#include "scoring.h"

namespace vtaudit::cli {
namespace {

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The members of an audit's JSON object; the caller opens and closes it.
void WriteAuditMembers(const Audit& a, JsonWriter* w) {
  w->Key("id").Int(a.id).Key("organisation").String(a.org);
  w->Key("period").Int(a.period).Key("framework").BeginObject();
  w->Key("id").String(a.framework_id).Key("version").String(a.framework_version);
  w->Key("sha256").String(a.framework_sha256).EndObject();
  w->Key("status").String(AuditStatusName(a.status)).Key("created_at").String(a.created_at);
  w->Key("inspectors").BeginArray();
  for (const std::string& i : a.inspectors) w->String(i);
  w->EndArray();
}

}  // namespace

int AuditNew(Context& ctx) {
  const long period = ctx.RequiredInt("--period");
  NewAudit request{ctx.Required("--org"), static_cast<int>(period), ctx.Required("--framework"),
                   ctx.GetAll("--inspector")};
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Audit> a = CreateAudit(*ws, request);
  if (!a.ok()) return Fail(a.status());
  std::printf("created audit %lld: %s %d, framework %s %s (SHA-256 %s), status draft\n",
              static_cast<long long>(a->id), a->org.c_str(), a->period, a->framework_id.c_str(),
              a->framework_version.c_str(), a->framework_sha256.substr(0, 12).c_str());
  return 0;
}

int AuditList(Context& ctx) {
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<std::vector<Audit>> audits = ListAudits(*ws);
  if (!audits.ok()) return Fail(audits.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginArray();
    for (const Audit& a : *audits) {
      w.BeginObject();
      WriteAuditMembers(a, &w);
      w.EndObject();
    }
    w.EndArray();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  if (audits->empty()) {
    std::printf("no audits yet: `vtaudit audit new --org CODE --period YEAR --framework FILE`\n");
    return 0;
  }
  std::printf("%-4s %-6s %-6s %-26s %-8s %s\n", "ID", "ORG", "PERIOD", "FRAMEWORK", "STATUS",
              "INSPECTORS");
  for (const Audit& a : *audits) {
    std::printf("%-4lld %-6s %-6d %-26s %-8s %s\n", static_cast<long long>(a.id), a.org.c_str(),
                a.period, (a.framework_id + " " + a.framework_version).c_str(),
                std::string(AuditStatusName(a.status)).c_str(), Join(a.inspectors).c_str());
  }
  return 0;
}

int AuditShow(Context& ctx) {
  const int64_t id = ParseAuditId(ctx.positional()[0]);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Audit> a = FindAudit(*ws, id);
  if (!a.ok()) return Fail(a.status());
  Result<Sample> sample = CurrentSample(*ws, id);
  if (!sample.ok() && !sample.status().IsNotFound()) return Fail(sample.status());
  Result<std::vector<CurrentScore>> scores = CurrentScores(*ws, id);
  if (!scores.ok()) return Fail(scores.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginObject();
    WriteAuditMembers(*a, &w);
    w.Key("sample_size");
    if (sample.ok()) {
      w.Int(sample->size);
    } else {
      w.Null();
    }
    w.Key("scores").Int(static_cast<int64_t>(scores->size())).EndObject();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  std::printf("audit         %lld\n", static_cast<long long>(a->id));
  std::printf("organisation  %s\n", a->org.c_str());
  std::printf("period        %d\n", a->period);
  std::printf("framework     %s %s\n", a->framework_id.c_str(), a->framework_version.c_str());
  std::printf("SHA-256       %s\n", a->framework_sha256.c_str());
  std::printf("status        %s\n", std::string(AuditStatusName(a->status)).c_str());
  std::printf("inspectors    %s\n", a->inspectors.empty() ? "-" : Join(a->inspectors).c_str());
  std::printf("created       %s\n", a->created_at.c_str());
  if (sample.ok()) {
    std::printf("sample        %ld of %ld cases (%s, seed %s)\n", sample->size, sample->population,
                sample->method.c_str(), sample->seed.c_str());
  } else {
    std::printf("sample        none yet (`vtaudit sample draw --audit %lld --size N`)\n",
                static_cast<long long>(a->id));
  }
  std::printf("scores        %zu\n", scores->size());
  return 0;
}

int AuditStatusCommand(Context& ctx) {
  const int64_t id = ParseAuditId(ctx.positional()[0]);
  const std::optional<AuditStatus> status = AuditStatusFromName(ctx.positional()[1]);
  if (!status) {
    throw UsageError("the status is draft, concept or final, got '" + ctx.positional()[1] + "'");
  }
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Audit> before = FindAudit(*ws, id);
  if (!before.ok()) return Fail(before.status());
  if (Status s = SetAuditStatus(*ws, id, *status); !s.ok()) return Fail(s);
  std::printf("audit %lld: %s → %s\n", static_cast<long long>(id),
              std::string(AuditStatusName(before->status)).c_str(),
              std::string(AuditStatusName(*status)).c_str());
  return 0;
}

int AuditInspectors(Context& ctx) {
  const int64_t id = RequiredAuditId(ctx);
  const std::vector<std::string> add = ctx.GetAll("--add");
  const std::vector<std::string> remove = ctx.GetAll("--remove");
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  if (!add.empty() || !remove.empty()) {
    const std::string actor = OptionalInspectorName(ctx).value_or("");
    if (Status s = ChangeInspectors(*ws, id, add, remove, actor); !s.ok()) return Fail(s);
  }
  Result<Audit> a = FindAudit(*ws, id);
  if (!a.ok()) return Fail(a.status());
  Result<std::vector<AuditEvent>> events = AuditEvents(*ws, id);
  if (!events.ok()) return Fail(events.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginObject().Key("audit").Int(id).Key("inspectors").BeginArray();
    for (const std::string& i : a->inspectors) w.String(i);
    w.EndArray().Key("changes").BeginArray();
    for (const AuditEvent& e : *events) {
      if (e.kind != "inspector_added" && e.kind != "inspector_removed") continue;
      w.BeginObject().Key("at").String(e.at).Key("kind").String(e.kind);
      w.Key("inspector").String(e.detail).Key("by").String(e.actor).EndObject();
    }
    w.EndArray().EndObject();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  std::printf("audit %lld inspectors: %s\n", static_cast<long long>(id),
              a->inspectors.empty() ? "none (add them with --add NAME)"
                                    : Printable(Join(a->inspectors), 200).c_str());
  for (const std::string& name : add) std::printf("added %s\n", Printable(name, 64).c_str());
  for (const std::string& name : remove) {
    std::printf("removed %s (their scores stay on record)\n", Printable(name, 64).c_str());
  }
  return 0;
}

}  // namespace vtaudit::cli
