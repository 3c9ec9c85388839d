#include "lifecycle.h"

#include <functional>

#include "judge_audit.h"
#include "problems.h"
#include "response.h"
#include "sample_draw.h"
#include "snapshot.h"
#include "timeliness.h"

namespace vtaudit {
namespace {

// The first `most` items joined by ", ", then "(+N)" for the rest: words of no language, as
// the list goes into the texts of either.
std::string Join(const std::vector<std::string>& items, size_t most = 10) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < most; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > most) out += " (+" + std::to_string(items.size() - most) + ")";
  return out;
}

// A gate with its problem code "problem.gate." + `key`.
UnmetGate Gate(std::string message, const std::string& key,
               std::map<std::string, std::string> args = {}) {
  return {std::move(message), Problem("problem.gate." + key, std::move(args))};
}

// The gates of draft → concept over a judged audit.
Status ConceptGates(Workspace* ws, const JudgedAudit& j, std::vector<UnmetGate>* unmet) {
  const std::string audit = std::to_string(j.audit.id);
  Result<Sample> sample = CurrentSample(ws, j.audit.id);
  if (!sample.ok()) {
    if (!sample.status().IsNotFound()) return sample.status();
    unmet->push_back(
        Gate("no sample is drawn (`vtaudit sample draw --audit " + audit + " --size N`)",
             "no_sample", {{"audit", audit}}));
  }
  Result<std::map<std::string, std::string>> skipped = NotJudged(ws, j.audit.id);
  if (!skipped.ok()) return skipped.status();
  std::function<void(const NodeJudgement&)> visit = [&](const NodeJudgement& n) {
    for (const NodeJudgement& c : n.children) visit(c);
    if (n.kind != "criterion" || skipped->count(n.id)) return;
    const Criterion* k = j.framework.FindCriterion(n.id);
    if (!k || !k->measured_by.empty()) return;
    if (!n.disagreements.empty()) {
      const bool organisation = k->scope == Scope::kOrganisation;
      const std::string cases = Join(n.disagreements);
      // The case numbers alone ("H01 (Anna: voldoet, Bram: voldoet_niet)" → "H01"): the
      // results are ids of no language; the web UI's text names the cases only.
      std::vector<std::string> ids;
      for (const std::string& d : n.disagreements) ids.push_back(d.substr(0, d.find(" (")));
      unmet->push_back(Gate("criterion " + n.id + ": the inspectors disagree on " +
                                (organisation ? std::string("the organisation") : "case " + cases) +
                                " (reconcile with `vtaudit score reconcile`)",
                            organisation ? "disagree_organisation" : "disagree_cases",
                            {{"criterion", n.id}, {"cases", cases}, {"case_ids", Join(ids)}}));
    }
    if (k->scope == Scope::kOrganisation) {
      if (!n.level && n.disagreements.empty()) {
        unmet->push_back(Gate("criterion " + n.id + " is not scored (score it, or mark it niet " +
                                  "beoordeeld with `vtaudit score skip`)",
                              "organisation_unscored", {{"criterion", n.id}}));
      }
    } else if (n.unscored > 0) {
      unmet->push_back(Gate("criterion " + n.id + ": " + std::to_string(n.unscored) +
                                " applicable sampled case" + (n.unscored == 1 ? " is" : "s are") +
                                " not scored (score them, or mark the criterion niet beoordeeld " +
                                "with `vtaudit score skip`)",
                            "cases_unscored",
                            {{"criterion", n.id}, {"n", std::to_string(n.unscored)}}));
    }
  };
  for (const NodeJudgement& d : j.judgement.domains) visit(d);
  return Status::Ok();
}

