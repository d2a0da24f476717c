#!/usr/bin/env bash
# Installs what the build and the tests need; idempotent and quick when everything is present.
#   scripts/bootstrap.sh            Rust target, wasm-pack, wasm-bindgen-cli, npm packages
#   scripts/bootstrap.sh browser    the same, plus Debian's chromium and chromium-driver
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }

command -v cargo >/dev/null || { echo "cargo is required (rustup)"; exit 1; }
command -v node >/dev/null || { echo "node (>= 18) is required"; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-pack uses the wasm-bindgen CLI on PATH only when its version equals the pinned crate's.
WB_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' bindings/wasm/Cargo.toml)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WB_VERSION (a few minutes)"
  # Not --locked: its lockfile names a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "=$WB_VERSION" --quiet
fi
if ! command -v wasm-pack >/dev/null; then
  say "cargo install wasm-pack (a few minutes)"
  cargo install wasm-pack --locked --quiet
fi

# npm packages: binaryen (wasm-opt), deno, workerd, esbuild, playwright-core, typescript, zod.
# `npm install` with the committed lockfile (npm ci rejects lockfiles without other platforms'
# optional binaries, which this registry does not list).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm install (from package-lock.json)"
  npm install --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "browser" ] && ! { command -v chromium >/dev/null && command -v chromedriver >/dev/null; }; then
  say "apt-get install chromium chromium-driver"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
say "ready"
