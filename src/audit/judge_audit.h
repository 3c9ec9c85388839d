// Judging an audit end to end, the one facade the command line, the reports and the web
// UI share: the audit, its stored framework, its scores and sample, and the timeliness
// figures that judge the measured criteria (each deadline's share on time over the
// organisation's whole extract, completed cohort, for the audit's year). The one place
// where judgement meets timeliness.h.
//
// Everything is computed as of the audit's peildatum, from the audit's source (AuditSource):
// a draft that was never frozen reads the workspace's cases; once frozen at concept, the
// audit reads the cases and calendar of its snapshot (snapshot.h), in draft again too, so a
// later delivery never moves it. Sampled cases are judged as they stood at the peildatum:
// events after it have not happened (AsOf in case_record.h).
#ifndef VTAUDIT_JUDGE_AUDIT_H_
#define VTAUDIT_JUDGE_AUDIT_H_

#include <map>
#include <string>

#include "audit.h"
#include "calendar.h"
#include "case_store.h"
#include "date.h"
#include "framework.h"
#include "judgement.h"
#include "snapshot.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

// Where an audit's figures come from, and as of when.
struct AuditSource {
  CaseSet cases;                              // the workspace's, or a snapshot's
  Date as_of;                                 // the peildatum
  Calendar calendar = Calendar::Statutory();  // the snapshot's once frozen, else the one given
  bool frozen = false;                    // concept or final: every figure from the latest snapshot
  std::optional<AuditSnapshot> snapshot;  // the latest, when the audit was ever frozen
};

// The source of `audit`. `as_of` (an explicit --as-of) replaces the peildatum of a draft,
// to look ahead or back; a concept or final audit refuses it (Conflict), its peildatum is
// frozen.
Result<AuditSource> SourceOf(Workspace* ws, const Audit& audit, const Framework& framework,
                             const Calendar& calendar, std::optional<Date> as_of);

// Streams the source's cases through a TimelinessCalculator for the period 1 January ..
// 31 December of the audit's year (cohort completed) and returns, per deadline id of
// `framework`, on_time, counted, norm and share.
Result<std::map<std::string, MeasuredFigure>> MeasureDeadlines(Workspace* ws, const Audit& audit,
                                                               const Framework& framework,
                                                               const AuditSource& source);

// The sampled cases (as they stood at the peildatum) and the current scores.
Result<JudgementInput> LoadAuditInput(Workspace* ws, const Audit& audit, const AuditSource& source);

// Everything a judged audit consists of, for printing, reports and the web UI.
struct JudgedAudit {
  Audit audit;
  Framework framework;
  JudgementInput input;  // scores, sample and measured figures
  Judgement judgement;
  Date as_of;
  AuditSource source;
};

// Loads audit `id` and judges it as of its peildatum (or, for a draft, `as_of` when
// given; see SourceOf). NotFound when there is no such audit.
Result<JudgedAudit> JudgeAudit(Workspace* ws, int64_t id, const Calendar& calendar,
                               std::optional<Date> as_of = std::nullopt);

}  // namespace vtaudit

#endif  // VTAUDIT_JUDGE_AUDIT_H_
