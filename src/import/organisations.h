// The organisations file of samples/ (`code,name,region,size_weight`), read into plain
// structs and imported into a workspace. Import is all or nothing and idempotent.
#ifndef VTAUDIT_ORGANISATIONS_H_
#define VTAUDIT_ORGANISATIONS_H_

#include <string>
#include <vector>

#include "organisation.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

// Reads an organisations CSV: columns code and name required, region and size_weight
// optional (weight default 1, must be > 0), order free. Every bad row is reported as
// "FILE:LINE: column X: reason", or "FILE:LINE: N fields, header has M"; a code that
// repeats is a bad row.
Result<std::vector<Organisation>> ReadOrganisations(const std::string& path);

// What an import did.
struct OrganisationImport {
  int added = 0;
  int unchanged = 0;  // already present with the same name, region and weight
};

// Adds the file's organisations in one transaction. An organisation already present
// with identical fields is skipped; one present with other fields is a Conflict and
// nothing is added.
Status ImportOrganisations(Workspace* workspace, const std::string& path,
                           OrganisationImport* result = nullptr);

}  // namespace vtaudit

#endif  // VTAUDIT_ORGANISATIONS_H_
