// The inspectors' written findings (bevindingen): per criterion, or per standard, one text
// saying what they found, with the evidence it rests on (case numbers, documents,
// interviews). The report's findings chapter prints them. Every write is an appended
// row, like the score trail: the latest per criterion or standard by time counts (the same
// on every laptop bundles merged them into; ties within a second in the order written
// here), the earlier ones stay as its history. Findings change like scores do: only the
// audit's inspectors write them, only while the audit is a draft (a concept is frozen: set
// it back to draft; a final audit is read-only). Not thread-safe; a write is one transaction.
#ifndef VTAUDIT_FINDING_H_
#define VTAUDIT_FINDING_H_

#include <cstdint>
#include <string>
#include <vector>

#include "status.h"
#include "workspace.h"

namespace vtaudit {

struct FindingInput {
  int64_t audit = 0;
  std::string subject;    // a criterion id or a standard id of the audit's framework
  std::string text;       // the finding; refused when empty or holding a BSN
  std::string evidence;   // what it rests on; may be empty; refused when holding a BSN
  std::string inspector;  // one of the audit's inspectors
};

struct Finding {
  int64_t id = 0;
  std::string uid;      // stable across workspaces
  std::string subject;  // criterion or standard id
  std::string kind;     // "criterion" or "standard"
  std::string text;
  std::string evidence;
  std::string inspector;
  std::string at;  // ISO UTC
};

// Appends a finding. NotFound for an unknown audit; Conflict for a concept or final audit;
// Invalid, naming every problem, for an unknown subject, an empty text, a BSN, or an
// inspector not on the audit.
Result<Finding> SetFinding(Workspace* ws, const FindingInput& in);
// The finding that counts per subject (the latest), in the order of the framework:
// standards before their criteria.
Result<std::vector<Finding>> CurrentFindings(Workspace* ws, int64_t audit);
// Every finding written on the audit, oldest first (by time, ties as written here).
Result<std::vector<Finding>> FindingHistory(Workspace* ws, int64_t audit);

}  // namespace vtaudit

#endif  // VTAUDIT_FINDING_H_