Status FinalGates(Workspace* ws, int64_t id, const Transition& t, std::vector<UnmetGate>* unmet) {
  Result<std::vector<Response>> responses = Responses(ws, id);
  if (!responses.ok()) return responses.status();
  if (t.without_response) {
    if (t.reason.empty()) {
      unmet->push_back(
          Gate("skipping hoor en wederhoor needs its reason (--reason TEXT)", "skip_needs_reason"));
    }
    if (!responses->empty()) {
      unmet->push_back(Gate("the organisation responded (" + std::to_string(responses->size()) +
                                "); decide on the responses instead of skipping the round",
                            "responded", {{"n", std::to_string(responses->size())}}));
    }
    return Status::Ok();
  }
  if (responses->empty()) {
    unmet->push_back(
        Gate("no response of the organisation is recorded (`vtaudit response add`), nor is the "
             "round skipped (--without-response --reason TEXT)",
             "no_response"));
  }
  for (const Response& r : *responses) {
    if (!r.decision) {
      unmet->push_back(Gate("response " + std::to_string(r.id) + " is not decided (`vtaudit " +
                                "response decide --audit " + std::to_string(id) + " --response " +
                                std::to_string(r.id) + " accepted|rejected --reason TEXT`)",
                            "undecided",
                            {{"response", std::to_string(r.id)}, {"audit", std::to_string(id)}}));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<UnmetGate>> UnmetGates(Workspace* ws, int64_t id, const Transition& t,
                                          const Calendar& calendar) {
  Result<Audit> audit = FindAudit(ws, id);
  if (!audit.ok()) return audit.status();
  const AuditStatus from = audit->status;
  std::vector<UnmetGate> unmet;
  const std::string name = "audit " + std::to_string(id);
  const std::map<std::string, std::string> args{{"audit", std::to_string(id)},
                                                {"state", std::string(AuditStatusName(from))},
                                                {"state_nl", std::string(AuditStatusLabel(from))}};
  if (from == t.to) {
    unmet.push_back(
        Gate(name + " is " + std::string(AuditStatusName(from)) + " already", "already", args));
    return unmet;
  }
  if (from == AuditStatus::kFinal) {
    unmet.push_back(Gate(name + " is final: it cannot change any more", "final", args));
    return unmet;
  }
  switch (t.to) {
    case AuditStatus::kDraft:
      if (t.reason.empty()) {
        unmet.push_back(
            Gate("going back to draft needs its reason (--reason TEXT)", "draft_needs_reason"));
      }
      break;
    case AuditStatus::kConcept: {
      Result<JudgedAudit> j = JudgeAudit(ws, id, calendar);
      if (!j.ok()) return j.status();
      if (Status s = ConceptGates(ws, *j, &unmet); !s.ok()) return s;
      break;
    }
    case AuditStatus::kFinal:
      if (from == AuditStatus::kDraft) {
        unmet.push_back(Gate(
            name + " is a draft: it becomes final from a concept, after hoor en " + "wederhoor",
            "draft_to_final", args));
        break;
      }
      if (Status s = FinalGates(ws, id, t, &unmet); !s.ok()) return s;
      break;
  }
  return unmet;
}

Status MoveAudit(Workspace* ws, int64_t id, const Transition& t, const Calendar& calendar,
                 const std::string& calendar_text) {
  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  Result<std::vector<UnmetGate>> unmet = UnmetGates(ws, id, t, calendar);
  if (!unmet.ok()) return unmet.status();
  if (!unmet->empty()) {
    std::vector<std::string> messages;
    std::vector<ProblemCode> problems;
    for (UnmetGate& g : *unmet) {
      messages.push_back(std::move(g.message));
      problems.push_back(std::move(g.problem));
    }
    const AuditStatus now = FindAudit(ws, id)->status;
    messages.push_back("audit " + std::to_string(id) + " stays " +
                       std::string(AuditStatusName(now)));
    problems.push_back(
        Problem("problem.gate.stays", {{"audit", std::to_string(id)},
                                       {"state", std::string(AuditStatusName(now))},
                                       {"state_nl", std::string(AuditStatusLabel(now))}}));
    return Status::InvalidAll(std::move(messages), std::move(problems));
  }
  Result<Audit> audit = FindAudit(ws, id);
  if (!audit.ok()) return audit.status();
  const AuditStatus from = audit->status;
  if (t.to != AuditStatus::kDraft) {
    Result<JudgedAudit> j = JudgeAudit(ws, id, calendar);
    if (!j.ok()) return j.status();
    AuditSnapshot s;
    s.audit = id;
    s.state = std::string(AuditStatusName(t.to));
    s.as_of = j->as_of;
    s.framework_sha256 = audit->framework_sha256;
    for (const std::string& i : audit->inspectors)
      s.inspectors += (s.inspectors.empty() ? "" : ", ") + i;
    s.created_by = t.actor;
    if (j->source.snapshot) {
      // Frozen before: the same cases, delivery and calendar.
      s.cases = j->source.snapshot->cases;
      s.extract_id = j->source.snapshot->extract_id;
      s.extract_sha256 = j->source.snapshot->extract_sha256;
      s.calendar = j->source.snapshot->calendar;
    } else {
      Result<std::optional<Delivery>> delivery = LatestDelivery(ws, audit->org);
      if (!delivery.ok()) return delivery.status();
      if (*delivery) {
        s.extract_id = (*delivery)->id;
        s.extract_sha256 = (*delivery)->sha256;
      }
      s.calendar = calendar_text;
    }
    JsonWriter judgement;
    WriteJudgementJson(j->judgement, &judgement);
    s.judgement = judgement.str();
    s.measured = j->input.measured;
    if (j->source.snapshot && j->source.snapshot->partial) {
      // Cases from a bundle, the sampled ones only: the timeliness over the whole delivery
      // is the one that came with them (JudgeAudit refused any other peildatum).
      s.timeliness = j->source.snapshot->timeliness;
    } else {
      TimelinessOptions options;
      options.period = {audit->period_start(), audit->period_end()};
      options.as_of = j->as_of;
      TimelinessCalculator calculator(j->framework, j->source.calendar, options);
      if (Status st =
              ForEachCase(ws, j->source.cases, {}, [&](const CaseRecord& c) { calculator.Add(c); });
          !st.ok()) {
        return st;
      }
      JsonWriter timeliness;
      WriteTimelinessJson(calculator.Finish(audit->org), &timeliness);
      s.timeliness = timeliness.str();
    }
    Result<AuditSnapshot> stored = AppendSnapshot(ws, audit->org, std::move(s));
    if (!stored.ok()) return stored.status();
  }
  if (Status s = SetAuditStatus(ws, id, t.to); !s.ok()) return s;
  const std::string detail =
      std::string(AuditStatusName(from)) + " → " + std::string(AuditStatusName(t.to));
  if (Status s = RecordAuditEvent(ws, id, "status", detail, t.reason, t.actor); !s.ok()) return s;
  return tx.Commit();
}

Status MarkNotJudged(Workspace* ws, int64_t id, const std::string& criterion,
                     const std::string& reason, const std::string& actor, bool undo) {
  Transaction tx(&ws->db());
  if (!tx.status().ok()) return tx.status();
  Result<Audit> audit =
      FindDraftAudit(ws, id, {"change what is judged", "problem.audit.to_change_judged"});
  if (!audit.ok()) return audit.status();
  Result<Framework> f = ws->LoadFramework(audit->framework_sha256);
  if (!f.ok()) return f.status();
  const Criterion* k = f->FindCriterion(criterion);
  if (!k) {
    return UnknownCriterion(criterion, *f);
  }
  if (!k->measured_by.empty()) {
    return Status::Invalid("criterion " + criterion + " is measured by deadline " + k->measured_by +
                               ", not scored by hand",
                           Problem("problem.judged.measured",
                                   {{"criterion", criterion}, {"deadline", k->measured_by}}));
  }
  Result<std::map<std::string, std::string>> marked = NotJudged(ws, id);
  if (!marked.ok()) return marked.status();
  if (undo) {
    if (!marked->count(criterion)) {
      return Status::Invalid("criterion " + criterion + " is not marked niet beoordeeld",
                             Problem("problem.judged.not_marked", {{"criterion", criterion}}));
    }
  } else {
    if (reason.empty()) {
      return Status::Invalid("niet beoordeeld needs its reason (--reason TEXT)",
                             Problem("problem.judged.needs_reason"));
    }
    if (marked->count(criterion)) {
      return Status::Invalid("criterion " + criterion + " is marked niet beoordeeld already",
                             Problem("problem.judged.already", {{"criterion", criterion}}));
    }
  }
  if (Status s = RecordAuditEvent(ws, id, undo ? "criterion_judged" : "criterion_not_judged",
                                  criterion, reason, actor);
      !s.ok()) {
    return s;
  }
  return tx.Commit();
}

Result<std::map<std::string, std::string>> NotJudged(Workspace* ws, int64_t id) {
  Result<std::vector<AuditEvent>> events = AuditEvents(ws, id);
  if (!events.ok()) return events.status();
  std::map<std::string, std::string> out;
  for (const AuditEvent& e : *events) {
    if (e.kind == "criterion_not_judged") out[e.detail] = e.reason;
    if (e.kind == "criterion_judged") out.erase(e.detail);
  }
  return out;
}

}  // namespace vtaudit
