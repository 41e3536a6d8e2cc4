#!/usr/bin/env bash
# Load figures for the demo's embedded xAPI LRS (not a test).
#
# Builds the demo crate in release and runs demo/examples/bench_lrs.rs, which
# starts the LRS on a free loopback port with a temp data dir, POSTs
# statements in batches and times filtered GETs that follow `more` links.
#
# Usage: scripts/bench-lrs.sh [STATEMENTS] [BATCH] [PAGE]   (defaults 10000 100 100)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p throughline-demo --example bench_lrs
exec cargo run --quiet --release -p throughline-demo --example bench_lrs -- "$@"
