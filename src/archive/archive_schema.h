// The archive's own schema (PostgreSQL schema `vtaudit`), kept like the workspace's: a
// schema_version table and forward migrations, each in one transaction under an advisory
// lock, so two first pushes at once create it once. The tables, their rows and the roles
// are described in docs/archive.md. Private to the archive layer.
#ifndef VTAUDIT_ARCHIVE_SCHEMA_H_
#define VTAUDIT_ARCHIVE_SCHEMA_H_

#include "pg_connection.h"
#include "status.h"

namespace vtaudit {

// The schema version this build migrates to.
int LatestArchiveSchemaVersion();
// The archive's schema version; 0 for a database without the schema.
Result<int> ArchiveSchemaVersion(PgConnection* conn);
// Runs the migrations the archive lacks. A role without the right to create tables gets
// an error saying who must migrate. Invalid when the archive is newer than this build.
Status MigrateArchive(PgConnection* conn);

}  // namespace vtaudit

#endif  // VTAUDIT_ARCHIVE_SCHEMA_H_
