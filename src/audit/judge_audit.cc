#include "judge_audit.h"

#include "lifecycle.h"
#include "sample_draw.h"
#include "scoring.h"
#include "timeliness.h"

namespace vtaudit {

Result<AuditSource> SourceOf(Workspace* ws, const Audit& audit, const Framework& framework,
                             const Calendar& calendar, std::optional<Date> as_of) {
  AuditSource source{CaseSet{audit.org, 0}, EffectiveAsOf(audit, framework), calendar, false, {}};
  source.frozen = audit.status != AuditStatus::kDraft;
  if (as_of && source.frozen && *as_of != source.as_of) {
    return Status::Conflict("audit " + std::to_string(audit.id) + " is " +
                            std::string(AuditStatusName(audit.status)) + ": its peildatum " +
                            source.as_of.ToIso() + " is frozen; leave out --as-of");
  }
  Result<std::optional<AuditSnapshot>> snapshot = LatestSnapshot(ws, audit.id);
  if (!snapshot.ok()) return snapshot.status();
  if (*snapshot) {
    source.cases.snapshot = (*snapshot)->cases;
    Result<Calendar> frozen = Calendar::ParseXml((*snapshot)->calendar,
                                                 "audit " + std::to_string(audit.id) + " snapshot");
    if (!frozen.ok()) return frozen.status();
    source.calendar = std::move(*frozen);
    if (source.frozen) source.as_of = (*snapshot)->as_of;
    source.snapshot = std::move(*snapshot);
  }
  if (as_of && !source.frozen) source.as_of = *as_of;
  return source;
}

Result<std::map<std::string, MeasuredFigure>> MeasureDeadlines(Workspace* ws, const Audit& audit,
                                                               const Framework& framework,
                                                               const AuditSource& source) {
  if (source.snapshot && source.snapshot->partial) {
    // The snapshot came in a bundle with the sampled cases only (docs/bundles.md): its
    // figures over the whole delivery came with it, as of its peildatum.
    if (source.as_of != source.snapshot->as_of) {
      return Status::Conflict("audit " + std::to_string(audit.id) +
                              " came in a bundle with its sampled case files " +
                              "only: its deadlines are measured as of its frozen peildatum " +
                              source.snapshot->as_of.ToIso() + ", not " + source.as_of.ToIso() +
                              " (import the delivery and freeze it here to measure otherwise)");
    }
    if (source.snapshot->measured.empty()) {
      return Status::Conflict("audit " + std::to_string(audit.id) +
                              " came in a bundle without the figures measured over its delivery");
    }
    return source.snapshot->measured;
  }
  TimelinessOptions options;
  options.period = {audit.period_start(), audit.period_end()};
  options.as_of = source.as_of;
  options.cohort = Cohort::kCompleted;
  TimelinessCalculator calculator(framework, source.calendar, options);
  // The completed cohort is chosen by the to-event date, so every case of the organisation
  // is streamed: one received in December may finish in the audited year or the next.
  Status s =
      ForEachCase(ws, source.cases, CaseFilter{}, [&](const CaseRecord& c) { calculator.Add(c); });
  if (!s.ok()) return s;
  const TimelinessReport report = calculator.Finish(audit.org);
  std::map<std::string, MeasuredFigure> out;
  for (const DeadlineSummary& d : report.deadlines) {
    out[d.id] = MeasuredFigure{d.on_time, d.counted, d.norm, d.share_on_time};
  }
  return out;
}

Result<JudgementInput> LoadAuditInput(Workspace* ws, const Audit& audit,
                                      const AuditSource& source) {
  Result<std::vector<ScoreEntry>> scores = ScoreEntries(ws, audit.id);
  if (!scores.ok()) return scores.status();
  Result<std::vector<CaseRecord>> cases =
      LoadSampledCases(ws, audit.id, source.cases, source.as_of);
  if (!cases.ok()) return cases.status();
  JudgementInput input;
  input.sample = std::move(*cases);
  input.scores = std::move(*scores);
  return input;
}

Result<JudgedAudit> JudgeAudit(Workspace* ws, int64_t id, const Calendar& calendar,
                               std::optional<Date> as_of) {
  Result<Audit> audit = FindAudit(ws, id);
  if (!audit.ok()) return audit.status();
  Result<Framework> framework = ws->LoadFramework(audit->framework_sha256);
  if (!framework.ok()) return framework.status();
  Result<AuditSource> source = SourceOf(ws, *audit, *framework, calendar, as_of);
  if (!source.ok()) return source.status();
  Result<JudgementInput> input = LoadAuditInput(ws, *audit, *source);
  if (!input.ok()) return input.status();
  Result<std::map<std::string, MeasuredFigure>> measured =
      MeasureDeadlines(ws, *audit, *framework, *source);
  if (!measured.ok()) return measured.status();
  input->measured = std::move(*measured);
  Result<std::map<std::string, std::string>> not_judged = NotJudged(ws, id);
  if (!not_judged.ok()) return not_judged.status();
  input->not_judged = std::move(*not_judged);
  const Date effective = source->as_of;
  JudgedAudit out{std::move(*audit), std::move(*framework), std::move(*input), {},
                  effective,         std::move(*source)};
  out.judgement = Judge(out.framework, out.input);
  return out;
}

}  // namespace vtaudit
