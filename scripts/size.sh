#!/usr/bin/env bash
# Builds the release learner bundle and prints its size, raw and gzip -9, against the budget.
# Usage: scripts/size.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
budget=$((150 * 1024))
pkg=demo/static/pkg
[ "${1:-}" = "--no-build" ] || { scripts/setup.sh >/dev/null; scripts/build-widget.sh >/dev/null; }
total=0
printf '%-32s %10s %10s\n' file raw gzip-9
for f in throughline_bg.wasm throughline.js throughline.css; do
  raw=$(wc -c < "$pkg/$f"); gz=$(gzip -9c "$pkg/$f" | wc -c)
  total=$((total + gz))
  printf '%-32s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-24s %10s %10d  (budget %d)\n' "learner bundle" "" "$total" "$budget"
admin=0
for f in admin/throughline_admin_bg.wasm admin/throughline_admin.js; do
  raw=$(wc -c < "$pkg/$f"); gz=$(gzip -9c "$pkg/$f" | wc -c)
  admin=$((admin + gz))
  printf '%-32s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-24s %10s %10d  (plus the shared CSS; learners never load it)\n' "admin bundle" "" "$admin"
check=0
for f in check/throughline_check_bg.wasm check/throughline_check.js; do
  raw=$(wc -c < "$pkg/$f"); gz=$(gzip -9c "$pkg/$f" | wc -c)
  check=$((check + gz))
  printf '%-32s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-24s %10s %10d  (loaded only for a source program file, not a compiled one)\n' "checker bundle" "" "$check"
if [ "$total" -gt "$budget" ]; then echo "OVER BUDGET by $((total - budget)) bytes"; exit 1; fi
echo "within budget"
