// XLSX import speed: a generated 100,000-row registration extract as Excel writes it (text
// in the shared strings, dates as serials, times as fractions), read by XlsxReader in this
// process and imported by `vtaudit cases import` in a child (its time and peak memory).
//   vtaudit_bench_xlsx [--rows=N] [--keep=FILE.xlsx]   (default 100,000 rows)
#include <Poco/DateTime.h>
#include <Poco/Zip/Compress.h>
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "case_record.h"
#include "child_run.h"
#include "random_draw.h"
#include "xlsx_reader.h"

namespace vtaudit {
namespace {

using vtaudit::bench::ChildRun;
using vtaudit::bench::RunChild;

long g_rows = 100000;
std::string g_dir;
std::string g_xlsx;

void AddPart(Poco::Zip::Compress* zip, const std::string& name, const std::string& text) {
  std::istringstream in(text);
  zip->addFile(in, Poco::DateTime(2025, 1, 1), Poco::Path(name, Poco::Path::PATH_UNIX),
               Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_NORMAL);
}

std::string ColumnLetter(int column) { return std::string(1, static_cast<char>('A' + column)); }

// Writes g_xlsx: the columns of the import format; case ids and words as shared strings
// (Excel stores every text cell so), received as a date-time serial, the other dates as
// whole serials, the flags as numbers.
void WriteWorkbook() {
  const std::vector<std::string>& header = CaseFieldNames();
  std::vector<std::string> strings = header;
  const auto shared = [&](const std::string& s) {
    strings.push_back(s);
    return strings.size() - 1;
  };
  const std::size_t melding = shared("melding"), advies = shared("advies");
  const std::size_t partner = shared("partnergeweld"), kind = shared("kindermishandeling");
  const std::size_t outcome = shared("VT-01-01");

  std::string sheet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet "
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
  const auto text_cell = [&](int column, long row, std::size_t index) {
    sheet += "<c r=\"" + ColumnLetter(column) + std::to_string(row) + "\" t=\"s\"><v>" +
             std::to_string(index) + "</v></c>";
  };
  const auto number_cell = [&](int column, long row, const std::string& value, int style) {
    sheet += "<c r=\"" + ColumnLetter(column) + std::to_string(row) + "\" s=\"" +
             std::to_string(style) + "\"><v>" + value + "</v></c>";
  };
  sheet += "<row r=\"1\">";
  for (int c = 0; c < static_cast<int>(header.size()); ++c) text_cell(c, 1, std::size_t(c));
  sheet += "</row>";
  Prng prng(20251128);
  constexpr long kFirstOf2025 = 45658;  // serial of 2025-01-01
  char buf[32];
  for (long i = 0; i < g_rows; ++i) {
    const long row = i + 2;
    sheet += "<row r=\"" + std::to_string(row) + "\">";
    char id[24];
    std::snprintf(id, sizeof id, "B%07ld", i);
    text_cell(0, row, shared(id));
    const long received = kFirstOf2025 + static_cast<long>(prng.Below(330));
    const bool is_melding = prng.Below(2) == 0;
    text_cell(1, row, is_melding ? melding : advies);
    text_cell(2, row, is_melding ? kind : partner);
    std::snprintf(buf, sizeof buf, "%.10f",
                  static_cast<double>(received) + (8 + static_cast<double>(prng.Below(9))) / 24);
    number_cell(3, row, buf, 2);
    if (is_melding) {
      number_cell(4, row, std::to_string(received), 1);
      number_cell(5, row, std::to_string(received + static_cast<long>(prng.Below(12))), 1);
      text_cell(6, row, outcome);
    }
    number_cell(10, row, "0", 0);
    number_cell(11, row, "0", 0);
    sheet += "</row>";
  }
  sheet += "</sheetData></worksheet>";

  std::string sst =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst "
      "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" +
      std::to_string(strings.size()) + "\" uniqueCount=\"" + std::to_string(strings.size()) + "\">";
  for (const std::string& s : strings) sst += "<si><t>" + s + "</t></si>";
  sst += "</sst>";

  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::ofstream out(g_xlsx, std::ios::binary);
  Poco::Zip::Compress zip(out, true);
  AddPart(&zip, "[Content_Types].xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
          "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
  AddPart(&zip, "_rels/.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
          "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
          "Id=\"rId1\" Type=\"" +
              rel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
  AddPart(&zip, "xl/workbook.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook "
          "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"" +
              rel +
              "\"><sheets><sheet name=\"Registratie\" sheetId=\"1\" "
              "r:id=\"rId1\"/></sheets></workbook>");
  AddPart(&zip, "xl/_rels/workbook.xml.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
          "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
          "Id=\"rId1\" Type=\"" +
              rel +
              "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" +
              rel + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>");
  AddPart(&zip, "xl/sharedStrings.xml", sst);
  AddPart(&zip, "xl/worksheets/sheet1.xml", sheet);
  zip.close();
}

void BM_XlsxReader(benchmark::State& state) {
  for (auto _ : state) {
    auto reader = XlsxReader::Open(g_xlsx);
    if (!reader.ok()) {
      state.SkipWithError(reader.status().ToString().c_str());
      return;
    }
    TableRow row;
    long rows = 0;
    while ((*reader)->Next(&row)) ++rows;
    if (!(*reader)->status().ok() || rows != g_rows + 1) {
      state.SkipWithError("workbook not read whole");
      return;
    }
    benchmark::DoNotOptimize(rows);
  }
  state.counters["rows"] = static_cast<double>(g_rows);
}
BENCHMARK(BM_XlsxReader)->Unit(benchmark::kMillisecond);

void BM_VtauditImportXlsx(benchmark::State& state) {
  const char* env = std::getenv("VTAUDIT_BIN");
  const std::string bin = env ? env : VTAUDIT_BIN;
  for (auto _ : state) {
    const std::string db = g_dir + "/vtaudit.sqlite";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
    RunChild({bin, "--db", db, "org", "add", "VT01", "Bench"});
    const ChildRun import = RunChild({bin, "--db", db, "cases", "import", "--org", "VT01", g_xlsx});
    if (import.status != 0) state.SkipWithError("vtaudit cases import failed");
    state.SetIterationTime(import.seconds);
    state.counters["peak_MB"] = static_cast<double>(import.peak_kb) / 1024.0;
  }
  state.counters["rows"] = static_cast<double>(g_rows);
}
BENCHMARK(BM_VtauditImportXlsx)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace vtaudit

int main(int argc, char** argv) {
  std::vector<char*> rest;
  std::string keep;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--rows=", 0) == 0) {
      vtaudit::g_rows = std::atol(argv[i] + 7);
    } else if (arg.rfind("--keep=", 0) == 0) {
      keep = arg.substr(7);
    } else {
      rest.push_back(argv[i]);
    }
  }
  char tmpl[] = "/tmp/vtaudit-bench-XXXXXX";
  vtaudit::g_dir = mkdtemp(tmpl);
  vtaudit::g_xlsx = vtaudit::g_dir + "/extract.xlsx";
  vtaudit::WriteWorkbook();
  if (!keep.empty()) std::filesystem::copy_file(vtaudit::g_xlsx, keep);
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  std::filesystem::remove_all(vtaudit::g_dir);
  return 0;
}
