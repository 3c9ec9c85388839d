// timeliness: the share of cases finished within each legal term.
#include <cstdio>

#include "audit.h"
#include "calendar.h"
#include "case_store.h"
#include "cli.h"
#include "framework.h"
#include "json_writer.h"
#include "measure.h"
#include "sample.h"
#include "timeliness.h"

namespace vtaudit::cli {
namespace {

std::string Share(const std::optional<double>& share) {
  if (!share) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", *share * 100);
  return buf;
}

}  // namespace

int Timeliness(Context& ctx) {
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  // Over a drawn sample: the audit gives the organisation, the default period (its
  // year) and the cases; the shares then carry 95% Wilson intervals.
  std::optional<Audit> audit;
  CaseFilter filter;
  TimelinessOptions options;
  if (const std::optional<std::string> id = ctx.Get("--sample")) {
    Result<Audit> found = FindAudit(*ws, ParseAuditId(*id));
    if (!found.ok()) return Fail(found.status());
    Result<Sample> sample = CurrentSample(*ws, found->id);
    if (!sample.ok()) return Fail(sample.status());
    for (const SampledCase& c : sample->cases) filter.case_ids.push_back(c.case_id);
    if (ctx.Get("--org") && *ctx.Get("--org") != found->org) {
      throw UsageError("--org " + *ctx.Get("--org") + " is not the organisation of audit " + *id +
                       " (" + found->org + ")");
    }
    options.sample = true;
    audit = *found;
  }
  const std::string org = audit ? audit->org : ctx.Required("--org");
  // Without an audit the period is required; with one it defaults to the audit's year.
  if (!audit) {
    ctx.Required("--from");
    ctx.Required("--to");
  }
  options.period.from = ctx.DateOption("--from", audit ? audit->period_start() : Date());
  options.period.to = ctx.DateOption("--to", audit ? audit->period_end() : Date());
  if (options.period.to < options.period.from) throw UsageError("--to lies before --from");
  options.as_of = ctx.AsOf();  // an audit's own peildatum replaces it below
  options.cohort = ctx.CohortOption();
  const std::optional<std::string> list = ctx.Get("--list");
  if (list && *list != "all" && *list != "on_time" && *list != "late" && *list != "pending" &&
      *list != "overdue" && *list != "invalid") {
    throw UsageError("--list must be all, on_time, late, pending, overdue or invalid");
  }
  options.keep_cases = list.has_value();

  if (Result<Organisation> o = (*ws)->FindOrganisation(org); !o.ok()) return Fail(o.status());
  // Over an audit's sample: its framework, and its source (measure.h): its peildatum and,
  // once frozen, its snapshot's cases and calendar.
  Result<Framework> framework =
      audit && !ctx.Get("--framework")
          ? (*ws)->LoadFramework(audit->framework_sha256)
          : LoadFrameworkFile(ctx.Get("--framework").value_or(DefaultFrameworkPath()));
  if (!framework.ok()) return Fail(framework.status());
  Result<Calendar> calendar =
      Calendar::LoadFile(ctx.Get("--calendar").value_or(DefaultCalendarPath()));
  if (!calendar.ok()) return Fail(calendar.status());
  CaseSet cases{org, 0};
  if (audit) {
    Result<AuditSource> source = SourceOf(*ws, *audit, *framework, *calendar, ctx.OptionalAsOf());
    if (!source.ok()) return Fail(source.status());
    options.as_of = source->as_of;
    cases = source->cases;
    *calendar = source->calendar;
  }

  TimelinessCalculator calc(*framework, *calendar, options);
  if (Status s = ForEachCase(*ws, cases, filter, [&](const CaseRecord& c) { calc.Add(c); });
      !s.ok()) {
    return Fail(s);
  }
  const TimelinessReport r = calc.Finish(org);
  if (ctx.Flag("--json")) {
    JsonWriter w;
    WriteTimelinessJson(r, &w);
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  std::printf("timeliness of %s, %s to %s, cohort %s, as of %s", org.c_str(),
              r.period.from.ToIso().c_str(), r.period.to.ToIso().c_str(),
              std::string(CohortName(r.cohort)).c_str(), r.as_of.ToIso().c_str());
  if (audit) {
    std::printf(", over the %zu sampled cases of audit %lld (95%% Wilson intervals)",
                filter.case_ids.size(), static_cast<long long>(audit->id));
  }
  std::printf("\n\n");
  const auto print_row = [](std::string line) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::printf("%s\n", line.c_str());
  };
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-24s %8s %8s %6s %8s %8s %8s %8s %6s %-13s%s", "deadline",
                "counted", "on_time", "late", "pending", "overdue", "invalid", "share", "norm",
                "meets", audit ? "95% interval" : "");
  print_row(buf);
  for (const DeadlineSummary& d : r.deadlines) {
    const std::string interval =
        d.ci95 ? Share(d.ci95->low) + " - " + Share(d.ci95->high) : std::string();
    std::snprintf(buf, sizeof buf, "%-24s %8ld %8ld %6ld %8ld %8ld %8ld %8s %6s %-13s%s",
                  d.id.c_str(), d.counted, d.on_time, d.late, d.pending, d.overdue, d.invalid,
                  Share(d.share_on_time).c_str(), Share(d.norm).c_str(),
                  d.meets_norm.empty() ? "-" : d.meets_norm.c_str(), interval.c_str());
    print_row(buf);
  }
  // Such cases count (they are on record from an earlier delivery), but the inspector
  // should know that the organisation's latest extract no longer has them.
  std::string missing;
  for (const DeadlineSummary& d : r.deadlines) {
    if (d.missing_from_latest == 0) continue;
    missing += (missing.empty() ? "" : ", ") + d.id + " " + std::to_string(d.missing_from_latest);
  }
  if (!missing.empty()) {
    std::printf(
        "\ncounted cases missing from the latest delivery (on record from an earlier one): %s\n",
        missing.c_str());
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
        // `late` lists what the table counts as late, so that the two always agree.
        const bool listed =
            *list == "all" ||
            (*list == "late" ? CountsAsLate(c) : ClockStatusName(c.status) == *list);
        if (!listed) continue;
        std::printf("%-24s %-16s %-20s %-19s %-19s due %s\n", d.id.c_str(), c.case_id.c_str(),
                    std::string(ListedStatusName(c)).c_str(), c.from.c_str(),
                    c.to.empty() ? "-" : c.to.c_str(), c.due.c_str());
      }
    }
  }
  return 0;
}

}  // namespace vtaudit::cli
