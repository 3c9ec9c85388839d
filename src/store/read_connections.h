// Reading one workspace on several threads at once.
#ifndef VTAUDIT_STORE_READ_CONNECTIONS_H_
#define VTAUDIT_STORE_READ_CONNECTIONS_H_

#include <cstddef>
#include <functional>

#include "database.h"
#include "status.h"
#include "workspace.h"

namespace vtaudit {

// Runs work(db, t) for t = 0 … threads - 1 at the same time, each on a thread and a
// read-only connection of its own to the workspace file (t = 0 on the caller's thread with
// the workspace's own connection), and returns when all are done; fails, running nothing,
// when a connection cannot be opened. `work` reports its own outcome.
Status OnReadConnections(Workspace* ws, size_t threads,
                         const std::function<void(Database*, size_t)>& work);

}  // namespace vtaudit

#endif  // VTAUDIT_STORE_READ_CONNECTIONS_H_
