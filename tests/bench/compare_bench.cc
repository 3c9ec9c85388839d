// `compare` over the full synthetic national registration (25 organisations × 7 years,
// about 1M cases): target under 1 s (docs/performance.md). Measures the whole
// comparison with the cases read on one thread (the way before the organisations were
// read in parallel: the baseline in the same run) and on two, and, separately, only
// reading the cases, so the share of the time spent in storage is visible. Times are
// wall clock.
//   vtaudit_bench_compare [--benchmark_...]
// With VTAUDIT_COMPARE_DB set to a workspace that already holds the national set, that
// one is used; else the set is generated and imported into a temporary workspace first
// (about 15 s).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "calendar.h"
#include "case_store.h"
#include "compare.h"
#include "extract.h"
#include "framework.h"
#include "organisations.h"
#include "synthetic.h"

namespace {

const std::string kSource = VTAUDIT_SOURCE_DIR;

struct Fixture {
  std::unique_ptr<vtaudit::Workspace> ws;
  vtaudit::Framework framework;
  vtaudit::Calendar calendar = vtaudit::Calendar::Statutory();
};

Fixture& Shared() {
  static Fixture* f = [] {
    auto* fx = new Fixture;
    const char* given = std::getenv("VTAUDIT_COMPARE_DB");
    std::string db = given ? given : "";
    auto fail = [](const vtaudit::Status& s) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      std::exit(1);
    };
    auto calendar = vtaudit::Calendar::LoadFile(kSource + "/checklists/kalender-nl.xml");
    if (!calendar.ok()) fail(calendar.status());
    fx->calendar = *calendar;
    auto framework =
        vtaudit::LoadFrameworkFile(kSource + "/checklists/toetsingskader-veilig-thuis-2025.xml");
    if (!framework.ok()) fail(framework.status());
    fx->framework = *framework;
    if (db.empty()) {
      const std::string dir = std::filesystem::temp_directory_path() / "vtaudit-compare-bench";
      std::filesystem::remove_all(dir);
      db = dir + "/ws.sqlite";
      auto orgs = vtaudit::ReadOrganisations(kSource + "/samples/organisations.csv");
      if (!orgs.ok()) fail(orgs.status());
      auto gen = vtaudit::GenerateNational(*orgs, {}, fx->calendar, dir + "/extracts");
      if (!gen.ok()) fail(gen.status());
      auto ws = vtaudit::Workspace::Open(db);
      if (!ws.ok()) fail(ws.status());
      if (auto s = vtaudit::ImportOrganisations(ws->get(), kSource + "/samples/organisations.csv");
          !s.ok()) {
        fail(s);
      }
      for (const vtaudit::Organisation& o : *orgs) {
        auto r = vtaudit::ImportExtract(ws->get(), o.code,
                                        dir + "/extracts/" + vtaudit::SyntheticFileName(o.code));
        if (!r.ok()) fail(r.status());
      }
    }
    auto ws = vtaudit::Workspace::Open(db);
    if (!ws.ok()) fail(ws.status());
    fx->ws = std::move(*ws);
    return fx;
  }();
  return *f;
}

vtaudit::CompareRequest AllYears() {
  vtaudit::CompareRequest r;
  for (int y = 2019; y <= 2025; ++y) r.years.push_back(y);
  r.as_of = *vtaudit::Date::FromYmd(2026, 5, 26);
  r.crosswalk_dir = kSource + "/checklists/crosswalks";
  return r;
}

// The argument is the number of threads that read the organisations' cases.
void BM_CompareAll(benchmark::State& state) {
  Fixture& f = Shared();
  vtaudit::CompareRequest request = AllYears();
  request.threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto input = vtaudit::GatherCompareInput(f.ws.get(), request, f.framework, f.calendar);
    if (!input.ok()) state.SkipWithError(input.status().ToString().c_str());
    benchmark::DoNotOptimize(vtaudit::Compare(*input));
  }
}
BENCHMARK(BM_CompareAll)
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3)
    ->UseRealTime();

void BM_ReadCasesOnly(benchmark::State& state) {
  Fixture& f = Shared();
  auto orgs = f.ws->Organisations();
  long n = 0;
  for (auto _ : state) {
    for (const vtaudit::Organisation& o : *orgs) {
      auto s =
          vtaudit::ForEachCase(f.ws.get(), o.code, {}, [&](const vtaudit::CaseRecord&) { ++n; });
      if (!s.ok()) state.SkipWithError(s.ToString().c_str());
    }
  }
  state.counters["cases"] = static_cast<double>(n) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ReadCasesOnly)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
