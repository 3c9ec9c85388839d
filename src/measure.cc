#include "measure.h"

#include "case_store.h"
#include "scoring.h"
#include "timeliness.h"

namespace vtaudit {

Result<std::map<std::string, MeasuredFigure>> MeasureDeadlines(Workspace* ws, const Audit& audit,
                                                               const Framework& framework,
                                                               const Calendar& calendar,
                                                               Date as_of) {
  TimelinessOptions options;
  options.period = {audit.period_start(), audit.period_end()};
  options.as_of = as_of;
  options.cohort = Cohort::kCompleted;
  TimelinessCalculator calculator(framework, calendar, options);
  // The completed cohort is chosen by the to-event date, so every case of the organisation
  // is streamed: one received in December may finish in the audited year or the next.
  Status s =
      ForEachCase(ws, audit.org, CaseFilter{}, [&](const CaseRecord& c) { calculator.Add(c); });
  if (!s.ok()) return s;
  const TimelinessReport report = calculator.Finish(audit.org);
  std::map<std::string, MeasuredFigure> out;
  for (const DeadlineSummary& d : report.deadlines) {
    out[d.id] = MeasuredFigure{d.on_time, d.counted, d.norm, d.share_on_time};
  }
  return out;
}

Result<JudgedAudit> JudgeAudit(Workspace* ws, int64_t id, const Calendar& calendar, Date as_of) {
  Result<Audit> audit = FindAudit(ws, id);
  if (!audit.ok()) return audit.status();
  Result<Framework> framework = ws->LoadFramework(audit->framework_sha256);
  if (!framework.ok()) return framework.status();
  Result<JudgementInput> input = LoadJudgementInput(ws, id);
  if (!input.ok()) return input.status();
  Result<std::map<std::string, MeasuredFigure>> measured =
      MeasureDeadlines(ws, *audit, *framework, calendar, as_of);
  if (!measured.ok()) return measured.status();
  input->measured = std::move(*measured);
  JudgedAudit out{std::move(*audit), std::move(*framework), std::move(*input), {}, as_of};
  out.judgement = Judge(out.framework, out.input);
  return out;
}

}  // namespace vtaudit
