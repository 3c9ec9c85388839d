#include "case_store.h"

#include <algorithm>
#include <sstream>

namespace vtaudit {
namespace {

constexpr const char* kColumns =
    "case_id, kind, violence, received, triaged, safety_assessed, outcome, "
    "investigation_decided, investigation_started, investigation_completed, rvdk, disclosure";

std::vector<std::string> SplitViolence(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, '|')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

std::optional<EventTime> EventColumn(const Statement& q, int column) {
  if (q.IsNull(column)) return std::nullopt;
  return EventTime::ParseIso(q.Text(column));
}

CaseRecord ReadRow(const Statement& q) {
  CaseRecord c;
  c.case_id = q.Text(0);
  c.kind = q.Text(1) == "advies" ? CaseKind::kAdvies : CaseKind::kMelding;
  c.violence = SplitViolence(q.Text(2));
  c.event(Event::kReceived) = EventColumn(q, 3);
  c.event(Event::kTriaged) = EventColumn(q, 4);
  c.event(Event::kSafetyAssessed) = EventColumn(q, 5);
  c.outcome = q.Text(6);
  c.event(Event::kInvestigationDecided) = EventColumn(q, 7);
  c.event(Event::kInvestigationStarted) = EventColumn(q, 8);
  c.event(Event::kInvestigationCompleted) = EventColumn(q, 9);
  c.rvdk = q.Int(10) != 0;
  c.disclosure = q.Int(11) != 0;
  return c;
}

}  // namespace

std::string JoinViolence(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out += '|';
    out += s;
  }
  return out;
}

Status ForEachCase(Workspace* ws, const std::string& org, const CaseFilter& filter,
                   const std::function<void(const CaseRecord&)>& fn) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM case_file WHERE org = ?1";
  if (filter.received_from) sql += " AND received >= ?2";
  // An ISO date-time sorts after its date, so compare with the next day.
  if (filter.received_to) sql += " AND received < ?3";
  sql += " ORDER BY case_id";
  Result<Statement> q = ws->db().Prepare(sql);
  if (!q.ok()) return q.status();
  q->Bind(1, org);
  if (filter.received_from) q->Bind(2, filter.received_from->ToIso());
  if (filter.received_to) q->Bind(3, filter.received_to->AddDays(1).ToIso());
  std::vector<std::string> wanted = filter.case_ids;
  std::sort(wanted.begin(), wanted.end());
  while (q->Step()) {
    if (!wanted.empty() && !std::binary_search(wanted.begin(), wanted.end(), q->Text(0))) continue;
    fn(ReadRow(*q));
  }
  return q->status();
}

Result<std::vector<CaseRecord>> LoadCases(Workspace* ws, const std::string& org,
                                          const CaseFilter& filter) {
  std::vector<CaseRecord> out;
  Status s = ForEachCase(ws, org, filter, [&](const CaseRecord& c) { out.push_back(c); });
  if (!s.ok()) return s;
  return out;
}

Result<std::optional<CaseRecord>> FindCase(Workspace* ws, const std::string& org,
                                           const std::string& case_id) {
  Result<Statement> q = ws->db().Prepare(std::string("SELECT ") + kColumns +
                                         " FROM case_file WHERE org = ? AND case_id = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, org).Bind(2, case_id);
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return std::optional<CaseRecord>();
  }
  return std::optional<CaseRecord>(ReadRow(*q));
}

Result<long> CountCases(Workspace* ws, const std::string& org) {
  Result<Statement> q = ws->db().Prepare("SELECT count(*) FROM case_file WHERE org = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, org);
  q->Step();
  return static_cast<long>(q->Int(0));
}

}  // namespace vtaudit
