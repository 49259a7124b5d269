#!/usr/bin/env bash
# Runs the `bulk` bench against a private PostgreSQL started here (port VINCULO_BENCH_PG_PORT, default 55434)
# and a temp SQLite file; arguments go to the bench, e.g. bench/bulk.sh --contacts 100000 --events 1000000.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_port=${VINCULO_BENCH_PG_PORT:-55434}
pg_dir=$(mktemp -d /tmp/vinculo-bench-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# A durable server (fsync on) sized for bulk loads: bigger buffers, checkpoints spaced out.
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c shared_buffers=1GB -c max_wal_size=16GB -c checkpoint_timeout=30min -c synchronous_commit=on" start >/dev/null
cleanup() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (shared_buffers=1GB, max_wal_size=16GB, fsync on)"

dotnet build bench/Vinculo.Bench -c Release -v q >/dev/null
dotnet bench/Vinculo.Bench/bin/Release/net10.0/Vinculo.Bench.dll bulk --pg "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres" "$@"
