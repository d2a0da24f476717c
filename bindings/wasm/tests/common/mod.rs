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
            verifies_callbell_signatures,
            tapes_carry_unicode_and_reuse_keys,
            hard_numbers_use_the_host_parser
        );
    };
}
use wahook_wasm::{detect_bytes, last_tape, parse_bytes, parse_string, sign, tape, verify_bytes};

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

/// A second reader of the tape format (the first is `readTape` in api.js): the last result as
/// `{"ok": bool, "value"|"error": …}`. `_header` is what the call returned; the test reads the
/// tape through `last_tape`, which also checks that the header points at live memory.
fn read(_header: u32) -> Value {
    last_tape(|ok, words, nums, pool, keys| {
        let pool = String::from_utf8(pool.to_vec()).expect("pool is UTF-8");
        let units: Vec<u16> = pool.encode_utf16().collect();
        let mut known: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        let mut at = 0usize;
        let mut next = || {
            at += 1;
            words[at - 1]
        };
        fn slice(units: &[u16], start: u32, len: u32) -> String {
            String::from_utf16(&units[start as usize..(start + len) as usize]).expect("utf16")
        }
        fn value(next: &mut dyn FnMut() -> u32, units: &[u16], nums: &[f64], known: &mut Vec<String>) -> Value {
            match next() {
                tape::NULL => Value::Null,
                tape::TRUE => Value::Bool(true),
                tape::FALSE => Value::Bool(false),
                tape::INT => Value::from(next() as i32),
                tape::NUM => {
                    // As JSON.parse would see it: integral values compare as integers.
                    let f = nums[next() as usize];
                    if f.fract() == 0.0 && f.abs() < 9.0e15 {
                        Value::from(f as i64)
                    } else {
                        Value::from(f)
                    }
                }
                tape::STR => {
                    let (s, l) = (next(), next());
                    Value::String(slice(units, s, l))
                }
                tape::ARR => {
                    let n = next();
                    Value::Array((0..n).map(|_| value(next, units, nums, known)).collect())
                }
                tape::OBJ => {
                    let n = next();
                    let mut o = serde_json::Map::new();
                    for _ in 0..n {
                        let k = key(next, units, known);
                        o.insert(k, value(next, units, nums, known));
                    }
                    Value::Object(o)
                }
                tape::CONST => Value::String(key(next, units, known)),
                op => panic!("unknown op {op}"),
            }
        }
        fn key(next: &mut dyn FnMut() -> u32, units: &[u16], known: &mut Vec<String>) -> String {
            let w = next();
            if w & tape::KEY_DYNAMIC != 0 {
                let (s, l) = (next(), next());
                slice(units, s, l)
            } else if w & tape::KEY_NEW != 0 {
                let (s, l) = (next(), next());
                let k = slice(units, s, l);
                assert_eq!(known[(w & !tape::KEY_NEW) as usize], k, "a new key is the one interned");
                k
            } else {
                known[w as usize].clone()
            }
        }
        let v = value(&mut next, &units, nums, &mut known);
        assert_eq!(at, words.len(), "the tape is read to its end");
        if ok {
            serde_json::json!({ "ok": true, "value": v })
        } else {
            serde_json::json!({ "ok": false, "error": v })
        }
    })
    .expect("a tape")
}

/// A detection (always a value).
fn read_detection(header: u32) -> Value {
    read(header)["value"].clone()
}

pub fn parses_green_api_text() {
    let r = read(parse_bytes(GREEN_TEXT, opt(""), opt(""), false, 1_048_576.0));
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
    assert_eq!(
        read(parse_string(text, opt(""), opt(""), false, 1_048_576.0)),
        read(parse_bytes(ZAPI_STATUS, opt(""), opt(""), false, 1_048_576.0))
    );
    let r = read(parse_string(text, opt("plugchat"), opt(""), true, 1_048_576.0));
    assert_eq!(r["value"]["provider"], "plugchat");
    assert_eq!(r["value"]["detectedBy"], "hint");
    assert_eq!(r["value"]["events"][0]["status"], "read");
    assert_eq!(r["value"]["events"][0]["rank"], 4);
    assert_eq!(r["value"]["events"][0]["raw"]["ids"][0], "999999999999999999999");
}

