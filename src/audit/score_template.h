// The score sheet of an audit ready to fill in (docs/score-sheet.md): one row per sampled
// case and hand-scored case criterion that applies to it (its applies-when, on the case as
// the score checker sees it: at the audit's peildatum, from its snapshot once frozen), then
// one row per hand-scored organisation criterion with an empty case_id; result, note and
// inspector left empty. `score import` takes the filled sheet back and leaves out the rows
// still empty. As CSV, or as XLSX with a second sheet "Uitleg" that explains the columns,
// lists the allowed results and the criteria.
#ifndef VTAUDIT_SCORE_TEMPLATE_H_
#define VTAUDIT_SCORE_TEMPLATE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "framework.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

struct ScoreTemplateRow {
  std::string case_id;  // "" for an organisation criterion
  std::string criterion;
};

struct ScoreTemplate {
  int64_t audit = 0;
  Framework framework;
  std::vector<ScoreTemplateRow> rows;  // by case_id, then framework order; organisation last
};

// The template of `audit`'s current sample. NotFound when the audit or its sample is missing.
Result<ScoreTemplate> BuildScoreTemplate(Workspace* ws, int64_t audit);
// The sheet as CSV: header `case_id,criterion,result,note,inspector`, then the rows.
std::string ScoreTemplateCsv(const ScoreTemplate& t);
// Writes the sheet "Scores" and the sheet "Uitleg" to `path` as XLSX.
Status WriteScoreTemplateXlsx(const ScoreTemplate& t, const std::string& path);

}  // namespace vtaudit

#endif  // VTAUDIT_SCORE_TEMPLATE_H_
