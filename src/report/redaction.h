// Redaction: taking out of the record a note that should never have been written (a
// BSN, a client's name) while keeping that something was taken out, when, by whom and why.
// The score trail is append-only (scoring.h), so this is the one change it allows, in
// draft, concept and final audits alike: the note of the event named, and every copy of
// exactly that text in the trail of the same case criterion (the old note of the event
// after it, the note a `score set` without --note carried on), become
// "[verwijderd: REASON]". The redaction is recorded as an AuditEvent (kind
// "note_redacted", detail the event's uid, the reason, the inspector), and the events
// name it. The kept report files of the audit written since the earliest redacted score
// (report_version.h) may hold the note: they are withdrawn, their key, SHA-256 and time
// of writing kept, so the file the organisation received can still be recognised. The
// next `report` of a concept or final audit writes its latest version again, with the
// marker. All in one transaction (BEGIN IMMEDIATE), or nothing; what SQLite frees is
// zeroed, and the write-ahead log emptied after. It lives in the report
// layer because it touches both the trail and the kept reports. Not thread-safe (one
// Workspace a thread).
#ifndef VTAUDIT_REDACTION_H_
#define VTAUDIT_REDACTION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "report_version.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

struct RedactionRequest {
  int64_t audit = 0;
  std::string event;      // the score event: its id (as `score history` shows it) or its uid
  std::string reason;     // why; one line, no BSN; shown in place of the note
  std::string inspector;  // who redacts: one of the audit's inspectors
};

struct Redaction {
  int64_t record = 0;                         // the AuditEvent that records it
  int64_t event = 0;                          // the score event named
  std::string case_id, criterion, inspector;  // of that event
  std::string marker;                         // what its note reads now
  int copies = 0;                          // other note fields of the trail that held the same text
  std::vector<WithdrawnReport> withdrawn;  // kept report files withdrawn
  // Whether the old text is also gone from the file's free space and its write-ahead log;
  // false while another connection (vtaudit serve, a second command) still reads an older
  // state of the workspace: then the log keeps it until that connection closes.
  bool purged = false;
};

// The text that replaces a redacted note.
std::string RedactionMarker(std::string_view reason);

// Redacts the note of one score event as described above. Invalid for an empty reason or
// one with a control character, over 200 bytes or holding a BSN, for an inspector not on
// the audit and for an event without a note; NotFound for an event not of this audit;
// Conflict when the note was redacted before.
Result<Redaction> RedactNote(Workspace* ws, const RedactionRequest& request);
// Carries out here a redaction recorded on another laptop (an audit bundle,
// docs/bundles.md): `record` is its note_redacted AuditEvent, just added to this workspace.
// Replaces the text and withdraws the kept report files as RedactNote does; false, changing
// nothing, when the event it names is not in this workspace (it arrives redacted) or was
// redacted here already. REQUIRES: inside the caller's transaction, `record` the latest
// audit event.
Result<bool> ApplyRecordedRedaction(Workspace* ws, int64_t audit, int64_t record);

}  // namespace vtaudit

#endif  // VTAUDIT_REDACTION_H_
