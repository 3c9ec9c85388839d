#!/usr/bin/env bash
# Runs one golden CLI test file, or checks that every command has one.
#   run_golden.sh BIN_DIR SOURCE_DIR FILE.test   run the file's commands, compare outputs
#   run_golden.sh BIN_DIR SOURCE_DIR --coverage  fail when a command has no golden test
# A test file holds blocks:
#   $ vtaudit --db "$WS" org list     a command line (run by bash in SOURCE_DIR)
#   > text                            expected stdout line
#   ! text                            expected stderr line
#   ? 1                               expected exit status (default 0)
# Lines starting with '#' and blank lines between blocks are comments. $WS is a fresh
# workspace path and $TMP a fresh directory per file; `vtaudit` is the built binary.
# With VTAUDIT_GOLDEN_UPDATE=1 the file is rewritten with the actual outputs.
set -uo pipefail
bin_dir=$(cd "$1" && pwd) src=$(cd "$2" && pwd) what=$3
export PATH="$bin_dir:$PATH" LC_ALL=C.UTF-8 TZ=Europe/Amsterdam
unset VTAUDIT_INSPECTOR
# Commands in tests pass --db; the default workspace path still shows in --help.
export XDG_DATA_HOME=/tmp/vtaudit-golden-xdg

if [ "$what" = --coverage ]; then
  missing=0
  while read -r name; do
    if ! grep -hqE "^\\$ vtaudit( --db [^ ]+)? $name( |$)" "$src"/tests/cli/*.test; then
      echo "no golden CLI test for 'vtaudit $name'"
      missing=1
    fi
  done < <(vtaudit --help | sed -n '/^commands:/,/^$/p' | sed '1d;/^$/d' | cut -c3-24 | sed 's/ *$//')
  exit $missing
fi

file=$what
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export WS="$tmp/workspace.sqlite" TMP="$tmp" SRC="$src"
cd "$src" || exit 1

fail=0
out_file="$tmp/.golden.new"
: >"$out_file"
cmd="" ; exp_out="" ; exp_err="" ; exp_rc=0
run_block() {
  [ -z "$cmd" ] && return
  local got_out got_err rc
  got_out=$(bash -c "$cmd" 2>"$tmp/.stderr"; echo "rc=$?")
  rc=${got_out##*rc=}
  got_out=${got_out%rc=*}
  got_out=${got_out%$'\n'}
  got_err=$(cat "$tmp/.stderr")
  {
    printf '$ %s\n' "$cmd"
    [ -n "$got_out" ] && printf '%s\n' "$got_out" | sed 's/^/> /'
    [ -n "$got_err" ] && printf '%s\n' "$got_err" | sed 's/^/! /'
    [ "$rc" != 0 ] && printf '? %s\n' "$rc"
    printf '\n'
  } >>"$out_file"
  if [ "$got_out" != "$exp_out" ] || [ "$got_err" != "$exp_err" ] || [ "$rc" != "$exp_rc" ]; then
    fail=1
    echo "FAILED: \$ $cmd"
    [ "$rc" != "$exp_rc" ] && echo "  exit status: expected $exp_rc, got $rc"
    if [ "$got_out" != "$exp_out" ]; then
      echo "  stdout differs:"; diff <(printf '%s\n' "$exp_out") <(printf '%s\n' "$got_out") | sed 's/^/    /'
    fi
    if [ "$got_err" != "$exp_err" ]; then
      echo "  stderr differs:"; diff <(printf '%s\n' "$exp_err") <(printf '%s\n' "$got_err") | sed 's/^/    /'
    fi
  fi
  cmd="" ; exp_out="" ; exp_err="" ; exp_rc=0
}
append() { if [ -z "$2" ] && [ "$1" = "" ]; then printf '%s' "$3"; else printf '%s\n%s' "$1" "$3"; fi; }
header=""
in_header=1
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    '$ '*) in_header=0; run_block; cmd=${line#\$ } ; exp_out="" ; exp_err="" ; started_out=0 ; started_err=0 ;;
    '> '*|'>') v=${line#>}; v=${v# }; if [ "${started_out:-0}" = 1 ]; then exp_out+=$'\n'"$v"; else exp_out=$v; started_out=1; fi ;;
    '! '*|'!') v=${line#!}; v=${v# }; if [ "${started_err:-0}" = 1 ]; then exp_err+=$'\n'"$v"; else exp_err=$v; started_err=1; fi ;;
    '? '*) exp_rc=${line#? } ;;
    *) [ $in_header = 1 ] && header+="$line"$'\n' ;;
  esac
done <"$file"
run_block

if [ "${VTAUDIT_GOLDEN_UPDATE:-}" = 1 ]; then
  { printf '%s' "$header"; cat "$out_file"; } | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$file"
  echo "updated $file"
  exit 0
fi
exit $fail
