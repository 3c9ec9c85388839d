#!/usr/bin/env bash
# A throwaway PostgreSQL server for the archive tests, on 127.0.0.1 only.
#   pg_server.sh start DIR   initdb in a new directory under $TMPDIR (scram-sha-256, a random
#                            superuser password), start on a free port, create the test
#                            databases and the roles of docs/archive.md, and write
#                            DIR/pg_service.conf and DIR/pgpass (0600) for them
#   pg_server.sh stop DIR    stop it and remove both directories
# The server's own directory is under $TMPDIR (default /tmp) because the `postgres` user
# must reach it, which it may not below a checkout in root's home.
# Exits 77 (CTest's skip) with "skipped: PostgreSQL server binaries not found" where
# initdb and pg_ctl are not installed. Run as root (CI), the server runs as `postgres`,
# which initdb requires.
set -euo pipefail
what=$1 dir=$2
src=$(cd "$(dirname "$0")/../.." && pwd)

bin=""
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && bin=$d
done

as_server() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "$what" = stop ]; then
  if [ -f "$dir/server_dir" ]; then
    server=$(cat "$dir/server_dir")
    if [ -n "$bin" ] && [ -f "$server/data/postmaster.pid" ]; then
      as_server "$bin/pg_ctl" -D "$server/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$server"
  fi
  rm -rf "$dir"
  exit 0
fi

if [ -z "$bin" ]; then
  echo "skipped: PostgreSQL server binaries not found (Debian package postgresql)"
  exit 77
fi

if [ -f "$dir/server_dir" ]; then bash "$0" stop "$dir"; fi
rm -rf "$dir"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
server=$(mktemp -d "${TMPDIR:-/tmp}/vtaudit-pg.XXXXXX")
printf '%s\n' "$server" >"$dir/server_dir"
admin_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
inspector_password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$admin_password" >"$server/admin.pw"
if [ "$(id -u)" = 0 ]; then chown -R postgres "$server"; fi
as_server "$bin/initdb" -D "$server/data" -U vtaudit_admin -A scram-sha-256 --pwfile="$server/admin.pw" \
  -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
rm -f "$server/admin.pw"

# A free port: ask the kernel for one, then hand it to the server (retry if taken meanwhile).
started=0
for _ in 1 2 3 4 5; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if as_server "$bin/pg_ctl" -D "$server/data" -w -t 30 -l "$server/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $server -c fsync=off" start >/dev/null; then
    started=1
    break
  fi
done
[ $started = 1 ] || { cat "$server/server.log"; exit 1; }
printf '%s\n' "$port" >"$dir/port"

{
  printf '127.0.0.1:%s:*:vtaudit_admin:%s\n' "$port" "$admin_password"
  for r in inspector_a inspector_b reader; do
    printf '127.0.0.1:%s:*:%s:%s\n' "$port" "$r" "$inspector_password"
  done
} >"$dir/pgpass"
chmod 600 "$dir/pgpass"
: >"$dir/pg_service.conf"
for db in golden e2e rls bench readme; do
  printf '[vtaudit_%s]\nhost=127.0.0.1\nport=%s\ndbname=vtaudit_%s\nuser=vtaudit_admin\n\n' \
    "$db" "$port" "$db" >>"$dir/pg_service.conf"
done

export PGPASSFILE="$dir/pgpass"
psql() { "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U vtaudit_admin "$@"; }
for db in golden e2e rls bench readme; do psql -d postgres -c "CREATE DATABASE vtaudit_$db"; done
psql -d postgres -f "$src/docs/archive-roles.sql"
for r in inspector_a inspector_b; do
  psql -d postgres -c "CREATE ROLE $r LOGIN PASSWORD '$inspector_password' IN ROLE vtaudit_inspector"
done
psql -d postgres -c "CREATE ROLE reader LOGIN PASSWORD '$inspector_password' IN ROLE vtaudit_reader"
echo "PostgreSQL on 127.0.0.1:$port ($dir)"
