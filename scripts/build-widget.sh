#!/usr/bin/env bash
# Builds the browser bundles (wasm -> wasm-bindgen -> wasm-opt) into service/static/pkg:
#   throughline.js + throughline_bg.wasm          the learner widget (features "learner", "split"): the first
#   __wasm_split.js, split_*.wasm, chunk_*.wasm    download, and the modules wasm-split-cli cut from it, which
#                                                  the widget fetches once its first screen is drawn
#   admin/throughline_admin.js + _bg.wasm          the adoption dashboard (feature "admin"), never loaded by learners
#   check/throughline_check.js + _bg.wasm          the program checker (feature "check"): the workbench, and widgets
#                                                  handed a source file instead of a compiled program
#   workbench/editor.js                            the workbench's code editor (CodeMirror 6, bundled by esbuild)
set -euo pipefail
shopt -s nullglob # a split without shared code writes no chunk_*.wasm
cd "$(dirname "$0")/.."
out=${1:-service/static/pkg}
bundle() { # name, out dir, cargo feature flags...
  local name=$1 dir=$2; shift 2
  # The dashboard is built for speed (Cargo.toml's `admin` profile, wasm-opt -O3), the others for
  # size (the `widget` profile, opt-level "z", and wasm-opt -Oz).
  local profile=widget opt=-Oz
  if [ "$name" = throughline_admin ]; then profile=admin opt=-O3; fi
  cargo build --profile "$profile" --target wasm32-unknown-unknown --lib -p throughline "$@"
  mkdir -p "$dir"
  rm -rf "$dir/snippets" # wasm-bindgen's JS snippets: drop any from an earlier build
  wasm-bindgen --target web --no-typescript --out-name "$name" --out-dir "$dir" "target/wasm32-unknown-unknown/$profile/throughline.wasm"
  # Debian's wasm-opt is too old (its output fails in Chromium); use the npm binaryen one, features auto-detected.
  node_modules/.bin/wasm-opt "$opt" "$dir/${name}_bg.wasm" -o "$dir/${name}_bg.wasm"
}
# The learner widget in pieces: linked with relocations (build.rs, feature "split"), cut by
# wasm-split-cli at the `wasm_split` points into a first module, split_<name>.wasm per point,
# chunk_<n>.wasm for what several points share and the loader __wasm_split.js; wasm-bindgen
# then binds the first module only (keeping the exports the loader hands to the others), and
# wasm-opt shrinks every module (before the split it would break it).
learner() {
  local dir=$1 raw=target/wasm32-unknown-unknown/widget/split
  cargo build --profile widget --target wasm32-unknown-unknown --lib -p throughline --features split
  rm -rf "$raw" "$dir/snippets" "$dir/__wasm_split.js" "$dir"/split_*.wasm "$dir"/chunk_*.wasm
  mkdir -p "$raw" "$dir"
  wasm-split-cli --target web --out-name throughline target/wasm32-unknown-unknown/widget/throughline.wasm "$raw"
  wasm-bindgen --target web --no-typescript --keep-lld-exports --out-name throughline --out-dir "$dir" "$raw/throughline.wasm"
  cp "$raw/__wasm_split.js" "$dir/"
  local part
  for part in "$raw"/split_*.wasm "$raw"/chunk_*.wasm; do cp "$part" "$dir/"; done
  for part in "$dir/throughline_bg.wasm" "$dir"/split_*.wasm "$dir"/chunk_*.wasm; do
    node_modules/.bin/wasm-opt -Oz "$part" -o "$part"
  done
}
learner "$out"
bundle throughline_admin "$out/admin" --no-default-features --features admin
bundle throughline_check "$out/check" --no-default-features --features check
cp src/ui/throughline.css "$out/throughline.css"
# The workbench's code editor (CodeMirror 6 from npm), bundled into one ES module.
node_modules/.bin/esbuild service/src/workbench/editor.mjs --bundle --format=esm --minify --log-level=warning \
  --outfile="$out/workbench/editor.js"
# The widget's language files: a learner's browser fetches the one for their language.
mkdir -p "$out/i18n"
cp src/i18n/*.ftl "$out/i18n/"
# Brotli and gzip copies that the service sends to browsers that take them (most of a first visit is the wasm).
node scripts/precompress.mjs "$out/throughline.js" "$out/throughline_bg.wasm" "$out/throughline.css" \
  "$out/__wasm_split.js" "$out"/split_*.wasm "$out"/chunk_*.wasm \
  "$out/admin/throughline_admin.js" "$out/admin/throughline_admin_bg.wasm" \
  "$out/check/throughline_check.js" "$out/check/throughline_check_bg.wasm" "$out/workbench/editor.js"
echo "bundles in $out and $out/admin"
