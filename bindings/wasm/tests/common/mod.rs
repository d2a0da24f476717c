//! Test bodies shared by the node and browser runs of the binding (`wasm-pack test --node`,
//! `wasm-pack test --headless --chrome`): the same assertions in every wasm host.

use serde_json::Value;

/// Declares one `#[wasm_bindgen_test]` per shared test body; `node.rs` and `browser.rs` call it.
#[macro_export]
macro_rules! shared_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[wasm_bindgen_test::wasm_bindgen_test]
            fn $name() {
                common::$name();
            }
        )*
    };
}

/// Every shared test, in one list.
#[macro_export]
macro_rules! all_shared_tests {
    () => {
        shared_tests!(
            parses_green_api_text,
            strings_and_bytes_agree,
            errors_are_values_not_panics,
            headers_settle_detection,
            verifies_callbell_signatures
        );
    };
}
use wahook_wasm::{detect_bytes, parse_bytes, parse_string, sign, verify_bytes};

const GREEN_TEXT: &[u8] = include_bytes!("../../../../tests/fixtures/greenapi/incoming-text.json");
const ZAPI_STATUS: &[u8] = include_bytes!("../../../../tests/fixtures/zapi/message-status-read.json");
const CALLBELL_STATUS: &[u8] = include_bytes!("../../../../tests/fixtures/callbell/message-status-updated.json");

/// How the JS layer passes an optional string: `undefined` when empty.
fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("the binding returns JSON")
}

pub fn parses_green_api_text() {
    let r = json(&parse_bytes(GREEN_TEXT, opt(""), opt(""), false, 1_048_576.0));
    assert_eq!(r["ok"], true);
    let e = &r["value"]["events"][0];
    assert_eq!(e["type"], "message");
    assert_eq!(e["timestamp"], 1_588_091_580_000_i64);
    assert_eq!(e["instanceId"], "1234");
    assert_eq!(e["chat"]["id"], "79001234568@c.us");
    assert_eq!(e["content"]["text"], "I use Green-API to send this message to you!");
    assert!(e.get("raw").is_none());
}

pub fn strings_and_bytes_agree() {
    let text = std::str::from_utf8(ZAPI_STATUS).expect("utf8");
    assert_eq!(parse_string(text, opt(""), opt(""), false, 1_048_576.0), parse_bytes(ZAPI_STATUS, opt(""), opt(""), false, 1_048_576.0));
    let r = json(&parse_string(text, opt("plugchat"), opt(""), true, 1_048_576.0));
    assert_eq!(r["value"]["provider"], "plugchat");
    assert_eq!(r["value"]["detectedBy"], "hint");
    assert_eq!(r["value"]["events"][0]["status"], "read");
    assert_eq!(r["value"]["events"][0]["rank"], 4);
    assert_eq!(r["value"]["events"][0]["raw"]["ids"][0], "999999999999999999999");
}

pub fn errors_are_values_not_panics() {
    let r = json(&parse_bytes(b"{\n  oops", opt(""), opt(""), false, 1_048_576.0));
    assert_eq!(r["ok"], false);
    assert_eq!(r["error"]["code"], "invalid_json");
    assert_eq!(r["error"]["line"], 2);
    assert_eq!(r["error"]["column"], 3);
    assert_eq!(json(&parse_bytes(b"\xff", opt(""), opt(""), false, 1_048_576.0))["error"]["code"], "invalid_encoding");
    assert_eq!(json(&parse_bytes(ZAPI_STATUS, opt(""), opt(""), false, 10.0))["error"]["code"], "too_large");
    assert_eq!(json(&parse_bytes(ZAPI_STATUS, opt("nope"), opt(""), false, 1_048_576.0))["error"]["code"], "invalid_input");
    assert_eq!(json(&parse_bytes(CALLBELL_STATUS, opt("greenapi"), opt(""), false, 1_048_576.0))["error"]["code"], "provider_mismatch");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(json(&parse_string(&deep, opt(""), opt(""), false, 1e9))["error"]["code"], "too_deep");
    // Still usable after errors.
    assert_eq!(json(&parse_bytes(GREEN_TEXT, opt(""), opt(""), false, 1_048_576.0))["ok"], true);
}

pub fn headers_settle_detection() {
    let d = json(&detect_bytes(ZAPI_STATUS, opt(""), opt("Z-API-Token\0secret"), 1_048_576.0));
    assert_eq!(d["provider"], "zapi");
    assert_eq!(d["detectedBy"], "headers");
    assert_eq!(d["ambiguous"], false);
    let d = json(&detect_bytes(b"[]", opt(""), opt(""), 1_048_576.0));
    assert_eq!(d["provider"], Value::Null);
}

pub fn verifies_callbell_signatures() {
    let header = sign(CALLBELL_STATUS, "whsec_test", 1_790_000_000.0);
    let headers = format!("X-Callbell-Signature\0{header}");
    let ok = json(&verify_bytes(CALLBELL_STATUS, &headers, "callbell", "whsec_test", 300.0, 1_790_000_000_000.0, ""));
    assert_eq!(ok["ok"], true);
    let late = json(&verify_bytes(CALLBELL_STATUS, &headers, "callbell", "whsec_test", 300.0, 1_790_000_400_000.0, ""));
    assert_eq!(late["reason"], "expired");
    let mut tampered = CALLBELL_STATUS.to_vec();
    tampered[10] ^= 1;
    let bad = json(&verify_bytes(&tampered, &headers, "callbell", "whsec_test", 300.0, 1_790_000_000_000.0, ""));
    assert_eq!(bad["reason"], "mismatch");
}
