#include "secure_delete.h"

namespace vtaudit {

SecureDelete::SecureDelete(Database* db) : db_(db) {
  Result<Statement> q = db_->Prepare("PRAGMA main.secure_delete");
  if (q.ok() && q->Step()) before_ = q->Int(0);
  status_ = db_->Exec("PRAGMA main.secure_delete = ON");
}

SecureDelete::~SecureDelete() {
  // By name: SQLite reads the number 2 as a boolean, on, not as FAST.
  if (before_ == 0) (void)db_->Exec("PRAGMA main.secure_delete = OFF");
  if (before_ == 2) (void)db_->Exec("PRAGMA main.secure_delete = FAST");
}

}  // namespace vtaudit
