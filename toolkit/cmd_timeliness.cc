// timeliness: the share of cases finished within each legal term.
#include <cstdio>

#include "calendar.h"
#include "case_store.h"
#include "cli.h"
#include "framework.h"
#include "json_writer.h"
#include "timeliness.h"

namespace vtaudit::cli {
namespace {

Date ParseDateOption(const Context& ctx, std::string_view name, const std::string& text) {
  (void)ctx;
  const std::optional<Date> d = Date::ParseIso(text);
  if (!d) throw UsageError(std::string(name) + " must be a date YYYY-MM-DD, got '" + text + "'");
  return *d;
}

std::string Share(const std::optional<double>& share) {
  if (!share) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", *share * 100);
  return buf;
}

}  // namespace

int Timeliness(Context& ctx) {
  const std::string org = ctx.Required("--org");
  TimelinessOptions options;
  options.period.from = ParseDateOption(ctx, "--from", ctx.Required("--from"));
  options.period.to = ParseDateOption(ctx, "--to", ctx.Required("--to"));
  if (options.period.to < options.period.from) throw UsageError("--to lies before --from");
  options.as_of =
      ctx.Get("--as-of") ? ParseDateOption(ctx, "--as-of", *ctx.Get("--as-of")) : Date::Today();
  const std::string cohort = ctx.Get("--cohort").value_or("completed");
  if (cohort == "completed") {
    options.cohort = Cohort::kCompleted;
  } else if (cohort == "due") {
    options.cohort = Cohort::kDue;
  } else {
    throw UsageError("--cohort must be completed or due, got '" + cohort + "'");
  }
  const std::optional<std::string> list = ctx.Get("--list");
  if (list && *list != "all" && *list != "on_time" && *list != "late" && *list != "pending" &&
      *list != "overdue" && *list != "invalid") {
    throw UsageError("--list must be all, on_time, late, pending, overdue or invalid");
  }
  options.keep_cases = list.has_value();

  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  if (Result<Organisation> o = (*ws)->FindOrganisation(org); !o.ok()) return Fail(o.status());
  Result<Framework> framework =
      LoadFrameworkFile(ctx.Get("--framework").value_or(DefaultFrameworkPath()));
  if (!framework.ok()) return Fail(framework.status());
  Result<Calendar> calendar =
      Calendar::LoadFile(ctx.Get("--calendar").value_or(DefaultCalendarPath()));
  if (!calendar.ok()) return Fail(calendar.status());

  TimelinessCalculator calc(*framework, *calendar, options);
  if (Status s = ForEachCase(*ws, org, {}, [&](const CaseRecord& c) { calc.Add(c); }); !s.ok()) {
    return Fail(s);
  }
  const TimelinessReport r = calc.Finish(org);
  if (ctx.Flag("--json")) {
    JsonWriter w;
    WriteTimelinessJson(r, &w);
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  std::printf("timeliness of %s, %s to %s, cohort %s, as of %s\n\n", org.c_str(),
              r.period.from.ToIso().c_str(), r.period.to.ToIso().c_str(),
              std::string(CohortName(r.cohort)).c_str(), r.as_of.ToIso().c_str());
  std::printf("%-24s %8s %8s %6s %8s %8s %8s %8s %6s %s\n", "deadline", "counted", "on_time",
              "late", "pending", "overdue", "invalid", "share", "norm", "meets");
  for (const DeadlineSummary& d : r.deadlines) {
    std::printf("%-24s %8ld %8ld %6ld %8ld %8ld %8ld %8s %6s %s\n", d.id.c_str(), d.counted,
                d.on_time, d.late, d.pending, d.overdue, d.invalid, Share(d.share_on_time).c_str(),
                Share(d.norm).c_str(), d.meets_norm.empty() ? "-" : d.meets_norm.c_str());
  }
  std::printf("\nwaiting for investigations: %ld decided, %ld started, %ld not started at %s",
              r.waiting.decided, r.waiting.started, r.waiting.not_started, r.as_of.ToIso().c_str());
  if (r.waiting.median_days) {
    std::printf("; median %.0f days, p90 %.0f days", *r.waiting.median_days, *r.waiting.p90_days);
  }
  std::printf("\n");
  if (list) {
    for (const DeadlineSummary& d : r.deadlines) {
      for (const ClockCase& c : d.cases) {
        if (*list != "all" && ClockStatusName(c.status) != *list) continue;
        std::printf("%-24s %-16s %-8s %-19s %-19s due %s\n", d.id.c_str(), c.case_id.c_str(),
                    std::string(ClockStatusName(c.status)).c_str(), c.from.c_str(),
                    c.to.empty() ? "-" : c.to.c_str(), c.due.c_str());
      }
    }
  }
  return 0;
}

}  // namespace vtaudit::cli
