#include "read_connections.h"

#include <memory>
#include <thread>
#include <vector>

namespace vtaudit {

Status OnReadConnections(Workspace* ws, size_t threads,
                         const std::function<void(Database*, size_t)>& work) {
  std::vector<std::unique_ptr<Database>> readers;
  for (size_t t = 1; t < threads; ++t) {
    Result<std::unique_ptr<Database>> db = Database::OpenReadOnly(ws->db().path());
    if (!db.ok()) return db.status();
    readers.push_back(std::move(*db));
  }
  std::vector<std::jthread> pool;  // declared after the readers: joins before they close
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, readers[t - 1].get(), t);
  work(&ws->db(), 0);
  return Status::Ok();
}

}  // namespace vtaudit
