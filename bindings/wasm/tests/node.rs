//! The shared binding tests, in Node (`wasm-pack test --node bindings/wasm`).
mod common;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn parses_green_api_text() {
    common::parses_green_api_text();
}
#[wasm_bindgen_test]
fn strings_and_bytes_agree() {
    common::strings_and_bytes_agree();
}
#[wasm_bindgen_test]
fn errors_are_values_not_panics() {
    common::errors_are_values_not_panics();
}
#[wasm_bindgen_test]
fn headers_settle_detection() {
    common::headers_settle_detection();
}
#[wasm_bindgen_test]
fn verifies_callbell_signatures() {
    common::verifies_callbell_signatures();
}
