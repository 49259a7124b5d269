#!/usr/bin/env bash
# The `bulk` bench against a private PostgreSQL and a temp SQLite file; arguments go to the bench,
# e.g. bench/bulk.sh --contacts 100000 --events 1000000.
exec "$(dirname "$0")/with-pg.sh" bulk "$@"
