// An audit frozen at concept or final: a numbered version of its record. It keeps what the
// audit's figures rest on, so that a later delivery, calendar or framework file cannot move
// them: the organisation's cases as they were (copied once, at the audit's first snapshot,
// and shared by its later ones), the delivery they came from (import id and SHA-256), the
// peildatum, the calendar text, the framework hash, the inspectors, and the judgement and
// timeliness as JSON, for the record and for `report diff`. Snapshots are append-only.
// Functions take the workspace and are not thread-safe (one Workspace a thread).
#ifndef VTAUDIT_SNAPSHOT_H_
#define VTAUDIT_SNAPSHOT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "date.h"
#include "judgement.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

struct AuditSnapshot {
  int64_t id = 0;
  int64_t audit = 0;
  int version = 0;    // 1, 2, … per audit
  std::string state;  // "concept" or "final"
  Date as_of;
  int64_t cases = 0;  // the snapshot whose snapshot_case rows hold the audit's cases
  std::optional<int64_t> extract_id;
  std::string extract_sha256;  // "" when no delivery was imported
  std::string extract_file;    // its file name
  std::string framework_sha256;
  std::string calendar;    // the calendar file's text
  std::string inspectors;  // ", "-joined
  std::string judgement;   // judge --json
  std::string timeliness;  // timeliness --json over the whole extract
  std::string created_at;  // ISO UTC
  std::string created_by;
  std::string uid;  // stable across workspaces (bundles)
  // The cases came in a bundle: only the sampled ones are here, so the measured figures
  // are `measured`, kept with the snapshot, and nothing is counted over the whole delivery.
  bool partial = false;
  // Per deadline id: the measured figures as of `as_of` (kept from workspace version 9 on;
  // empty in older snapshots, whose cases are whole).
  std::map<std::string, MeasuredFigure> measured;
};

// The audit's snapshots, oldest first.
Result<std::vector<AuditSnapshot>> Snapshots(Workspace* ws, int64_t audit);
// The latest, or none while the audit was never frozen.
Result<std::optional<AuditSnapshot>> LatestSnapshot(Workspace* ws, int64_t audit);
// Appends `s` as the audit's next version (its id, uid, version and created_at are filled
// in; `cases` 0 copies the organisation's current cases into it) with its measured figures.
// REQUIRES: inside the transaction that moves the audit.
Result<AuditSnapshot> AppendSnapshot(Workspace* ws, const std::string& org, AuditSnapshot s);

// The organisation's latest delivery: import id, SHA-256 and file name; none when nothing
// was imported.
struct Delivery {
  int64_t id = 0;
  std::string sha256;
  std::string file_name;
  std::string imported_at;
};
Result<std::optional<Delivery>> LatestDelivery(Workspace* ws, const std::string& org);

}  // namespace vtaudit

#endif  // VTAUDIT_SNAPSHOT_H_
