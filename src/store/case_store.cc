#include "case_store.h"

#include <algorithm>

namespace vtaudit {
namespace {

// An event column reads kNoEvent for NULL: one call per column instead of two. No date of
// years 1 to 9999 encodes to it.
constexpr int64_t kNoEvent = -9223372036854775807;
constexpr const char* kColumns =
    "case_id, advies, violence, received, ifnull(triaged, -9223372036854775807),"
    " ifnull(safety_assessed, -9223372036854775807), outcome,"
    " ifnull(investigation_decided, -9223372036854775807),"
    " ifnull(investigation_started, -9223372036854775807),"
    " ifnull(investigation_completed, -9223372036854775807), rvdk, disclosure,"
    " ifnull(missing_since, 0)";

// Splits "a|b" into `out`, reusing its strings' buffers.
void SplitViolence(std::string_view text, std::vector<std::string>* out) {
  size_t n = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t bar = text.find('|', start);
    if (bar == std::string_view::npos) bar = text.size();
    if (bar > start) {
      if (n == out->size()) out->emplace_back();
      (*out)[n++].assign(text.substr(start, bar - start));
    }
    start = bar + 1;
  }
  out->resize(n);
}

std::optional<EventTime> EventColumn(const Statement& q, int column) {
  const int64_t stored = q.Int(column);
  if (stored == kNoEvent) return std::nullopt;
  return DecodeEvent(stored);
}

// Fills `c` from the row, reusing its buffers: streaming a million cases allocates nothing.
void ReadRow(const Statement& q, CaseRecord* c) {
  c->case_id.assign(q.TextView(0));
  c->kind = q.Int(1) != 0 ? CaseKind::kAdvies : CaseKind::kMelding;
  SplitViolence(q.TextView(2), &c->violence);
  c->event(Event::kReceived) = EventColumn(q, 3);
  c->event(Event::kTriaged) = EventColumn(q, 4);
  c->event(Event::kSafetyAssessed) = EventColumn(q, 5);
  c->outcome.assign(q.TextView(6));
  c->event(Event::kInvestigationDecided) = EventColumn(q, 7);
  c->event(Event::kInvestigationStarted) = EventColumn(q, 8);
  c->event(Event::kInvestigationCompleted) = EventColumn(q, 9);
  c->rvdk = q.Int(10) != 0;
  c->disclosure = q.Int(11) != 0;
  c->missing_since = q.Int(12);
}

}  // namespace

EventTime DecodeEvent(int64_t stored) {
  const int64_t timestamp = stored >> 1;  // floor: C++20 shifts are arithmetic
  int64_t days = timestamp / 86400;
  if (timestamp % 86400 < 0) --days;
  EventTime t{Date::FromDayNumber(static_cast<int32_t>(days)), std::nullopt};
  if (stored & 1) t.seconds = static_cast<int32_t>(timestamp - days * 86400);
  return t;
}

std::string JoinViolence(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out += '|';
    out += s;
  }
  return out;
}

namespace {

// The table and key of a case set: "FROM … WHERE …" with ?1 for the key.
std::string From(const CaseSet& set) {
  return set.snapshot ? " FROM snapshot_case WHERE snapshot = ?1"
                      : " FROM case_data WHERE org = ?1";
}

void BindKey(Statement* q, const CaseSet& set) {
  if (set.snapshot) {
    q->Bind(1, set.snapshot);
  } else {
    q->Bind(1, set.org);
  }
}

}  // namespace

namespace {

Status ForEachCaseIn(Database* db, const CaseSet& set, const CaseFilter& filter,
                     const std::function<void(const CaseRecord&)>& fn) {
  std::string sql = std::string("SELECT ") + kColumns + From(set);
  if (filter.received_from) sql += " AND received >= ?2";
  // A stored moment sorts after its date, so compare with the next day.
  if (filter.received_to) sql += " AND received < ?3";
  if (filter.case_id_from) sql += " AND case_id >= ?4";
  if (filter.case_id_before) sql += " AND case_id < ?5";
  sql += " ORDER BY case_id";
  Result<Statement> q = db->Prepare(sql);
  if (!q.ok()) return q.status();
  BindKey(&*q, set);
  const auto midnight = [](Date d) { return EncodeEvent(EventTime{d, std::nullopt}); };
  if (filter.received_from) q->Bind(2, midnight(*filter.received_from));
  if (filter.received_to) q->Bind(3, midnight(filter.received_to->AddDays(1)));
  if (filter.case_id_from) q->Bind(4, *filter.case_id_from);
  if (filter.case_id_before) q->Bind(5, *filter.case_id_before);
  std::vector<std::string> wanted = filter.case_ids;
  std::sort(wanted.begin(), wanted.end());
  CaseRecord c;
  while (q->Step()) {
    if (!wanted.empty() && !std::binary_search(wanted.begin(), wanted.end(), q->TextView(0))) {
      continue;
    }
    ReadRow(*q, &c);
    fn(c);
  }
  return q->status();
}

}  // namespace

Status ForEachCase(Workspace* ws, const CaseSet& set, const CaseFilter& filter,
                   const std::function<void(const CaseRecord&)>& fn) {
  return ForEachCaseIn(&ws->db(), set, filter, fn);
}

Status ForEachCase(Workspace* ws, const std::string& org, const CaseFilter& filter,
                   const std::function<void(const CaseRecord&)>& fn) {
  return ForEachCaseIn(&ws->db(), CaseSet{org, 0}, filter, fn);
}

