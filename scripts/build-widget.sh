#!/usr/bin/env bash
# Builds the learner widget bundle (release wasm -> wasm-bindgen -> wasm-opt -Oz) into demo/static/pkg.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-demo/static/pkg}
cargo build --release --target wasm32-unknown-unknown --lib -p throughline
mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" target/wasm32-unknown-unknown/release/throughline.wasm
# Debian's wasm-opt is too old (its output fails in Chromium); use the npm binaryen one, features auto-detected.
node_modules/.bin/wasm-opt -Oz "$out/throughline_bg.wasm" -o "$out/throughline_bg.wasm"
cp src/ui/throughline.css "$out/throughline.css"
echo "widget bundle in $out"
