// demo: the whole toolkit on synthetic data in one command. A fresh workspace in DIR gets
// the 25 organisations, the national registration generated from the default seed, and
// the example audits of samples/audits/ (audits.csv: organisation, period, sample size,
// seed, strata, filter, inspectors), whose score sheets and reconciliations are imported
// and judged. Everything written says SYNTHETISCHE GEGEVENS.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "audit.h"
#include "calendar.h"
#include "cli.h"
#include "compare.h"
#include "compare_writer.h"
#include "csv_reader.h"
#include "extract.h"
#include "finding.h"
#include "json_writer.h"
#include "judge_audit.h"
#include "judgement.h"
#include "organisations.h"
#include "report.h"
#include "sample_draw.h"
#include "scoring.h"
#include "synthetic.h"

namespace vtaudit::cli {
namespace {

namespace fs = std::filesystem;

constexpr char kBanner[] = "SYNTHETISCHE GEGEVENS: geen echte persoon, zaak of organisatie";
constexpr uint64_t kRegistrationSeed = 2026;
// The synthetic registration ends with 2025 (its last events fall in February 2026); a
// fixed as-of date makes every run judge the same figures.
constexpr char kAsOf[] = "2026-03-01";
// Written first into DIR: what the directory is, and the mark of a demo's directory.
constexpr char kMarker[] = "SYNTHETISCHE-GEGEVENS.txt";

// One row of samples/audits/audits.csv.
struct ExampleAudit {
  std::string org;
  int period = 0;
  long size = 0;
  std::string seed, stratify, where;
  std::vector<std::string> inspectors;
  std::string Name() const { return org + "-" + std::to_string(period); }
};

struct AuditRun {
  ExampleAudit example;
  int64_t id = 0;
  int scores = 0;
  int reconciled = 0;
  JudgedAudit judged;
};

// A CSV of samples/audits/ as rows keyed by header name; every column of `required` must
// be there.
Result<std::vector<std::map<std::string, std::string>>> ReadTable(
    const std::string& path, const std::vector<std::string>& required) {
  Result<std::unique_ptr<CsvReader>> reader = CsvReader::Open(path);
  if (!reader.ok()) return reader.status();
  TableRow row;
  if (!(*reader)->Next(&row)) {
    if (!(*reader)->status().ok()) return (*reader)->status();
    return Status::Invalid(path + ": empty file");
  }
  const std::vector<std::string> header = row.fields;
  for (const std::string& name : required) {
    if (std::find(header.begin(), header.end(), name) == header.end()) {
      return Status::Invalid(path + ":1: missing column " + name);
    }
  }
  std::vector<std::map<std::string, std::string>> rows;
  while ((*reader)->Next(&row)) {
    std::map<std::string, std::string> cells;
    for (size_t i = 0; i < header.size() && i < row.fields.size(); ++i) {
      cells[header[i]] = row.fields[i];
    }
    cells["#line"] = std::to_string(row.line);
    rows.push_back(std::move(cells));
  }
  if (!(*reader)->status().ok()) return (*reader)->status();
  return rows;
}

Result<std::vector<ExampleAudit>> ReadExampleAudits(const std::string& path) {
  Result<std::vector<std::map<std::string, std::string>>> rows =
      ReadTable(path, {"org", "period", "size", "seed", "stratify", "where", "inspectors"});
  if (!rows.ok()) return rows.status();
  std::vector<ExampleAudit> audits;
  for (std::map<std::string, std::string>& r : *rows) {
    ExampleAudit a;
    a.org = r["org"], a.seed = r["seed"], a.stratify = r["stratify"], a.where = r["where"];
    try {
      a.period = std::stoi(r["period"]);
      a.size = std::stol(r["size"]);
    } catch (const std::exception&) {
      return Status::Invalid(path + ":" + r["#line"] + ": period and size must be numbers");
    }
    std::istringstream names(r["inspectors"]);
    for (std::string name; names >> name;) a.inspectors.push_back(name);
    audits.push_back(std::move(a));
  }
  return audits;
}

bool IsDemoEntry(const std::string& name) {
  static const std::vector<std::string> kEntries = {kMarker,
                                                    "workspace.sqlite",
                                                    "workspace.sqlite-journal",
                                                    "workspace.sqlite-wal",
                                                    "workspace.sqlite-shm",
                                                    "extracts",
                                                    "audits",
                                                    "vergelijking.html"};
  return std::find(kEntries.begin(), kEntries.end(), name) != kEntries.end();
}

// Makes `dir` an empty directory: created when absent; a previous demo's files removed;
// Conflict when it holds anything a demo did not write.
Status PrepareOutput(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return Status::IoError(dir.string() + ": " + ec.message());
    return Status::Ok();
  }
  if (!fs::is_directory(dir, ec)) return Status::Conflict(dir.string() + " is not a directory");
  const bool previous_demo = fs::exists(dir / kMarker, ec);
  std::vector<fs::path> entries;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (!previous_demo || !IsDemoEntry(name)) {
      return Status::Conflict(dir.string() + " holds " + name +
                              ", which vtaudit demo did not write: choose another --output");
    }
    entries.push_back(e.path());
  }
  if (ec) return Status::IoError(dir.string() + ": " + ec.message());
  // The marker goes last: a demo killed while clearing its folder still finds it next time.
  std::stable_partition(entries.begin(), entries.end(),
                        [](const fs::path& p) { return p.filename() != kMarker; });
  for (const fs::path& p : entries) {
    fs::remove_all(p, ec);
    if (ec) return Status::IoError(p.string() + ": " + ec.message());
  }
  return Status::Ok();
}

