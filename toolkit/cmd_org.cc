// org list | org add | org import
#include <cstdio>

#include "cli.h"
#include "json_writer.h"
#include "organisations.h"

namespace vtaudit::cli {

int OrgList(Context& ctx) {
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<std::vector<Organisation>> orgs = (*ws)->Organisations();
  if (!orgs.ok()) return Fail(orgs.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginArray();
    for (const Organisation& o : *orgs) {
      w.BeginObject().Key("code").String(o.code).Key("name").String(o.name);
      w.Key("region").String(o.region).Key("size_weight").Number(o.size_weight).EndObject();
    }
    w.EndArray();
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  for (const Organisation& o : *orgs) {
    std::string line = o.code + std::string(o.code.size() < 6 ? 6 - o.code.size() : 0, ' ') + " " +
                       o.name + std::string(o.name.size() < 32 ? 32 - o.name.size() : 0, ' ') +
                       " " + o.region;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::printf("%s\n", line.c_str());
  }
  if (orgs->empty()) std::printf("no organisations yet: `vtaudit org add CODE NAME`\n");
  return 0;
}

int OrgAdd(Context& ctx) {
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Organisation org{ctx.positional()[0], ctx.positional()[1], ctx.Get("--region").value_or(""),
                   ctx.OptionalDouble("--size-weight").value_or(1)};
  if (org.size_weight <= 0) throw UsageError("--size-weight must be greater than 0");
  if (Status s = (*ws)->AddOrganisation(org); !s.ok()) return Fail(s);
  std::printf("added %s %s\n", org.code.c_str(), org.name.c_str());
  return 0;
}

int OrgImport(Context& ctx) {
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  OrganisationImport counts;
  if (Status s = ImportOrganisations(*ws, ctx.positional()[0], &counts); !s.ok()) return Fail(s);
  std::printf("imported %s: %d added, %d already present\n", ctx.positional()[0].c_str(),
              counts.added, counts.unchanged);
  return 0;
}

}  // namespace vtaudit::cli
