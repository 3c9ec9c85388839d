// The inspector's workspace: one SQLite file holding organisations, frameworks,
// imported cases, audits, samples and the score trail. Opening it creates the file
// (mode 0600) when needed and runs the forward migrations, each in a transaction.
// One Workspace per thread.
#ifndef VTAUDIT_WORKSPACE_H_
#define VTAUDIT_WORKSPACE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "database.h"
#include "framework.h"
#include "organisation.h"
#include "status.h"

namespace vtaudit {

// A framework as stored: its identity and the exact bytes it was loaded from.
struct StoredFramework {
  std::string sha256;
  std::string id;
  std::string version;
  std::string title;
  std::string path;
};

class Workspace {
 public:
  // Opens or creates the workspace at `path`, creating its directory (mode 0700).
  static Result<std::unique_ptr<Workspace>> Open(const std::string& path);
  // $XDG_DATA_HOME/vtaudit/workspace.sqlite, else ~/.local/share/vtaudit/workspace.sqlite.
  static std::string DefaultPath();
  // The schema version this build migrates to.
  static int LatestSchemaVersion();

  Database& db() { return *db_; }
  const std::string& path() const { return db_->path(); }
  int schema_version();

  // Organisations. Adding an existing code is a Conflict.
  Status AddOrganisation(const Organisation& org);
  Result<std::vector<Organisation>> Organisations();
  // NotFound naming the code when there is none.
  Result<Organisation> FindOrganisation(const std::string& code);

  // Stores a framework with the bytes it was parsed from; storing the same bytes
  // twice stores them once. Returns true when it was new.
  Result<bool> StoreFramework(const Framework& f, std::string_view content,
                              const std::string& path);
  Result<std::vector<StoredFramework>> Frameworks();
  // Parses the stored bytes again. NotFound when no framework has that hash.
  Result<Framework> LoadFramework(const std::string& sha256);

 private:
  explicit Workspace(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  std::unique_ptr<Database> db_;
};

}  // namespace vtaudit

#endif  // VTAUDIT_WORKSPACE_H_
