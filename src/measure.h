// Judging an audit end to end, the one facade the command line, the reports and the web
// UI share: the audit, its stored framework, its scores and sample, and the timeliness
// figures that judge the measured criteria (each deadline's share on time over the
// organisation's whole extract, completed cohort, for the audit's year). The one place
// where judgement meets timeliness.h.
#ifndef VTAUDIT_MEASURE_H_
#define VTAUDIT_MEASURE_H_

#include <map>
#include <string>

#include "audit.h"
#include "calendar.h"
#include "date.h"
#include "framework.h"
#include "judgement.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

// Streams the audit organisation's cases through a TimelinessCalculator for the period
// 1 January .. 31 December of the audit's year (cohort completed) and returns, per
// deadline id of `framework`, on_time, counted, norm and share.
Result<std::map<std::string, MeasuredFigure>> MeasureDeadlines(Workspace* ws, const Audit& audit,
                                                               const Framework& framework,
                                                               const Calendar& calendar,
                                                               Date as_of);

// Everything a judged audit consists of, for printing, reports and the web UI.
struct JudgedAudit {
  Audit audit;
  Framework framework;
  JudgementInput input;  // scores, sample and measured figures
  Judgement judgement;
  Date as_of;
};

// Loads audit `id` and judges it as of `as_of`. NotFound when there is no such audit.
Result<JudgedAudit> JudgeAudit(Workspace* ws, int64_t id, const Calendar& calendar, Date as_of);

}  // namespace vtaudit

#endif  // VTAUDIT_MEASURE_H_
