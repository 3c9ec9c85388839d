// Import plus timeliness of a 1,000,000-row extract against the named baseline: the
// sqlite3 shell's own `.import` of the same CSV into an untyped table, in the same run.
// The same rows are also imported through a profile (checklists/profiles/voorbeeld-export.xml:
// its own column names, Dutch labels, D-M-YYYY dates), which may cost at most 10% more
// than the native import. All run as child processes so that each one's peak memory
// (ru_maxrss) is its own.
//   vtaudit_bench_import [--rows=N]   (default 1,000,000; needs the vtaudit binary and sqlite3)
//   vtaudit_bench_import --write-extract=FILE [--write-holidays=FILE] [--rows=N]   writes the
//     native extract (and the Atw holidays of 2024-2027 of checklists/kalender-nl.xml as
//     date,name) and exits: tests/bench/duckdb/ loads the same file
//   vtaudit_bench_import --write-extract=FILE --write-export=FILE [--rows=N]   also writes the
//     same rows as voorbeeld-export.xml shapes them (to profile the import, e.g. with callgrind)
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

#include "calendar.h"
#include "child_run.h"
#include "date.h"
#include "random_draw.h"

namespace {

using vtaudit::bench::ChildRun;
using vtaudit::bench::RunChild;

long g_rows = 1000000;
std::string g_dir;
std::string g_csv;
std::string g_export_csv;  // the same rows shaped as the voorbeeld-export profile says

// 3-3-2025 or 3-3-2025 08:15, as Excel on a Dutch Windows writes a date.
std::string DayMonthYear(vtaudit::Date d, int hour = -1, int minute = 0) {
  char text[32];
  if (hour < 0) {
    std::snprintf(text, sizeof text, "%d-%d-%d", d.day(), d.month(), d.year());
  } else {
    std::snprintf(text, sizeof text, "%d-%d-%d %02d:%02d", d.day(), d.month(), d.year(), hour,
                  minute);
  }
  return text;
}

// A deterministic extract in the import format: meldingen and adviezen over 2025.
void WriteExtract() {
  std::ofstream out(g_csv);
  out << "case_id,kind,violence,received,triaged,safety_assessed,outcome,investigation_decided,"
         "investigation_started,investigation_completed,rvdk,disclosure\n";
  std::ofstream shaped;
  if (!g_export_csv.empty()) {
    shaped.open(g_export_csv);
    shaped << "Dossiernummer,Type contact,Soort geweld,Datum ontvangst,Datum triage,"
              "Datum veiligheidsbeoordeling,Uitkomst veiligheidsbeoordeling,Besluit onderzoek,"
              "Start onderzoek,Einde onderzoek,Verzoek RvdK,Disclosure\n";
  }
  vtaudit::Prng prng(20251128);
  const vtaudit::Date start = *vtaudit::Date::FromYmd(2025, 1, 1);
  char line[256];
  for (long i = 0; i < g_rows; ++i) {
    const vtaudit::Date received = start.AddDays(static_cast<int>(prng.Below(330)));
    const bool melding = prng.Below(2) == 0;
    if (!melding) {
      std::snprintf(line, sizeof line, "B%07ld,advies,partnergeweld,%s,,,,,,,0,0\n", i,
                    received.ToIso().c_str());
      out << line;
      if (shaped.is_open()) {
        std::snprintf(line, sizeof line, "B%07ld,Adviesvraag,Partnergeweld,%s,,,,,,,Nee,Nee\n", i,
                      DayMonthYear(received).c_str());
        shaped << line;
      }
    } else {
      const vtaudit::Date assessed = received.AddDays(static_cast<int>(prng.Below(12)));
      const bool investigated = prng.Below(8) == 0;
      const int hour = 8 + static_cast<int>(prng.Below(9));
      std::string inv = ",,", shaped_inv = ",,";
      if (investigated) {
        const vtaudit::Date decided = assessed.AddDays(static_cast<int>(prng.Below(5)));
        const vtaudit::Date started = decided.AddDays(static_cast<int>(prng.Below(20)));
        const vtaudit::Date done = started.AddDays(static_cast<int>(prng.Below(80)));
        inv = decided.ToIso() + "," + started.ToIso() + "," + done.ToIso();
        shaped_inv = DayMonthYear(decided) + "," + DayMonthYear(started) + "," + DayMonthYear(done);
      }
      std::snprintf(
          line, sizeof line,
          "B%07ld,melding,kindermishandeling,%sT%02d:%02d,%sT%02d:%02d,%s,VT-01-01,%s,0,0\n", i,
          received.ToIso().c_str(), hour, 15, received.ToIso().c_str(), 17, 30,
          assessed.ToIso().c_str(), inv.c_str());
      out << line;
      if (shaped.is_open()) {
        std::snprintf(line, sizeof line,
                      "B%07ld,Melding,Kindermishandeling,%s,%s,%s,Vervolg door Veilig Thuis,%s,"
                      "Nee,Nee\n",
                      i, DayMonthYear(received, hour, 15).c_str(),
                      DayMonthYear(received, 17, 30).c_str(), DayMonthYear(assessed).c_str(),
                      shaped_inv.c_str());
        shaped << line;
      }
    }
  }
}

// The holidays vtaudit's calendar holds for the years the extract's clocks run in.
int WriteHolidays(const std::string& path) {
  vtaudit::Result<vtaudit::Calendar> calendar =
      vtaudit::Calendar::LoadFile(VTAUDIT_SOURCE_DIR "/checklists/kalender-nl.xml");
  if (!calendar.ok()) {
    std::fprintf(stderr, "%s\n", calendar.status().ToString().c_str());
    return 1;
  }
  std::ofstream out(path);
  out << "date,name\n";
  for (int year = 2024; year <= 2027; ++year) {
    for (const auto& [day, name] : calendar->HolidaysIn(year)) {
      out << day.ToIso() << ",\"" << name << "\"\n";
    }
  }
  return out ? 0 : 1;
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

// The import alone, native and through the profile, into a fresh workspace each; the ratio
// profile/native is printed after the runs.
double g_native_import_s = 0, g_profile_import_s = 0;

ChildRun ImportInto(const std::string& db, const std::vector<std::string>& profile,
                    const std::string& csv) {
  std::filesystem::remove(db);
  std::filesystem::remove(db + "-wal");
  std::filesystem::remove(db + "-shm");
  const std::string bin = VtauditBinary();
  RunChild({bin, "--db", db, "org", "add", "VT01", "Bench"});
  std::vector<std::string> argv = {bin, "--db", db, "cases", "import", "--org", "VT01"};
  argv.insert(argv.end(), profile.begin(), profile.end());
  argv.push_back(csv);
  return RunChild(argv);
}

void BM_VtauditImportNative(benchmark::State& state) {
  for (auto _ : state) {
    const ChildRun r = ImportInto(g_dir + "/native.sqlite", {}, g_csv);
    if (r.status != 0) state.SkipWithError("vtaudit cases import failed");
    state.SetIterationTime(r.seconds);
    g_native_import_s = r.seconds;
    state.counters["peak_MB"] = static_cast<double>(r.peak_kb) / 1024.0;
  }
  state.counters["rows"] = static_cast<double>(g_rows);
}

void BM_VtauditImportProfile(benchmark::State& state) {
  for (auto _ : state) {
    const ChildRun r =
        ImportInto(g_dir + "/profile.sqlite",
                   {"--profile", VTAUDIT_SOURCE_DIR "/checklists/profiles/voorbeeld-export.xml"},
                   g_export_csv);
    if (r.status != 0) state.SkipWithError("vtaudit cases import --profile failed");
    state.SetIterationTime(r.seconds);
    g_profile_import_s = r.seconds;
    state.counters["peak_MB"] = static_cast<double>(r.peak_kb) / 1024.0;
  }
  state.counters["rows"] = static_cast<double>(g_rows);
}

BENCHMARK(BM_Sqlite3ShellImport)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_VtauditImportPlusTimeliness)
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK(BM_VtauditImportNative)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);
BENCHMARK(BM_VtauditImportProfile)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  std::string write_only, holidays;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--rows=", 0) == 0) {
      g_rows = std::atol(argv[i] + 7);
    } else if (arg.rfind("--write-extract=", 0) == 0) {
      write_only = arg.substr(16);
    } else if (arg.rfind("--write-export=", 0) == 0) {
      g_export_csv = arg.substr(15);
    } else if (arg.rfind("--write-holidays=", 0) == 0) {
      holidays = arg.substr(17);
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (!write_only.empty()) {
    g_csv = write_only;
    WriteExtract();
    return holidays.empty() ? 0 : WriteHolidays(holidays);
  }
  char tmpl[] = "/tmp/vtaudit-bench-XXXXXX";
  g_dir = mkdtemp(tmpl);
  g_csv = g_dir + "/extract.csv";
  g_export_csv = g_dir + "/export.csv";
  WriteExtract();
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  if (g_native_import_s > 0 && g_profile_import_s > 0) {
    std::printf(
        "import through the profile / native: %.3f s / %.3f s = %.2f (target at most 1.10)\n",
        g_profile_import_s, g_native_import_s, g_profile_import_s / g_native_import_s);
  }
  std::filesystem::remove_all(g_dir);
  return 0;
}