Status WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return Status::IoError(path.string() + ": cannot write");
  return Status::Ok();
}

// Records the agreed scores of a reconciliation sheet (case_id,criterion,result,note,
// inspector). Returns how many.
Result<int> ApplyReconciliation(Workspace* ws, int64_t audit, const std::string& path) {
  Result<std::vector<std::map<std::string, std::string>>> rows =
      ReadTable(path, {"case_id", "criterion", "result", "note", "inspector"});
  if (!rows.ok()) return rows.status();
  for (std::map<std::string, std::string>& r : *rows) {
    ScoreInput input{audit,     r["case_id"],   r["criterion"], r["result"],
                     r["note"], r["inspector"], std::nullopt};
    if (Status s = ReconcileScore(ws, input); !s.ok()) {
      return Status::Invalid(path + ":" + r["#line"] + ": " + s.ToString());
    }
  }
  return static_cast<int>(rows->size());
}

// Records the inspectors' findings of a findings sheet (criterion,text,evidence,inspector;
// the criterion column may name a standard). Returns how many.
Result<int> ApplyFindings(Workspace* ws, int64_t audit, const std::string& path) {
  Result<std::vector<std::map<std::string, std::string>>> rows =
      ReadTable(path, {"criterion", "text", "evidence", "inspector"});
  if (!rows.ok()) return rows.status();
  for (std::map<std::string, std::string>& r : *rows) {
    const FindingInput input{audit, r["criterion"], r["text"], r["evidence"], r["inspector"]};
    if (Result<Finding> f = SetFinding(ws, input); !f.ok()) {
      return Status::Invalid(path + ":" + r["#line"] + ": " + f.status().ToString());
    }
  }
  return static_cast<int>(rows->size());
}

