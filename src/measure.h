// The timeliness figures that judge the measured criteria of an audit: each deadline's
// share on time over the organisation's whole extract, completed cohort, for the audit's
// year. The one place where judgement meets timeliness.h.
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

}  // namespace vtaudit

#endif  // VTAUDIT_MEASURE_H_
