// The inspectors' scores of an audit and their trail. A case criterion is scored per
// sampled case as voldoet, voldoet_niet or nvt; an organisation criterion once, with a
// level of the framework's scale. Every change is an appended event (who, when, old,
// new, note) in score_event; the current score per inspector and the reconciled score
// are views over the events. Several inspectors may score the same case: Agreement gives
// per criterion the observed agreement and kappa (Cohen's for one fixed pair, Fleiss' for
// more), Reconcile records the agreed score. A final audit refuses every change
// (Conflict). Not thread-safe.
#ifndef VTAUDIT_SCORING_H_
#define VTAUDIT_SCORING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "judgement.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

// The results of a case criterion.
inline constexpr std::string_view kVoldoet = "voldoet";
inline constexpr std::string_view kVoldoetNiet = "voldoet_niet";
inline constexpr std::string_view kNvt = "nvt";

struct ScoreInput {
  int64_t audit = 0;
  std::string case_id;  // "" for an organisation criterion
  std::string criterion;
  std::string result;
  std::string note;       // free text; refused when it looks like a BSN (privacy.h)
  std::string inspector;  // who scores (for a reconcile: who records the agreement)
};

struct ScoreEvent {
  int64_t id = 0;
  std::string case_id;
  std::string criterion;
  std::string inspector;
  std::string kind;                       // "set" or "reconcile"
  std::optional<std::string> old_result;  // the inspector's (or reconciled) result before
  std::string new_result;
  std::string note;
  std::string at;  // ISO UTC
};

// A current score: the latest `set` per case, criterion and inspector, or the latest
// `reconcile` per case and criterion (reconciled = true).
struct CurrentScore {
  std::string case_id;
  std::string criterion;
  std::string inspector;
  std::string result;
  std::string note;
  std::string at;
  bool reconciled = false;
};

// Validates and appends one score. Invalid with a message that says what is wrong
// (unknown criterion, case not in the sample, result not allowed for the scope, criterion
// not applicable to the case, BSN in the note); Conflict for a final audit.
Status SetScore(Workspace* ws, const ScoreInput& input);
// Records the agreed score of a case criterion (or an organisation criterion) after a
// disagreement; validated like SetScore.
Status ReconcileScore(Workspace* ws, const ScoreInput& input);
// Imports a score sheet, CSV with header `case_id,criterion,result,note[,inspector]`
// (columns in any order; note and inspector optional; an empty inspector cell means
// `default_inspector`). All or nothing: one bad row rejects the file, every bad row is
// reported as "FILE:LINE: column X: reason", and the workspace is unchanged. Returns the
// number of scores recorded.
Result<int> ImportScoreSheet(Workspace* ws, int64_t audit, const std::string& path,
                             const std::string& default_inspector);

// The events of an audit in the order they happened, optionally for one case and/or
// criterion.
Result<std::vector<ScoreEvent>> ScoreHistory(Workspace* ws, int64_t audit,
                                             const std::optional<std::string>& case_id,
                                             const std::optional<std::string>& criterion);
// Current and reconciled scores, by case, criterion, then inspector (reconciled last).
Result<std::vector<CurrentScore>> CurrentScores(Workspace* ws, int64_t audit);

// The inspectors' results for one case (or the organisation) that differ: all of them.
struct Disagreement {
  std::string case_id;                                      // "" for an organisation criterion
  std::vector<std::pair<std::string, std::string>> scores;  // (inspector, result), by name
  std::optional<std::string> reconciled;                    // the agreed result, when recorded
};

// Cohen's kappa of two inspectors over the cases both scored.
struct PairAgreement {
  std::string inspector_a, inspector_b;  // a before b by name
  int cases = 0;
  double observed = 0;
  double expected = 0;
  std::optional<double> kappa;  // none when all their scores fall in one category
};

struct CriterionAgreement {
  std::string criterion;
  std::string scope;  // "case" or "organisation"
  // "cohen" when every multi-scored case was scored by the same two inspectors; "fleiss"
  // otherwise (three or more on a case, or different pairs on different cases), over all
  // scores of those cases, with unequal numbers of inspectors per case as stats.h describes.
  std::string method;
  int cases = 0;                               // cases (or the organisation) scored by >= 2
  int min_inspectors = 0, max_inspectors = 0;  // inspectors per such case
  std::vector<std::string> inspectors;         // everyone who scored them, by name
  double observed = 0;
  double expected = 0;
  std::optional<double> kappa;       // none when all scores fall in one category
  std::vector<PairAgreement> pairs;  // every pair of inspectors with a case in common
  std::vector<Disagreement> disagreements;
};

// Per hand-scored criterion (case and organisation criteria; an organisation criterion is
// one item, case id "") with at least one case scored by two or more inspectors, in
// framework order. Reconciled scores are the outcome of a disagreement, not a rating, and
// are left out of the figures.
Result<std::vector<CriterionAgreement>> Agreement(Workspace* ws, int64_t audit);

// The sampled cases and current scores of an audit, as Judge needs them (without the
// measured figures, which MeasureDeadlines in measure.h supplies).
Result<JudgementInput> LoadJudgementInput(Workspace* ws, int64_t audit);

}  // namespace vtaudit

#endif  // VTAUDIT_SCORING_H_
