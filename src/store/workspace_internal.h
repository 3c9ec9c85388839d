// Schema migrations, exposed for the workspace tests that start from every earlier
// version. Not for use outside workspace.cc and its tests.
#ifndef VTAUDIT_WORKSPACE_INTERNAL_H_
#define VTAUDIT_WORKSPACE_INTERNAL_H_

#include <string_view>
#include <vector>

#include "database.h"

namespace vtaudit::internal {

// Migration i (0-based) takes the schema from version i to version i + 1.
const std::vector<std::string_view>& Migrations();
// Applies the migrations from the file's PRAGMA user_version up to `target`.
Status MigrateTo(Database* db, int target);

}  // namespace vtaudit::internal

#endif  // VTAUDIT_WORKSPACE_INTERNAL_H_
