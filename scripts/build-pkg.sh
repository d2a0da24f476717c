#!/usr/bin/env bash
# Builds the npm package into pkg/: wasm-pack (--target web) output, wasm-opt from npm's binaryen,
# and the hand-written files of pkg-template/ with the crate version filled in.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
rm -rf pkg
wasm-pack --quiet build bindings/wasm --release --target web --mode no-install \
  --out-dir ../../pkg --out-name wahook --no-pack --no-typescript --no-opt
# wasm-opt must be binaryen >= 117 (npm), with the features rustc enables by default.
# WASM_NAMES=1 keeps function names, for profiles (`node --cpu-prof`); the package strips them.
NAMES="--strip-debug"
if [ "${WASM_NAMES:-}" = 1 ]; then NAMES="-g"; fi
# -ocimfs 200: inline a function into its one caller only up to 200 bytes. Plain -Oz merges every
# single-caller function into its caller, so the first body compiles one giant function; with the
# limit V8's lazy compiler reaches less code on the first call (Node, fresh process, first parse of a
# Z-API text: 8.1 -> 4.9 ms; the next 9 calls 3.8 -> 0.6 ms), same steady speed, 140 B smaller gzip.
wasm-opt -Oz --converge -ocimfs 200 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-simd \
  --enable-mutable-globals $NAMES --strip-producers \
  pkg/wahook_bg.wasm -o pkg/wahook_bg.wasm
rm -f pkg/.gitignore pkg/package.json pkg/README.md
for f in pkg-template/*; do
  sed "s/__VERSION__/$VERSION/g" "$f" > "pkg/$(basename "$f")"
done
chmod +x pkg/cli.js
# The Node entry as one file. Node loads each ES module on its own (resolve, read, compile): the
# dozen modules of the API took 4–6 ms of a fresh process's import (bench/cold.mjs). The other
# entries keep importing the modules: bundlers, Deno and Wrangler resolve them ahead of time.
# Tests that inspect internals (wasm memory, learned shapes) use js-tests/internal.mjs.
esbuild pkg/node.js --bundle --format=esm --platform=node --log-level=error --allow-overwrite --outfile=pkg/node.js
# The CommonJS build of the API for `require("wahook")` (Node's "require" condition).
printf 'export * from "./api.js";\nexport * from "./handler.js";\nexport { initSync, default as init } from "./wahook.js";\nexport { warmUp } from "./warmup.js";\n' > pkg/.cjs-entry.mjs
esbuild pkg/.cjs-entry.mjs --bundle --format=cjs --platform=node --log-level=error \
  --define:import.meta.url=undefined --outfile=pkg/api.cjs
rm pkg/.cjs-entry.mjs
# wahook/testing's examples (from tests/fixtures/) and wahook/schema.json.
node scripts/gen-examples.mjs pkg && cp schema/ParseResult.schema.json pkg/schema.json
# require("wahook/testing"): the kit bundled as CommonJS, "wahook" itself left to resolve.
esbuild pkg/testing.js --bundle --format=cjs --platform=node --external:wahook --log-level=error --outfile=pkg/testing.cjs
# Types for `require` (the .d.cts twins of the ESM declarations, so that each condition resolves to
# its own file) and the .wasm as base64 for `wahook/embedded` (single-file server bundles).
for f in pkg/*.d.ts; do
  sed -E 's#"\./([a-z-]+)\.js"#"./\1.cjs"#g' "$f" > "${f%.d.ts}.d.cts"
done
B64=$(base64 -w0 pkg/wahook_bg.wasm)
printf '// wahook_bg.wasm (wahook %s) as base64, for wahook/embedded.\nmodule.exports = "%s";\n' "$VERSION" "$B64" > pkg/wahook_bg.wasm.base64.cjs
# wasm.d.cts: `export =` of the same module type.
sed -i 's/^export default wasm;$/export = wasm;/' pkg/wasm.d.cts
cp README.md LICENSE CHANGELOG.md pkg/
# Let tests and tools import the package by name, through its exports map.
mkdir -p node_modules
ln -sfn ../pkg node_modules/wahook
echo "pkg/ built: wahook $VERSION, $(wc -c < pkg/wahook_bg.wasm) bytes of wasm ($(gzip -9c pkg/wahook_bg.wasm | wc -c) gzip)"