// Creates the audit, draws its sample and imports its score sheet, reconciliation and
// findings.
// Every example audit has the demo's peildatum.
Result<AuditRun> RunExampleAudit(Workspace* ws, const ExampleAudit& example,
                                 const std::string& audits_dir, Date as_of) {
  AuditRun run;
  run.example = example;
  Result<Audit> audit = CreateAudit(
      ws, {example.org, example.period, DefaultFrameworkPath(), example.inspectors, as_of});
  if (!audit.ok()) return audit.status();
  run.id = audit->id;
  SampleRequest request{run.id, example.size, example.seed, example.stratify, example.where};
  if (Result<Sample> sample = DrawSample(ws, request); !sample.ok()) return sample.status();
  const std::string base = audits_dir + "/" + example.Name();
  Result<int> scores = ImportScoreSheet(ws, run.id, base + "-scores.csv", example.inspectors.at(0));
  if (!scores.ok()) return scores.status();
  run.scores = *scores;
  Result<int> reconciled = ApplyReconciliation(ws, run.id, base + "-reconciliatie.csv");
  if (!reconciled.ok()) return reconciled.status();
  run.reconciled = *reconciled;
  Result<int> findings = ApplyFindings(ws, run.id, base + "-bevindingen.csv");
  if (!findings.ok()) return findings.status();
  return run;
}

// DIR/audits/VTxx-YYYY/oordeel.txt and oordeel.json: the judgement with its explanations.
// DIR/audits/VTxx-YYYY/rapport.html and rapport.pdf: the audit report, in Dutch.
Result<std::vector<std::string>> WriteReports(Workspace* ws, const AuditRun& run,
                                              const ReportTemplates& templates,
                                              const Calendar& calendar, Date as_of,
                                              const fs::path& dir) {
  Result<ReportModel> model = BuildReportModel(ws, run.id, calendar, as_of);
  if (!model.ok()) return model.status();
  const fs::path html = dir / "rapport.html", pdf = dir / "rapport.pdf";
  if (Status s = WriteFile(html, ReportHtml(*model, templates)); !s.ok()) return s;
  Result<std::string> pdf_bytes = ReportPdf(*model, templates);
  if (!pdf_bytes.ok()) return pdf_bytes.status();
  if (Status s = WriteFile(pdf, *pdf_bytes); !s.ok()) return s;
  return std::vector<std::string>{html.string(), pdf.string()};
}

// DIR/vergelijking.html: every organisation over 2019–2025; returns the statement on
// the investigations of 2024 ("N van de 25 …").
Result<std::string> WriteComparison(Workspace* ws, const Framework& framework,
                                    const Calendar& calendar, Date as_of, const fs::path& path) {
  CompareRequest request;
  request.years = {2019, 2020, 2021, 2022, 2023, 2024, 2025};
  request.as_of = as_of;
  request.crosswalk_dir = DataDir() + "/checklists/crosswalks";
  Result<CompareInput> input = GatherCompareInput(ws, request, framework, calendar);
  if (!input.ok()) return input.status();
  const Comparison comparison = Compare(*input);
  Result<ReportTemplates> templates = LoadReportTemplates(DataDir() + "/reports", "nl");
  if (!templates.ok()) return templates.status();
  if (Status s = WriteFile(path, CompareHtml(comparison, {Cohort::kCompleted, as_of, framework.id,
                                                          templates->words}));
      !s.ok()) {
    return s;
  }
  for (const DeadlineComparison& d : comparison.deadlines) {
    if (d.deadline.id != "onderzoek") continue;
    for (const NormTally& t : d.tallies) {
      if (t.year == 2024) return NormStatement(d, t, templates->words);
    }
  }
  return std::string();
}

