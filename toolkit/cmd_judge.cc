// judge: the judgement per criterion, standard and domain, with --explain the numbers and
// the rule behind every level. Measured criteria take their figures from MeasureDeadlines.
#include <cstdio>

#include "audit.h"
#include "calendar.h"
#include "cli.h"
#include "json_writer.h"
#include "judgement.h"
#include "measure.h"
#include "scoring.h"

namespace vtaudit::cli {
namespace {

void PrintNode(const NodeJudgement& n, int depth, bool explain) {
  const std::string indent(static_cast<size_t>(depth) * 2, ' ');
  std::string line = indent + n.id + "  " + n.level.value_or("niet beoordeeld");
  if (n.kind == "criterion" && (n.met + n.not_met + n.not_applicable + n.unscored) > 0) {
    line += "  (met " + std::to_string(n.met) + ", not met " + std::to_string(n.not_met) +
            ", nvt " + std::to_string(n.not_applicable);
    if (n.unscored > 0) line += ", unscored " + std::to_string(n.unscored);
    if (n.share) line += ", share " + FormatFigure(*n.share);
    line += ")";
  }
  if (n.incomplete) line += "  [incomplete]";
  std::printf("%s\n", line.c_str());
  if (explain) std::printf("%s  why: %s\n", indent.c_str(), Printable(n.explanation, 4096).c_str());
  for (const NodeJudgement& c : n.children) PrintNode(c, depth + 1, explain);
}

}  // namespace

int JudgeCommand(Context& ctx) {
  const int64_t id = RequiredAuditId(ctx);
  Date as_of = Date::Today();
  if (std::optional<std::string> text = ctx.Get("--as-of")) {
    std::optional<Date> d = Date::ParseIso(*text);
    if (!d) throw UsageError("--as-of must be a date YYYY-MM-DD, got '" + *text + "'");
    as_of = *d;
  }
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
  std::printf("audit %lld: %s %d, framework %s %s, as of %s, sample of %zu cases\n",
              static_cast<long long>(audit->id), audit->org.c_str(), audit->period,
              audit->framework_id.c_str(), audit->framework_version.c_str(), as_of.ToIso().c_str(),
              input->sample.size());
  for (const NodeJudgement& d : judgement.domains) PrintNode(d, 0, ctx.Flag("--explain"));
  return 0;
}

}  // namespace vtaudit::cli
