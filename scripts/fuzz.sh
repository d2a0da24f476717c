#!/usr/bin/env bash
# Coverage-guided fuzzing with cargo-fuzz (libFuzzer + AddressSanitizer) of parse/detect and verify.
#   scripts/fuzz.sh [seconds per target, default 300]
# Seeds: the fixtures; dictionary: the providers' keys (fuzz/dictionary.txt). Crashers land in
# fuzz/artifacts/<target>/: add each as a test in tests/robustness.rs before fixing it.
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 enables them on the stable toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-300}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p fuzz/corpus/parse fuzz/corpus/verify
# Providers share file names (zapi/ and plugchat/): prefix each seed with its directory.
for f in tests/fixtures/*/*.json; do cp "$f" "fuzz/corpus/parse/$(basename "$(dirname "$f")")-$(basename "$f")"; done
export RUSTC_BOOTSTRAP=1
cargo fuzz run -O parse fuzz/corpus/parse -- -dict=fuzz/dictionary.txt -max_len=4096 \
  -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1
cargo fuzz run -O verify fuzz/corpus/verify -- -max_len=2048 -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1
