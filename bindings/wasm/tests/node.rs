//! The shared binding tests (common/mod.rs), in Node: `wasm-pack test --node bindings/wasm`.
#[macro_use]
mod common;

all_shared_tests!();
