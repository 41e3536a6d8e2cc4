#!/usr/bin/env bash
# Figure for the leader's team view (not a test): see scripts/bench-team.mjs.
# Usage: scripts/bench-team.sh [MEMBERS] [STATEMENTS_PER_MEMBER]   (defaults 50 150)
# Budget: the leader's view (GET /teams/{id}/insights) within 300 ms, median; the script fails over it.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p throughline-service --bin throughline
node scripts/bench-team.mjs "$@"
