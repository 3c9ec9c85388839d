// The inspectors' scores of an audit and their trail. A case criterion is scored per
// sampled case as voldoet, voldoet_niet or nvt; an organisation criterion once, with a
// level of the framework's scale. Every change is an appended event in score_event (who,
// when, old and new result, old and new note): `set`, `clear` (a score withdrawn) or
// `reconcile` (the agreed result where inspectors differ, with the scores it settles).
// The current score per inspector and the reconciled score are views over the events; a
// score changed after a reconciliation reopens the disagreement. Only the audit's
// inspectors may score (audit.h). Each write is one transaction that checks and appends
// together, so a concurrent writer (the web UI, a second command) cannot interleave. A
// final audit refuses every change (Conflict); the one change the trail allows to a written
// event, in any state, is an audited redaction of its note (report/redaction.h). Several
// inspectors may score a case:
// Agreement gives per criterion the observed agreement and kappa (Cohen's for one fixed
// pair, Fleiss' for more). Not thread-safe (one Workspace a thread).
#ifndef VTAUDIT_SCORING_H_
#define VTAUDIT_SCORING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit.h"
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
  // An id or an inspector's word for it ("Voldoet niet", "n.v.t.", a level's Dutch
  // name), case-insensitive; stored as the id. Ignored by ClearScore.
  std::string result;
  // Free text, refused when it looks like a BSN (privacy.h). None: a set keeps the
  // inspector's earlier note; for a reconcile or clear it is the reason.
  std::optional<std::string> note;
  std::string inspector;  // who scores (for a reconcile: who records the agreement)
  // The id of the inspector's latest set or clear of this case criterion that the
  // input was based on (0: none), e.g. the one a web form showed. When given and no
  // longer the latest, the write is refused as stale (Conflict) and nothing is written.
  std::optional<int64_t> base = std::nullopt;
  // The accepted response of the organisation (response.h) that this change follows from;
  // kept in the trail with the event.
  std::optional<int64_t> response = std::nullopt;
};

struct ScoreEvent {
  int64_t id = 0;
  std::string uid;  // stable across workspaces
  std::string case_id;
  std::string criterion;
  std::string inspector;
  std::string kind;                       // "set", "clear" or "reconcile"
  std::optional<std::string> old_result;  // the inspector's (or reconciled) result before
  std::optional<std::string> new_result;  // none for a clear
  std::optional<std::string> old_note;    // the note before, when there was a score
  std::string note;
  std::string at;  // ISO UTC
  // A reconcile: the inspectors' results it settled, "inspector: result" by name.
  std::vector<std::string> basis;
  std::optional<int64_t> response = std::nullopt;  // the response it follows from
  // When its note was redacted (report/redaction.h): the note reads "[verwijderd: REASON]"
  // and this says when and by whom (the AuditEvent that records it).
  struct Redacted {
    int64_t record = 0;
    std::string at, by, reason;
  };
  std::optional<Redacted> redacted = std::nullopt;
};

// A current score: the latest `set` per case, criterion and inspector (unless cleared
// since), or the `reconcile` per case and criterion that no score superseded, later in time
// or not settled by it (reconciled = true; the rule: docs/bundles.md).
struct CurrentScore {
  std::string case_id;
  std::string criterion;
  std::string inspector;
  std::string result;
  std::string note;
  std::string at;
  bool reconciled = false;
  int64_t event = 0;  // the score_event behind it
};

// Validates and appends one score. Invalid with a message that says what is wrong
// (unknown criterion, case not in the sample, result not allowed for the scope, criterion
// not applicable to the case, BSN in the note, inspector not on the audit); Conflict for
// a final audit or a stale base.
Status SetScore(Workspace* ws, const ScoreInput& input);
// The scores of one form: every input checked, then all appended in one transaction, or
// none. Inputs whose result and note equal the current score are skipped. Returns how
// many were written.
Result<int> SetScores(Workspace* ws, const std::vector<ScoreInput>& inputs);
// Withdraws the inspector's current score (NotFound when there is none).
Status ClearScore(Workspace* ws, const ScoreInput& input);
// Records the agreed score of a case criterion (or an organisation criterion) where the
// inspectors' current scores differ; Invalid when they do not (nothing to reconcile) or
// without a reason (the note). Keeps the results it settles.
Status ReconcileScore(Workspace* ws, const ScoreInput& input);
// Imports a score sheet, CSV or XLSX with header `case_id,criterion,result,note[,inspector]`
// (columns in any order and case, names trimmed; note and inspector optional; an empty
// inspector cell means `default_inspector`, and is a bad row without one). Cells other than
// the note are trimmed. A row with neither result nor note (a score template's row not
// filled in) is left out. All or nothing: one bad row rejects the file, every bad row is
// reported as "FILE:LINE: column X: reason", a sheet without score rows is refused, and
// the workspace is unchanged. Returns the number of scores recorded.
Result<int> ImportScoreSheet(Workspace* ws, int64_t audit, const std::string& path,
                             const std::optional<std::string>& default_inspector);

// The id of a case result or of a level of `scale` for an inspector's word: ids and
// Dutch labels, case-insensitive, with spaces, underscores and dots alike ("Voldoet
// niet", "n.v.t.", "voldoet grotendeels"). None when nothing matches.
std::optional<std::string> NormaliseResult(const Framework& framework, Scope scope,
                                           std::string_view text);

// Who may see what while scoring is blind: an inspector sees the other inspectors'
// scores (and events) of a case criterion only once they have scored it themselves.
// Reconciled scores are seen by all. With no viewer, everything is visible.
struct Viewer {
  std::optional<std::string> inspector;  // none: the reconciliation view (--all)
};

// The events of an audit in the order they happened, optionally for one case and/or
// criterion, as `viewer` may see them; `hidden` (when given) counts those left out.
Result<std::vector<ScoreEvent>> ScoreHistory(Workspace* ws, int64_t audit,
                                             const std::optional<std::string>& case_id,
                                             const std::optional<std::string>& criterion,
                                             const Viewer& viewer = {}, int* hidden = nullptr);
// Current and reconciled scores, by case, criterion, then inspector (reconciled last), as
// `viewer` may see them; `hidden` (when given) counts those left out.
Result<std::vector<CurrentScore>> CurrentScores(Workspace* ws, int64_t audit,
                                                const Viewer& viewer = {}, int* hidden = nullptr);

// The inspectors' results for one case (or the organisation) that differ: all of them.
struct Disagreement {
  std::string case_id;                                      // "" for an organisation criterion
  std::vector<std::pair<std::string, std::string>> scores;  // (inspector, result), by name
  std::optional<std::string> reconciled;                    // the agreed result, when recorded
  // A reconciliation was recorded but a score changed after it: it no longer counts, and
  // the disagreement is open again.
  bool reopened = false;
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

// The audit's peildatum: the stored one, or for audits made before it was stored the
// default rule (DefaultAsOf in timeliness.h) with the statutory calendar, capped at the day
// the audit was made.
Date EffectiveAsOf(const Audit& audit, const Framework& framework);

// The current scores as Judge takes them.
Result<std::vector<ScoreEntry>> ScoreEntries(Workspace* ws, int64_t audit);

// The sampled cases (from the workspace, as they are now) and current scores of an audit.
// Judging goes through JudgeAudit (judge_audit.h), which reads the cases from the audit's source
// as they stood at its peildatum.
Result<JudgementInput> LoadJudgementInput(Workspace* ws, int64_t audit);

}  // namespace vtaudit

#endif  // VTAUDIT_SCORING_H_
