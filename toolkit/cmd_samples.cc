// samples generate
#include <chrono>
#include <cstdio>

#include "calendar.h"
#include "cli.h"
#include "organisations.h"
#include "random_draw.h"
#include "synthetic.h"

namespace vtaudit::cli {

int SamplesGenerate(Context& ctx) {
  SyntheticOptions options;
  if (std::optional<std::string> seed = ctx.Get("--seed")) options.seed = SeedFromString(*seed);
  if (std::optional<std::string> years = ctx.Get("--years")) {
    int from = 0, to = 0;
    char tail = 0;
    const int n = std::sscanf(years->c_str(), "%d-%d%c", &from, &to, &tail);
    if (n == 1) to = from;
    if ((n != 1 && n != 2) || from > to) {
      throw UsageError("--years must read YEAR or YEAR-YEAR, got '" + *years + "'");
    }
    options.first_year = from, options.last_year = to;
  }
  options.scale = ctx.OptionalDouble("--scale").value_or(1.0);
  const std::string output = ctx.Required("--output");

  Result<std::vector<Organisation>> orgs = ReadOrganisations(
      ctx.Get("--organisations").value_or(DataDir() + "/samples/organisations.csv"));
  if (!orgs.ok()) return Fail(orgs.status());
  Result<Calendar> calendar =
      Calendar::LoadFile(ctx.Get("--calendar").value_or(DefaultCalendarPath()));
  if (!calendar.ok()) return Fail(calendar.status());

  const auto start = std::chrono::steady_clock::now();
  Result<SyntheticSummary> summary = GenerateNational(*orgs, options, *calendar, output);
  if (!summary.ok()) return Fail(summary.status());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf("SYNTHETIC DATA: no real person or case\n");
  std::printf("wrote %zu extracts and README.md to %s: %ld cases, seed %llu, scale %g\n",
              summary->files.size() - 1, output.c_str(), summary->cases,
              static_cast<unsigned long long>(summary->seed), summary->scale);
  std::printf("%-5s %9s %9s %9s %7s %7s %6s %8s %9s\n", "year", "meldingen", "km", "adviezen",
              "onderz", "km", "rvdk", "vb_laat", "org>=80%");
  for (const SyntheticYear& y : summary->years) {
    const double late = y.safety_assessed ? 100.0 * static_cast<double>(y.safety_late) /
                                                static_cast<double>(y.safety_assessed)
                                          : 0;
    std::printf("%-5d %9ld %9ld %9ld %7ld %7ld %6ld %7.1f%% %6d/%zu\n", y.year, y.meldingen,
                y.meldingen_kindermishandeling, y.adviezen, y.investigations_completed,
                y.investigations_completed_kindermishandeling, y.rvdk, late,
                y.organisations_investigations_80, orgs->size());
  }
  if (ctx.Flag("--timing")) std::fprintf(stderr, "generated in %.2f s\n", seconds);
  return 0;
}

}  // namespace vtaudit::cli
