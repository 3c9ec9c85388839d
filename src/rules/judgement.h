// The judgement of an audit, computed from the framework, the sampled cases, the scores
// and the measured timeliness figures, with an explanation per node that names the
// numbers and the rule (checklists/README.md, "Judgement rules"). Pure: no workspace, no
// clock; the same inputs give the same judgement on any machine. Thread-safe.
//
// Which score counts for a (case, criterion): the reconciled score when there is one;
// else the inspectors' score when all who scored agree; else the case is disputed: counted
// as such, left out of the share and listed in the explanation — never averaged silently.
#ifndef VTAUDIT_JUDGEMENT_H_
#define VTAUDIT_JUDGEMENT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "case_record.h"
#include "framework.h"
#include "json_writer.h"

namespace vtaudit {

// The timeliness of one deadline over the whole extract for the audit's period.
struct MeasuredFigure {
  long on_time = 0;
  long counted = 0;  // on_time + late
  double norm = 1;
  std::optional<double> share;  // on_time / counted; none when nothing counted
};

// One score as stored: an inspector's current one, or the reconciled one.
struct ScoreEntry {
  std::string case_id;  // "" for organisation criteria
  std::string criterion;
  std::string inspector;
  std::string result;  // voldoet | voldoet_niet | nvt, or a level id (organisation)
  bool reconciled = false;
};

struct JudgementInput {
  std::vector<CaseRecord> sample;                  // the sampled cases
  std::vector<ScoreEntry> scores;                  // any order
  std::map<std::string, MeasuredFigure> measured;  // deadline id → figure
  // Criteria the inspectors marked niet beoordeeld (`score skip`), id → reason: judged
  // without a level whatever their scores, and left out above them.
  std::map<std::string, std::string> not_judged;
};

struct NodeJudgement {
  std::string id;
  std::string kind;                  // "domain", "standard", "criterion"
  std::optional<std::string> level;  // none: niet beoordeeld, or niet van toepassing
  // False when there is nothing to judge: a case criterion that applies to none of the
  // sampled cases, a measured criterion whose deadline counted no case, a standard or
  // domain all of whose children are so. Such a node has no level, is not incomplete, and
  // is left out of the aggregation above it (checklists/README.md, "Judgement rules").
  bool applicable = true;
  bool incomplete = false;  // a criterion below (or this one) lacks scores
  // Case criteria only: judged on fewer counted cases (met + not_met) than the criterion's
  // min-cases. Standards and domains are never marked; their explanations name these.
  bool indicative = false;
  std::string explanation;
  // Criteria only. Case criteria count sampled cases, and met + not_met + not_applicable +
  // disputed + unscored = the sample size; an organisation criterion counts itself once (1
  // in exactly one of met, not_met, disputed, unscored); a measured criterion counts the
  // extract's cases on time (met) and late (not_met).
  long met = 0, not_met = 0, not_applicable = 0;
  long disputed = 0;                       // inspectors disagree, no reconciled score
  long unscored = 0;                       // applicable, without any score
  std::optional<double> share;             // compliance
  std::vector<std::string> disagreements;  // the disputed cases, with every inspector's score
  // Standards and domains judged by weighted mean: the mean of their judged parts' scores
  // and the min-score of the band it reached; none otherwise. For explanations in words.
  std::optional<double> mean, band_min;
  // The criterion whose cap lowered the level, "" when none did.
  std::string capped_by;
  std::vector<NodeJudgement> children;
};

struct Judgement {
  std::vector<NodeJudgement> domains;
};

Judgement Judge(const Framework& framework, const JudgementInput& input);

// {"domains": [{"id", "judgement", "applicable", "incomplete", "explanation", "standards": […
// "criteria": [{"id", "judgement", "applicable", "met", "not_met", "not_applicable",
// "disputed", "unscored", "n", "indicative", "share", "disagreements", …}]]}]}, n being
// met + not_met, the cases the share is computed over.
void WriteJudgementJson(const Judgement& j, JsonWriter* w);
// The tree as indented text, one node a line ("V2  voldoet_deels  (met 3, …)"; a criterion
// shows all five counts, and "indicatief (n = 3)" after its level when so), with
// each node's explanation on a "why:" line below it when `explain`. Control characters
// in ids and explanations are shown escaped (\n, \xNN).
std::string JudgementText(const Judgement& judgement, bool explain);

// A share or score for explanations: at most 3 decimals, trailing zeros dropped ("0.8").
std::string FormatFigure(double value);

}  // namespace vtaudit

#endif  // VTAUDIT_JUDGEMENT_H_
