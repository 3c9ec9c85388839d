// report: the audit report as HTML, PDF, JSON or CSV. The model is built once by the
// library; the templates and wording come from reports/ under DataDir().
#include <cstdio>
#include <fstream>

#include "calendar.h"
#include "cli.h"
#include "report.h"

namespace vtaudit::cli {

int ReportCommand(Context& ctx) {
  const int64_t id = RequiredAuditId(ctx);
  const std::string format = ctx.Required("--format");
  if (format != "html" && format != "pdf" && format != "json" && format != "csv") {
    throw UsageError("--format must be html, pdf, json or csv, got '" + format + "'");
  }
  const std::string output = ctx.Required("--output");
  const std::string lang = ctx.LangOption();
  const std::optional<Date> as_of = ctx.OptionalAsOf();
  Result<Calendar> calendar =
      Calendar::LoadFile(ctx.Get("--calendar").value_or(DefaultCalendarPath()));
  if (!calendar.ok()) return Fail(calendar.status());
  Result<ReportTemplates> templates = LoadReportTemplates(DataDir() + "/reports", lang);
  if (!templates.ok()) return Fail(templates.status());
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<ReportModel> model = BuildReportModel(*ws, id, *calendar, as_of);
  if (!model.ok()) return Fail(model.status());

  if (format == "pdf") {
    Status s = WriteReportPdf(*model, *templates, output);
    if (!s.ok()) return Fail(s);
  } else {
    const std::string text = format == "html"   ? ReportHtml(*model, *templates)
                             : format == "json" ? ReportJson(*model)
                                                : ReportCsv(*model);
    std::ofstream out(output, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) return Fail(output + ": cannot write the report");
  }
  std::printf("wrote %s report of audit %lld to %s\n", format.c_str(), static_cast<long long>(id),
              output.c_str());
  return 0;
}

}  // namespace vtaudit::cli
