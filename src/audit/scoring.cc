#include "scoring.h"

#include <algorithm>
#include <map>
#include <set>

#include "audit.h"
#include "case_store.h"
#include "escape.h"
#include "framework.h"
#include "privacy.h"
#include "sample_draw.h"
#include "snapshot.h"
#include "stats.h"
#include "table_reader.h"
#include "text.h"
#include "timeliness.h"

namespace vtaudit {
namespace {

// One problem with one field of a score: the column it is in and why.
struct Problem {
  std::string column;
  std::string reason;
  ProblemCode code;  // the reason as a key and arguments, for the web UI's Dutch
};

// The problem code `key` ("problem.score." + key) with `args`; {where} is filled in by a
// form that names each problem's criterion (SetScores), else empty.
ProblemCode Code(const std::string& key, std::map<std::string, std::string> args = {}) {
  args.emplace("where", "");
  return {"problem.score." + key, std::move(args)};
}

// An inspector's word folded for comparison: ASCII lower case, with spaces, underscores
// and dots removed ("Voldoet niet" → "voldoetniet", "n.v.t." → "nvt").
std::string Fold(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '_' || c == '.' || c == '\t') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// What a score is checked against, loaded once per write, inside its transaction, so the
// audit's state, inspectors and sample cannot change between the check and the append.
class ScoreChecker {
 public:
  static Result<ScoreChecker> Load(Workspace* ws, int64_t audit_id) {
    ScoreChecker c;
    Result<Audit> audit = FindAudit(ws, audit_id);
    if (!audit.ok()) return audit.status();
    if (audit->status == AuditStatus::kFinal) {
      return Status::Conflict(
          "audit " + std::to_string(audit_id) + " is final: its scores can no longer change",
          Code("final", {{"audit", std::to_string(audit_id)}}));
    }
    c.audit_ = *audit;
    Result<Framework> f = ws->LoadFramework(audit->framework_sha256);
    if (!f.ok()) return f.status();
    c.framework_ = std::move(*f);
    if (audit->status == AuditStatus::kConcept) {
      return Status::Conflict("audit " + std::to_string(audit_id) +
                                  " is a concept: set it back to draft to change its scores",
                              Code("concept", {{"audit", std::to_string(audit_id)}}));
    }
    // Applicability as the judgement sees it: the audit's cases (its snapshot's, once it
    // was frozen) as they stood at its peildatum.
    Result<std::optional<AuditSnapshot>> snapshot = LatestSnapshot(ws, audit_id);
    if (!snapshot.ok()) return snapshot.status();
    const CaseSet set{audit->org, *snapshot ? (*snapshot)->cases : 0};
    const Date as_of = EffectiveAsOf(*audit, c.framework_);
    Result<std::vector<CaseRecord>> cases = LoadSampledCases(ws, audit_id, set, as_of);
    if (!cases.ok()) return cases.status();
    for (CaseRecord& r : *cases) c.cases_.emplace(r.case_id, std::move(r));
    return c;
  }

