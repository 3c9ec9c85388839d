// Import plus timeliness of a 1,000,000-row extract against the named baseline: the
// sqlite3 shell's own `.import` of the same CSV into an untyped table, in the same run.
// Both run as child processes so that each one's peak memory (ru_maxrss) is its own.
//   vtaudit_bench_import [--rows=N]   (default 1,000,000; needs the vtaudit binary and sqlite3)
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "child_run.h"
#include "date.h"
#include "random_draw.h"

namespace {

using vtaudit::bench::ChildRun;
using vtaudit::bench::RunChild;

long g_rows = 1000000;
std::string g_dir;
std::string g_csv;

// A deterministic extract in the import format: meldingen and adviezen over 2025.
void WriteExtract() {
  std::ofstream out(g_csv);
  out << "case_id,kind,violence,received,triaged,safety_assessed,outcome,investigation_decided,"
         "investigation_started,investigation_completed,rvdk,disclosure\n";
  vtaudit::Prng prng(20251128);
  const vtaudit::Date start = *vtaudit::Date::FromYmd(2025, 1, 1);
  char line[256];
  for (long i = 0; i < g_rows; ++i) {
    const vtaudit::Date received = start.AddDays(static_cast<int>(prng.Below(330)));
    const bool melding = prng.Below(2) == 0;
    if (!melding) {
      std::snprintf(line, sizeof line, "B%07ld,advies,partnergeweld,%s,,,,,,,0,0\n", i,
                    received.ToIso().c_str());
    } else {
      const vtaudit::Date assessed = received.AddDays(static_cast<int>(prng.Below(12)));
      const bool investigated = prng.Below(8) == 0;
      std::string inv = ",,";
      if (investigated) {
        const vtaudit::Date decided = assessed.AddDays(static_cast<int>(prng.Below(5)));
        const vtaudit::Date started = decided.AddDays(static_cast<int>(prng.Below(20)));
        const vtaudit::Date done = started.AddDays(static_cast<int>(prng.Below(80)));
        inv = decided.ToIso() + "," + started.ToIso() + "," + done.ToIso();
      }
      std::snprintf(
          line, sizeof line,
          "B%07ld,melding,kindermishandeling,%sT%02d:%02d,%sT%02d:%02d,%s,VT-01-01,%s,0,0\n", i,
          received.ToIso().c_str(), 8 + static_cast<int>(prng.Below(9)), 15,
          received.ToIso().c_str(), 17, 30, assessed.ToIso().c_str(), inv.c_str());
    }
    out << line;
  }
}

std::string VtauditBinary() {
  const char* env = std::getenv("VTAUDIT_BIN");
  return env ? env : VTAUDIT_BIN;
}

void BM_Sqlite3ShellImport(benchmark::State& state) {
  for (auto _ : state) {
    const std::string db = g_dir + "/baseline.sqlite";
    std::filesystem::remove(db);
    const std::string script = g_dir + "/import.sql";
    std::ofstream(script) << ".mode csv\n.import " << g_csv << " extract\n";
    const ChildRun r = RunChild({"sqlite3", db}, script);
    if (r.status != 0) state.SkipWithError("sqlite3 .import failed");
    state.SetIterationTime(r.seconds);
    state.counters["peak_MB"] = static_cast<double>(r.peak_kb) / 1024.0;
  }
  state.counters["rows"] = static_cast<double>(g_rows);
}

void BM_VtauditImportPlusTimeliness(benchmark::State& state) {
  for (auto _ : state) {
    const std::string db = g_dir + "/vtaudit.sqlite";
    std::filesystem::remove(db);
    std::filesystem::remove(db + "-wal");
    std::filesystem::remove(db + "-shm");
    const std::string bin = VtauditBinary();
    RunChild({bin, "--db", db, "org", "add", "VT01", "Bench"});
    const ChildRun import = RunChild({bin, "--db", db, "cases", "import", "--org", "VT01", g_csv});
    const ChildRun timeliness =
        RunChild({bin, "--db", db, "timeliness", "--org", "VT01", "--from", "2025-01-01", "--to",
                  "2025-12-31", "--as-of", "2026-03-31"});
    if (import.status != 0 || timeliness.status != 0) state.SkipWithError("vtaudit failed");
    state.SetIterationTime(import.seconds + timeliness.seconds);
    state.counters["import_s"] = import.seconds;
    state.counters["timeliness_s"] = timeliness.seconds;
    state.counters["peak_MB"] =
        static_cast<double>(std::max(import.peak_kb, timeliness.peak_kb)) / 1024.0;
  }
  state.counters["rows"] = static_cast<double>(g_rows);
}

BENCHMARK(BM_Sqlite3ShellImport)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_VtauditImportPlusTimeliness)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::string(argv[i]).rfind("--rows=", 0) == 0) {
      g_rows = std::atol(argv[i] + 7);
    } else {
      rest.push_back(argv[i]);
    }
  }
  char tmpl[] = "/tmp/vtaudit-bench-XXXXXX";
  g_dir = mkdtemp(tmpl);
  g_csv = g_dir + "/extract.csv";
  WriteExtract();
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  std::filesystem::remove_all(g_dir);
  return 0;
}
