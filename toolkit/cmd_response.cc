// response add | response decide | response list: hoor en wederhoor on a concept.
#include <cstdio>

#include "cli.h"
#include "json_writer.h"
#include "response.h"
#include "xml_source.h"

namespace vtaudit::cli {

int ResponseAdd(Context& ctx) {
  NewResponse r;
  r.audit = RequiredAuditId(ctx);
  r.criterion = ctx.Get("--criterion").value_or("");
  const std::optional<std::string> text = ctx.Get("--text");
  const std::optional<std::string> file = ctx.Get("--file");
  if (text.has_value() == file.has_value()) throw UsageError("give the text: --text T or --file F");
  r.source = ctx.Get("--source").value_or("");
  r.received = ctx.DateOption("--received", Date::Today());
  r.actor = OptionalInspectorName(ctx).value_or("");
  if (file) {
    Result<std::string> bytes = ReadSmallFile(*file, 1 << 20);
    if (!bytes.ok()) return Fail(bytes.status());
    r.text = *bytes;
  } else {
    r.text = *text;
  }
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Response> added = AddResponse(*ws, r);
  if (!added.ok()) return Fail(added.status());
  std::printf("response %lld recorded on audit %lld (version %d%s)\n",
              static_cast<long long>(added->id), static_cast<long long>(r.audit), added->version,
              r.criterion.empty() ? "" : (", criterion " + r.criterion).c_str());
  return 0;
}

int ResponseDecide(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  const int64_t response = ParseAuditId(ctx.Required("--response"));
  const std::string& decision = ctx.positional()[0];
  if (decision != "accepted" && decision != "rejected") {
    throw UsageError("the decision is accepted or rejected, got '" + decision + "'");
  }
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  if (Status s = DecideResponse(*ws, audit, response, decision, ctx.Get("--reason").value_or(""),
                                OptionalInspectorName(ctx).value_or(""));
      !s.ok()) {
    return Fail(s);
  }
  std::printf("response %lld: %s\n", static_cast<long long>(response), decision.c_str());
  return 0;
}

int ResponseList(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<std::vector<Response>> responses = Responses(*ws, audit);
  if (!responses.ok()) return Fail(responses.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginArray();
    for (const Response& r : *responses) {
      w.BeginObject().Key("id").Int(r.id).Key("criterion").String(r.criterion);
      w.Key("text").String(r.text).Key("source").String(r.source);
      w.Key("received").String(r.received).Key("version").Int(r.version);
      w.Key("decision");
      if (r.decision) {
        w.String(*r.decision);
      } else {
        w.Null();
      }
      w.Key("reason").String(r.reason).Key("decided_by").String(r.decided_by).EndObject();
    }
    w.EndArray();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  if (responses->empty()) {
    std::printf("no responses on audit %lld\n", static_cast<long long>(audit));
    return 0;
  }
  for (const Response& r : *responses) {
    std::printf("%lld  %s  %s  %s\n    %s\n", static_cast<long long>(r.id), r.received.c_str(),
                r.criterion.empty() ? "(general)" : r.criterion.c_str(),
                r.decision ? (*r.decision + ": " + Printable(r.reason, 100)).c_str() : "undecided",
                Printable(r.text, 200).c_str());
  }
  return 0;
}

}  // namespace vtaudit::cli
