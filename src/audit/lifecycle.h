// The life of an audit from working draft to signed report:
//   werkversie (draft) → concept → definitief (final), and concept → draft again,
// each move recorded with who, when and why (going back needs a reason).
//   - To concept: a sample is drawn, every criterion scored by hand is scored on every
//     sampled case it applies to (or, for an organisation criterion, once), without an
//     open disagreement, unless it is marked niet beoordeeld with a reason (MarkNotJudged).
//     At concept the audit is frozen into a snapshot (snapshot.h): from then on its figures
//     rest on that snapshot's cases, calendar and peildatum, in draft again too.
//   - To final: from a concept only, once the hoor-en-wederhoor round is recorded (at
//     least one response, every one decided; response.h) or explicitly skipped with a
//     reason. The final version is a snapshot of its own. Final is read-only.
// Each unmet condition is listed and nothing changes. Not thread-safe (one Workspace a
// thread); a move is one transaction.
#ifndef VTAUDIT_LIFECYCLE_H_
#define VTAUDIT_LIFECYCLE_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "audit.h"
#include "calendar.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

struct Transition {
  AuditStatus to = AuditStatus::kConcept;
  std::string reason;             // required to go back to draft, and to skip the responses
  std::string actor;              // who (may be empty)
  bool without_response = false;  // final without a hoor-en-wederhoor round
};

// A condition a move does not meet: the sentence as the command line prints it, and its
// problem code ("problem.gate.*"), which the web UI says in Dutch (Translator::Say).
struct UnmetGate {
  std::string message;
  ProblemCode problem;
};

// The conditions the move does not meet; empty when it may go ahead.
Result<std::vector<UnmetGate>> UnmetGates(Workspace* ws, int64_t id, const Transition& t,
                                          const Calendar& calendar);
// Makes the move: checks the gates (Invalid listing every unmet one), freezes a snapshot
// when going to concept or final, writes the state and records the move. `calendar_text`
// is the text `calendar` was parsed from, kept in the snapshot.
Status MoveAudit(Workspace* ws, int64_t id, const Transition& t, const Calendar& calendar,
                 const std::string& calendar_text);

// Marks a criterion niet beoordeeld (not judged) with a reason, or (`undo`) takes the mark
// back; recorded. A draft only (Conflict otherwise); Invalid for an unknown or measured
// criterion, or without a reason.
Status MarkNotJudged(Workspace* ws, int64_t id, const std::string& criterion,
                     const std::string& reason, const std::string& actor, bool undo);
// The criteria marked niet beoordeeld, with their reasons.
Result<std::map<std::string, std::string>> NotJudged(Workspace* ws, int64_t id);

}  // namespace vtaudit

#endif  // VTAUDIT_LIFECYCLE_H_
