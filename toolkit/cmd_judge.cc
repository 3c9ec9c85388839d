// judge: the judgement per criterion, standard and domain; with --explain the numbers and
// the rule behind every level in a sentence of --lang (nl by default, explanation.h). Measured
// criteria take their figures from MeasureDeadlines.
#include <cstdio>

#include "audit.h"
#include "calendar.h"
#include "cli.h"
#include "explanation.h"
#include "json_writer.h"
#include "judge_audit.h"
#include "judgement.h"
#include "lifecycle.h"
#include "scoring.h"
#include "translator.h"

namespace vtaudit::cli {
int JudgeCommand(Context& ctx) {
  const int64_t id = RequiredAuditId(ctx);
  const std::optional<Date> as_of = ctx.OptionalAsOf();
  Result<Calendar> calendar =
      Calendar::LoadFile(ctx.Get("--calendar").value_or(DefaultCalendarPath()));
  if (!calendar.ok()) return Fail(calendar.status());
  Result<Workspace*> ws = ctx.workspace();
  if (!ws.ok()) return Fail(ws.status());
  Result<JudgedAudit> judged = JudgeAudit(*ws, id, *calendar, as_of);
  if (!judged.ok()) return Fail(judged.status());
  const Judgement& judgement = judged->judgement;
  const Audit* audit = &judged->audit;
  const JudgementInput* input = &judged->input;
  if (ctx.Flag("--json")) {
    JsonWriter w;
    WriteJudgementJson(judgement, &w);
    std::fputs(w.str().c_str(), stdout);
    return 0;
  }
  if (ctx.Flag("--explain")) {
    // The explanation is for people: in their language, with names instead of ids.
    const std::string lang = ctx.LangOption();
    Result<Translator> t =
        Translator::Load(DataDir() + "/reports/text-" + lang + ".properties", lang);
    if (!t.ok()) return Fail(t.status());
    Result<std::map<std::string, std::string>> not_judged = NotJudged(*ws, id);
    if (!not_judged.ok()) return Fail(not_judged.status());
    std::printf("%s\n", t->T("judge.header", {{"audit", std::to_string(audit->id)},
                                              {"organisation", audit->org},
                                              {"period", std::to_string(audit->period)},
                                              {"framework", audit->framework_id},
                                              {"version", audit->framework_version},
                                              {"as_of", t->LongDate(judged->as_of)},
                                              {"n", std::to_string(input->sample.size())}})
                            .c_str());
    std::fputs(ExplainJudgement(judgement, judged->framework, *not_judged, *t).c_str(), stdout);
    return 0;
  }
  std::printf("audit %lld: %s %d, framework %s %s, as of %s, sample of %zu cases\n",
              static_cast<long long>(audit->id), audit->org.c_str(), audit->period,
              audit->framework_id.c_str(), audit->framework_version.c_str(),
              judged->as_of.ToIso().c_str(), input->sample.size());
  std::fputs(JudgementText(judgement, false).c_str(), stdout);
  return 0;
}

}  // namespace vtaudit::cli
