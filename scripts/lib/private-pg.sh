# Sourced by scripts/test.sh and the bench scripts: starts a throw-away PostgreSQL server on
# 127.0.0.1 and stops and deletes it when the calling script exits.
#   start_private_pg PORT STOP_MODE [-c name=value ...]
# Sets pg_bin, pg_dir and pg_port; the server trusts local connections as user postgres.

find_pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

start_private_pg() {
  pg_port=$1
  pg_stop_mode=$2
  shift 2
  pg_bin=$(find_pg_bin)
  pg_dir=$(mktemp -d /tmp/vinculo-pg.XXXXXX)
  pg_as=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$pg_dir"
    pg_as=(runuser -u postgres --)
  fi
  "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir $*" start >/dev/null
  trap stop_private_pg EXIT
}

stop_private_pg() {
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m "$pg_stop_mode" stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
