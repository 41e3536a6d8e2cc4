#!/usr/bin/env bash
# Runs the demo: installs the build tools if missing, builds the widget, starts the mock LMS.
# Extra arguments go to the demo server, e.g. scripts/demo.sh --addr 127.0.0.1:9000 --data /tmp/tl
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-widget.sh
exec cargo run --release -q -p throughline-demo -- "$@"
