// An audit: one organisation, one period (a calendar year), one framework version (kept
// by content hash), its inspectors and its peildatum (as_of: the day open cases are judged
// on, and after which events count as not yet happened), moving draft → concept → final
// (lifecycle.h). A concept or final audit is frozen: its sample and scores can no longer
// change. Functions take the workspace and are not thread-safe (one Workspace a thread).
#ifndef VTAUDIT_AUDIT_H_
#define VTAUDIT_AUDIT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

enum class AuditStatus { kDraft, kConcept, kFinal };
std::string_view AuditStatusName(AuditStatus s);  // "draft", "concept", "final"
std::optional<AuditStatus> AuditStatusFromName(std::string_view name);
// The Dutch label: "werkversie", "concept", "definitief".
std::string_view AuditStatusLabel(AuditStatus s);

struct Audit {
  int64_t id = 0;
  std::string org;
  int period = 0;                // the calendar year audited
  std::string framework_sha256;  // the framework as stored in the workspace
  std::string framework_id;      // "igj-vt-2025"
  std::string framework_version;
  AuditStatus status = AuditStatus::kDraft;
  std::string created_at;               // ISO UTC
  std::vector<std::string> inspectors;  // sorted
  // The peildatum when one was given; none: the default rule (EffectiveAsOf, judge_audit.h).
  std::optional<Date> as_of;

  Date period_start() const;  // 1 January
  Date period_end() const;    // 31 December (inclusive)
};

struct NewAudit {
  std::string org;
  int period = 0;
  std::string framework_path;           // read, validated and stored by its SHA-256
  std::vector<std::string> inspectors;  // who may score; may be empty (add them later)
  std::optional<Date> as_of = {};       // none: the default rule (EffectiveAsOf, judge_audit.h)
  bool force = false;                   // allow a second audit of the organisation and period
  std::optional<Date> today = {};       // default: Date::Today()
};

// Creates an audit in status draft. NotFound for an unknown organisation; Invalid for a
// framework file that does not load, a period outside 1900..9999 or one that has not
// started, or a peildatum before the period starts; Conflict for a second audit of the
// organisation and period without `force`.
Result<Audit> CreateAudit(Workspace* ws, const NewAudit& request);
// What a caller of FindDraftAudit means to do, for its refusal: the English phrase ("draw its
// sample") and the problem key of the same phrase (problems.h), said in the front end's
// language.
struct DraftChange {
  std::string_view what;
  std::string_view key;
};
// The audit, when it is a draft; else Conflict: "audit N is concept: set it back to draft
// to `change.what`".
Result<Audit> FindDraftAudit(Workspace* ws, int64_t id, const DraftChange& change);
// Invalid "unknown criterion 'ID' in framework F VERSION", coded problem.unknown_criterion.
Status UnknownCriterion(const std::string& criterion, const Framework& framework);
// Changes the peildatum of a draft (Conflict otherwise), recorded as an AuditEvent.
Status SetAuditAsOf(Workspace* ws, int64_t id, Date as_of, const std::string& actor);
// All audits, by id.
Result<std::vector<Audit>> ListAudits(Workspace* ws);
// NotFound naming the id when there is none.
Result<Audit> FindAudit(Workspace* ws, int64_t id);
// Writes the audit's state. A final audit stays final (Conflict). The gates, the snapshot
// and the record of who, when and why are MoveAudit's (lifecycle.h); this is the last
// step of it, and the tests' shortcut. REQUIRES (lifecycle): inside its transaction.
Status SetAuditStatus(Workspace* ws, int64_t id, AuditStatus status);
// Appends an AuditEvent. REQUIRES: inside a transaction of the caller's.
Status RecordAuditEvent(Workspace* ws, int64_t audit, std::string_view kind,
                        const std::string& detail, const std::string& reason,
                        const std::string& actor);
// Something that happened to the audit itself, kept in the audit's trail: an inspector
// added or removed (later: a change of state).
struct AuditEvent {
  int64_t id = 0;
  // "inspector_added", "inspector_removed" (detail: the name), "as_of" (detail: "old →
  // new"), "status" (detail: "draft → concept"), "criterion_not_judged" (detail: the id),
  // "note_redacted" (detail: the uid of the score event; report/redaction.h).
  std::string kind;
  std::string detail;
  std::string reason;
  std::string actor;  // who did it, when known
  std::string at;     // ISO UTC
};

// Adds and removes inspectors of an audit in one transaction, each recorded as an
// AuditEvent by `actor` (may be empty). Only the audit's inspectors may score; removing
// one keeps their scores on record. Invalid for a name that is empty, not printable, over
// 64 bytes or holding a BSN, for adding one who is on the audit already or removing one
// who is not; Conflict for a final audit.
Status ChangeInspectors(Workspace* ws, int64_t id, const std::vector<std::string>& add,
                        const std::vector<std::string>& remove, const std::string& actor);
// The audit's own trail, oldest first.
Result<std::vector<AuditEvent>> AuditEvents(Workspace* ws, int64_t id);

}  // namespace vtaudit

#endif  // VTAUDIT_AUDIT_H_
