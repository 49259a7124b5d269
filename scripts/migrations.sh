#!/usr/bin/env bash
# Regenerates one migration for each provider: scripts/migrations.sh NAME
# Before the first release the schema is still one "Initial" migration: scripts/migrations.sh --reset
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
name=${1:?migration name, or --reset}
if [ "$name" = "--reset" ]; then
  rm -rf src/Vinculo/Storage/Migrations
  name=Initial
fi
# A stale build still holds the old model snapshots, so build first.
dotnet build src/Vinculo.App -v q -nologo >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Vinculo --startup-project src/Vinculo.App \
    --context "${provider}VinculoDbContext" --output-dir "Storage/Migrations/$provider"
done
