// report: the audit report as HTML, PDF, JSON or CSV, its stored versions and what changed
// between two of them. Rendering and keeping versions is the library's (report_version.h);
// the templates and wording come from reports/ under DataDir().
#include <cstdio>
#include <fstream>

#include "audit.h"
#include "calendar.h"
#include "cli.h"
#include "json_writer.h"
#include "report.h"
#include "report_version.h"

namespace vtaudit::cli {
namespace {

std::string Label(const std::string& state) {
  const std::optional<AuditStatus> s = AuditStatusFromName(state);
  return s ? std::string(AuditStatusLabel(*s)) : state;
}

std::string Short(const std::string& sha256) {
  return sha256.empty() ? "none" : sha256.substr(0, 12);
}

std::optional<int> VersionOption(const Context& ctx, std::string_view name) {
  const std::optional<long> v = ctx.OptionalInt(name);
  if (v && *v < 1) throw UsageError(std::string(name) + " must be a version number (1, 2, …)");
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

std::string Level(const std::optional<std::string>& level) { return level.value_or("-"); }

std::string Counts(const std::optional<long>& met, const std::optional<long>& not_met,
                   const std::optional<double>& share) {
  if (!met || !not_met) return "-";
  std::string s = std::to_string(*met) + " of " + std::to_string(*met + *not_met);
  if (share) s += " (" + JsonWriter::FormatNumber(*share * 100) + "%)";
  return s;
}

std::string Figure(const std::optional<double>& v) {
  return v ? JsonWriter::FormatNumber(*v) : "-";
}

}  // namespace

int ReportCommand(Context& ctx) {
  const int64_t id = RequiredAuditId(ctx);
  const std::string format = ctx.Required("--format");
  if (format != "html" && format != "pdf" && format != "json" && format != "csv") {
    throw UsageError("--format must be html, pdf, json or csv, got '" + format + "'");
  }
  const std::string output = ctx.Required("--output");
  const std::string lang = ctx.LangOption();
  const std::optional<Date> as_of = ctx.OptionalAsOf();
  const std::optional<int> version = VersionOption(ctx, "--version");
  Result<Calendar> calendar =
      Calendar::LoadFile(ctx.Get("--calendar").value_or(DefaultCalendarPath()));
  if (!calendar.ok()) return Fail(calendar.status());
  Result<ReportTemplates> templates = LoadReportTemplates(DataDir() + "/reports", lang);
  if (!templates.ok()) return Fail(templates.status());
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<WrittenReport> report =
      WriteReport(*ws, id, format, *templates, *calendar, version, as_of);
  if (!report.ok()) return Fail(report.status());

  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out << report->bytes;
  out.close();
  if (!out) return Fail(output + ": cannot write the report");
  const std::string what =
      report->stored ? "version " + std::to_string(report->version) + ", " + Label(report->state)
                     : Label(report->state) + ", not kept";
  std::printf("wrote %s report of audit %lld (%s, SHA-256 %s) to %s\n", format.c_str(),
              static_cast<long long>(id), what.c_str(), Short(report->sha256).c_str(),
              output.c_str());
  return 0;
}

int ReportVersionsCommand(Context& ctx) {
  const int64_t id = RequiredAuditId(ctx);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<std::vector<ReportVersionInfo>> versions = ReportVersions(*ws, id);
  if (!versions.ok()) return Fail(versions.status());
  if (ctx.Flag("--json")) {
    JsonWriter w;
    w.BeginObject().Key("audit").Int(id).Key("versions").BeginArray();
    for (const ReportVersionInfo& v : *versions) {
      const AuditSnapshot& s = v.snapshot;
      w.BeginObject();
      w.Key("version").Int(s.version);
      w.Key("state").String(s.state);
      w.Key("as_of").String(s.as_of.ToIso());
      w.Key("delivery").BeginObject();
      w.Key("file").String(s.extract_file).Key("sha256").String(s.extract_sha256).EndObject();
      w.Key("created_at").String(s.created_at);
      w.Key("created_by").String(s.created_by);
      w.Key("files").BeginArray();
      for (const StoredReport& f : v.files) {
        w.BeginObject().Key("format").String(f.format).Key("lang").String(f.lang);
        w.Key("sha256").String(f.sha256).Key("written_at").String(f.written_at).EndObject();
      }
      w.EndArray().Key("withdrawn").BeginArray();
      for (const WithdrawnReport& f : v.withdrawn) {
        w.BeginObject().Key("format").String(f.format).Key("lang").String(f.lang);
        w.Key("sha256").String(f.sha256).Key("written_at").String(f.written_at);
        w.Key("withdrawn_at").String(f.withdrawn_at).Key("by").String(f.by);
        w.Key("reason").String(f.reason).EndObject();
      }
      w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
    std::printf("%s\n", w.str().c_str());
    return 0;
  }
  if (versions->empty()) {
    std::printf("audit %lld has no versions: it was never a concept\n", static_cast<long long>(id));
    return 0;
  }
  for (const ReportVersionInfo& v : *versions) {
    const AuditSnapshot& s = v.snapshot;
    std::printf("version %d  %s, peildatum %s, delivery %s, %s%s\n", s.version,
                Label(s.state).c_str(), s.as_of.ToIso().c_str(), Short(s.extract_sha256).c_str(),
                s.created_at.c_str(), s.created_by.empty() ? "" : (" by " + s.created_by).c_str());
    if (v.files.empty() && v.withdrawn.empty()) std::printf("    no report written\n");
    for (const StoredReport& f : v.files) {
      std::printf("    %-4s %s  SHA-256 %s  written %s\n", f.format.c_str(), f.lang.c_str(),
                  Short(f.sha256).c_str(), f.written_at.c_str());
    }
    for (const WithdrawnReport& f : v.withdrawn) {
      std::printf("    %-4s %s  SHA-256 %s  written %s, withdrawn %s by %s: %s\n", f.format.c_str(),
                  f.lang.c_str(), Short(f.sha256).c_str(), f.written_at.c_str(),
                  f.withdrawn_at.c_str(), Printable(f.by, 40).c_str(),
                  Printable(f.reason, 120).c_str());
    }
  }
  return 0;
}

int ReportDiffCommand(Context& ctx) {
  const int64_t id = RequiredAuditId(ctx);
  const std::optional<int> from = VersionOption(ctx, "--from");
  const std::optional<int> to = VersionOption(ctx, "--to");
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<ReportDiff> diff = DiffVersions(*ws, id, from, to);
  if (!diff.ok()) return Fail(diff.status());
  if (ctx.Flag("--json")) {
    std::printf("%s\n", ReportDiffJson(*diff).c_str());
    return 0;
  }
  const ReportDiff& d = *diff;
  std::printf("audit %lld: version %d (%s, %s) → version %d (%s, %s)\n", static_cast<long long>(id),
              d.from.version, Label(d.from.state).c_str(), d.from.created_at.c_str(), d.to.version,
              Label(d.to.state).c_str(), d.to.created_at.c_str());
  std::printf("\njudgements\n");
  if (d.nodes.empty()) std::printf("  none changed\n");
  for (const NodeChange& n : d.nodes) {
    std::printf("  %-9s %-8s %s → %s", n.kind.c_str(), n.id.c_str(), Level(n.from_level).c_str(),
                Level(n.to_level).c_str());
    if (n.kind == "criterion") {
      std::printf("; met %s → %s", Counts(n.from_met, n.from_not_met, n.from_share).c_str(),
                  Counts(n.to_met, n.to_not_met, n.to_share).c_str());
    }
    std::printf("\n");
  }
  std::printf("\ndeadlines\n");
  if (d.deadlines.empty()) std::printf("  none changed\n");
  for (const DeadlineChange& c : d.deadlines) {
    std::printf("  %-9s %-14s %s → %s\n", c.id.c_str(), c.figure.c_str(), Figure(c.from).c_str(),
                Figure(c.to).c_str());
  }
  std::printf("\nscore changes between them\n");
  if (d.events.empty()) std::printf("  none\n");
  for (const DiffScoreEvent& e : d.events) {
    std::printf("  %s  %s%s%s  %s: %s → %s%s\n", e.at.c_str(), e.case_id.c_str(),
                e.case_id.empty() ? "" : " ", e.criterion.c_str(), e.inspector.c_str(),
                e.old_result.value_or("-").c_str(), e.new_result.value_or("(cleared)").c_str(),
                e.note.empty() ? "" : ("  " + Printable(e.note, 200)).c_str());
    if (e.response) {
      std::printf("      follows from response %lld: %s\n", static_cast<long long>(*e.response),
                  Printable(e.response_text, 400).c_str());
    }
  }
  return 0;
}

}  // namespace vtaudit::cli
