#include "scoring.h"

#include <algorithm>
#include <map>
#include <set>

#include "audit.h"
#include "case_store.h"
#include "framework.h"
#include "privacy.h"
#include "sample.h"
#include "stats.h"
#include "table_reader.h"

namespace vtaudit {
namespace {

// One problem with one field of a score: the column it is in and why.
struct Problem {
  std::string column;
  std::string reason;
};

// What a score is checked against, loaded once per command or import.
class ScoreChecker {
 public:
  static Result<ScoreChecker> Load(Workspace* ws, int64_t audit_id) {
    ScoreChecker c;
    Result<Audit> audit = FindAudit(ws, audit_id);
    if (!audit.ok()) return audit.status();
    if (audit->status == AuditStatus::kFinal) {
      return Status::Conflict("audit " + std::to_string(audit_id) +
                              " is final: its scores can no longer change");
    }
    c.audit_ = *audit;
    Result<Framework> f = ws->LoadFramework(audit->framework_sha256);
    if (!f.ok()) return f.status();
    c.framework_ = std::move(*f);
    Result<Sample> sample = CurrentSample(ws, audit_id);
    if (sample.ok()) {
      CaseFilter filter;
      for (const SampledCase& s : sample->cases) filter.case_ids.push_back(s.case_id);
      if (!filter.case_ids.empty()) {
        Result<std::vector<CaseRecord>> cases = LoadCases(ws, audit->org, filter);
        if (!cases.ok()) return cases.status();
        for (CaseRecord& r : *cases) c.cases_.emplace(r.case_id, std::move(r));
      }
    } else if (!sample.status().IsNotFound()) {
      return sample.status();
    }
    return c;
  }

