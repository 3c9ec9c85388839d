// compare: organisations and years side by side.
#include <algorithm>
#include <cstdio>
#include <fstream>

#include "calendar.h"
#include "cli.h"
#include "compare.h"
#include "compare_writer.h"
#include "framework.h"
#include "report.h"

namespace vtaudit::cli {
namespace {

// "2024" or "2019-2025"; a UsageError otherwise.
void AddYears(const std::string& text, std::vector<int>* years) {
  int from = 0, to = 0;
  char tail = 0;
  const int n = std::sscanf(text.c_str(), "%d-%d%c", &from, &to, &tail);
  if (n == 1) to = from;
  if ((n != 1 && n != 2) || from < 1900 || to > 9999 || from > to) {
    throw UsageError("--period must read YEAR or YEAR-YEAR, got '" + text + "'");
  }
  for (int y = from; y <= to; ++y) years->push_back(y);
}

}  // namespace

int CompareCommand(Context& ctx) {
  CompareRequest request;
  for (const std::string& p : ctx.GetAll("--period")) AddYears(p, &request.years);
  if (request.years.empty()) throw UsageError("compare needs --period YEAR");
  std::sort(request.years.begin(), request.years.end());
  request.years.erase(std::unique(request.years.begin(), request.years.end()), request.years.end());
  request.organisations = ctx.GetAll("--org");
  request.deadlines = ctx.GetAll("--deadline");
  request.cohort = ctx.CohortOption();
  request.as_of = ctx.AsOf();
  const std::string format = ctx.Get("--format").value_or("table");
  if (format != "table" && format != "html" && format != "json" && format != "csv") {
    throw UsageError("--format must be table, html, json or csv, got '" + format + "'");
  }
  // The report's wording (reports/text-LANG.properties), as the report loads it.
  Result<ReportTemplates> templates = LoadReportTemplates(DataDir() + "/reports", ctx.LangOption());
  if (!templates.ok()) return Fail(templates.status());
  const Translator& words = templates->words;
  request.crosswalk_dir = DataDir() + "/checklists/crosswalks";

  Result<Framework> framework =
      LoadFrameworkFile(ctx.Get("--framework").value_or(DefaultFrameworkPath()));
  if (!framework.ok()) return Fail(framework.status());
  if (ctx.Flag("--archive")) return CompareArchive(ctx, request, *framework, format, words);
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<Calendar> calendar =
      Calendar::LoadFile(ctx.Get("--calendar").value_or(DefaultCalendarPath()));
  if (!calendar.ok()) return Fail(calendar.status());

  Result<CompareInput> input = GatherCompareInput(*ws, request, *framework, *calendar);
  if (!input.ok()) return Fail(input.status());
  return WriteComparison(ctx, Compare(*input),
                         {request.cohort, request.as_of, framework->id, words}, format);
}

int WriteComparison(Context& ctx, const Comparison& comparison, const CompareMeta& meta,
                    const std::string& format) {
  std::string text;
  if (format == "html") {
    text = CompareHtml(comparison, meta);
  } else if (format == "json") {
    text = CompareJson(comparison, meta);
  } else if (format == "csv") {
    text = CompareCsv(comparison, meta);
  } else {
    text = CompareTable(comparison, meta);
  }
  if (const std::optional<std::string> output = ctx.Get("--output")) {
    std::ofstream f(*output, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    if (!f) return Fail("cannot write " + *output);
    std::printf("wrote %s\n", output->c_str());
    return 0;
  }
  std::fputs(text.c_str(), stdout);
  return 0;
}

}  // namespace vtaudit::cli
