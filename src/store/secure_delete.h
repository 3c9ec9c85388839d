// Zeroing what SQLite frees: while a SecureDelete lives, the pages SQLite frees in the main
// database of a connection (a replaced note, a withdrawn file) are overwritten with zeros, so
// the old text does not linger in free space of the workspace file. `score redact`
// (report/redaction.h) and a bundle that brings a redaction (exchange/bundle.h) use it. Only
// the main database is touched (a bundle attached beside it is not); the connection's setting
// is restored when it ends. Used from the thread that uses its Database.
#ifndef VTAUDIT_SECURE_DELETE_H_
#define VTAUDIT_SECURE_DELETE_H_

#include <cstdint>

#include "database.h"
#include "status.h"

namespace vtaudit {

class SecureDelete {
 public:
  // Turns secure_delete on for `db`'s main database. REQUIRES: `db` outlives it.
  explicit SecureDelete(Database* db);
  // Puts the setting back as it was.
  ~SecureDelete();
  SecureDelete(const SecureDelete&) = delete;
  SecureDelete& operator=(const SecureDelete&) = delete;

  // Whether turning it on worked.
  const Status& status() const { return status_; }

 private:
  Database* db_;
  int64_t before_ = 0;  // the setting found: 0 off, 1 on, 2 fast
  Status status_;
};

}  // namespace vtaudit

#endif  // VTAUDIT_SECURE_DELETE_H_