Result<std::vector<std::string>> WriteJudgement(const AuditRun& run, const fs::path& dir) {
  const JudgedAudit& j = run.judged;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError(dir.string() + ": " + ec.message());

  std::string text = std::string(kBanner) + "\n\n";
  text += "Oordeel audit " + std::to_string(j.audit.id) + ": " + j.audit.org + " " +
          std::to_string(j.audit.period) + ", " + j.framework.title + " (" + j.framework.id + " " +
          j.framework.version + "), peildatum " + j.as_of.ToIso() + "\n";
  text += "steekproef: " + std::to_string(j.input.sample.size()) + " dossiers, seed " +
          run.example.seed + "; inspecteurs: ";
  for (size_t i = 0; i < j.audit.inspectors.size(); ++i) {
    text += (i ? ", " : "") + j.audit.inspectors[i];
  }
  text += "\n\n";
  text += JudgementText(j.judgement, /*explain=*/true);

  JsonWriter w;
  w.BeginObject();
  w.Key("synthetic").Bool(true).Key("notice").String(kBanner);
  w.Key("audit").Int(j.audit.id).Key("organisation").String(j.audit.org);
  w.Key("period").Int(j.audit.period).Key("framework").String(j.framework.id);
  w.Key("framework_version").String(j.framework.version);
  w.Key("as_of").String(j.as_of.ToIso()).Key("seed").String(run.example.seed);
  w.Key("sample_size").Int(static_cast<int64_t>(j.input.sample.size()));
  w.Key("judgement");
  WriteJudgementJson(j.judgement, &w);
  w.EndObject();

  const fs::path text_path = dir / "oordeel.txt", json_path = dir / "oordeel.json";
  if (Status s = WriteFile(text_path, text); !s.ok()) return s;
  if (Status s = WriteFile(json_path, w.str()); !s.ok()) return s;
  return std::vector<std::string>{text_path.string(), json_path.string()};
}

std::string DomainSummary(const Judgement& j) {
  std::string s;
  for (const NodeJudgement& d : j.domains) {
    s += (s.empty() ? "" : ", ") + d.id + " " + d.level.value_or("-");
  }
  return s;
}

std::string MarkerText(const std::string& dir) {
  return std::string(kBanner) +
         "\n\nThis directory was written by `vtaudit demo`. Every organisation, case, score\n"
         "and note in it is synthetic: no real person, family, case or organisation.\n"
         "Running `vtaudit demo --output " +
         dir + "` again replaces it.\n";
}

}  // namespace

