#!/usr/bin/env bash
# Builds the release bundles and prints their sizes, raw and gzip -9; the learner bundle against its budget.
# Usage: scripts/size.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
budget=$((150 * 1024))
pkg=service/static/pkg
[ "${1:-}" = "--no-build" ] || { scripts/setup.sh >/dev/null; scripts/build-widget.sh >/dev/null; }
# Prints one line per file and leaves the gzip total in $total.
sizes() {
  total=0
  local f raw gz
  for f in "$@"; do
    raw=$(wc -c < "$pkg/$f"); gz=$(gzip -9c "$pkg/$f" | wc -c)
    total=$((total + gz))
    printf '%-32s %10d %10d\n' "$f" "$raw" "$gz"
  done
}
printf '%-32s %10s %10s\n' file raw gzip-9
sizes throughline_bg.wasm throughline.js throughline.css
learner=$total
printf '%-24s %10s %10d  (budget %d)\n' "learner bundle" "" "$learner" "$budget"
sizes admin/throughline_admin_bg.wasm admin/throughline_admin.js
printf '%-24s %10s %10d  (plus the shared CSS; learners never load it)\n' "admin bundle" "" "$total"
sizes check/throughline_check_bg.wasm check/throughline_check.js
printf '%-24s %10s %10d  (loaded only for a source program file, not a compiled one)\n' "checker bundle" "" "$total"
if [ "$learner" -gt "$budget" ]; then echo "OVER BUDGET by $((learner - budget)) bytes"; exit 1; fi
echo "within budget"
