#!/usr/bin/env bash
# Figures for the reflection emails (not a test), by service/examples/bench_nudges.rs:
# deciding who is due across LEARNERS learners held in the service's SQLite LRS, then messages
# per second through a real SMTP server (PyPI's aiosmtpd, tests/smtp/server.py, on loopback)
# for SMTP_LEARNERS learners who are all due.
#
# Usage: scripts/bench-nudges.sh [LEARNERS] [SMTP_LEARNERS]   (defaults 100000 2000)
# Budget: deciding across 100,000 learners within 2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
learners=${1:-100000}
smtp_learners=${2:-2000}
venv=tests/lti-platform/.venv
"$venv/bin/python" -c "import aiosmtpd" 2>/dev/null ||
  { python3 -m venv "$venv" && "$venv/bin/pip" install -q "aiosmtpd==1.4.6"; }
cargo build --release -q -p throughline-service --example bench_nudges
out=$(mktemp -d)
fifo="$out/first-line"
mkfifo "$fifo"
"$venv/bin/python" tests/smtp/server.py "$out/mail" >"$fifo" &
smtp=$!
trap 'kill $smtp 2>/dev/null; rm -rf "$out"' EXIT
read -r line <"$fifo"
port=${line##*:}
target/release/examples/bench_nudges "$learners" "$port" "$smtp_learners" | tee "$out/report"
median=$(grep -oE 'median [0-9]+ ms' "$out/report" | grep -oE '[0-9]+')
echo "SMTP server kept $(find "$out/mail" -name '*.eml' | wc -l) messages"
if [ "$learners" -ge 100000 ] && [ "$median" -gt 2000 ]; then
  echo "over budget: deciding who is due took ${median} ms (budget 2000 ms)"
  exit 1
fi