pub fn errors_are_values_not_panics() {
    let r = read(parse_bytes(b"{\n  oops", opt(""), opt(""), false, 1_048_576.0));
    assert_eq!(r["ok"], false);
    assert_eq!(r["error"]["code"], "invalid_json");
    assert_eq!(r["error"]["line"], 2);
    assert_eq!(r["error"]["column"], 3);
    assert_eq!(read(parse_bytes(b"\xff", opt(""), opt(""), false, 1_048_576.0))["error"]["code"], "invalid_encoding");
    assert_eq!(read(parse_bytes(ZAPI_STATUS, opt(""), opt(""), false, 10.0))["error"]["code"], "too_large");
    assert_eq!(read(parse_bytes(ZAPI_STATUS, opt("nope"), opt(""), false, 1_048_576.0))["error"]["code"], "invalid_input");
    assert_eq!(read(parse_bytes(CALLBELL_STATUS, opt("greenapi"), opt(""), false, 1_048_576.0))["error"]["code"], "provider_mismatch");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(read(parse_string(&deep, opt(""), opt(""), false, 1e9))["error"]["code"], "too_deep");
    // Still usable after errors.
    assert_eq!(read(parse_bytes(GREEN_TEXT, opt(""), opt(""), false, 1_048_576.0))["ok"], true);
}

pub fn headers_settle_detection() {
    let d = read_detection(detect_bytes(ZAPI_STATUS, opt(""), opt("Z-API-Token\0secret"), 1_048_576.0));
    assert_eq!(d["provider"], "zapi");
    assert_eq!(d["detectedBy"], "headers");
    assert_eq!(d["ambiguous"], false);
    let d = read_detection(detect_bytes(b"[]", opt(""), opt(""), 1_048_576.0));
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

pub fn tapes_carry_unicode_and_reuse_keys() {
    let body = r#"{"typeWebhook":"incomingMessageReceived","instanceData":{"idInstance":7},"timestamp":1588091580,
      "idMessage":"Ä1","senderData":{"chatId":"79001234568@c.us","sender":"79001234568@c.us","senderName":"Zoë 👋"},
      "messageData":{"typeMessage":"textMessage","textMessageData":{"textMessage":"日本 👍🏽 ok"}}}"#;
    let first = read(parse_string(body, opt(""), opt(""), true, 1_048_576.0));
    let e = &first["value"]["events"][0];
    assert_eq!(e["sender"]["name"], "Zoë 👋");
    assert_eq!(e["content"]["text"], "日本 👍🏽 ok");
    assert_eq!(e["messageId"], "Ä1");
    assert_eq!(e["raw"]["senderData"]["senderName"], "Zoë 👋");
    // The second time every key is known: fewer words, the same result.
    let words = |h: u32| {
        let _ = h;
        last_tape(|_, w, _, _, _| w.len()).expect("tape")
    };
    let n1 = words(parse_string(body, opt(""), opt(""), true, 1_048_576.0));
    assert_eq!(read(parse_string(body, opt(""), opt(""), true, 1_048_576.0)), first);
    let n2 = words(parse_string(body, opt(""), opt(""), true, 1_048_576.0));
    assert_eq!(n1, n2);
    // Non-finite numbers are null, as in JSON.
    let big = read(parse_string(&body.replace("1588091580", "1e400"), opt(""), opt(""), true, 1_048_576.0));
    assert_eq!(big["value"]["events"][0]["raw"]["timestamp"], Value::Null);
}

/// Numbers off the core's exact fast path go to JS `Number`, registered by the start function.
pub fn hard_numbers_use_the_host_parser() {
    let body = r#"{"typeWebhook":"stateInstanceChanged","instanceData":{"idInstance":1},"timestamp":1586700690,
      "stateInstance":"authorized","x":[0.1,1e23,3.14159265358979323846264338,2.2250738585072014e-308,-0.5]}"#;
    let r = read(parse_string(body, opt(""), opt(""), true, 1_048_576.0));
    let x = &r["value"]["events"][0]["raw"]["x"];
    assert_eq!(x[0].as_f64(), Some(0.1));
    assert_eq!(x[1].as_f64(), Some(1e23));
    assert_eq!(x[2].as_f64(), Some(std::f64::consts::PI));
    assert_eq!(x[3].as_f64(), Some(2.2250738585072014e-308));
    assert_eq!(x[4].as_f64(), Some(-0.5));
}
