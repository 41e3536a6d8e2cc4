#!/usr/bin/env bash
# A bounded loopback load on the service's LRS (not a test): 50 clients POSTing for 60 s,
# then every statement read back; fails unless no request failed and nothing was lost or doubled.
# Usage: scripts/load-lrs.sh [--postgres] [SECONDS] [CLIENTS]   (defaults 60 50)
#   --postgres  on a throwaway PostgreSQL cluster (scripts/postgres.sh) instead of SQLite
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p throughline-service --example load_lrs
if [ "${1:-}" = "--postgres" ]; then
  shift
  source scripts/postgres.sh
  pg_start ""
  psql -q "$PG_URL" -c "CREATE DATABASE load"
  export BENCH_DATABASE="${PG_URL%/*}/load"
fi
target/release/examples/load_lrs "$@"