  std::vector<Problem> Check(const ScoreInput& in) const {
    std::vector<Problem> problems;
    if (in.inspector.empty()) problems.push_back({"inspector", "no inspector named"});
    if (ContainsBsn(in.note)) {
      problems.push_back({"note",
                          "contains a number that passes the BSN eleven test; notes must not "
                          "identify a person"});
    }
    const Criterion* criterion = framework_.FindCriterion(in.criterion);
    if (!criterion) {
      problems.push_back({"criterion", "unknown criterion '" + in.criterion + "' in framework " +
                                           framework_.id + " " + framework_.version});
      return problems;
    }
    if (criterion->scope == Scope::kOrganisation) {
      if (!in.case_id.empty()) {
        problems.push_back({"case_id", "criterion " + criterion->id +
                                           " is scored for the organisation, not per case"});
      }
      if (!criterion->measured_by.empty()) {
        problems.push_back({"criterion", "criterion " + criterion->id +
                                             " is measured by deadline " + criterion->measured_by +
                                             ", not scored by hand"});
      } else if (!framework_.scale.Find(in.result)) {
        std::string levels;
        for (const Level& l : framework_.scale.levels)
          levels += (levels.empty() ? "" : ", ") + l.id;
        problems.push_back(
            {"result", "'" + in.result + "' is not a level of the scale (" + levels + ")"});
      }
      return problems;
    }
    if (in.result != kVoldoet && in.result != kVoldoetNiet && in.result != kNvt) {
      problems.push_back(
          {"result", "'" + in.result + "' is not a case result (voldoet, voldoet_niet, nvt)"});
    }
    if (in.case_id.empty()) {
      problems.push_back(
          {"case_id", "criterion " + criterion->id + " is scored per case: " + "name the case"});
      return problems;
    }
    const auto it = cases_.find(in.case_id);
    if (it == cases_.end()) {
      problems.push_back({"case_id", "case " + in.case_id + " is not in the sample of audit " +
                                         std::to_string(audit_.id)});
    } else if (!criterion->applies_when.Matches(it->second)) {
      problems.push_back({"criterion", "criterion " + criterion->id + " does not apply to case " +
                                           in.case_id +
                                           " (applies when: " + criterion->applies_when.text() +
                                           "): it is nvt automatically"});
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
  for (const Problem& p : problems) messages.push_back(p.reason);
  return Status::InvalidAll(std::move(messages));
}

// The result this event replaces: the inspector's current one for `set`, the reconciled one
// for `reconcile`.
Result<std::optional<std::string>> Previous(Workspace* ws, const ScoreInput& in,
                                            std::string_view kind) {
  Result<Statement> q =
      kind == "set" ? ws->db().Prepare(
                          "SELECT result FROM score_current WHERE audit = ? AND case_id = ? AND "
                          "criterion = ? AND inspector = ?")
                    : ws->db().Prepare(
                          "SELECT result FROM score_reconciled WHERE audit = ? AND case_id = ? AND "
                          "criterion = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, in.audit).Bind(2, in.case_id).Bind(3, in.criterion);
  if (kind == "set") q->Bind(4, in.inspector);
  if (q->Step()) return std::optional<std::string>(q->Text(0));
  if (!q->status().ok()) return q->status();
  return std::optional<std::string>();
}

Status Append(Workspace* ws, const ScoreInput& in, std::string_view kind) {
  Result<std::optional<std::string>> old = Previous(ws, in, kind);
  if (!old.ok()) return old.status();
  Result<Statement> q = ws->db().Prepare(
      "INSERT INTO score_event (audit, case_id, criterion, inspector, kind, old_result, "
      "new_result, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!q.ok()) return q.status();
  q->Bind(1, in.audit).Bind(2, in.case_id).Bind(3, in.criterion).Bind(4, in.inspector);
  q->Bind(5, kind).BindOptional(6, *old).Bind(7, in.result).Bind(8, in.note).Bind(9, UtcNowIso());
  if (Status s = q->Run(); !s.ok()) return s;
  return AddInspector(ws, in.audit, in.inspector);
}

Status Record(Workspace* ws, const ScoreInput& in, std::string_view kind) {
  Result<ScoreChecker> checker = ScoreChecker::Load(ws, in.audit);
  if (!checker.ok()) return checker.status();
  if (std::vector<Problem> p = checker->Check(in); !p.empty()) return ToStatus(p);
  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  if (Status s = Append(ws, in, kind); !s.ok()) return s;
  return tx.Commit();
}

}  // namespace

Status SetScore(Workspace* ws, const ScoreInput& input) { return Record(ws, input, "set"); }

Status ReconcileScore(Workspace* ws, const ScoreInput& input) {
  return Record(ws, input, "reconcile");
}

Result<int> ImportScoreSheet(Workspace* ws, int64_t audit, const std::string& path,
                             const std::string& default_inspector) {
  Result<ScoreChecker> checker = ScoreChecker::Load(ws, audit);
  if (!checker.ok()) return checker.status();
  Result<std::unique_ptr<TableReader>> reader = OpenTable(path);
  if (!reader.ok()) return reader.status();
  TableReader& table = **reader;
  const std::string name(table.source_name());

  TableRow row;
  if (!table.Next(&row)) {
    if (!table.status().ok()) return table.status();
    return Status::Invalid(name + ": empty file: expected the header " +
                           "case_id,criterion,result,note[,inspector]");
  }
  std::map<std::string, size_t> column;
  std::vector<std::string> errors;
  for (size_t i = 0; i < row.fields.size(); ++i) {
    const std::string& h = row.fields[i];
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
  while (table.Next(&row)) {
    auto cell = [&](const char* col) -> std::string {
      const auto it = column.find(col);
      if (it == column.end() || it->second >= row.fields.size()) return "";
      return row.fields[it->second];
    };
    ScoreInput in{audit,          cell("case_id"), cell("criterion"),
                  cell("result"), cell("note"),    cell("inspector")};
    if (in.inspector.empty()) in.inspector = default_inspector;
    std::vector<Problem> problems = checker->Check(in);
    if (problems.empty() && !seen.insert({in.case_id, in.criterion, in.inspector}).second) {
      problems.push_back({"criterion", "criterion " + in.criterion + " for case '" + in.case_id +
                                           "' by " + in.inspector + " occurs twice in the sheet"});
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
  if (!table.status().ok()) return table.status();
  if (bad_rows > kMaxErrors) {
    errors.push_back(name + ": " + std::to_string(bad_rows - kMaxErrors) +
                     " more bad rows not listed");
  }
  if (!errors.empty()) {
    errors.push_back(name + ": nothing imported");
    return Status::InvalidAll(std::move(errors));
  }
  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  for (const ScoreInput& in : scores) {
    if (Status s = Append(ws, in, "set"); !s.ok()) return s;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  return static_cast<int>(scores.size());
}

Result<std::vector<ScoreEvent>> ScoreHistory(Workspace* ws, int64_t audit,
                                             const std::optional<std::string>& case_id,
                                             const std::optional<std::string>& criterion) {
  if (Result<Audit> a = FindAudit(ws, audit); !a.ok()) return a.status();
  Result<Statement> q = ws->db().Prepare(
      "SELECT id, case_id, criterion, inspector, kind, old_result, new_result, note, at "
      "FROM score_event WHERE audit = ?1 AND (?2 IS NULL OR case_id = ?2) AND "
      "(?3 IS NULL OR criterion = ?3) ORDER BY id");
  if (!q.ok()) return q.status();
  q->Bind(1, audit).BindOptional(2, case_id).BindOptional(3, criterion);
  std::vector<ScoreEvent> out;
  while (q->Step()) {
    out.push_back({q->Int(0), q->Text(1), q->Text(2), q->Text(3), q->Text(4), q->OptionalText(5),
                   q->Text(6), q->Text(7), q->Text(8)});
  }
  if (!q->status().ok()) return q->status();
  return out;
}

Result<std::vector<CurrentScore>> CurrentScores(Workspace* ws, int64_t audit) {
  Result<Statement> q = ws->db().Prepare(
      "SELECT case_id, criterion, inspector, result, note, at, 0 FROM score_current "
      "WHERE audit = ?1 UNION ALL "
      "SELECT case_id, criterion, inspector, result, note, at, 1 FROM score_reconciled "
      "WHERE audit = ?1 ORDER BY 1, 2, 7, 3");
  if (!q.ok()) return q.status();
  q->Bind(1, audit);
  std::vector<CurrentScore> out;
  while (q->Step()) {
    out.push_back(
        {q->Text(0), q->Text(1), q->Text(2), q->Text(3), q->Text(4), q->Text(5), q->Int(6) != 0});
  }
  if (!q->status().ok()) return q->status();
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

Result<JudgementInput> LoadJudgementInput(Workspace* ws, int64_t audit) {
  Result<Audit> a = FindAudit(ws, audit);
  if (!a.ok()) return a.status();
  JudgementInput in;
  Result<Sample> sample = CurrentSample(ws, audit);
  if (sample.ok()) {
    CaseFilter filter;
    for (const SampledCase& s : sample->cases) filter.case_ids.push_back(s.case_id);
    Result<std::vector<CaseRecord>> cases = LoadCases(ws, a->org, filter);
    if (!cases.ok()) return cases.status();
    in.sample = std::move(*cases);
  } else if (!sample.status().IsNotFound()) {
    return sample.status();
  }
  Result<std::vector<CurrentScore>> scores = CurrentScores(ws, audit);
  if (!scores.ok()) return scores.status();
  for (const CurrentScore& s : *scores) {
    in.scores.push_back({s.case_id, s.criterion, s.inspector, s.result, s.reconciled});
  }
  return in;
}

}  // namespace vtaudit
