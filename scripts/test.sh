#!/usr/bin/env bash
# Runs every test layer once, in order, on a fresh machine or a warm one:
#   1. native `cargo test` for the pure core, the CLI, the service (its LRS on SQLite) and the demo
#   2. the service's LRS and LTI tests again on PostgreSQL, and two service processes sharing
#      one database, on a throwaway cluster (scripts/postgres.sh installs Debian's postgresql)
#   3. wasm-bindgen-test in headless Chromium for components and browser storage
#   4. Playwright end-to-end tests against the running demo
# Each layer's own runner prints its summary; the last lines add them up.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser || { echo "setup failed"; exit 1; }

logdir=$(mktemp -d)
status=0
broken=0
step() { printf '\n== %s\n' "$*"; }
# A layer that fails before its runner reports (a build error) counts as one failure in the total.
check() { # exit code, log, label
  if [ "$1" -ne 0 ]; then
    status=1
    if ! grep -qE "test result: FAILED|^# fail [1-9]" "$2"; then broken=$((broken + 1)); echo "$3 failed before its test runner reported"; fi
  fi
}

step "native tests (cargo test --workspace)"
cargo test --workspace 2>&1 | tee "$logdir/native.log"
check "${PIPESTATUS[0]}" "$logdir/native.log" "native tests"

step "LRS and LTI tests on PostgreSQL (a throwaway cluster)"
source scripts/postgres.sh
if pg_start; then
  # The same selection of the workspace build as above: nothing is compiled again.
  THROUGHLINE_TEST_POSTGRES="$PG_URL" cargo test --workspace --test lrs --test lti --test shared_database \
    -- --include-ignored 2>&1 | tee "$logdir/postgres.log"
  check "${PIPESTATUS[0]}" "$logdir/postgres.log" "PostgreSQL tests"
  pg_stop
else
  echo "PostgreSQL did not start: its tests did not run"
  status=1
  broken=$((broken + 1))
fi

step "browser tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test web 2>&1 | tee "$logdir/web.log"
check "${PIPESTATUS[0]}" "$logdir/web.log" "browser tests"

step "widget bundle and demo server"
if scripts/build-widget.sh && cargo build -p throughline-demo; then
  step "end-to-end tests (Playwright, headless Chromium, against the demo)"
  node --test --test-concurrency=1 tests/e2e/ 2>&1 | tee "$logdir/e2e.log"
  check "${PIPESTATUS[0]}" "$logdir/e2e.log" "end-to-end tests"
else
  echo "build failed: the end-to-end tests did not run"
  status=1
  broken=$((broken + 1))
fi

# Sum the runners' own summary lines: cargo's "test result: ... N passed; N failed" and node's "# pass N" / "# fail N".
sum() { grep -hoE "$1" "$logdir"/*.log 2>/dev/null | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(( $(sum '[0-9]+ passed;') + $(sum '^# pass [0-9]+') ))
failed=$(( $(sum '[0-9]+ failed;') + $(sum '^# fail [0-9]+') + broken ))
step "summary"
grep -h "test result:" "$logdir"/native.log "$logdir"/postgres.log "$logdir"/web.log 2>/dev/null
grep -hE '^# (tests|pass|fail)' "$logdir"/e2e.log 2>/dev/null
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
rm -rf "$logdir"
exit $status
