#!/usr/bin/env bash
# Runs a bench verb against a private PostgreSQL started here (port VINCULO_BENCH_PG_PORT, default 55434),
# passing it as --pg right after the verb; the rest of the arguments follow, e.g.
#   bench/with-pg.sh import --rows 1000000 --provider both
#   bench/with-pg.sh segments --contacts 1000000 --events 10000000 --provider postgres
set -euo pipefail
cd "$(dirname "$0")/.."
verb=$1
shift

. scripts/lib/private-pg.sh
# A durable server (fsync on) sized for bulk loads: bigger buffers, checkpoints spaced out.
start_private_pg "${VINCULO_BENCH_PG_PORT:-55434}" fast -c shared_buffers=1GB -c max_wal_size=16GB -c checkpoint_timeout=30min -c synchronous_commit=on
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (shared_buffers=1GB, max_wal_size=16GB, fsync on)"

dotnet build bench/Vinculo.Bench -c Release -v q >/dev/null
dotnet bench/Vinculo.Bench/bin/Release/net10.0/Vinculo.Bench.dll "$verb" --pg "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres" "$@"