Status ForEachCase(Database* db, const std::string& org, const CaseFilter& filter,
                   const std::function<void(const CaseRecord&)>& fn) {
  return ForEachCaseIn(db, CaseSet{org, 0}, filter, fn);
}

Status ForEachCase(Database* db, const CaseSet& set, const CaseFilter& filter,
                   const std::function<void(const CaseRecord&)>& fn) {
  return ForEachCaseIn(db, set, filter, fn);
}

Result<std::vector<CaseRecord>> LoadCases(Workspace* ws, const CaseSet& set,
                                          const CaseFilter& filter) {
  std::vector<CaseRecord> out;
  Status s = ForEachCase(ws, set, filter, [&](const CaseRecord& c) { out.push_back(c); });
  if (!s.ok()) return s;
  return out;
}

Result<std::vector<CaseRecord>> LoadCases(Workspace* ws, const std::string& org,
                                          const CaseFilter& filter) {
  return LoadCases(ws, CaseSet{org, 0}, filter);
}

Result<std::vector<std::string>> CaseRanges(Database* db, const CaseSet& set, int parts) {
  // Counting the cases would walk them all; the deliveries know how many they added.
  Result<Statement> count =
      db->Prepare(set.snapshot ? "SELECT count(*) FROM snapshot_case WHERE snapshot = ?1"
                               : "SELECT ifnull(sum(added), 0) FROM extract_file WHERE org = ?1");
  if (!count.ok()) return count.status();
  BindKey(&*count, set);
  if (!count->Step()) return count->status();
  const int64_t n = count->Int(0);
  std::vector<std::string> boundaries;
  if (parts < 2 || n < parts) return boundaries;
  Result<Statement> at = db->Prepare(std::string("SELECT case_id") + From(set) +
                                     " ORDER BY case_id LIMIT 1 OFFSET ?2");
  if (!at.ok()) return at.status();
  for (int k = 1; k < parts; ++k) {
    BindKey(&*at, set);
    at->Bind(2, n * k / parts);
    if (at->Step()) {
      std::string id = at->Text(0);
      if (boundaries.empty() || boundaries.back() < id) boundaries.push_back(std::move(id));
    } else if (!at->status().ok()) {
      return at->status();
    }
    at->Reset();
  }
  return boundaries;
}

Result<std::optional<CaseRecord>> FindCase(Workspace* ws, const CaseSet& set,
                                           const std::string& case_id) {
  Result<Statement> q =
      ws->db().Prepare(std::string("SELECT ") + kColumns + From(set) + " AND case_id = ?2");
  if (!q.ok()) return q.status();
  BindKey(&*q, set);
  q->Bind(2, case_id);
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return std::optional<CaseRecord>();
  }
  CaseRecord c;
  ReadRow(*q, &c);
  return std::optional<CaseRecord>(std::move(c));
}

Result<std::optional<CaseRecord>> FindCase(Workspace* ws, const std::string& org,
                                           const std::string& case_id) {
  return FindCase(ws, CaseSet{org, 0}, case_id);
}

Status CopyCasesToSnapshot(Workspace* ws, const std::string& org, int64_t snapshot) {
  Result<Statement> q = ws->db().Prepare(
      "INSERT INTO snapshot_case SELECT ?1, case_id, advies, violence, received, triaged, "
      "safety_assessed, outcome, investigation_decided, investigation_started, "
      "investigation_completed, rvdk, disclosure, missing_since FROM case_data WHERE org = ?2");
  if (!q.ok()) return q.status();
  return q->Bind(1, snapshot).Bind(2, org).Run();
}

Result<std::map<int64_t, std::string>> ExtractFileNames(Workspace* ws, const std::string& org) {
  Result<Statement> q = ws->db().Prepare("SELECT id, file_name FROM extract_file WHERE org = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, org);
  std::map<int64_t, std::string> names;
  while (q->Step()) names.emplace(q->Int(0), q->Text(1));
  if (!q->status().ok()) return q->status();
  return names;
}

Result<std::vector<DeliveryImport>> ListDeliveryImports(Workspace* ws, const std::string& org) {
  Result<Statement> q = ws->db().Prepare(
      "SELECT id, file_name, sha256, imported_at, rows, added, changed, unchanged, missing, "
      "profile, profile_sha256 FROM extract_file WHERE org = ? ORDER BY id");
  if (!q.ok()) return q.status();
  q->Bind(1, org);
  std::vector<DeliveryImport> imports;
  while (q->Step()) {
    DeliveryImport d;
    d.id = q->Int(0);
    d.file_name = q->Text(1);
    d.sha256 = q->Text(2);
    d.imported_at = q->Text(3);
    d.rows = static_cast<long>(q->Int(4));
    d.added = static_cast<long>(q->Int(5));
    d.changed = static_cast<long>(q->Int(6));
    d.unchanged = static_cast<long>(q->Int(7));
    d.missing = static_cast<long>(q->Int(8));
    d.profile = q->Text(9);
    d.profile_sha256 = q->Text(10);
    imports.push_back(std::move(d));
  }
  if (!q->status().ok()) return q->status();
  return imports;
}

Result<long> CountCases(Workspace* ws, const std::string& org) {
  Result<Statement> q = ws->db().Prepare("SELECT count(*) FROM case_data WHERE org = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, org);
  q->Step();
  return static_cast<long>(q->Int(0));
}

}  // namespace vtaudit
