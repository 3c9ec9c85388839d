// BuildReportModel: every number of the report, computed once from the workspace.
#include <algorithm>

#include "case_store.h"
#include "lifecycle.h"
#include "report.h"
#include "version.h"

namespace vtaudit {
namespace {

constexpr std::string_view kSyntheticSuffix = "-synthetisch.csv";

bool ContainsNoCase(std::string_view haystack, std::string_view needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) {
                          return std::tolower(static_cast<unsigned char>(a)) ==
                                 std::tolower(static_cast<unsigned char>(b));
                        });
  return it != haystack.end();
}

Result<bool> IsSynthetic(Workspace* ws, const Organisation& org) {
  if (ContainsNoCase(org.name, "synthetisch")) return true;
  Result<Statement> q = ws->db().Prepare(
      "SELECT count(*) FROM extract_file WHERE org = ? AND substr(file_name, -?) = ?");
  if (!q.ok()) return q.status();
  q->Bind(1, org.code).Bind(2, static_cast<int>(kSyntheticSuffix.size())).Bind(3, kSyntheticSuffix);
  if (!q->Step()) return Status::IoError("cannot read the extracts of " + org.code);
  return q->Int(0) > 0;
}

Result<long> CountReceived(Workspace* ws, const Audit& audit, const CaseSet& cases) {
  long n = 0;
  CaseFilter filter;
  filter.received_from = audit.period_start();
  filter.received_to = audit.period_end();
  Status s = ForEachCase(ws, cases, filter, [&](const CaseRecord&) { ++n; });
  if (!s.ok()) return s;
  return n;
}

std::optional<Interval> Wilson(long met, long not_met) {
  if (met + not_met <= 0) return std::nullopt;
  return WilsonInterval(static_cast<int>(met), static_cast<int>(met + not_met));
}

// The result that counts per (case, criterion), as the judgement counts it.
std::map<std::pair<std::string, std::string>, std::string> CountedResults(
    const std::vector<CurrentScore>& scores) {
  std::map<std::pair<std::string, std::string>, std::vector<const CurrentScore*>> by_key;
  for (const CurrentScore& s : scores) by_key[{s.case_id, s.criterion}].push_back(&s);
  std::map<std::pair<std::string, std::string>, std::string> out;
  for (const auto& [key, list] : by_key) {
    std::string result;
    bool agree = true;
    for (const CurrentScore* s : list) {
      if (s->reconciled) {
        result = s->result, agree = true;
        break;
      }
      if (result.empty()) result = s->result;
      if (s->result != result) agree = false;
    }
    out[key] = agree ? result : "?";
  }
  return out;
}

ReportNode MakeNode(const NodeJudgement& j, const Framework& f,
                    const std::vector<CurrentScore>& scores) {
  ReportNode n;
  n.id = j.id;
  n.kind = j.kind;
  n.level = j.level;
  n.applicable = j.applicable;
  n.incomplete = j.incomplete;
  n.explanation = j.explanation;
  if (j.kind == "criterion") {
    const Criterion* c = f.FindCriterion(j.id);
    if (c) {
      n.name = c->text, n.gloss = c->gloss;
      n.scope = std::string(ScopeName(c->scope));
      n.measured_by = c->measured_by;
      n.weight = c->weight;
      n.cap = c->cap;
      n.min_cases = c->min_cases;
    }
    n.met = j.met, n.not_met = j.not_met, n.not_applicable = j.not_applicable;
    n.disputed = j.disputed, n.unscored = j.unscored;
    n.indicative = j.indicative;
    n.share = j.share;
    if (c && c->scope == Scope::kCase) n.ci95 = Wilson(j.met, j.not_met);
    n.disagreements = j.disagreements;
    for (const CurrentScore& s : scores) {
      if (s.criterion == j.id && !s.note.empty()) {
        n.notes.push_back({s.case_id, s.inspector, s.result, s.note});
      }
    }
  } else {
    for (const Domain& d : f.domains) {
      if (d.id == j.id) n.name = d.name, n.gloss = d.gloss, n.weight = d.weight;
      for (const Standard& s : d.standards) {
        if (s.id == j.id) n.name = s.name, n.gloss = s.gloss, n.weight = s.weight;
      }
    }
  }
  for (const NodeJudgement& c : j.children) n.children.push_back(MakeNode(c, f, scores));
  return n;
}

const NodeJudgement* FindJudged(const std::vector<NodeJudgement>& nodes, const std::string& id) {
  for (const NodeJudgement& n : nodes) {
    if (n.id == id) return &n;
    if (const NodeJudgement* found = FindJudged(n.children, id)) return found;
  }
  return nullptr;
}

void AttachChanges(std::vector<ReportNode>* nodes, const JudgedAudit& previous) {
  for (ReportNode& n : *nodes) {
    AttachChanges(&n.children, previous);
    const NodeJudgement* p = FindJudged(previous.judgement.domains, n.id);
    if (!p) continue;
    ReportChange c;
    c.previous_audit = previous.audit.id;
    c.previous_period = previous.audit.period;
    c.previous_level = p->level;
    if (n.kind == "criterion") {
      c.previous_met = p->met, c.previous_not_met = p->not_met;
      c.previous_share = p->share;
      if (n.share && p->share && n.met + n.not_met > 0 && p->met + p->not_met > 0) {
        c.change = *n.share - *p->share;
        c.change_ci95 =
            NewcombeDifference(static_cast<int>(n.met), static_cast<int>(n.met + n.not_met),
                               static_cast<int>(p->met), static_cast<int>(p->met + p->not_met));
        c.exceeds_noise = c.change_ci95->low > 0 || c.change_ci95->high < 0;
      }
    }
    n.change = c;
  }
}

