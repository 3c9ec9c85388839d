// audit new | audit list | audit show | audit status | audit set | audit history |
// audit inspectors
#include <cstdio>

#include "audit.h"
#include "audit_start.h"
#include "cli.h"
#include "json_writer.h"
#include "judge_audit.h"
#include "lifecycle.h"
#include "sample_draw.h"
#include "scoring.h"
#include "snapshot.h"
#include "timeliness.h"
#include "xml_source.h"

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
  w->Key("as_of");
  if (a.as_of) {
    w->String(a.as_of->ToIso());
  } else {
    w->Null();
  }
  w->Key("inspectors").BeginArray();
  for (const std::string& i : a.inspectors) w->String(i);
  w->EndArray();
}

// The audit id: --audit, or the first positional argument (the older form).
int64_t AuditIdFrom(const Context& ctx) {
  if (ctx.Get("--audit")) {
    return RequiredAuditId(ctx);
  }
  if (ctx.positional().empty()) throw UsageError("name the audit: --audit ID");
  return ParseAuditId(ctx.positional()[0]);
}

Result<Calendar> CalendarFrom(const Context& ctx, std::string* text) {
  const std::string path = ctx.Get("--calendar").value_or(DefaultCalendarPath());
  Result<std::string> bytes = ReadSmallFile(path);
  if (!bytes.ok()) return bytes.status();
  if (text) *text = *bytes;
  return Calendar::ParseXml(*bytes, path);
}

}  // namespace