int Demo(Context& ctx) {
  const auto start = std::chrono::steady_clock::now();
  const fs::path dir = ctx.Get("--output").value_or("vtaudit-demo");
  const std::string data = DataDir();
  const std::string audits_dir = data + "/samples/audits";

  Result<std::vector<ExampleAudit>> examples = ReadExampleAudits(audits_dir + "/audits.csv");
  if (!examples.ok()) return Fail(examples.status());
  if (examples->empty()) return Fail(audits_dir + "/audits.csv lists no audits");
  Result<ReportTemplates> templates = LoadReportTemplates(data + "/reports", "nl");
  if (!templates.ok()) return Fail(templates.status());
  Result<Calendar> calendar = Calendar::LoadFile(DefaultCalendarPath());
  if (!calendar.ok()) return Fail(calendar.status());
  Result<std::vector<Organisation>> orgs = ReadOrganisations(data + "/samples/organisations.csv");
  if (!orgs.ok()) return Fail(orgs.status());

  if (Status s = PrepareOutput(dir); !s.ok()) return Fail(s);
  if (Status s = WriteFile(dir / kMarker, MarkerText(dir.string())); !s.ok()) return Fail(s);
  const std::string db = (dir / "workspace.sqlite").string();
  Result<std::unique_ptr<Workspace>> opened = Workspace::Open(db);
  if (!opened.ok()) return Fail(opened.status());
  Workspace* ws = opened->get();

  std::printf("%s\n\n", kBanner);
  if (Status s = ImportOrganisations(ws, data + "/samples/organisations.csv"); !s.ok()) {
    return Fail(s);
  }
  std::printf("organisations: %zu from samples/organisations.csv\n", orgs->size());

  SyntheticOptions options;
  options.seed = kRegistrationSeed;
  const std::string extracts = (dir / "extracts").string();
  Result<SyntheticSummary> national = GenerateNational(*orgs, options, *calendar, extracts);
  if (!national.ok()) return Fail(national.status());
  long imported = 0;
  for (const Organisation& org : *orgs) {
    Result<ImportSummary> summary =
        ImportExtract(ws, org.code, extracts + "/" + SyntheticFileName(org.code));
    if (!summary.ok()) return Fail(summary.status());
    imported += summary->added;
  }
  std::printf("registration: %ld cases %d-%d (seed %llu, scale 1) in %zu extracts, imported\n",
              imported, options.first_year, options.last_year,
              static_cast<unsigned long long>(options.seed), orgs->size());

  const Date as_of = *Date::ParseIso(kAsOf);
  std::vector<AuditRun> runs;
  std::vector<std::string> written;
  for (const ExampleAudit& example : *examples) {
    Result<AuditRun> run = RunExampleAudit(ws, example, audits_dir, as_of);
    if (!run.ok()) return Fail(run.status());
    Result<JudgedAudit> judged = JudgeAudit(ws, run->id, *calendar, as_of);
    if (!judged.ok()) return Fail(judged.status());
    run->judged = std::move(*judged);
    const fs::path audit_dir = dir / "audits" / example.Name();
    Result<std::vector<std::string>> files = WriteJudgement(*run, audit_dir);
    if (!files.ok()) return Fail(files.status());
    written.insert(written.end(), files->begin(), files->end());
    Result<std::vector<std::string>> reports =
        WriteReports(ws, *run, *templates, *calendar, as_of, audit_dir);
    if (!reports.ok()) return Fail(reports.status());
    written.insert(written.end(), reports->begin(), reports->end());
    runs.push_back(std::move(*run));
  }

  const fs::path comparison_path = dir / "vergelijking.html";
  Result<std::string> statement =
      WriteComparison(ws, runs.front().judged.framework, *calendar, as_of, comparison_path);
  if (!statement.ok()) return Fail(statement.status());
  written.push_back(comparison_path.string());

  std::printf("\nexample audits (framework %s %s, as of %s):\n",
              runs.empty() ? "" : runs.front().judged.framework.id.c_str(),
              runs.empty() ? "" : runs.front().judged.framework.version.c_str(), kAsOf);
  std::printf("%-5s %-5s %-6s %-6s %-9s %-6s %-10s %s\n", "audit", "org", "year", "sample", "seed",
              "scores", "reconciled", "judgement per domain");
  for (const AuditRun& r : runs) {
    std::printf("%-5lld %-5s %-6d %-6zu %-9s %-6d %-10d %s\n", static_cast<long long>(r.id),
                r.example.org.c_str(), r.example.period, r.judged.input.sample.size(),
                r.example.seed.c_str(), r.scores, r.reconciled,
                DomainSummary(r.judged.judgement).c_str());
  }

  std::printf("\nnational comparison 2019-2025: %s\n", statement->c_str());

  std::printf("\nwrote %s:\n  %s\n  workspace.sqlite\n  extracts/ (%zu files)\n", dir.c_str(),
              kMarker, national->files.size());
  for (const std::string& f : written) {
    std::printf("  %s\n", fs::relative(f, dir).c_str());
  }
  std::printf(
      "\nopen it:\n"
      "  a browser on %s/audits/%s/rapport.html and %s/vergelijking.html\n"
      "  less %s/audits/%s/oordeel.txt\n"
      "  vtaudit --db %s judge --audit 1 --explain\n"
      "  vtaudit --db %s agreement --audit 1\n"
      "  vtaudit --db %s score show --audit 1 --all\n",
      dir.c_str(), runs.empty() ? "" : runs.front().example.Name().c_str(), dir.c_str(),
      dir.c_str(), runs.empty() ? "" : runs.front().example.Name().c_str(), db.c_str(), db.c_str(),
      db.c_str());
  if (ctx.Flag("--timing")) {
    std::fprintf(stderr, "demo took %.1f s\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return 0;
}

}  // namespace vtaudit::cli
