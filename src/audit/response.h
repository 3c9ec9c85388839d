// Hoor en wederhoor: what the organisation answered on a concept report, per criterion or
// in general, and what the inspectors did with each answer (accepted or rejected, with the
// reason). Responses are recorded while the audit is a concept (or back in draft to act on
// them) and refused once it is final. An accepted response may change a score while the
// audit is in draft: the score event names it (ScoreInput::response). Append-only; the
// latest decision on a response counts. Not thread-safe (one Workspace a thread).
#ifndef VTAUDIT_RESPONSE_H_
#define VTAUDIT_RESPONSE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "date.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

struct NewResponse {
  int64_t audit = 0;
  std::string criterion;  // "" for a response to the report as a whole
  std::string text;       // refused when it holds a BSN
  std::string source;     // e.g. "brief van de bestuurder"
  Date received;          // when the organisation's answer came in
  std::string actor;      // who records it
};

struct Response {
  int64_t id = 0;  // numbered per workspace; `response decide --response N`
  int64_t audit = 0;
  std::string criterion;
  std::string text;
  std::string source;
  std::string received;  // ISO date
  int version = 0;       // the concept version it answers
  std::string recorded_by;
  std::string at;
  // The latest decision, when there is one.
  std::optional<std::string> decision;  // "accepted" or "rejected"
  std::string reason;
  std::string decided_by;
  std::string decided_at;
};

// Records a response. Conflict unless the audit has a concept to respond to and is not
// final; Invalid for an unknown criterion, an empty text or a BSN.
Result<Response> AddResponse(Workspace* ws, const NewResponse& r);
// Records the inspectors' decision, "accepted" or "rejected", with its reason.
Status DecideResponse(Workspace* ws, int64_t audit, int64_t response, const std::string& decision,
                      const std::string& reason, const std::string& actor);
// The audit's responses, oldest first.
Result<std::vector<Response>> Responses(Workspace* ws, int64_t audit);

}  // namespace vtaudit

#endif  // VTAUDIT_RESPONSE_H_
