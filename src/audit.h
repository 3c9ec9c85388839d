// An audit: one organisation, one period (a calendar year), one framework version (kept
// by content hash) and its inspectors, moving draft → concept → final. A final audit is
// closed: its sample and scores can no longer change. Functions take the workspace and
// are not thread-safe (one Workspace per thread).
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

  Date period_start() const;  // 1 January
  Date period_end() const;    // 31 December (inclusive)
};

struct NewAudit {
  std::string org;
  int period = 0;
  std::string framework_path;           // read, validated and stored by its SHA-256
  std::vector<std::string> inspectors;  // who may score; may be empty (add them later)
};

// Creates an audit in status draft. NotFound for an unknown organisation; Invalid for a
// framework file that does not load or a period outside 1900..9999.
Result<Audit> CreateAudit(Workspace* ws, const NewAudit& request);
// All audits, by id.
Result<std::vector<Audit>> ListAudits(Workspace* ws);
// NotFound naming the id when there is none.
Result<Audit> FindAudit(Workspace* ws, int64_t id);
// Moves an audit between draft and concept, or on to final. A final audit stays final
// (Conflict).
Status SetAuditStatus(Workspace* ws, int64_t id, AuditStatus status);
// Something that happened to the audit itself, kept in the audit's trail: an inspector
// added or removed (later: a change of state).
struct AuditEvent {
  int64_t id = 0;
  std::string kind;    // "inspector_added", "inspector_removed"
  std::string detail;  // the inspector's name
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
