#!/usr/bin/env bash
# Installs what building and testing Throughline needs, skipping what is already there.
#   scripts/setup.sh            build tools: wasm32 target, wasm-bindgen-cli, npm packages (wasm-opt)
#   scripts/setup.sh --browser  the same plus Debian's Chromium and ChromeDriver, for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  # No --locked: the CLI's own lock file names a version this registry does not serve.
  cargo install wasm-bindgen-cli --version "$want"
fi

# The tool that cuts the learner bundle at its `wasm_split` points (the one Leptos's `#[lazy]` uses);
# 0.2.3 knows wasm-bindgen 0.2.128's renamed descriptor imports (0.2.2 left them in a chunk).
split_cli=0.2.3
if ! cargo install --list | grep -qx "wasm_split_cli_support v$split_cli:"; then
  say "installing wasm-split-cli $split_cli"
  cargo install wasm_split_cli_support --version "$split_cli" --locked --features build-binary
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--browser" ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q chromium chromium-driver
fi
