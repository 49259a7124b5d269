#!/usr/bin/env bash
# Runs every test on a fresh Debian machine with the .NET SDK (extra arguments go to dotnet test,
# e.g. --filter FullyQualifiedName~Families):
#  - installs PostgreSQL and Chromium when missing (as root, from Debian's packages),
#  - starts a throw-away PostgreSQL server on 127.0.0.1,
#  - checks formatting, builds, and runs the whole suite against SQLite files and that server.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

. "$root/scripts/lib/private-pg.sh"

missing=()
find_pg_bin >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]} ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing ${missing[*]}: install them (sudo apt-get install -y ${missing[*]}) or run this script as root." >&2
    exit 1
  fi
fi

# Durability off: the server lives only as long as the test run.
start_private_pg "${VINCULO_TEST_PG_PORT:-55432}" immediate -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300
export VINCULO_TEST_PG="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Maximum Pool Size=20"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build Vinculo.slnx -c Release -warnaserror 2>&1 | grep -E "error|Warn|Elapsed" || true
dotnet build Vinculo.slnx -c Release --no-restore -v q >/dev/null
dotnet format Vinculo.slnx --verify-no-changes --no-restore

log="$root/test-results/test.log"
mkdir -p "$root/test-results"
set +e
dotnet test Vinculo.slnx -c Release --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log" | grep -vE "^\s+Passed " 
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole run, summed over the test projects.
awk '/^ +Passed: +[0-9]+$/ { p += $2 } /^ +Failed: +[0-9]+$/ { f += $2 } /^ +Skipped: +[0-9]+$/ { s += $2 }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
