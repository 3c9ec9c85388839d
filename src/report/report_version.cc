#include "report_version.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <map>

#include "audit.h"
#include "digest.h"
#include "json_writer.h"

namespace vtaudit {
namespace {

// REQUIRES: `format` is html, pdf, json or csv (WriteReport checks it first).
Result<std::string> Render(const ReportModel& m, const std::string& format,
                           const ReportTemplates& t) {
  if (format == "pdf") return ReportPdf(m, t);
  if (format == "html") return ReportHtml(m, t);
  if (format == "json") return ReportJson(m);
  return ReportCsv(m);
}

// The stored report, when there is one.
Result<std::optional<WrittenReport>> Stored(Workspace* ws, int64_t id, int version,
                                            const std::string& format, const std::string& lang) {
  Result<Statement> q = ws->db().Prepare(
      "SELECT r.content, r.sha256, r.written_at, s.state FROM report_version r "
      "JOIN audit_snapshot s ON s.audit = r.audit AND s.version = r.version "
      "WHERE r.audit = ? AND r.version = ? AND r.format = ? AND r.lang = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, id).Bind(2, version).Bind(3, format).Bind(4, lang);
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return std::optional<WrittenReport>();
  }
  WrittenReport r;
  r.bytes = q->Blob(0);
  r.sha256 = q->Text(1);
  r.written_at = q->Text(2);
  r.state = q->Text(3);
  r.version = version;
  r.stored = true;
  return std::optional<WrittenReport>(std::move(r));
}

// The withdrawn files of an audit (of one version, when given), oldest first.
Result<std::vector<WithdrawnReport>> Withdrawn(Workspace* ws, int64_t id,
                                               std::optional<int> version = std::nullopt) {
  Result<Statement> q = ws->db().Prepare(
      "SELECT w.version, w.format, w.lang, w.sha256, w.written_at, w.redaction, r.at, r.actor, "
      "r.reason FROM report_withdrawn w JOIN audit_event r ON r.id = w.redaction "
      "WHERE w.audit = ?1 AND (?2 IS NULL OR w.version = ?2) ORDER BY w.id");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  if (version) {
    q->Bind(2, static_cast<int64_t>(*version));
  } else {
    q->BindNull(2);
  }
  std::vector<WithdrawnReport> out;
  while (q->Step()) {
    out.push_back({static_cast<int>(q->Int(0)), q->Text(1), q->Text(2), q->Text(3), q->Text(4),
                   q->Int(5), q->Text(6), q->Text(7), q->Text(8)});
  }
  if (!q->status().ok()) return q->status();
  return out;
}

}  // namespace

Result<WrittenReport> WriteReport(Workspace* ws, int64_t id, const std::string& format,
                                  const ReportTemplates& templates, const Calendar& calendar,
                                  std::optional<int> version, std::optional<Date> as_of) {
  if (format != "html" && format != "pdf" && format != "json" && format != "csv") {
    return Status::Invalid("unknown report format '" + format + "' (html, pdf, json or csv)");
  }
  Result<Audit> audit = FindAudit(ws, id);
  if (!audit.ok()) return audit.status();
  const bool frozen = audit->status != AuditStatus::kDraft;
  Result<std::optional<AuditSnapshot>> latest = LatestSnapshot(ws, id);
  if (!latest.ok()) return latest.status();
  // The stored bytes are returned before any model is built, so the refusal of SourceOf is
  // repeated here: a frozen peildatum cannot be replaced.
  if (as_of && version) {
    return Status::Invalid("a stored version keeps its own peildatum; leave out --as-of");
  }
  if (as_of && frozen && *latest && *as_of != (*latest)->as_of) {
    return Status::Conflict("audit " + std::to_string(id) + " is " +
                            std::string(AuditStatusName(audit->status)) + ": its peildatum " +
                            (*latest)->as_of.ToIso() + " is frozen; leave out --as-of");
  }
  if (version) {
    Result<std::optional<WrittenReport>> stored = Stored(ws, id, *version, format, templates.lang);
    if (!stored.ok()) return stored.status();
    if (*stored) return std::move(**stored);
    // The latest version of a frozen audit can still be written for the first time.
    if (!frozen || !*latest || (*latest)->version != *version) {
      Result<std::vector<WithdrawnReport>> gone = Withdrawn(ws, id, *version);
      if (!gone.ok()) return gone.status();
      for (auto w = gone->rbegin(); w != gone->rend(); ++w) {
        if (w->format != format || w->lang != templates.lang) continue;
        return Status::NotFound("audit " + std::to_string(id) + ": version " +
                                std::to_string(*version) + " as " + format + " (" + templates.lang +
                                ") was withdrawn on " + w->withdrawn_at +
                                " when a note was redacted (" + w->reason +
                                "); the file issued had SHA-256 " + w->sha256);
      }
      return Status::NotFound("audit " + std::to_string(id) + ": version " +
                              std::to_string(*version) + " was never written as " + format + " (" +
                              templates.lang + ")");
    }
  }
  if (frozen) {
    // A frozen audit always has a snapshot (lifecycle.h); its latest is the version.
    Result<std::optional<WrittenReport>> stored =
        Stored(ws, id, (*latest)->version, format, templates.lang);
    if (!stored.ok()) return stored.status();
    if (*stored) return std::move(**stored);
  }
  Result<ReportModel> model = BuildReportModel(ws, id, calendar, as_of);
  if (!model.ok()) return model.status();
  Result<std::string> bytes = Render(*model, format, templates);
  if (!bytes.ok()) return bytes.status();
  WrittenReport r;
  r.state = model->status;
  r.sha256 = Sha256Hex(*bytes);
  r.bytes = std::move(*bytes);
  if (!frozen) return r;
  r.version = model->version;
  // A writer that lost a race keeps the first bytes: those are the version.
  Result<Statement> insert = ws->db().Prepare(
      "INSERT INTO report_version (audit, version, format, lang, sha256, content, written_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
  if (!insert.ok()) return insert.status();
  insert->Bind(1, id).Bind(2, r.version).Bind(3, format).Bind(4, templates.lang);
  insert->Bind(5, r.sha256).BindBlob(6, r.bytes).Bind(7, UtcNowIso());
  if (Status s = insert->Run(); !s.ok()) return s;
  Result<std::optional<WrittenReport>> stored = Stored(ws, id, r.version, format, templates.lang);
  if (!stored.ok()) return stored.status();
  if (!*stored) return Status::IoError("the report version was not stored");
  return std::move(**stored);
}

Result<std::vector<ReportVersionInfo>> ReportVersions(Workspace* ws, int64_t id) {
  Result<Audit> audit = FindAudit(ws, id);
  if (!audit.ok()) return audit.status();
  Result<std::vector<AuditSnapshot>> snapshots = Snapshots(ws, id);
  if (!snapshots.ok()) return snapshots.status();
  std::vector<ReportVersionInfo> out;
  for (AuditSnapshot& s : *snapshots) out.push_back({std::move(s), {}, {}});
  Result<Statement> q = ws->db().Prepare(
      "SELECT version, format, lang, sha256, written_at FROM report_version WHERE audit = ? "
      "ORDER BY version, format, lang");
  if (!q.ok()) return q.status();
  q->Bind(1, id);
  while (q->Step()) {
    for (ReportVersionInfo& v : out) {
      if (v.snapshot.version == q->Int(0)) {
        v.files.push_back({q->Text(1), q->Text(2), q->Text(3), q->Text(4)});
      }
    }
  }
  if (!q->status().ok()) return q->status();
  Result<std::vector<WithdrawnReport>> withdrawn = Withdrawn(ws, id);
  if (!withdrawn.ok()) return withdrawn.status();
  for (WithdrawnReport& w : *withdrawn) {
    for (ReportVersionInfo& v : out) {
      if (v.snapshot.version != w.version) continue;
      v.withdrawn.push_back(std::move(w));
      break;
    }
  }
  return out;
}

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

struct NodeFigures {
  std::string kind;
  std::optional<std::string> level;
  std::optional<long> met, not_met;
  std::optional<double> share;
};

std::optional<std::string> OptionalString(const Object::Ptr& o, const std::string& key) {
  if (!o->has(key) || o->isNull(key)) return std::nullopt;
  return o->getValue<std::string>(key);
}

std::optional<double> OptionalDouble(const Object::Ptr& o, const std::string& key) {
  if (!o->has(key) || o->isNull(key)) return std::nullopt;
  return o->getValue<double>(key);
}

// Walks judge --json: domains → standards → criteria, in the framework's order.
void CollectNodes(const Array::Ptr& nodes, const std::string& kind,
                  std::vector<std::pair<std::string, NodeFigures>>* out) {
  if (!nodes) return;
  const std::string child = kind == "domain" ? "standards" : "criteria";
  for (size_t i = 0; i < nodes->size(); ++i) {
    Object::Ptr n = nodes->getObject(static_cast<unsigned>(i));
    NodeFigures f;
    f.kind = kind;
    f.level = OptionalString(n, "judgement");
    if (kind == "criterion") {
      f.met = n->getValue<long>("met");
      f.not_met = n->getValue<long>("not_met");
      f.share = OptionalDouble(n, "share");
    }
    out->emplace_back(n->getValue<std::string>("id"), f);
    if (kind != "criterion") {
      CollectNodes(n->getArray(child), kind == "domain" ? "standard" : "criterion", out);
    }
  }
}

Result<Object::Ptr> ParseObject(const std::string& json, const std::string& what) {
  try {
    Poco::JSON::Parser parser;
    return parser.parse(json).extract<Object::Ptr>();
  } catch (const Poco::Exception& e) {
    return Status::IoError(what + ": cannot read the stored JSON: " + e.displayText());
  }
}

Result<std::vector<std::pair<std::string, NodeFigures>>> Nodes(const AuditSnapshot& s) {
  Result<Object::Ptr> o = ParseObject(s.judgement, "version " + std::to_string(s.version));
  if (!o.ok()) return o.status();
  std::vector<std::pair<std::string, NodeFigures>> out;
  try {
    CollectNodes((*o)->getArray("domains"), "domain", &out);
  } catch (const Poco::Exception& e) {
    return Status::IoError("version " + std::to_string(s.version) +
                           ": unexpected judgement JSON: " + e.displayText());
  }
  return out;
}

// The deadline figures that `report diff` compares.
constexpr const char* kDeadlineFigures[] = {"counted",  "on_time", "late",          "pending",
                                            "overdue",  "invalid", "share_on_time", "median_days",
                                            "p90_days", "backlog"};

Result<std::vector<std::pair<std::string, std::map<std::string, std::optional<double>>>>> Deadlines(
    const AuditSnapshot& s) {
  std::vector<std::pair<std::string, std::map<std::string, std::optional<double>>>> out;
  if (s.timeliness.empty()) return out;
  Result<Object::Ptr> o = ParseObject(s.timeliness, "version " + std::to_string(s.version));
  if (!o.ok()) return o.status();
  try {
    Array::Ptr deadlines = (*o)->getArray("deadlines");
    for (size_t i = 0; deadlines && i < deadlines->size(); ++i) {
      Object::Ptr d = deadlines->getObject(static_cast<unsigned>(i));
      std::map<std::string, std::optional<double>> figures;
      for (const char* f : kDeadlineFigures) figures[f] = OptionalDouble(d, f);
      out.emplace_back(d->getValue<std::string>("id"), std::move(figures));
    }
  } catch (const Poco::Exception& e) {
    return Status::IoError("version " + std::to_string(s.version) +
                           ": unexpected timeliness JSON: " + e.displayText());
  }
  return out;
}

}  // namespace

Result<ReportDiff> DiffVersions(Workspace* ws, int64_t id, std::optional<int> from,
                                std::optional<int> to) {
  Result<Audit> audit = FindAudit(ws, id);
  if (!audit.ok()) return audit.status();
  Result<std::vector<AuditSnapshot>> snapshots = Snapshots(ws, id);
  if (!snapshots.ok()) return snapshots.status();
  if (snapshots->empty()) {
    return Status::Invalid("audit " + std::to_string(id) +
                           " has no versions yet: it was never a concept");
  }
  auto find = [&](int v) -> Result<AuditSnapshot> {
    for (const AuditSnapshot& s : *snapshots) {
      if (s.version == v) return s;
    }
    return Status::NotFound("audit " + std::to_string(id) + " has no version " + std::to_string(v) +
                            " (versions 1 to " + std::to_string(snapshots->back().version) + ")");
  };
  ReportDiff d;
  d.audit = id;
  Result<AuditSnapshot> a = find(from.value_or(snapshots->front().version));
  if (!a.ok()) return a.status();
  Result<AuditSnapshot> b = find(to.value_or(snapshots->back().version));
  if (!b.ok()) return b.status();
  d.from = std::move(*a), d.to = std::move(*b);

  Result<std::vector<std::pair<std::string, NodeFigures>>> before = Nodes(d.from);
  if (!before.ok()) return before.status();
  Result<std::vector<std::pair<std::string, NodeFigures>>> after = Nodes(d.to);
  if (!after.ok()) return after.status();
  std::map<std::string, NodeFigures> old_nodes(before->begin(), before->end());
  for (const auto& [node, now] : *after) {
    const NodeFigures then = old_nodes.count(node) ? old_nodes[node] : NodeFigures{};
    if (then.level == now.level && then.met == now.met && then.not_met == now.not_met &&
        then.share == now.share) {
      continue;
    }
    d.nodes.push_back({node, now.kind, then.level, now.level, then.met, now.met, then.not_met,
                       now.not_met, then.share, now.share});
  }

  Result<std::vector<std::pair<std::string, std::map<std::string, std::optional<double>>>>>
      old_deadlines = Deadlines(d.from);
  if (!old_deadlines.ok()) return old_deadlines.status();
  Result<std::vector<std::pair<std::string, std::map<std::string, std::optional<double>>>>>
      new_deadlines = Deadlines(d.to);
  if (!new_deadlines.ok()) return new_deadlines.status();
  std::map<std::string, std::map<std::string, std::optional<double>>> then(old_deadlines->begin(),
                                                                           old_deadlines->end());
  for (const auto& [deadline, figures] : *new_deadlines) {
    for (const char* f : kDeadlineFigures) {
      const std::optional<double> was = then.count(deadline) ? then[deadline][f] : std::nullopt;
      const std::optional<double> is = figures.at(f);
      if (was != is) d.deadlines.push_back({deadline, f, was, is});
    }
  }

  // A frozen audit's scores cannot change, so the events after the earlier snapshot's
  // second up to the later one's are those made in draft between them.
  Result<Statement> q = ws->db().Prepare(
      "SELECT e.at, e.case_id, e.criterion, e.inspector, e.kind, e.old_result, e.new_result, "
      "e.note, e.response, coalesce(r.text, '') FROM score_event e "
      "LEFT JOIN audit_response r ON r.id = e.response "
      "WHERE e.audit = ? AND e.at > ? AND e.at <= ? ORDER BY e.at, e.id");
  if (!q.ok()) return q.status();
  q->Bind(1, id).Bind(2, d.from.created_at).Bind(3, d.to.created_at);
  while (q->Step()) {
    DiffScoreEvent e;
    e.at = q->Text(0), e.case_id = q->Text(1), e.criterion = q->Text(2);
    e.inspector = q->Text(3), e.kind = q->Text(4);
    e.old_result = q->OptionalText(5), e.new_result = q->OptionalText(6);
    e.note = q->Text(7);
    if (!q->IsNull(8)) e.response = q->Int(8);
    e.response_text = q->Text(9);
    d.events.push_back(std::move(e));
  }
  if (!q->status().ok()) return q->status();
  return d;
}

namespace {

void OptionalString(JsonWriter* w, const std::optional<std::string>& s) {
  s ? w->String(*s) : w->Null();
}

void OptionalInt(JsonWriter* w, const std::optional<long>& v) { v ? w->Int(*v) : w->Null(); }

void WriteVersion(JsonWriter* w, const AuditSnapshot& s) {
  w->BeginObject();
  w->Key("version").Int(s.version);
  w->Key("state").String(s.state);
  w->Key("as_of").String(s.as_of.ToIso());
  w->Key("delivery_sha256").String(s.extract_sha256);
  w->Key("created_at").String(s.created_at);
  w->EndObject();
}

}  // namespace

std::string ReportDiffJson(const ReportDiff& d) {
  JsonWriter w;
  w.BeginObject();
  w.Key("audit").Int(d.audit);
  w.Key("from");
  WriteVersion(&w, d.from);
  w.Key("to");
  WriteVersion(&w, d.to);
  w.Key("nodes").BeginArray();
  for (const NodeChange& n : d.nodes) {
    w.BeginObject();
    w.Key("id").String(n.id);
    w.Key("kind").String(n.kind);
    w.Key("from").BeginObject().Key("judgement");
    OptionalString(&w, n.from_level);
    if (n.kind == "criterion") {
      w.Key("met");
      OptionalInt(&w, n.from_met);
      w.Key("not_met");
      OptionalInt(&w, n.from_not_met);
      w.Key("share").OptionalNumber(n.from_share);
    }
    w.EndObject();
    w.Key("to").BeginObject().Key("judgement");
    OptionalString(&w, n.to_level);
    if (n.kind == "criterion") {
      w.Key("met");
      OptionalInt(&w, n.to_met);
      w.Key("not_met");
      OptionalInt(&w, n.to_not_met);
      w.Key("share").OptionalNumber(n.to_share);
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.Key("deadlines").BeginArray();
  for (const DeadlineChange& c : d.deadlines) {
    w.BeginObject();
    w.Key("id").String(c.id);
    w.Key("figure").String(c.figure);
    w.Key("from").OptionalNumber(c.from);
    w.Key("to").OptionalNumber(c.to);
    w.EndObject();
  }
  w.EndArray();
  w.Key("score_events").BeginArray();
  for (const DiffScoreEvent& e : d.events) {
    w.BeginObject();
    w.Key("at").String(e.at);
    w.Key("case_id").String(e.case_id);
    w.Key("criterion").String(e.criterion);
    w.Key("inspector").String(e.inspector);
    w.Key("kind").String(e.kind);
    w.Key("old_result");
    OptionalString(&w, e.old_result);
    w.Key("new_result");
    OptionalString(&w, e.new_result);
    w.Key("note").String(e.note);
    w.Key("response");
    if (e.response) {
      w.BeginObject().Key("id").Int(*e.response).Key("text").String(e.response_text).EndObject();
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str();
}

}  // namespace vtaudit
