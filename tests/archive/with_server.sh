#!/usr/bin/env bash
# with_server.sh DIR COMMAND…: runs COMMAND against the server pg_server.sh started in DIR
# (PGSERVICEFILE, PGPASSFILE and ARCHIVE_SERVER_DIR set), or exits 77 (skipped) saying so
# where the server binaries are absent.
set -uo pipefail
dir=$1
shift
if [ ! -f "$dir/pg_service.conf" ]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "skipped: PostgreSQL server binaries not found (Debian package postgresql)"
    exit 77
  fi
  echo "no archive test server in $dir: run through ctest (fixture archive_server)" >&2
  exit 1
fi
export PGSERVICEFILE="$dir/pg_service.conf" PGPASSFILE="$dir/pgpass" ARCHIVE_SERVER_DIR="$dir"
exec "$@"
