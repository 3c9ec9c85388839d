// timeliness: the share of cases finished within each legal term.
#include <cmath>
#include <cstdio>

#include "audit.h"
#include "calendar.h"
#include "case_store.h"
#include "cli.h"
#include "framework.h"
#include "json_writer.h"
#include "judge_audit.h"
#include "sample_draw.h"
#include "timeliness.h"
#include "timeliness_reader.h"

namespace vtaudit::cli {
namespace {

std::string Share(const std::optional<double>& share) {
  if (!share) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", *share * 100);
  return buf;
}

// Days: whole ("12") or, for a median between two, with one decimal ("11.5"); "-" when
// there is nothing to measure.
std::string Days(const std::optional<double>& days) {
  if (!days) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, *days == std::floor(*days) ? "%.0f" : "%.1f", *days);
  return buf;
}

// The oldest open cases by id, oldest first: "H11, H12".
std::string Oldest(const WaitingList& w) {
  std::string out;
  for (const OpenCase& c : w.oldest) out += (out.empty() ? "" : ", ") + c.case_id;
  return out;
}

// `--by month` as text: per deadline one row per month of the period, the share marked
// `*` when it rests on few cases (FewCases).
void PrintByMonth(const TimelinessReport& r) {
  char buf[256];
  for (const DeadlineSummary& d : r.deadlines) {
    std::printf("\n%s\n", d.id.c_str());
    std::printf("%-8s %8s %9s %8s %6s %8s %8s  %14s %14s\n", "month", "started", "completed",
                "on_time", "late", "n", "share", "stock_pending", "stock_overdue");
    for (const MonthCount& m : d.monthly) {
      const long n = m.on_time + m.late;
      std::optional<double> share;
      if (n > 0) share = static_cast<double>(m.on_time) / static_cast<double>(n);
      const std::string shown = Share(share) + (FewCases(m, r.min_cases) ? "*" : " ");
      std::snprintf(buf, sizeof buf, "%-8s %8ld %9ld %8ld %6ld %8ld %9s %14ld %14ld",
                    m.month.c_str(), m.started, m.completed, m.on_time, m.late, n, shown.c_str(),
                    m.stock_pending, m.stock_overdue);
      std::printf("%s\n", buf);
    }
  }
  std::printf(
      "\n* share over fewer than %d cases (the framework's min-cases): indicative\n"
      "started and completed: clocks started and stopped in the month; n = on_time + late, by "
      "the cohort's month;\nstock: open at the month's end (at %s for its month), pending or "
      "past due\n",
      r.min_cases, r.as_of.ToIso().c_str());
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
  std::optional<CaseList> list;
  if (const std::optional<std::string> name = ctx.Get("--list")) {
    list = CaseListFromName(*name);
    if (!list) {
      throw UsageError(
          "--list must be all, on_time, late, pending, overdue, invalid or open, got '" + *name +
          "'");
    }
  }
  options.keep_cases = list.has_value();
  bool by_month = false;
  if (const std::optional<std::string> by = ctx.Get("--by")) {
    if (*by != "month") throw UsageError("--by must be month, got '" + *by + "'");
    by_month = true;
  }
  const bool csv = ctx.Flag("--csv");
  if (csv && !by_month) throw UsageError("--csv goes with --by month");
  if (csv && ctx.Flag("--json")) throw UsageError("--csv and --json exclude each other");
  if (by_month && list) throw UsageError("--by month and --list exclude each other");

  if (Result<Organisation> o = (*ws)->FindOrganisation(org); !o.ok()) return Fail(o.status());
  // Over an audit's sample: its framework, and its source (judge_audit.h): its peildatum and,
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

  Result<TimelinessReport> report =
      ReadTimeliness(*ws, cases, filter, *framework, *calendar, options, org);
  if (!report.ok()) return Fail(report.status());
  const TimelinessReport& r = *report;
  if (ctx.Flag("--json")) {
    JsonWriter w;
    WriteTimelinessJson(r, &w, list, by_month);
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  if (csv) {
    std::fputs(TimelinessByMonthCsv(r).c_str(), stdout);
    return 0;
  }
  std::printf("timeliness of %s, %s to %s, cohort %s, as of %s", org.c_str(),
              r.period.from.ToIso().c_str(), r.period.to.ToIso().c_str(),
              std::string(CohortName(r.cohort)).c_str(), r.as_of.ToIso().c_str());
  if (audit) {
    std::printf(", over the %zu sampled cases of audit %lld (95%% Wilson intervals)",
                filter.case_ids.size(), static_cast<long long>(audit->id));
  }
  if (by_month) {
    std::printf(", by month\n");
    PrintByMonth(r);
    return 0;
  }
  std::printf("\n\n");
  const auto print_row = [](std::string line) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::printf("%s\n", line.c_str());
  };
  // open_overdue stands next to the share in both cohorts: a share over the finished
  // cases must never hide the cases still waiting past their term.
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-24s %8s %8s %6s %8s %8s %8s %8s %12s %6s %-13s%s", "deadline",
                "counted", "on_time", "late", "pending", "overdue", "invalid", "share",
                "open_overdue", "norm", "meets", audit ? "95% interval" : "");
  print_row(buf);
  for (const DeadlineSummary& d : r.deadlines) {
    const std::string interval =
        d.ci95 ? Share(d.ci95->low) + " - " + Share(d.ci95->high) : std::string();
    std::snprintf(buf, sizeof buf, "%-24s %8ld %8ld %6ld %8ld %8ld %8ld %8s %12ld %6s %-13s%s",
                  d.id.c_str(), d.counted, d.on_time, d.late, d.pending, d.overdue, d.invalid,
                  Share(d.share_on_time).c_str(), d.open.overdue, Share(d.norm).c_str(),
                  d.meets_norm.empty() ? "-" : d.meets_norm.c_str(), interval.c_str());
    print_row(buf);
  }
  std::printf("\nbasis and source:\n");
  for (const DeadlineSummary& d : r.deadlines) {
    const std::string basis(d.basis == Basis::kUnstated ? "unstated" : BasisName(d.basis));
    std::snprintf(buf, sizeof buf, "  %-24s %-10s", d.id.c_str(), basis.c_str());
    print_row(buf + d.source);
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
  std::printf(
      "\nwaiting list at %s (open cases, whatever the period; age in days since the clock "
      "started):\n",
      r.as_of.ToIso().c_str());
  std::snprintf(buf, sizeof buf, "%-24s %8s %8s %8s %8s %8s  %s", "deadline", "pending", "overdue",
                "median", "p90", "max", "oldest");
  print_row(buf);
  for (const DeadlineSummary& d : r.deadlines) {
    const WaitingList& w = d.open;
    std::snprintf(buf, sizeof buf, "%-24s %8ld %8ld %8s %8s %8s  %s", d.id.c_str(), w.pending,
                  w.overdue, Days(w.median_age_days).c_str(), Days(w.p90_age_days).c_str(),
                  Days(w.max_age_days).c_str(), Oldest(w).c_str());
    print_row(buf);
  }
  std::printf("\nwaiting for investigations: %ld decided, %ld started, %ld not started at %s",
              r.waiting.decided, r.waiting.started, r.waiting.not_started, r.as_of.ToIso().c_str());
  if (r.waiting.median_days) {
    std::printf("; median %.0f days, p90 %.0f days", *r.waiting.median_days, *r.waiting.p90_days);
  }
  std::printf("\n");
  const WaitingList& waiting = r.waiting.not_started_at_as_of;
  std::printf("decided and not started at %s, whatever the period: %ld", r.as_of.ToIso().c_str(),
              waiting.count);
  if (waiting.count > 0) {
    std::printf("; waiting median %s, p90 %s, max %s days; oldest %s",
                Days(waiting.median_age_days).c_str(), Days(waiting.p90_age_days).c_str(),
                Days(waiting.max_age_days).c_str(), Oldest(waiting).c_str());
  }
  std::printf("\n");
  if (list) {
    for (const DeadlineSummary& d : r.deadlines) {
      for (const ClockCase* c : ListedCases(d, *list)) {
        std::printf("%-24s %-16s %-20s %-19s %-19s due %s\n", d.id.c_str(), c->case_id.c_str(),
                    std::string(ListedStatusName(*c)).c_str(), c->from.c_str(),
                    c->to.empty() ? "-" : c->to.c_str(), c->due.c_str());
      }
    }
  }
  return 0;
}

}  // namespace vtaudit::cli
