#include "score_template.h"

#include <xlsxwriter.h>

#include "audit.h"
#include "case_store.h"
#include "csv_writer.h"
#include "sample_draw.h"
#include "scoring.h"
#include "snapshot.h"
#include "xlsx_workbook.h"

namespace vtaudit {
namespace {

// Hand-scored criteria of `scope`, in framework order.
std::vector<const Criterion*> HandScored(const Framework& f, Scope scope) {
  std::vector<const Criterion*> out;
  for (const Criterion* c : f.Criteria()) {
    if (c->scope == scope && c->measured_by.empty()) out.push_back(c);
  }
  return out;
}

}  // namespace

Result<ScoreTemplate> BuildScoreTemplate(Workspace* ws, int64_t audit_id) {
  Result<Audit> audit = FindAudit(ws, audit_id);
  if (!audit.ok()) return audit.status();
  if (Result<Sample> s = CurrentSample(ws, audit_id); !s.ok()) return s.status();
  Result<Framework> framework = ws->LoadFramework(audit->framework_sha256);
  if (!framework.ok()) return framework.status();
  // The cases as the score checker (scoring.cc) sees them.
  Result<std::optional<AuditSnapshot>> snapshot = LatestSnapshot(ws, audit_id);
  if (!snapshot.ok()) return snapshot.status();
  const CaseSet set{audit->org, *snapshot ? (*snapshot)->cases : 0};
  Result<std::vector<CaseRecord>> cases =
      LoadSampledCases(ws, audit_id, set, EffectiveAsOf(*audit, *framework));
  if (!cases.ok()) return cases.status();
  ScoreTemplate t;
  t.audit = audit_id;
  t.framework = std::move(*framework);
  const std::vector<const Criterion*> per_case = HandScored(t.framework, Scope::kCase);
  for (const CaseRecord& c : *cases) {
    for (const Criterion* k : per_case) {
      if (k->applies_when.Matches(c)) t.rows.push_back({c.case_id, k->id});
    }
  }
  for (const Criterion* k : HandScored(t.framework, Scope::kOrganisation)) {
    t.rows.push_back({"", k->id});
  }
  return t;
}

std::string ScoreTemplateCsv(const ScoreTemplate& t) {
  std::string out = "case_id,criterion,result,note,inspector\n";
  for (const ScoreTemplateRow& r : t.rows) {
    out += CsvText(r.case_id) + "," + CsvText(r.criterion) + ",,,\n";
  }
  return out;
}

Status WriteScoreTemplateXlsx(const ScoreTemplate& t, const std::string& path) {
  Result<XlsxWorkbook> workbook = XlsxWorkbook::Open(path);
  if (!workbook.ok()) return workbook.status();
  lxw_workbook* book = workbook->book();
  lxw_format* bold = workbook->bold();
  lxw_format* wrap = workbook->wrap();

  lxw_worksheet* sheet = workbook_add_worksheet(book, "Scores");
  const char* header[] = {"case_id", "criterion", "result", "note", "inspector"};
  const double widths[] = {14, 11, 20, 70, 16};
  for (lxw_col_t c = 0; c < 5; ++c) {
    worksheet_write_string(sheet, 0, c, header[c], bold);
    worksheet_set_column(sheet, c, c, widths[c], c == 3 ? wrap : nullptr);
  }
  lxw_row_t row = 1;
  for (const ScoreTemplateRow& r : t.rows) {
    if (!r.case_id.empty()) worksheet_write_string(sheet, row, 0, r.case_id.c_str(), nullptr);
    worksheet_write_string(sheet, row, 1, r.criterion.c_str(), nullptr);
    ++row;
  }
  worksheet_freeze_panes(sheet, 1, 0);

  // The explanation: the columns, the results allowed, then the criteria.
  lxw_worksheet* help = workbook_add_worksheet(book, "Uitleg");
  worksheet_set_column(help, 0, 0, 22, wrap);
  worksheet_set_column(help, 1, 1, 90, wrap);
  std::vector<std::pair<std::string, std::string>> lines = {
      {"column", "what to fill in"},
      {"case_id", "the sampled case; empty for an organisation criterion (leave as written)"},
      {"criterion", "the criterion of the framework (leave as written)"},
      {"result",
       "the score: for a case criterion voldoet, voldoet niet or nvt; for an organisation "
       "criterion a level of the scale (below). A row left without result and note is not "
       "imported."},
      {"note", "the finding, free text without names or BSNs"},
      {"inspector", "who scored; empty: the --inspector of `vtaudit score import`"},
      {"", ""},
      {"case results", "voldoet, voldoet niet, nvt (n.v.t.)"},
  };
  std::string levels;
  for (const Level& l : t.framework.scale.levels) levels += (levels.empty() ? "" : ", ") + l.name;
  lines.push_back({"organisation results", levels});
  lines.push_back({"", ""});
  lines.push_back({"criterion", "text (" + t.framework.id + " " + t.framework.version + ")"});
  for (const Criterion* c : t.framework.Criteria()) {
    if (!c->measured_by.empty()) continue;
    lines.push_back(
        {c->id, std::string(c->scope == Scope::kCase ? "per case: " : "organisation: ") + c->text});
  }
  row = 0;
  for (const auto& [a, b] : lines) {
    worksheet_write_string(help, row, 0, a.c_str(), bold);
    worksheet_write_string(help, row, 1, b.c_str(), row == 0 ? bold : nullptr);
    ++row;
  }
  return workbook->Close();
}

}  // namespace vtaudit
