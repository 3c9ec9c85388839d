// Throughput of CsvReader on a generated 200,000-row registration extract.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "csv_reader.h"

namespace vtaudit {
namespace {

constexpr int kRows = 200000;

// Writes the extract once; rows look like real ones, with some quoted fields.
const std::string& ExtractPath() {
  static const std::string path = [] {
    const std::string p = (std::filesystem::temp_directory_path() /
                           ("vtaudit_bench_" + std::to_string(::getpid()) + ".csv"))
                              .string();
    std::ofstream out(p, std::ios::binary);
    out << "case_id;kind;violence;received;triaged;safety_assessed;outcome;"
           "investigation_decided;investigation_started;investigation_completed;rvdk;"
           "disclosure\r\n";
    for (int i = 0; i < kRows; ++i) {
      out << "VT-2025-" << 100000 + i << ';' << (i % 3 == 0 ? "advies" : "melding") << ';'
          << (i % 7 == 0 ? "\"kindermishandeling|partnergeweld\"" : "partnergeweld")
          << ";2025-03-03T09:15;2025-03-04;06-03-2025 14:30;VT-0" << i % 10
          << ";2025-03-10;2025-03-12;;" << i % 2 << ";0\r\n";
    }
    return p;
  }();
  return path;
}

void BM_CsvReader(benchmark::State& state) {
  const std::string& path = ExtractPath();
  const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
  for (auto _ : state) {
    auto reader = CsvReader::Open(path);
    if (!reader.ok()) {
      state.SkipWithError(reader.status().ToString().c_str());
      return;
    }
    TableRow row;
    std::size_t rows = 0;
    while ((*reader)->Next(&row)) ++rows;
    if (!(*reader)->status().ok() || rows != kRows + 1) {
      state.SkipWithError("extract not read whole");
      return;
    }
    benchmark::DoNotOptimize(rows);
  }
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_CsvReader)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace vtaudit

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::filesystem::remove(vtaudit::ExtractPath());
  return 0;
}