int AuditNew(Context& ctx) {
  const long period = ctx.RequiredInt("--period");
  NewAudit request{ctx.Required("--org"),     static_cast<int>(period), ctx.Required("--framework"),
                   ctx.GetAll("--inspector"), ctx.OptionalAsOf(),       ctx.Flag("--force")};
  std::optional<Calendar> calendar;
  if (!request.as_of) {
    Result<Calendar> loaded = CalendarFrom(ctx, nullptr);
    if (!loaded.ok()) return Fail(loaded.status());
    calendar = std::move(*loaded);
  }
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Audit> a = StartAudit(*ws, {request, "", calendar ? &*calendar : nullptr});
  if (!a.ok()) return Fail(a.status());
  std::printf(
      "created audit %lld: %s %d, framework %s %s (SHA-256 %s), peildatum %s, status draft\n",
      static_cast<long long>(a->id), a->org.c_str(), a->period, a->framework_id.c_str(),
      a->framework_version.c_str(), a->framework_sha256.substr(0, 12).c_str(),
      a->as_of ? a->as_of->ToIso().c_str() : "-");
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
  const int64_t id = AuditIdFrom(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Audit> a = FindAudit(*ws, id);
  if (!a.ok()) return Fail(a.status());
  Result<Framework> f = (*ws)->LoadFramework(a->framework_sha256);
  if (!f.ok()) return Fail(f.status());
  Result<Sample> sample = CurrentSample(*ws, id);
  if (!sample.ok() && !sample.status().IsNotFound()) return Fail(sample.status());
  Result<std::vector<CurrentScore>> scores = CurrentScores(*ws, id);
  if (!scores.ok()) return Fail(scores.status());
  Result<std::vector<AuditSnapshot>> snapshots = Snapshots(*ws, id);
  if (!snapshots.ok()) return Fail(snapshots.status());
  Result<std::optional<Delivery>> delivery = LatestDelivery(*ws, a->org);
  if (!delivery.ok()) return Fail(delivery.status());
  Result<std::map<std::string, std::string>> not_judged = NotJudged(*ws, id);
  if (!not_judged.ok()) return Fail(not_judged.status());
  const Date as_of = !snapshots->empty() && a->status != AuditStatus::kDraft
                         ? snapshots->back().as_of
                         : EffectiveAsOf(*a, *f);
  // A frozen audit rests on its first snapshot's delivery; say when a newer one came in.
  std::optional<std::string> newer;
  if (!snapshots->empty() && *delivery && (*delivery)->sha256 != snapshots->back().extract_sha256) {
    newer = (*delivery)->file_name + " (SHA-256 " + (*delivery)->sha256.substr(0, 12) +
            ", imported " + (*delivery)->imported_at + ")";
  }
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginObject();
    WriteAuditMembers(*a, &w);
    w.Key("peildatum").String(as_of.ToIso()).Key("sample_size");
    if (sample.ok()) {
      w.Int(sample->size);
    } else {
      w.Null();
    }
    w.Key("scores").Int(static_cast<int64_t>(scores->size()));
    w.Key("not_judged").BeginObject();
    for (const auto& [k, reason] : *not_judged) w.Key(k).String(reason);
    w.EndObject().Key("versions").BeginArray();
    for (const AuditSnapshot& v : *snapshots) {
      w.BeginObject().Key("version").Int(v.version).Key("state").String(v.state);
      w.Key("as_of").String(v.as_of.ToIso()).Key("delivery").String(v.extract_sha256);
      w.Key("at").String(v.created_at).Key("by").String(v.created_by).EndObject();
    }
    w.EndArray().Key("newer_delivery");
    if (newer) {
      w.String(*newer);
    } else {
      w.Null();
    }
    w.EndObject();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  std::printf("audit         %lld\n", static_cast<long long>(a->id));
  std::printf("organisation  %s\n", a->org.c_str());
  std::printf("period        %d\n", a->period);
  std::printf("framework     %s %s\n", a->framework_id.c_str(), a->framework_version.c_str());
  std::printf("SHA-256       %s\n", a->framework_sha256.c_str());
  std::printf("status        %s (%s)\n", std::string(AuditStatusName(a->status)).c_str(),
              std::string(AuditStatusLabel(a->status)).c_str());
  std::printf("peildatum     %s%s\n", as_of.ToIso().c_str(),
              a->status == AuditStatus::kDraft ? "" : " (frozen)");
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
  for (const auto& [k, reason] : *not_judged) {
    std::printf("not judged    %s: %s\n", k.c_str(), Printable(reason, 120).c_str());
  }
  for (const AuditSnapshot& v : *snapshots) {
    std::printf("version %-5d %s, peildatum %s, delivery %s, %s%s\n", v.version, v.state.c_str(),
                v.as_of.ToIso().c_str(),
                v.extract_sha256.empty() ? "none" : v.extract_sha256.substr(0, 12).c_str(),
                v.created_at.c_str(), v.created_by.empty() ? "" : (" by " + v.created_by).c_str());
  }
  if (newer)
    std::printf("newer delivery %s: this audit still rests on its concept's\n", newer->c_str());
  return 0;
}

int AuditStatusCommand(Context& ctx) {
  const std::vector<std::string>& args = ctx.positional();
  const bool with_option = ctx.Get("--audit").has_value();
  if (args.size() != (with_option ? 1u : 2u)) {
    throw UsageError("give the audit and the state: --audit ID draft|concept|final");
  }
  const int64_t id = with_option ? RequiredAuditId(ctx) : ParseAuditId(args[0]);
  const std::string& state = args.back();
  const std::optional<AuditStatus> status = AuditStatusFromName(state);
  if (!status) throw UsageError("the state is draft, concept or final, got '" + state + "'");
  std::string calendar_text;
  Result<Calendar> calendar = CalendarFrom(ctx, &calendar_text);
  if (!calendar.ok()) return Fail(calendar.status());
  Transition t{*status, ctx.Get("--reason").value_or(""), OptionalInspectorName(ctx).value_or(""),
               ctx.Flag("--without-response")};
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Audit> before = FindAudit(*ws, id);
  if (!before.ok()) return Fail(before.status());
  if (ctx.Flag("--check")) {
    Result<std::vector<UnmetGate>> unmet = UnmetGates(*ws, id, t, *calendar);
    if (!unmet.ok()) return Fail(unmet.status());
    if (unmet->empty()) {
      std::printf("audit %lld may move to %s\n", static_cast<long long>(id), state.c_str());
      return 0;
    }
    for (const UnmetGate& u : *unmet) std::printf("unmet: %s\n", u.message.c_str());
    return 1;
  }
  if (Status s = MoveAudit(*ws, id, t, *calendar, calendar_text); !s.ok()) return Fail(s);
  std::printf("audit %lld: %s → %s (%s)", static_cast<long long>(id),
              std::string(AuditStatusName(before->status)).c_str(), state.c_str(),
              std::string(AuditStatusLabel(*status)).c_str());
  if (*status != AuditStatus::kDraft) {
    Result<std::optional<AuditSnapshot>> v = LatestSnapshot(*ws, id);
    if (v.ok() && *v) {
      std::printf(
          ", version %d frozen, peildatum %s, delivery %s", (*v)->version,
          (*v)->as_of.ToIso().c_str(),
          (*v)->extract_sha256.empty() ? "none" : (*v)->extract_sha256.substr(0, 12).c_str());
    }
  }
  std::printf("\n");
  return 0;
}

int AuditSet(Context& ctx) {
  const int64_t id = RequiredAuditId(ctx);
  const std::optional<Date> as_of = ctx.OptionalAsOf();
  if (!as_of) throw UsageError("'audit set' needs --as-of DATE");
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  if (Status s = SetAuditAsOf(*ws, id, *as_of, OptionalInspectorName(ctx).value_or("")); !s.ok()) {
    return Fail(s);
  }
  std::printf("audit %lld: peildatum %s\n", static_cast<long long>(id), as_of->ToIso().c_str());
  return 0;
}

int AuditHistory(Context& ctx) {
  const int64_t id = RequiredAuditId(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<std::vector<AuditEvent>> events = AuditEvents(*ws, id);
  if (!events.ok()) return Fail(events.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginArray();
    for (const AuditEvent& e : *events) {
      w.BeginObject().Key("at").String(e.at).Key("kind").String(e.kind);
      w.Key("detail").String(e.detail).Key("reason").String(e.reason);
      w.Key("by").String(e.actor).EndObject();
    }
    w.EndArray();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  for (const AuditEvent& e : *events) {
    std::printf("%s %-20s %s%s%s%s\n", e.at.c_str(), e.kind.c_str(),
                Printable(e.detail, 60).c_str(),
                e.actor.empty() ? "" : (" by " + Printable(e.actor, 40)).c_str(),
                e.reason.empty() ? "" : ": ", Printable(e.reason, 120).c_str());
  }
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