  // Checks `in` and replaces its result by the id it names.
  std::vector<Problem> Check(ScoreInput* in, bool needs_result = true) const {
    std::vector<Problem> problems;
    if (in->inspector.empty()) {
      problems.push_back({"inspector", "no inspector named", Code("no_inspector")});
    } else if (!std::binary_search(audit_.inspectors.begin(), audit_.inspectors.end(),
                                   in->inspector)) {
      problems.push_back(
          {"inspector",
           "inspector " + in->inspector + " is not on audit " + std::to_string(audit_.id) +
               "; add them with `vtaudit audit inspectors --audit " + std::to_string(audit_.id) +
               " --add NAME`",
           Code("not_on_audit",
                {{"inspector", in->inspector}, {"audit", std::to_string(audit_.id)}})});
    }
    if (in->note && ContainsBsn(*in->note)) {
      problems.push_back({"note",
                          "contains a number that passes the BSN eleven test; notes must not "
                          "identify a person",
                          Code("bsn")});
    }
    const Criterion* criterion = framework_.FindCriterion(in->criterion);
    if (!criterion) {
      problems.push_back(
          {"criterion",
           "unknown criterion '" + EscapeControl(in->criterion) + "' in framework " +
               framework_.id + " " + framework_.version,
           Code("unknown_criterion", {{"criterion", EscapeControl(in->criterion)},
                                      {"framework", framework_.id + " " + framework_.version}})});
      return problems;
    }
    const std::optional<std::string> result =
        needs_result ? NormaliseResult(framework_, criterion->scope, in->result)
                     : std::optional<std::string>(in->result);
    if (criterion->scope == Scope::kOrganisation) {
      if (!in->case_id.empty()) {
        problems.push_back(
            {"case_id",
             "criterion " + criterion->id + " is scored for the organisation, not per case",
             Code("organisation_criterion", {{"criterion", criterion->id}})});
      }
      if (!criterion->measured_by.empty()) {
        problems.push_back({"criterion",
                            "criterion " + criterion->id + " is measured by deadline " +
                                criterion->measured_by + ", not scored by hand",
                            Code("measured", {{"criterion", criterion->id},
                                              {"deadline", criterion->measured_by}})});
      } else if (!result) {
        std::string levels;
        for (const Level& l : framework_.scale.levels)
          levels += (levels.empty() ? "" : ", ") + l.id;
        problems.push_back(
            {"result",
             "'" + EscapeControl(in->result) + "' is not a level of the scale (" + levels + ")",
             Code("not_a_level", {{"result", EscapeControl(in->result)}, {"levels", levels}})});
      } else {
        in->result = *result;
      }
      return problems;
    }
    if (!result) {
      problems.push_back(
          {"result",
           "'" + EscapeControl(in->result) + "' is not a case result (voldoet, voldoet_niet, nvt)",
           Code("not_a_case_result", {{"result", EscapeControl(in->result)}})});
    } else {
      in->result = *result;
    }
    if (in->case_id.empty()) {
      problems.push_back({"case_id",
                          "criterion " + criterion->id + " is scored per case: name the case",
                          Code("case_criterion", {{"criterion", criterion->id}})});
      return problems;
    }
    const auto it = cases_.find(in->case_id);
    if (it == cases_.end()) {
      problems.push_back({"case_id",
                          "case " + EscapeControl(in->case_id) + " is not in the sample of audit " +
                              std::to_string(audit_.id),
                          Code("not_sampled", {{"case", EscapeControl(in->case_id)},
                                               {"audit", std::to_string(audit_.id)}})});
    } else if (!criterion->applies_when.Matches(it->second)) {
      problems.push_back({"criterion",
                          "criterion " + criterion->id + " does not apply to case " + in->case_id +
                              " (applies when: " + criterion->applies_when.text() +
                              "): it is nvt automatically",
                          Code("does_not_apply", {{"criterion", criterion->id},
                                                  {"case", in->case_id},
                                                  {"condition", criterion->applies_when.text()}})});
    }
    return problems;
  }

  const Audit& audit() const { return audit_; }
  const Framework& framework() const { return framework_; }

 private:
  Audit audit_;
  Framework framework_;
  std::map<std::string, CaseRecord> cases_;
};

Status ToStatus(const std::vector<Problem>& problems) {
  std::vector<std::string> messages;
  std::vector<ProblemCode> codes;
  for (const Problem& p : problems) {
    messages.push_back(p.reason);
    codes.push_back(p.code);
  }
  return Status::InvalidAll(std::move(messages), std::move(codes));
}

// The reconciliation that counts, per case criterion, as a table with the columns of the
// workspace's view score_current: the one that is the latest event of its case criterion by
// time (ties within one second in the order written here), while the inspectors' current
// scores are still the ones it settled (its basis; a reconciliation recorded before
// workspace version 5 kept none). On one machine that is what "no score changed after it"
// means; and it holds or fails alike whatever order audit bundles brought the events in
// (docs/bundles.md): an inspector's current score is their latest by id, and one inspector's
// events keep their order everywhere. It replaces the view score_reconciled, which followed
// the order of arrival; the view stays in the schema (changing it takes a migration).
constexpr std::string_view kReconciled = R"sql((
SELECT e.audit, e.case_id, e.criterion, e.inspector, e.new_result AS result, e.note, e.at,
  e.id AS event
FROM score_event e
WHERE e.kind = 'reconcile' AND NOT EXISTS (
  SELECT 1 FROM score_event x
  WHERE x.audit = e.audit AND x.case_id = e.case_id AND x.criterion = e.criterion
    AND (x.at > e.at OR (x.at = e.at AND x.id > e.id)))
AND (NOT EXISTS (SELECT 1 FROM score_basis b WHERE b.event = e.id) OR (
  NOT EXISTS (
    SELECT 1 FROM score_basis b WHERE b.event = e.id AND NOT EXISTS (
      SELECT 1 FROM score_current c
      WHERE c.audit = e.audit AND c.case_id = e.case_id AND c.criterion = e.criterion
        AND c.inspector = b.inspector AND c.result = b.result))
  AND NOT EXISTS (
    SELECT 1 FROM score_current c
    WHERE c.audit = e.audit AND c.case_id = e.case_id AND c.criterion = e.criterion
      AND NOT EXISTS (
        SELECT 1 FROM score_basis b WHERE b.event = e.id AND b.inspector = c.inspector))))
))sql";

