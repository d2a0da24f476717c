//! The shared binding tests (common/mod.rs), in headless Chromium:
//! `wasm-pack test --headless --chrome bindings/wasm`.
#[macro_use]
mod common;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

all_shared_tests!();
