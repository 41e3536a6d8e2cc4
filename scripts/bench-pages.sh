#!/usr/bin/env bash
# How long the service's LRS takes to give a page of a program's statements, as the dashboard
# asks for them, on a data folder seeded with a cohort (e.g. by
# `DATA=dir scripts/bench-dashboard.sh 100000`, a million statements): starts the release demo
# on it, reads the admin's key from its dashboard page, and times 200 pages of `format=ids`
# and of `format=exact`, one after another, ROUNDS times (default 2).
# Usage: scripts/bench-pages.sh DATA_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: scripts/bench-pages.sh DATA_DIR (seeded by scripts/bench-dashboard.sh)}
[ -d "$data/lrs" ] || { echo "bench-pages: $data holds no LRS; seed it with DATA=$data scripts/bench-dashboard.sh N" >&2; exit 1; }
cargo build --release -p throughline-demo
log=$(mktemp)
target/release/throughline-demo --addr 127.0.0.1:0 --data "$data" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
origin=
for _ in $(seq 1 100); do
  origin=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$log" | head -n 1 || true)
  [ -n "$origin" ] && break
  sleep 0.2
done
[ -n "$origin" ] || { cat "$log" >&2; echo "bench-pages: the demo did not start" >&2; exit 1; }
options=$(curl -sf "$origin/admin?as=admin")
key=$(echo "$options" | grep -oE '"key":"[^"]+"' | head -n 1 | cut -d'"' -f4)
secret=$(echo "$options" | grep -oE '"secret":"[^"]+"' | head -n 1 | cut -d'"' -f4)
for _ in $(seq 1 "${ROUNDS:-2}"); do
  python3 scripts/bench-pages.py "$origin" "$key" "$secret" 200 ids
  python3 scripts/bench-pages.py "$origin" "$key" "$secret" 200 exact
done
