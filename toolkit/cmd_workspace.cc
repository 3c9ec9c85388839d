// workspace restrict: the workspace's files restricted to their owner.
#include <cstdio>

#include "cli.h"
#include "database.h"

namespace vtaudit::cli {

int WorkspaceRestrict(Context& ctx) {
  // Not through ctx.workspace(): that would warn about what this command is about to fix.
  Result<std::vector<ExposedFile>> changed = RestrictWorkspaceFiles(ctx.db_path());
  if (!changed.ok()) return Fail(changed.status());
  if (changed->empty()) {
    std::printf("%s: already open to its owner only\n", Printable(ctx.db_path(), 200).c_str());
  }
  for (const ExposedFile& f : *changed) {
    std::printf("%s: now open to its owner only (mode 0600; it was %04o)\n",
                Printable(f.path, 200).c_str(), f.mode);
  }
  return 0;
}

}  // namespace vtaudit::cli
