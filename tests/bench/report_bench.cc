// One organisation's audit report: building the model (judgement, timeliness over the whole
// extract, the previous audit) and writing the HTML, against the target of docs/performance.md
// (under 200 ms). The workspace holds one large organisation: 12,000 cases a year over 2024-2025,
// audits of both years with the shipped framework, samples of 60 with scores.
//   vtaudit_bench_report [--cases-per-year=N]
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "audit.h"
#include "calendar.h"
#include "report.h"
#include "sample_draw.h"
#include "scoring.h"
#include "workspace.h"

namespace {

long g_cases_per_year = 12000;

struct Setup {
  std::string dir;
  std::unique_ptr<vtaudit::Workspace> ws;
  std::unique_ptr<vtaudit::Calendar> calendar;
  vtaudit::ReportTemplates templates;
  int64_t audit = 0;
};

void Check(const vtaudit::Status& s) {
  if (!s.ok()) {
    std::fprintf(stderr, "setup failed: %s\n", s.ToString().c_str());
    std::exit(1);
  }
}

Setup& Get() {
  static Setup* setup = [] {
    auto* s = new Setup;
    char tmpl[] = "/tmp/vtaudit-report-bench-XXXXXX";
    s->dir = ::mkdtemp(tmpl);
    auto ws = vtaudit::Workspace::Open(s->dir + "/ws.sqlite");
    Check(ws.status());
    s->ws = std::move(*ws);
    Check(s->ws->AddOrganisation({"VT07", "Voorbeeldregio 07 (synthetisch)", "Oost", 1}));
    const std::string n = std::to_string(g_cases_per_year);
    // Meldingen (3 of 4) and adviezen spread over each year; triage mostly the same day,
    // safety assessments 2-12 days, an investigation in every tenth melding.
    Check(s->ws->db().Exec(
        "BEGIN; INSERT INTO extract_file (id, org, file_name, sha256, imported_at, rows, added, "
        "changed, unchanged) VALUES (1, 'VT07', 'VT07-synthetisch.csv', '', '', 0, 0, "
        "0, 0); WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2 * " +
        n + " - 1), c(i, y, d, m) AS (SELECT i, 2024 + i / " + n +
        ", date(printf('%d-01-01', 2024 + i / " + n +
        "), printf('+%d days', (i * 7919) % 360)), i % 4 != 0 FROM n) "
        "INSERT INTO case_file (org, case_id, kind, violence, received, triaged, safety_assessed, "
        "investigation_decided, investigation_started, investigation_completed, extract_id) "
        "SELECT 'VT07', printf('VT07-%d-%06d', y, i), CASE WHEN m THEN 'melding' ELSE 'advies' "
        "END, "
        "'kindermishandeling', d, CASE WHEN m THEN date(d, printf('+%d days', (i % 13 = 0))) END, "
        "CASE WHEN m THEN date(d, printf('+%d days', 2 + i % 11)) END, "
        "CASE WHEN m AND i % 10 = 1 THEN date(d, '+12 days') END, "
        "CASE WHEN m AND i % 10 = 1 THEN date(d, printf('+%d days', 20 + i % 30)) END, "
        "CASE WHEN m AND i % 10 = 1 THEN date(d, printf('+%d days', 60 + i % 40)) END, 1 FROM c; "
        "COMMIT;"));
    const char* src = VTAUDIT_SOURCE_DIR;
    auto cal = vtaudit::Calendar::LoadFile(std::string(src) + "/checklists/kalender-nl.xml");
    Check(cal.status());
    s->calendar = std::make_unique<vtaudit::Calendar>(std::move(*cal));
    auto t = vtaudit::LoadReportTemplates(std::string(src) + "/reports", "nl");
    Check(t.status());
    s->templates = std::move(*t);
    const std::string framework =
        std::string(src) + "/checklists/toetsingskader-veilig-thuis-2025.xml";
    for (const int year : {2024, 2025}) {
      auto a = vtaudit::CreateAudit(s->ws.get(), {"VT07", year, framework, {"A", "B"}});
      Check(a.status());
      s->audit = a->id;
      auto sample = vtaudit::DrawSample(s->ws.get(), {a->id, 60, "7", "kind", "", false});
      Check(sample.status());
      int i = 0;
      for (const vtaudit::SampledCase& c : sample->cases) {
        for (const char* k : {"V2.1", "V3.1", "G1.2", "G1.3", "G2.1", "D1.1"}) {
          // Adviezen are nvt automatically and refused; that is fine here.
          (void)vtaudit::SetScore(s->ws.get(), {a->id,
                                                c.case_id,
                                                k,
                                                ++i % 5 == 0 ? "voldoet_niet" : "voldoet",
                                                i % 7 == 0 ? "dossier onvolledig" : "",
                                                "A",
                                                {}});
        }
      }
    }
    return s;
  }();
  return *setup;
}

void BM_ReportHtml(benchmark::State& state) {
  Setup& s = Get();
  const vtaudit::Date as_of = *vtaudit::Date::FromYmd(2026, 3, 1);
  size_t bytes = 0;
  for (auto _ : state) {
    auto model = vtaudit::BuildReportModel(s.ws.get(), s.audit, *s.calendar, as_of);
    if (!model.ok()) state.SkipWithError(model.status().ToString().c_str());
    const std::string html = vtaudit::ReportHtml(*model, s.templates);
    bytes = html.size();
    benchmark::DoNotOptimize(html);
  }
  state.counters["html_kb"] = static_cast<double>(bytes) / 1024;
}
BENCHMARK(BM_ReportHtml)->Unit(benchmark::kMillisecond);

void BM_HtmlWriterOnly(benchmark::State& state) {
  Setup& s = Get();
  auto model = vtaudit::BuildReportModel(s.ws.get(), s.audit, *s.calendar,
                                         *vtaudit::Date::FromYmd(2026, 3, 1));
  for (auto _ : state) benchmark::DoNotOptimize(vtaudit::ReportHtml(*model, s.templates));
}
BENCHMARK(BM_HtmlWriterOnly)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--cases-per-year=", 0) == 0) g_cases_per_year = std::atol(a.c_str() + 17);
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  std::filesystem::remove_all(Get().dir);
  return 0;
}
