#!/usr/bin/env bash
# Load figures for the adoption dashboard (not a test): how long the admin page
# takes from navigation until the dashboard has drawn its report, on a seeded
# cohort, over the service's snapshot and over the plain-LRS path (every
# statement read in the browser, the fold cached in IndexedDB), each as a first
# load and a repeat visit, with the tab's memory.
#
# Builds the demo in release, starts it on a free loopback port with a temp
# data dir and `--seed-cohort N`, runs scripts/bench-dashboard.mjs (headless
# Chromium through playwright-core) against /admin?as=admin, then stops the
# server and removes the temp dir.
#
# Usage: scripts/bench-dashboard.sh [LEARNERS]      (default 2000)
#   BUNDLE=dir      widget bundle to serve (default service/static/pkg); the
#                   dashboard is loaded from its admin/ folder
#   TIMEOUT_MS=n    how long to wait for the dashboard (default 120000)
#   SEED_S=n        how long to wait for the demo to seed (default 120; 100,000 learners take minutes)
#   ONLY=service|plain   one way in only (the plain path is also measured over a bare DevTools
#                   connection, for the tab's memory without Playwright's network agent)
#   DATA=dir        keep the demo's data folder there (seeded once, reused by later runs: the
#                   demo seeds a folder only once), instead of a temp dir removed at the end
set -euo pipefail
cd "$(dirname "$0")/.."

learners=${1:-2000}
bundle=${BUNDLE:-service/static/pkg}
timeout_ms=${TIMEOUT_MS:-120000}
seed_s=${SEED_S:-120}
target=${CARGO_TARGET_DIR:-target}

fail() { echo "bench-dashboard: $*" >&2; exit 1; }

[ -f "$bundle/throughline.js" ] || fail "no widget bundle in $bundle; build it with scripts/build-widget.sh"
[ -d node_modules/playwright-core ] || fail "playwright-core is not installed; run scripts/setup.sh"
[ -x /usr/bin/chromium ] || fail "no /usr/bin/chromium; run scripts/setup.sh --browser"
if [ ! -f "$bundle/admin/throughline_admin.js" ]; then
  echo "bench-dashboard: warning: no admin bundle in $bundle/admin/, so the dashboard cannot load and the ready step will time out" >&2
fi

cargo build --release -p throughline-demo

tmp=$(mktemp -d)
log="$tmp/server.log"
pid=
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
data=${DATA:-$tmp/data}
trap cleanup EXIT

"$target/release/throughline-demo" --addr 127.0.0.1:0 --data "$data" --bundle "$bundle" \
  --seed-cohort "$learners" >"$log" 2>&1 &
pid=$!

# The demo prints the seeding line once the cohort is stored, just before it serves.
started=$(date +%s)
for _ in $(seq 1 $((seed_s * 10))); do
  grep -qE '^(Seeded|Cohort of) ' "$log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; fail "the demo exited before seeding finished"; }
  sleep 0.1
done
grep -qE '^(Seeded|Cohort of) ' "$log" || { cat "$log" >&2; fail "timed out after $seed_s s waiting for the demo to seed the cohort"; }
echo "seeding took $(( $(date +%s) - started )) s"

origin=$(sed -n 's|^Throughline demo: open \(http://[^/]*\)/ .*|\1|p' "$log" | head -n 1)
seeded=$(grep -E '^(Seeded|Cohort of) ' "$log" | head -n 1)
statements=$(echo "$seeded" | sed -n 's/^Seeded [0-9]* learners, \([0-9]*\) statements.*/\1/p')
echo "demo at $origin"
echo "$seeded"

node scripts/bench-dashboard.mjs "$origin" "$timeout_ms" "$statements" "${ONLY:-}"
# The plain path's memory again, without the DevTools network agent Playwright turns on (it keeps
# every fetched body in the tab): what an admin's browser holds.
if [ "${ONLY:-plain}" = plain ]; then
  node --experimental-websocket scripts/bench-dashboard-bare.mjs "$origin" "$timeout_ms"
fi