Result<std::optional<Audit>> PreviousAudit(Workspace* ws, const Audit& audit) {
  Result<std::vector<Audit>> all = ListAudits(ws);
  if (!all.ok()) return all.status();
  std::optional<Audit> best;
  for (const Audit& a : *all) {
    if (a.org != audit.org || a.period >= audit.period) continue;
    if (!best || a.period > best->period || (a.period == best->period && a.id > best->id)) best = a;
  }
  return best;
}

}  // namespace

Result<ReportModel> BuildReportModel(Workspace* ws, int64_t id, const Calendar& calendar,
                                     std::optional<Date> requested_as_of) {
  Result<JudgedAudit> judged = JudgeAudit(ws, id, calendar, requested_as_of);
  if (!judged.ok()) return judged.status();
  const Audit& audit = judged->audit;
  const Framework& f = judged->framework;
  Result<Organisation> org = ws->FindOrganisation(audit.org);
  if (!org.ok()) return org.status();

  ReportModel m;
  m.org_code = org->code, m.org_name = org->name, m.org_region = org->region;
  m.audit_id = audit.id;
  m.period = audit.period;
  m.status = std::string(AuditStatusName(audit.status));
  m.inspectors = audit.inspectors;
  m.framework_id = f.id, m.framework_version = f.version, m.framework_title = f.title;
  m.framework_gloss = f.gloss, m.framework_sha256 = audit.framework_sha256;
  m.framework_source = f.source;
  const Date as_of = judged->as_of;
  const AuditSource& source = judged->source;
  m.as_of = as_of;
  m.toolkit_version = kVersion;
  Result<bool> synthetic = IsSynthetic(ws, *org);
  if (!synthetic.ok()) return synthetic.status();
  m.synthetic = *synthetic;
  m.scale = f.scale.levels;
  m.min_cases = f.scale.min_cases;
  m.aggregation = f.aggregation;
  m.deadlines = f.deadlines;

  if (source.snapshot && source.snapshot->partial) {
    return Status::Conflict(
        "audit " + std::to_string(id) + " came in a bundle with its sampled case files only, " +
        "and a report counts over the whole delivery: only the report files kept with it can " +
        "be written (see `vtaudit report versions --audit " + std::to_string(id) + "`)");
  }
  Result<long> population = CountReceived(ws, audit, source.cases);
  if (!population.ok()) return population.status();
  m.population = *population;
  Result<Sample> sample = CurrentSample(ws, id);
  if (sample.ok()) {
    m.sample = std::move(*sample);
  } else if (!sample.status().IsNotFound()) {
    return sample.status();
  }

  Result<std::vector<CurrentScore>> scores = CurrentScores(ws, id);
  if (!scores.ok()) return scores.status();
  for (const NodeJudgement& d : judged->judgement.domains) {
    m.domains.push_back(MakeNode(d, f, *scores));
  }

  TimelinessOptions options;
  options.period = {audit.period_start(), audit.period_end()};
  options.as_of = as_of;
  options.histogram_bins = kReportHistogramBins;
  TimelinessCalculator calculator(f, source.calendar, options);
  Status s = ForEachCase(ws, source.cases, {}, [&](const CaseRecord& c) { calculator.Add(c); });
  if (!s.ok()) return s;
  m.timeliness = calculator.Finish(audit.org);

  Result<std::vector<CriterionAgreement>> agreement = Agreement(ws, id);
  if (!agreement.ok()) return agreement.status();
  m.agreement = std::move(*agreement);

  const auto counted = CountedResults(*scores);
  if (m.sample) {
    for (const SampledCase& c : m.sample->cases) {
      ReportCase rc{c.case_id, c.stratum, {}};
      for (const Criterion* k : f.Criteria()) {
        auto it = counted.find({c.case_id, k->id});
        if (it != counted.end()) rc.results.emplace_back(k->id, it->second);
      }
      m.cases.push_back(std::move(rc));
    }
  }

  if (source.snapshot) {
    m.delivery_file = source.snapshot->extract_file;
    m.delivery_sha256 = source.snapshot->extract_sha256;
    if (source.frozen)
      m.version = source.snapshot->version, m.created_at = source.snapshot->created_at;
  } else {
    Result<std::optional<Delivery>> delivery = LatestDelivery(ws, audit.org);
    if (!delivery.ok()) return delivery.status();
    if (*delivery)
      m.delivery_file = (*delivery)->file_name, m.delivery_sha256 = (*delivery)->sha256;
  }
  Result<std::map<std::string, std::string>> not_judged = NotJudged(ws, id);
  if (!not_judged.ok()) return not_judged.status();
  m.not_judged = std::move(*not_judged);
  Result<std::vector<Response>> responses = Responses(ws, id);
  if (!responses.ok()) return responses.status();
  m.responses = std::move(*responses);

  Result<std::vector<Finding>> findings = CurrentFindings(ws, id);
  if (!findings.ok()) return findings.status();
  m.findings = std::move(*findings);
  m.framework = f;
  m.judgement = judged->judgement;

  Result<std::optional<Audit>> previous = PreviousAudit(ws, audit);
  if (!previous.ok()) return previous.status();
  if (*previous) {
    // The previous audit as of its own peildatum.
    Result<JudgedAudit> p = JudgeAudit(ws, (*previous)->id, calendar);
    if (!p.ok()) return p.status();
    m.previous_audit = p->audit.id;
    m.previous_period = p->audit.period;
    AttachChanges(&m.domains, *p);
  }
  return m;
}
}  // namespace vtaudit
