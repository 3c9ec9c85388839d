// cases import | cases list
#include <cstdio>
#include <map>
#include <string>

#include "case_store.h"
#include "cli.h"
#include "extract.h"
#include "json_writer.h"

namespace vtaudit::cli {

int CasesImport(Context& ctx) {
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  ImportOptions options;
  options.sheet = ctx.Get("--sheet").value_or("");
  Result<ImportSummary> r = ImportExtract(*ws, ctx.Required("--org"), ctx.positional()[0], options);
  if (!r.ok()) return Fail(r.status());
  for (const std::string& w : r->warnings)
    std::fprintf(stderr, "vtaudit: warning: %s\n", w.c_str());
  std::printf("%s: %ld rows: %ld added, %ld changed, %ld unchanged%s\n", r->file_name.c_str(),
              r->rows, r->added, r->changed, r->unchanged,
              r->seen_before ? " (this file was imported before)" : "");
  if (const std::string missing = MissingCasesMessage(*r); !missing.empty()) {
    std::fprintf(stderr, "vtaudit: warning: %s: %s (kept in the workspace, marked missing)\n",
                 r->file_name.c_str(), missing.c_str());
  }
  return 0;
}

int CasesList(Context& ctx) {
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  const std::string org = ctx.Required("--org");
  if (Result<Organisation> o = (*ws)->FindOrganisation(org); !o.ok()) return Fail(o.status());
  const long limit = ctx.OptionalInt("--limit").value_or(-1);
  const bool json = ctx.Flag("--json");
  // A case the latest delivery lacks shows the delivery that first lacked it.
  Result<std::map<int64_t, std::string>> deliveries = ExtractFileNames(*ws, org);
  if (!deliveries.ok()) return Fail(deliveries.status());
  const auto delivery = [&](int64_t id) {
    const auto it = deliveries->find(id);
    return it == deliveries->end() ? std::to_string(id) : it->second;
  };
  JsonWriter w;
  if (json) w.BeginArray();
  long shown = 0;
  const auto event = [](const CaseRecord& c, Event e) {
    return c.event(e) ? c.event(e)->ToIso() : std::string("-");
  };
  if (!json) {
    std::printf("%-16s %-8s %-19s %-19s %-10s %-10s %-10s %-10s %-8s %s\n", "case_id", "kind",
                "received", "triaged", "assessed", "decided", "started", "completed", "outcome",
                "missing_since");
  }
  Status s = ForEachCase(*ws, org, {}, [&](const CaseRecord& c) {
    if (limit >= 0 && shown >= limit) return;
    ++shown;
    if (json) {
      w.BeginObject().Key("case_id").String(c.case_id).Key("kind").String(CaseKindName(c.kind));
      w.Key("violence").String(JoinViolence(c.violence));
      for (int e = 0; e < kEventCount; ++e) {
        const auto& t = c.events[static_cast<size_t>(e)];
        w.Key(EventName(static_cast<Event>(e)));
        if (t) {
          w.String(t->ToIso());
        } else {
          w.Null();
        }
      }
      w.Key("outcome")
          .String(c.outcome)
          .Key("rvdk")
          .Bool(c.rvdk)
          .Key("disclosure")
          .Bool(c.disclosure);
      w.Key("missing_since");
      if (c.missing_since != 0) {
        w.BeginObject().Key("extract_id").Int(c.missing_since);
        w.Key("file_name").String(delivery(c.missing_since)).EndObject();
      } else {
        w.Null();
      }
      w.EndObject();
      return;
    }
    std::printf("%-16s %-8s %-19s %-19s %-10s %-10s %-10s %-10s %-8s %s\n", c.case_id.c_str(),
                std::string(CaseKindName(c.kind)).c_str(), event(c, Event::kReceived).c_str(),
                event(c, Event::kTriaged).c_str(), event(c, Event::kSafetyAssessed).c_str(),
                event(c, Event::kInvestigationDecided).c_str(),
                event(c, Event::kInvestigationStarted).c_str(),
                event(c, Event::kInvestigationCompleted).c_str(),
                c.outcome.empty() ? "-" : c.outcome.c_str(),
                c.missing_since != 0 ? delivery(c.missing_since).c_str() : "-");
  });
  if (!s.ok()) return Fail(s);
  if (json) {
    w.EndArray();
    std::fputs(w.str().c_str(), stdout);
  }
  return 0;
}

}  // namespace vtaudit::cli
