// Starting an audit as `vtaudit audit new` and the web UI's new-audit page both do:
// CreateAudit (audit.h) with the framework from a file or from those the workspace stores
// already, and the default peildatum (DefaultAsOf, timeliness.h) computed on a calendar and
// stored with the audit, so that it never moves. Defined in audit.cc beside CreateAudit.
// Not thread-safe (one Workspace a thread).
#ifndef VTAUDIT_AUDIT_START_H_
#define VTAUDIT_AUDIT_START_H_

#include <string>

#include "audit.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

class Calendar;

struct AuditStart {
  // The audit; its framework_path is ignored when framework_sha256 is given.
  NewAudit audit;
  // A framework the workspace stores (Workspace::Frameworks()); "": audit.framework_path.
  std::string framework_sha256 = {};
  // With no audit.as_of: the default peildatum on this calendar is stored. Null: none is
  // (EffectiveAsOf decides when it is needed).
  const Calendar* calendar = nullptr;
};

// CreateAudit's checks and errors, and NotFound for an unknown stored framework.
Result<Audit> StartAudit(Workspace* ws, const AuditStart& start);

}  // namespace vtaudit

#endif  // VTAUDIT_AUDIT_START_H_
