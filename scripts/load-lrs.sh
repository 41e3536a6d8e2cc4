#!/usr/bin/env bash
# A bounded loopback load on the service's LRS (not a test): 50 clients POSTing for 60 s,
# then every statement read back; fails unless no request failed and nothing was lost or doubled.
# Usage: scripts/load-lrs.sh [SECONDS] [CLIENTS]   (defaults 60 50)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p throughline-service --example load_lrs
exec cargo run --quiet --release -p throughline-service --example load_lrs -- "$@"
