// finding set | finding show: the inspectors' written findings per criterion or standard.
#include <cstdio>

#include "cli.h"
#include "finding.h"
#include "json_writer.h"
#include "xml_source.h"

namespace vtaudit::cli {

int FindingSet(Context& ctx) {
  FindingInput in;
  in.audit = RequiredAuditId(ctx);
  const std::optional<std::string> criterion = ctx.Get("--criterion");
  const std::optional<std::string> standard = ctx.Get("--standard");
  if (criterion.has_value() == standard.has_value()) {
    throw UsageError("name what the finding is on: --criterion K or --standard S");
  }
  in.subject = criterion ? *criterion : *standard;
  const std::optional<std::string> text = ctx.Get("--text");
  const std::optional<std::string> file = ctx.Get("--file");
  if (text.has_value() == file.has_value()) throw UsageError("give the text: --text T or --file F");
  if (file) {
    Result<std::string> bytes = ReadSmallFile(*file, 1 << 20);
    if (!bytes.ok()) return Fail(bytes.status());
    in.text = *bytes;
    while (!in.text.empty() && (in.text.back() == '\n' || in.text.back() == '\r')) {
      in.text.pop_back();
    }
  } else {
    in.text = *text;
  }
  in.evidence = ctx.Get("--evidence").value_or("");
  in.inspector = InspectorName(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Finding> written = SetFinding(*ws, in);
  if (!written.ok()) return Fail(written.status());
  std::printf("finding on %s %s of audit %lld recorded by %s\n", written->kind.c_str(),
              Printable(written->subject, 40).c_str(), static_cast<long long>(in.audit),
              Printable(written->inspector, 80).c_str());
  return 0;
}

int FindingShow(Context& ctx) {
  const int64_t audit = RequiredAuditId(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  const bool history = ctx.Flag("--history");
  Result<std::vector<Finding>> findings =
      history ? FindingHistory(*ws, audit) : CurrentFindings(*ws, audit);
  if (!findings.ok()) return Fail(findings.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginArray();
    for (const Finding& f : *findings) {
      w.BeginObject().Key("uid").String(f.uid).Key(f.kind).String(f.subject);
      w.Key("text").String(f.text).Key("evidence").String(f.evidence);
      w.Key("inspector").String(f.inspector).Key("at").String(f.at).EndObject();
    }
    w.EndArray();
    std::printf("%s\n", w.str().c_str());
    return 0;
  }
  if (findings->empty()) {
    std::printf("audit %lld has no findings\n", static_cast<long long>(audit));
    return 0;
  }
  for (const Finding& f : *findings) {
    std::printf("%s %s (%s, %s)\n  %s\n", f.kind.c_str(), Printable(f.subject, 40).c_str(),
                Printable(f.inspector, 80).c_str(), f.at.c_str(), Printable(f.text, 4000).c_str());
    if (!f.evidence.empty()) std::printf("  evidence: %s\n", Printable(f.evidence, 4000).c_str());
  }
  return 0;
}

}  // namespace vtaudit::cli
