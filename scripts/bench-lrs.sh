#!/usr/bin/env bash
# Load figures for the service's xAPI LRS next to an anchor nobody here wrote (not a test):
# the same client (service/examples/bench_lrs.rs) POSTs STATEMENTS in batches of BATCH and
# times filtered GETs of pages of PAGE that follow `more`, one after another in one run: this
# LRS on SQLite (a temp data dir), this LRS on PostgreSQL (a throwaway cluster with PostgreSQL's
# durable defaults, scripts/postgres.sh), then Learning Locker's statements service (npm
# xapi-statements, in memory, on a free loopback port).
#
# Usage: scripts/bench-lrs.sh [STATEMENTS] [BATCH] [PAGE]   (defaults 10000 100 100)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
cargo build --release -p throughline-service --example bench_lrs
bench=target/release/examples/bench_lrs
echo "== Throughline LRS (SQLite)"
"$bench" "$@"

echo "== Throughline LRS (PostgreSQL)"
source scripts/postgres.sh
pg_start ""
psql -q "$PG_URL" -c "CREATE DATABASE bench"
BENCH_DATABASE="${PG_URL%/*}/bench" BENCH_BEFORE_READS="psql -q ${PG_URL%/*}/bench -c ANALYZE" "$bench" "$@"
pg_stop

echo "== Learning Locker's xapi-statements (in memory), the anchor"
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
dir=$(mktemp -d)
( cd "$dir" && AUTH_REPO=test EVENTS_REPO=test MODELS_REPO=memory STORAGE_REPO=local FS_LOCAL_STORAGE_DIR="$dir" \
  EXPRESS_PORT="$port" exec node "$OLDPWD/node_modules/xapi-statements/dist/server.js" >/dev/null 2>&1 ) &
ll=$!
trap 'kill $ll 2>/dev/null; rm -rf "$dir"; pg_stop' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/xAPI/about" >/dev/null && break; sleep 0.2; done
BENCH_ENDPOINT="http://127.0.0.1:$port/xAPI" BENCH_AUTH="Basic $(printf 'bench:bench' | base64)" "$bench" "$@"
