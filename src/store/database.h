// A thin RAII layer over the SQLite C API: one error model (Status), prepared
// statements with typed binds, and transactions that roll back unless committed.
// A Database is used from one thread at a time (the web server opens one per worker).
#ifndef VTAUDIT_DATABASE_H_
#define VTAUDIT_DATABASE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace vtaudit {

class Database;

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();

  // Binds are 1-based, like SQLite's.
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  // Binds without a copy. REQUIRES: `text` stays valid until the next Reset/Run or bind.
  Statement& BindStatic(int index, std::string_view text);
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, int64_t{value}); }
  Statement& Bind(int index, double value);
  Statement& BindOptional(int index, const std::optional<std::string>& text);
  Statement& BindNull(int index);
  // Binds bytes as a BLOB: binary content such as a PDF, kept byte for byte.
  Statement& BindBlob(int index, std::string_view bytes);

  // Advances; true when a row is ready, false when done. Errors through status(), also
  // the first bind that failed since the last Reset (a statement with a parameter that
  // did not bind does not run).
  bool Step();
  // Steps to the end; returns the outcome.
  Status Run();
  // Steps to the end and rewinds, keeping the bindings: for a hot loop that binds every
  // parameter again before each run.
  Status RunKeepingBindings();
  // Makes the statement ready for new binds.
  void Reset();
  // The error of the last Step, if any.
  const Status& status() const { return status_; }

  std::string Text(int column) const;  // 0-based, like SQLite's
  // The text without a copy; valid until the next Step, Reset or column call.
  std::string_view TextView(int column) const;
  std::optional<std::string> OptionalText(int column) const;
  std::string Blob(int column) const;
  int64_t Int(int column) const;
  double Double(int column) const;
  bool IsNull(int column) const;

 private:
  friend class Database;
  Statement(Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}

  // Keeps the first failed bind's error for Step.
  Statement& Bound(int rc);

  Database* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
  Status bind_error_;
};

class Database {
 public:
  // Opens (and creates, when `create`) the file, only ever through SQLite: a descriptor
  // of our own, once closed, would drop the locks of every connection of this process. A
  // new file is restricted to mode 0600, so case data is never readable by others.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, bool create);
  // Opens an existing file for reading only: a second connection beside the one that owns
  // the workspace, for a thread of its own. Changes nothing in the file; a read sees what
  // was committed when it began.
  static Result<std::unique_ptr<Database>> OpenReadOnly(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without results.
  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  int64_t LastInsertId() const;
  int Changes() const;
  // The current SQLite error as a Status naming the database file.
  Status Error(std::string_view what) const;
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  // The status for a write lock that another connection held past the busy timeout.
  Status Busy() const;
  Database() = default;
  sqlite3* db_ = nullptr;
  std::string path_;
};

// BEGIN IMMEDIATE … COMMIT; the destructor rolls back what was not committed.
class Transaction {
 public:
  explicit Transaction(Database* db);
  ~Transaction();
  const Status& status() const { return begin_; }  // whether BEGIN worked
  Status Commit();

 private:
  Database* db_;
  Status begin_;
  bool done_ = false;
};

// A file of a workspace that others than its owner may read or write (a copy from
// elsewhere, an archive unpacked, a chmod): it holds case files.
struct ExposedFile {
  std::string path;
  unsigned mode = 0;  // the permission bits, e.g. 0644
};

// The files of the workspace at `path` (the file and, when they exist, its -wal, -shm and
// -journal) whose mode lets group or others in (any bit of 077). Changes nothing; a file
// that cannot be examined is not listed.
std::vector<ExposedFile> ExposedWorkspaceFiles(const std::string& path);

// Restricts those files to their owner (mode 0600); the files it changed, with their
// mode before. NotFound when there is no workspace at `path`.
Result<std::vector<ExposedFile>> RestrictWorkspaceFiles(const std::string& path);

}  // namespace vtaudit

#endif  // VTAUDIT_DATABASE_H_
