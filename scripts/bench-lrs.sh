#!/usr/bin/env bash
# Load figures for the service's xAPI LRS (not a test).
#
# Builds the service crate in release and runs service/examples/bench_lrs.rs, which
# starts the LRS on a free loopback port with a temp data dir, POSTs
# statements in batches and times filtered GETs that follow `more` links.
#
# Usage: scripts/bench-lrs.sh [STATEMENTS] [BATCH] [PAGE]   (defaults 10000 100 100)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p throughline-service --example bench_lrs
exec cargo run --quiet --release -p throughline-service --example bench_lrs -- "$@"
