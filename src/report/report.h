// The audit report (reports/README.md). A ReportModel holds every number the report
// shows, computed once from the judged audit, the timeliness of the organisation's whole
// extract, the sample, the scores, the inspectors' agreement and the previous audit of the
// same organisation; the writers (HTML, PDF, JSON, CSV) only format it, so the four formats
// carry the same numbers. Wording and the HTML skeleton are data (reports/, README.md
// there): ReportTemplates loads them from a directory the caller names, the library knows
// no paths of its own. Building a model reads the workspace (not thread-safe); writing one
// is pure and thread-safe.
#ifndef VTAUDIT_REPORT_H_
#define VTAUDIT_REPORT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar.h"
#include "escape.h"
#include "finding.h"
#include "framework.h"
#include "judge_audit.h"
#include "judgement.h"
#include "response.h"
#include "sample_draw.h"
#include "scoring.h"
#include "stats.h"
#include "status.h"
#include "timeliness.h"
#include "translator.h"
#include "workspace.h"

namespace vtaudit {

// One inspector's finding on a criterion, as recorded with the score.
struct ReportNote {
  std::string case_id;  // "" for organisation criteria
  std::string inspector;
  std::string result;
  std::string note;
};

// A criterion's compliance in the previous audit and the change since, with Newcombe's 95%
// interval for the difference of the two shares (NewcombeDifference).
struct ReportChange {
  int64_t previous_audit = 0;
  int previous_period = 0;
  std::optional<std::string> previous_level;
  long previous_met = 0, previous_not_met = 0;
  std::optional<double> previous_share;
  std::optional<double> change;  // share now − share then; none unless both have a share
  std::optional<Interval> change_ci95;
  bool exceeds_noise = false;  // the interval excludes 0
};

// A node of the findings: domain, standard or criterion, with its judgement.
struct ReportNode {
  std::string id;
  std::string kind;  // "domain", "standard", "criterion"
  std::string name;  // Dutch name (criteria: text)
  std::string gloss;
  std::optional<std::string> level;  // none: not assessed, or not applicable
  bool applicable = true;            // NodeJudgement::applicable
  bool incomplete = false;
  std::string explanation;
  // Criteria only.
  std::string scope;        // "case" or "organisation"
  std::string measured_by;  // deadline id
  double weight = 1;
  std::string cap;
  long met = 0, not_met = 0, not_applicable = 0, disputed = 0, unscored = 0;
  bool indicative = false;  // case criteria judged on fewer than min_cases counted cases
  int min_cases = kDefaultMinCases;
  std::optional<double> share;
  std::optional<Interval> ci95;  // Wilson, case criteria over the sample
  std::vector<std::string> disagreements;
  std::vector<ReportNote> notes;
  std::optional<ReportChange> change;
  std::vector<ReportNode> children;
};

// A sampled case with its scores, for the appendix.
struct ReportCase {
  std::string case_id;
  std::string stratum;
  std::vector<std::pair<std::string, std::string>> results;  // criterion → result counted
};

struct ReportModel {
  // Identity.
  std::string org_code, org_name, org_region;
  int64_t audit_id = 0;
  int period = 0;
  std::string status;  // draft, concept, final
  std::vector<std::string> inspectors;
  std::string framework_id, framework_version, framework_title, framework_gloss, framework_sha256,
      framework_source;
  Date as_of;
  std::string toolkit_version;
  // True when the data came from the synthetic generator: an extract of the organisation
  // whose file name ends in "-synthetisch.csv", or an organisation name containing
  // "synthetisch" (reports/README.md).
  bool synthetic = false;

  std::vector<Level> scale;
  int min_cases = kDefaultMinCases;  // the scale's default for case criteria
  Aggregation aggregation;
  std::vector<Deadline> deadlines;

  long population = 0;  // cases of the organisation received in the period
  std::optional<Sample> sample;
  std::vector<ReportNode> domains;
  TimelinessReport timeliness;  // whole extract, audit year, completed cohort
  std::vector<CriterionAgreement> agreement;
  std::vector<ReportCase> cases;

  std::optional<int64_t> previous_audit;  // the latest earlier audit of the organisation
  std::optional<int> previous_period;

  // The version the report is of: the audit's latest snapshot while it is concept or final;
  // 0 for a draft, whose report is a werkversie (report_version.h).
  int version = 0;
  // The snapshot's time (ISO UTC), the only time a frozen report shows; "" for a draft.
  std::string created_at;
  // The delivery the figures rest on: the snapshot's, else the latest import; "" for none.
  std::string delivery_file, delivery_sha256;
  std::map<std::string, std::string> not_judged;  // criterion → reason (NotJudged)
  std::vector<Response> responses;                // hoor en wederhoor, oldest first
  // The inspectors' findings that count, per criterion or standard (finding.h), in the
  // order of the framework.
  std::vector<Finding> findings;
  // The framework and the judgement the figures come from, for explanations in words
  // (explanation.h).
  Framework framework;
  Judgement judgement;
};

// Histogram bins of the report: durations in days up to this many, the last bin open-ended.
inline constexpr int kReportHistogramBins = 120;

// Loads and judges audit `id` (JudgeAudit) and the previous audit of the same organisation
// (the one with the latest earlier period, highest id on a tie) with the same calendar and
// as-of date, and computes the model. NotFound for an unknown audit.
Result<ReportModel> BuildReportModel(Workspace* ws, int64_t id, const Calendar& calendar,
                                     std::optional<Date> as_of = std::nullopt);

// Wording and templates of one language, read from a directory with report.html,
// report.css and text-LANG.properties (reports/README.md).
struct ReportTemplates {
  std::string lang;  // "nl" or "en"
  std::string html;  // the skeleton with {{placeholders}}
  std::string css;
  Translator words;  // text-LANG.properties: the wording, numbers and dates of `lang`

  // The wording for `key`, its {name} fields filled from `fields`; "[key]" when missing.
  std::string T(const std::string& key, const Translator::Args& fields = {}) const {
    return words.T(key, fields);
  }
};

// NotFound naming the file when one is missing; Invalid for an unknown language or a bad
// properties line ("FILE:LINE: …", ParseProperties).
Result<ReportTemplates> LoadReportTemplates(const std::string& dir, const std::string& lang);

// Every number of the report with the framework hash (reports/README.md, "JSON").
std::string ReportJson(const ReportModel& model);
// The findings table: one row per criterion (reports/README.md, "CSV").
std::string ReportCsv(const ReportModel& model);
// One self-contained HTML5 document: inline CSS and SVG charts, no script.
std::string ReportHtml(const ReportModel& model, const ReportTemplates& templates);
// A4 PDF drawn with cairo and pango, fonts embedded, page numbers; its creation date is
// the model's created_at, so that a frozen version's PDF holds no time of writing.
Result<std::string> ReportPdf(const ReportModel& model, const ReportTemplates& templates);

}  // namespace vtaudit

#endif  // VTAUDIT_REPORT_H_