// The inspector's latest set or clear of one case criterion (the form's base).
struct Latest {
  int64_t event = 0;                  // 0: never scored
  std::optional<std::string> result;  // none: never scored, or cleared
  std::string note;
};

Result<Latest> LatestOwn(Workspace* ws, const ScoreInput& in) {
  Result<Statement> q = ws->db().Prepare(
      "SELECT id, new_result, note FROM score_event WHERE audit = ? AND case_id = ? AND "
      "criterion = ? AND inspector = ? AND kind IN ('set', 'clear') ORDER BY id DESC LIMIT 1");
  if (!q.ok()) return q.status();
  q->Bind(1, in.audit).Bind(2, in.case_id).Bind(3, in.criterion).Bind(4, in.inspector);
  Latest latest;
  if (q->Step()) {
    latest.event = q->Int(0);
    latest.result = q->OptionalText(1);
    if (latest.result) latest.note = q->Text(2);
  }
  if (!q->status().ok()) return q->status();
  return latest;
}

// The reconciled result this case criterion has now, if any.
Result<std::optional<std::string>> Reconciled(Workspace* ws, const ScoreInput& in,
                                              std::string* note) {
  Result<Statement> q = ws->db().Prepare("SELECT result, note FROM " + std::string(kReconciled) +
                                         " WHERE audit = ? AND case_id = ? AND criterion = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, in.audit).Bind(2, in.case_id).Bind(3, in.criterion);
  if (q->Step()) {
    *note = q->Text(1);
    return std::optional<std::string>(q->Text(0));
  }
  if (!q->status().ok()) return q->status();
  return std::optional<std::string>();
}

Result<int64_t> Insert(Workspace* ws, const ScoreInput& in, std::string_view kind,
                       const std::optional<std::string>& old_result,
                       const std::optional<std::string>& new_result,
                       const std::optional<std::string>& old_note, const std::string& note) {
  Result<Statement> q = ws->db().Prepare(
      "INSERT INTO score_event (uid, audit, case_id, criterion, inspector, kind, old_result, "
      "new_result, old_note, note, at, response) VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, "
      "?, ?, ?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->Bind(1, in.audit).Bind(2, in.case_id).Bind(3, in.criterion).Bind(4, in.inspector);
  q->Bind(5, kind).BindOptional(6, old_result).BindOptional(7, new_result);
  q->BindOptional(8, old_note).Bind(9, note).Bind(10, UtcNowIso());
  if (in.response) {
    q->Bind(11, *in.response);
  } else {
    q->BindNull(11);
  }
  if (Status s = q->Run(); !s.ok()) return s;
  return ws->db().LastInsertId();
}

// Appends a set of the inspector's score, unless it changes nothing. REQUIRES: checked,
// inside a transaction. Returns whether an event was written.
Result<bool> AppendSet(Workspace* ws, const ScoreInput& in) {
  Result<Latest> latest = LatestOwn(ws, in);
  if (!latest.ok()) return latest.status();
  if (in.base && *in.base != latest->event) {
    return Status::Conflict(
        "criterion " + in.criterion + (in.case_id.empty() ? "" : " of case " + in.case_id) +
            " was changed elsewhere in the meantime; nothing was saved",
        Code(in.case_id.empty() ? "changed_elsewhere" : "changed_elsewhere_case",
             {{"criterion", in.criterion}, {"case", in.case_id}}));
  }
  const std::string note = in.note.value_or(latest->note);
  if (latest->result == in.result && latest->note == note) return false;
  const std::optional<std::string> old_note =
      latest->result ? std::optional<std::string>(latest->note) : std::nullopt;
  Result<int64_t> id = Insert(ws, in, "set", latest->result, in.result, old_note, note);
  if (!id.ok()) return id.status();
  return true;
}

// A score that names a response follows from an accepted response of the same audit.
Status CheckResponse(Workspace* ws, const ScoreInput& in) {
  if (!in.response) return Status::Ok();
  Result<Statement> q = ws->db().Prepare(
      "SELECT (SELECT d.decision FROM response_decision d WHERE d.response = r.id ORDER BY d.id "
      "DESC LIMIT 1) FROM audit_response r WHERE r.id = ? AND r.audit = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, *in.response).Bind(2, in.audit);
  if (!q->Step()) {
    if (!q->status().ok()) return q->status();
    return Status::Invalid("audit " + std::to_string(in.audit) + " has no response " +
                           std::to_string(*in.response));
  }
  if (q->Text(0) != "accepted") {
    return Status::Invalid("response " + std::to_string(*in.response) +
                           " is not accepted: a score follows only from an accepted response");
  }
  return Status::Ok();
}

// Runs `write` in one transaction after loading the checker inside it.
template <typename Write>
Status InTransaction(Workspace* ws, int64_t audit, Write write) {
  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  Result<ScoreChecker> checker = ScoreChecker::Load(ws, audit);
  if (!checker.ok()) return checker.status();
  if (Status s = write(*checker); !s.ok()) return s;
  return tx.Commit();
}

}  // namespace

std::optional<std::string> NormaliseResult(const Framework& framework, Scope scope,
                                           std::string_view text) {
  const std::string folded = Fold(text);
  if (scope == Scope::kCase) {
    if (folded == "voldoet") return std::string(kVoldoet);
    if (folded == "voldoetniet") return std::string(kVoldoetNiet);
    if (folded == "nvt" || folded == "nietvantoepassing") return std::string(kNvt);
    return std::nullopt;
  }
  for (const Level& l : framework.scale.levels) {
    if (folded == Fold(l.id) || folded == Fold(l.name)) return l.id;
  }
  return std::nullopt;
}

Status SetScore(Workspace* ws, const ScoreInput& input) {
  Result<int> n = SetScores(ws, {input});
  return n.ok() ? Status::Ok() : n.status();
}

Result<int> SetScores(Workspace* ws, const std::vector<ScoreInput>& inputs) {
  if (inputs.empty()) return 0;
  int written = 0;
  Status s = InTransaction(ws, inputs.front().audit, [&](const ScoreChecker& checker) {
    std::vector<ScoreInput> checked = inputs;
    std::vector<Problem> problems;
    for (ScoreInput& in : checked) {
      for (Problem& p : checker.Check(&in)) {
        // A form names each problem's criterion; a single score needs no prefix.
        if (checked.size() > 1) {
          const std::string where =
              EscapeControl(in.criterion) +
              (in.case_id.empty() ? "" : " (" + EscapeControl(in.case_id) + ")") + ": ";
          p.reason = where + p.reason;
          p.code.args["where"] = where;
        }
        problems.push_back(std::move(p));
      }
    }
    if (!problems.empty()) return ToStatus(problems);
    for (const ScoreInput& in : checked) {
      if (Status r = CheckResponse(ws, in); !r.ok()) return r;
    }
    for (const ScoreInput& in : checked) {
      Result<bool> appended = AppendSet(ws, in);
      if (!appended.ok()) return appended.status();
      written += *appended ? 1 : 0;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return written;
}

Status ClearScore(Workspace* ws, const ScoreInput& input) {
  return InTransaction(ws, input.audit, [&](const ScoreChecker& checker) {
    ScoreInput in = input;
    if (std::vector<Problem> p = checker.Check(&in, /*needs_result=*/false); !p.empty()) {
      return ToStatus(p);
    }
    Result<Latest> latest = LatestOwn(ws, in);
    if (!latest.ok()) return latest.status();
    if (in.base && *in.base != latest->event) {
      return Status::Conflict("criterion " + in.criterion +
                              " was changed elsewhere in the meantime; nothing was cleared");
    }
    if (!latest->result) {
      return Status::NotFound(in.inspector + " has no score for criterion " + in.criterion +
                              (in.case_id.empty() ? "" : " of case " + in.case_id) + " to clear");
    }
    return Insert(ws, in, "clear", latest->result, std::nullopt, latest->note, in.note.value_or(""))
        .status();
  });
}

Status ReconcileScore(Workspace* ws, const ScoreInput& input) {
  return InTransaction(ws, input.audit, [&](const ScoreChecker& checker) {
    ScoreInput in = input;
    if (std::vector<Problem> p = checker.Check(&in); !p.empty()) return ToStatus(p);
    if (!in.note || in.note->empty()) {
      return Status::Invalid("a reconciliation needs its reason (--reason TEXT)");
    }
    Result<Statement> q = ws->db().Prepare(
        "SELECT inspector, result FROM score_current WHERE audit = ? AND case_id = ? AND "
        "criterion = ? ORDER BY inspector");
    if (!q.ok()) return q.status();
    q->Bind(1, in.audit).Bind(2, in.case_id).Bind(3, in.criterion);
    std::vector<std::pair<std::string, std::string>> basis;
    std::set<std::string> distinct;
    while (q->Step()) {
      basis.emplace_back(q->Text(0), q->Text(1));
      distinct.insert(q->Text(1));
    }
    if (!q->status().ok()) return q->status();
    const std::string what =
        "criterion " + in.criterion +
        (in.case_id.empty() ? " of the organisation" : " of case " + in.case_id);
    if (distinct.size() < 2) {
      return Status::Invalid("nothing to reconcile: " + what +
                             (basis.empty() ? " has no scores"
                              : basis.size() < 2
                                  ? " has one inspector's score"
                                  : " has scores that agree (" + *distinct.begin() + ")"));
    }
    std::string old_note;
    Result<std::optional<std::string>> old = Reconciled(ws, in, &old_note);
    if (!old.ok()) return old.status();
    Result<int64_t> id =
        Insert(ws, in, "reconcile", *old, in.result,
               *old ? std::optional<std::string>(old_note) : std::nullopt, *in.note);
    if (!id.ok()) return id.status();
    Result<Statement> b =
        ws->db().Prepare("INSERT INTO score_basis (event, inspector, result) VALUES (?, ?, ?)");
    if (!b.ok()) return b.status();
    for (const auto& [inspector, result] : basis) {
      if (Status s = b->Bind(1, *id).Bind(2, inspector).Bind(3, result).Run(); !s.ok()) return s;
    }
    return Status::Ok();
  });
}

Result<int> ImportScoreSheet(Workspace* ws, int64_t audit, const std::string& path,
                             const std::optional<std::string>& default_inspector) {
  Result<std::unique_ptr<TableReader>> reader = OpenTable(path);
  if (!reader.ok()) return reader.status();
  TableReader& table = **reader;
  const std::string name(table.source_name());
  int written = 0;
  Status status = InTransaction(ws, audit, [&](const ScoreChecker& checker) -> Status {
    TableRow row;
    if (!table.Next(&row)) {
      if (!table.status().ok()) return table.status();
      return Status::Invalid(name + ": empty file: expected the header " +
                             "case_id,criterion,result,note[,inspector]");
    }
    std::map<std::string, size_t> column;
    std::vector<std::string> errors;
    for (size_t i = 0; i < row.fields.size(); ++i) {
      // Header names as in a delivery: trimmed, in any case ("Case_ID ").
      const std::string h = Lower(Trim(row.fields[i]));
      if (h != "case_id" && h != "criterion" && h != "result" && h != "note" && h != "inspector") {
        errors.push_back(name + ":" + std::to_string(row.line) + ": column " + h +
                         ": unknown column (expected case_id, criterion, result, note, inspector)");
      } else if (column.count(h)) {
        errors.push_back(name + ":" + std::to_string(row.line) + ": column " + h + ": given twice");
      } else {
        column[h] = i;
      }
    }
    for (const char* required : {"case_id", "criterion", "result"}) {
      if (!column.count(required)) {
        errors.push_back(name + ":" + std::to_string(row.line) + ": column " + required +
                         ": missing from the header");
      }
    }
    if (!errors.empty()) return Status::InvalidAll(std::move(errors));

    constexpr size_t kMaxErrors = 100;
    std::vector<ScoreInput> scores;
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    size_t bad_rows = 0;
    size_t unfilled = 0;
    while (table.Next(&row)) {
      auto cell = [&](const char* col) -> std::string {
        const auto it = column.find(col);
        if (it == column.end() || it->second >= row.fields.size()) return "";
        // A note is kept as written; ids and words lose the spaces a spreadsheet adds.
        const std::string& text = row.fields[it->second];
        return std::string_view(col) == "note" ? text : std::string(Trim(text));
      };
      // Without a note column a row keeps the inspector's earlier note, as `score set`
      // without --note does; an empty note cell empties it.
      ScoreInput in{audit,
                    cell("case_id"),
                    cell("criterion"),
                    cell("result"),
                    column.count("note") ? std::optional<std::string>(cell("note")) : std::nullopt,
                    cell("inspector"),
                    std::nullopt};
      // A row of a score template (score_template.h) not scored yet.
      if (in.result.empty() && (!in.note || in.note->empty())) {
        ++unfilled;
        continue;
      }
      std::vector<Problem> problems;
      if (in.inspector.empty() && default_inspector) in.inspector = *default_inspector;
      if (in.inspector.empty()) {
        problems.push_back(
            {"inspector", "empty, and no --inspector (or VTAUDIT_INSPECTOR) says who scored", {}});
      } else {
        problems = checker.Check(&in);
      }
      if (problems.empty() && !seen.insert({in.case_id, in.criterion, in.inspector}).second) {
        problems.push_back({"criterion",
                            "criterion " + in.criterion + " for case '" + in.case_id + "' by " +
                                in.inspector + " occurs twice in the sheet",
                            {}});
      }
      if (!problems.empty()) {
        if (++bad_rows <= kMaxErrors) {
          for (const Problem& p : problems) {
            errors.push_back(name + ":" + std::to_string(row.line) + ": column " + p.column + ": " +
                             p.reason);
          }
        }
        continue;
      }
      scores.push_back(std::move(in));
    }
    if (!table.status().ok()) {
      std::vector<std::string> all = table.status().messages();
      all.push_back(name + ": nothing imported");
      return Status::InvalidAll(std::move(all));
    }
    if (scores.empty() && errors.empty()) {
      if (unfilled > 0) {
        return Status::Invalid(name + ": none of the " + std::to_string(unfilled) +
                               " rows has a result: nothing imported");
      }
      return Status::Invalid(name + ": no score rows after the header: nothing imported");
    }
    if (bad_rows > kMaxErrors) {
      errors.push_back(name + ": " + std::to_string(bad_rows - kMaxErrors) +
                       " more bad rows not listed");
    }
    if (!errors.empty()) {
      errors.push_back(name + ": nothing imported");
      return Status::InvalidAll(std::move(errors));
    }
    for (const ScoreInput& in : scores) {
      Result<bool> appended = AppendSet(ws, in);
      if (!appended.ok()) return appended.status();
      written += *appended ? 1 : 0;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return written;
}

namespace {

// The (case, criterion) pairs `viewer` has a current score of. Empty for the open view.
Result<std::set<std::pair<std::string, std::string>>> OwnScored(Workspace* ws, int64_t audit,
                                                                const Viewer& viewer) {
  std::set<std::pair<std::string, std::string>> own;
  if (!viewer.inspector) return own;
  Result<Statement> q = ws->db().Prepare(
      "SELECT case_id, criterion FROM score_current WHERE audit = ? AND inspector = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, audit).Bind(2, *viewer.inspector);
  while (q->Step()) own.insert({q->Text(0), q->Text(1)});
  if (!q->status().ok()) return q->status();
  return own;
}

bool Visible(const Viewer& viewer, const std::set<std::pair<std::string, std::string>>& own,
             const std::string& inspector, const std::string& case_id, const std::string& criterion,
             bool reconciled) {
  return !viewer.inspector || reconciled || inspector == *viewer.inspector ||
         own.count({case_id, criterion}) > 0;
}

}  // namespace

Result<std::vector<ScoreEvent>> ScoreHistory(Workspace* ws, int64_t audit,
                                             const std::optional<std::string>& case_id,
                                             const std::optional<std::string>& criterion,
                                             const Viewer& viewer, int* hidden) {
  if (Result<Audit> a = FindAudit(ws, audit); !a.ok()) return a.status();
  Result<std::set<std::pair<std::string, std::string>>> own = OwnScored(ws, audit, viewer);
  if (!own.ok()) return own.status();
  Result<Statement> q = ws->db().Prepare(
      "SELECT e.id, e.uid, e.case_id, e.criterion, e.inspector, e.kind, e.old_result, "
      "e.new_result, e.old_note, e.note, e.at, "
      "(SELECT group_concat(b.inspector || ': ' || b.result, char(10)) FROM "
      "(SELECT * FROM score_basis WHERE event = e.id ORDER BY inspector) b), e.response, "
      "r.id, r.at, r.actor, r.reason "
      "FROM score_event e LEFT JOIN audit_event r ON r.id = e.note_redaction "
      "WHERE e.audit = ?1 AND (?2 IS NULL OR e.case_id = ?2) AND "
      "(?3 IS NULL OR e.criterion = ?3) ORDER BY e.id");
  if (!q.ok()) return q.status();
  q->Bind(1, audit).BindOptional(2, case_id).BindOptional(3, criterion);
  std::vector<ScoreEvent> out;
  int left_out = 0;
  while (q->Step()) {
    ScoreEvent e{q->Int(0),          q->Text(1), q->Text(2),         q->Text(3),
                 q->Text(4),         q->Text(5), q->OptionalText(6), q->OptionalText(7),
                 q->OptionalText(8), q->Text(9), q->Text(10),        {}};
    if (!q->IsNull(12)) e.response = q->Int(12);
    if (!q->IsNull(13))
      e.redacted = ScoreEvent::Redacted{q->Int(13), q->Text(14), q->Text(15), q->Text(16)};
    const std::string basis = q->Text(11);
    for (size_t start = 0; !basis.empty() && start <= basis.size();) {
      const size_t end = std::min(basis.find('\n', start), basis.size());
      e.basis.push_back(basis.substr(start, end - start));
      start = end + 1;
    }
    if (!Visible(viewer, *own, e.inspector, e.case_id, e.criterion, e.kind == "reconcile")) {
      ++left_out;
      continue;
    }
    out.push_back(std::move(e));
  }
  if (!q->status().ok()) return q->status();
  if (hidden) *hidden = left_out;
  return out;
}

Result<std::vector<CurrentScore>> CurrentScores(Workspace* ws, int64_t audit, const Viewer& viewer,
                                                int* hidden) {
  Result<std::set<std::pair<std::string, std::string>>> own = OwnScored(ws, audit, viewer);
  if (!own.ok()) return own.status();
  Result<Statement> q = ws->db().Prepare(
      "SELECT case_id, criterion, inspector, result, note, at, 0, event FROM score_current "
      "WHERE audit = ?1 UNION ALL "
      "SELECT case_id, criterion, inspector, result, note, at, 1, event FROM " +
      std::string(kReconciled) + " WHERE audit = ?1 ORDER BY 1, 2, 7, 3");
  if (!q.ok()) return q.status();
  q->Bind(1, audit);
  std::vector<CurrentScore> out;
  int left_out = 0;
  while (q->Step()) {
    CurrentScore s{q->Text(0), q->Text(1), q->Text(2),     q->Text(3),
                   q->Text(4), q->Text(5), q->Int(6) != 0, q->Int(7)};
    if (!Visible(viewer, *own, s.inspector, s.case_id, s.criterion, s.reconciled)) {
      ++left_out;
      continue;
    }
    out.push_back(std::move(s));
  }
  if (!q->status().ok()) return q->status();
  if (hidden) *hidden = left_out;
  return out;
}

Result<std::vector<CriterionAgreement>> Agreement(Workspace* ws, int64_t audit) {
  Result<Audit> a = FindAudit(ws, audit);
  if (!a.ok()) return a.status();
  Result<Framework> f = ws->LoadFramework(a->framework_sha256);
  if (!f.ok()) return f.status();
  Result<std::vector<CurrentScore>> scores = CurrentScores(ws, audit);
  if (!scores.ok()) return scores.status();
  // criterion → case ("" for the organisation) → inspector → result (sorted by the maps).
  std::map<std::string, std::map<std::string, std::map<std::string, std::string>>> by;
  std::map<std::pair<std::string, std::string>, std::string> reconciled;
  for (const CurrentScore& s : *scores) {
    if (s.reconciled) {
      reconciled[{s.criterion, s.case_id}] = s.result;
    } else {
      by[s.criterion][s.case_id][s.inspector] = s.result;
    }
  }
  // Case criteria with a reconciliation in the trail: where none counts now, it was
  // superseded by a later score.
  std::set<std::pair<std::string, std::string>> ever_reconciled;
  {
    Result<Statement> q = ws->db().Prepare(
        "SELECT DISTINCT criterion, case_id FROM score_event WHERE audit = ? AND kind = "
        "'reconcile'");
    if (!q.ok()) return q.status();
    q->Bind(1, audit);
    while (q->Step()) ever_reconciled.insert({q->Text(0), q->Text(1)});
    if (!q->status().ok()) return q->status();
  }
  std::vector<CriterionAgreement> out;
  for (const Criterion* c : f->Criteria()) {
    const auto it = by.find(c->id);
    if (it == by.end()) continue;
    CriterionAgreement ca;
    ca.criterion = c->id;
    ca.scope = std::string(ScopeName(c->scope));
    std::vector<std::vector<std::string>> items;
    std::set<std::string> inspectors;
    // (inspector a, inspector b) → their (result a, result b) on the cases both scored.
    std::map<std::pair<std::string, std::string>, std::vector<std::pair<std::string, std::string>>>
        by_pair;
    for (const auto& [case_id, results] : it->second) {
      if (results.size() < 2) continue;
      const int m = static_cast<int>(results.size());
      ca.min_inspectors = items.empty() ? m : std::min(ca.min_inspectors, m);
      ca.max_inspectors = std::max(ca.max_inspectors, m);
      std::vector<std::string> item;
      std::set<std::string> distinct;
      for (auto x = results.begin(); x != results.end(); ++x) {
        item.push_back(x->second);
        distinct.insert(x->second);
        inspectors.insert(x->first);
        for (auto y = std::next(x); y != results.end(); ++y) {
          by_pair[{x->first, y->first}].emplace_back(x->second, y->second);
        }
      }
      items.push_back(std::move(item));
      if (distinct.size() > 1) {
        Disagreement d{case_id, {results.begin(), results.end()}, {}};
        if (const auto r = reconciled.find({c->id, case_id}); r != reconciled.end()) {
          d.reconciled = r->second;
        } else {
          d.reopened = ever_reconciled.count({c->id, case_id}) > 0;
        }
        ca.disagreements.push_back(std::move(d));
      }
    }
    if (items.empty()) continue;
    ca.cases = static_cast<int>(items.size());
    ca.inspectors.assign(inspectors.begin(), inspectors.end());
    for (const auto& [who, pairs] : by_pair) {
      const Kappa k = CohensKappa(pairs);
      ca.pairs.push_back({who.first, who.second, k.n, k.observed, k.expected, k.kappa});
    }
    // Cohen's kappa treats its two raters as fixed people with marginals of their own; when
    // the raters change from case to case only the pooled marginals of Fleiss' kappa mean
    // anything.
    const bool one_pair = ca.max_inspectors == 2 && ca.pairs.size() == 1;
    ca.method = one_pair ? "cohen" : "fleiss";
    const Kappa k = one_pair ? CohensKappa(by_pair.begin()->second) : FleissKappa(items);
    ca.observed = k.observed;
    ca.expected = k.expected;
    ca.kappa = k.kappa;
    out.push_back(std::move(ca));
  }
  return out;
}

Date EffectiveAsOf(const Audit& audit, const Framework& framework) {
  if (audit.as_of) return *audit.as_of;
  const Date made = Date::ParseIso(audit.created_at.substr(0, 10)).value_or(Date::Today());
  return DefaultAsOf(audit.period, framework, Calendar::Statutory(), made);
}

Result<std::vector<ScoreEntry>> ScoreEntries(Workspace* ws, int64_t audit) {
  Result<std::vector<CurrentScore>> scores = CurrentScores(ws, audit);
  if (!scores.ok()) return scores.status();
  std::vector<ScoreEntry> out;
  for (const CurrentScore& s : *scores) {
    out.push_back({s.case_id, s.criterion, s.inspector, s.result, s.reconciled});
  }
  return out;
}

Result<JudgementInput> LoadJudgementInput(Workspace* ws, int64_t audit) {
  Result<Audit> a = FindAudit(ws, audit);
  if (!a.ok()) return a.status();
  JudgementInput in;
  Result<std::vector<CaseRecord>> cases = LoadSampledCases(ws, audit, CaseSet{a->org, 0});
  if (!cases.ok()) return cases.status();
  in.sample = std::move(*cases);
  Result<std::vector<ScoreEntry>> scores = ScoreEntries(ws, audit);
  if (!scores.ok()) return scores.status();
  in.scores = std::move(*scores);
  return in;
}

}  // namespace vtaudit
