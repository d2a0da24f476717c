//! Property tests: any bytes are `Ok` or a SPEC error code, never a panic; a valid payload
//! re-serialized with other key order and whitespace gives the same output; mutated payloads keep
//! the output conventions of SPEC §2 (every key present, string ids, whole-millisecond times).

use proptest::prelude::*;
use serde_json::{Map, Value};
use std::sync::OnceLock;
use wahook::{ErrorCode, ParseOptions};

const CODES: [ErrorCode; 7] = [
    ErrorCode::InvalidJson,
    ErrorCode::InvalidEncoding,
    ErrorCode::NotAnObject,
    ErrorCode::UnknownProvider,
    ErrorCode::TooLarge,
    ErrorCode::TooDeep,
    ErrorCode::ProviderMismatch,
];

fn corpus() -> &'static Vec<Value> {
    static C: OnceLock<Vec<Value>> = OnceLock::new();
    C.get_or_init(|| {
        fn walk(dir: &std::path::Path, out: &mut Vec<Value>) {
            for entry in std::fs::read_dir(dir).expect("fixtures dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "json") {
                    if let Ok(v) = serde_json::from_slice::<Value>(&std::fs::read(&path).expect("read")) {
                        out.push(v);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures")), &mut out);
        out.sort_by_key(|v| v.to_string());
        out
    })
}

/// Writes JSON with object keys in an order chosen by `seed` and random-looking whitespace.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

fn write_shuffled(v: &Value, seed: &mut u64, out: &mut String) {
    let ws = [" ", "\n", "\t", "", "  \r\n"];
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            for i in (1..keys.len()).rev() {
                keys.swap(i, (next(seed) % (i as u64 + 1)) as usize);
            }
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(ws[(next(seed) % 5) as usize]);
                out.push_str(&serde_json::to_string(k).expect("key"));
                out.push_str(ws[(next(seed) % 5) as usize]);
                out.push(':');
                write_shuffled(&m[*k], seed, out);
            }
            out.push_str(ws[(next(seed) % 5) as usize]);
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_shuffled(x, seed, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Replaces the value at a pseudo-random position of `v` with `new`.
fn mutate(v: &mut Value, pick: &mut u64, new: Value) {
    let n = *pick;
    *pick /= 7;
    match v {
        Value::Object(m) if !m.is_empty() && n % 3 != 0 => {
            let len = m.len() as u64;
            let key = m.keys().nth((n % len) as usize).expect("key").clone();
            mutate(m.get_mut(&key).expect("value"), pick, new);
        }
        Value::Array(a) if !a.is_empty() && n % 3 != 0 => {
            let len = a.len() as u64;
            mutate(&mut a[(n % len) as usize], pick, new);
        }
        slot => *slot = new,
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![Just("READ"), Just("RECEIVED"), Just("1632234645"), Just("{{SWE001}}"), Just("120363-group"), Just("@lid"), Just("")]
            .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-zA-Z]{1,8}", inner), 0..4).prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// SPEC §2 conventions on one serialized event.
fn check_event(e: &Value) -> Result<(), String> {
    let o = e.as_object().ok_or("event is not an object")?;
    for k in ["type", "provider", "providerEvent", "instanceId", "timestamp", "dedupeKey"] {
        if !o.contains_key(k) {
            return Err(format!("missing {k}: {e}"));
        }
    }
    let ty = o["type"].as_str().ok_or("type is not a string")?;
    let keys: &[&str] = match ty {
        "message" => &[
            "messageId",
            "direction",
            "fromApi",
            "chat",
            "sender",
            "replyToMessageId",
            "forwarded",
            "edited",
            "editedMessageId",
            "content",
        ],
        "status" => &["messageId", "status", "rawStatus", "rank", "actor", "chat", "error"],
        "presence" => &["chat", "presence", "rawPresence", "lastSeen"],
        "connection" => &["state", "rawState", "reason", "phone"],
        "call" => &["callId", "chat", "from", "state", "rawState", "video"],
        "system" => &["name", "rawName", "chat", "messageId", "sender", "data"],
        "unknown" => &[],
        other => return Err(format!("unknown type {other}")),
    };
    for k in keys {
        if !o.contains_key(*k) {
            return Err(format!("{ty} without {k}: {e}"));
        }
    }
    if let Some(chat) = o.get("chat").filter(|c| !c.is_null()) {
        for k in ["id", "type", "phone", "lid", "rawId"] {
            if chat.get(k).is_none() {
                return Err(format!("chat without {k}: {e}"));
            }
        }
    }
    if o.get("messageId").and_then(Value::as_str) == Some("") {
        return Err(format!("an empty messageId: {e}"));
    }
    if !o["timestamp"].is_null() && !o["timestamp"].is_i64() {
        return Err(format!("timestamp is not whole milliseconds: {}", o["timestamp"]));
    }
    for k in ["instanceId", "messageId", "callId", "replyToMessageId"] {
        if let Some(v) = o.get(k) {
            if !(v.is_null() || v.is_string()) {
                return Err(format!("{k} is not a string: {v}"));
            }
        }
    }
    if o["dedupeKey"].as_str().map_or(true, str::is_empty) {
        return Err("empty dedupeKey".into());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_parse_or_fail_with_a_spec_code(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        match wahook::parse(&bytes, &ParseOptions::default()) {
            Ok(r) => for e in serde_json::to_value(&r).expect("ser")["events"].as_array().expect("events") { prop_assert!(check_event(e).is_ok()) },
            Err(e) => prop_assert!(CODES.contains(&e.code), "{e}"),
        }
        let _ = wahook::detect(&bytes, &ParseOptions::default());
    }

    #[test]
    fn json_looking_text_never_panics(text in r#"[\{\}\[\]":,0-9a-zA-Z\\ .eE+-]{0,200}"#) {
        if let Err(e) = wahook::parse(text.as_bytes(), &ParseOptions::default()) {
            prop_assert!(CODES.contains(&e.code), "{e}");
        }
    }

    #[test]
    fn key_order_and_whitespace_do_not_change_the_output(i in 0usize..1000, seed in 1u64..u64::MAX) {
        let v = &corpus()[i % corpus().len()];
        let plain = serde_json::to_vec(v).expect("ser");
        let mut shuffled = String::new();
        let mut s = seed;
        write_shuffled(v, &mut s, &mut shuffled);
        let a = wahook::parse(&plain, &ParseOptions::default()).map(|r| serde_json::to_value(&r).expect("ser"));
        let b = wahook::parse(shuffled.as_bytes(), &ParseOptions::default()).map(|r| serde_json::to_value(&r).expect("ser"));
        prop_assert_eq!(a.map_err(|e| e.code), b.map_err(|e| e.code));
    }

    #[test]
    fn mutated_payloads_keep_the_conventions(i in 0usize..1000, pick in any::<u64>(), new in any_json()) {
        let mut v = corpus()[i % corpus().len()].clone();
        mutate(&mut v, &mut { pick }, new);
        let body = serde_json::to_vec(&v).expect("ser");
        match wahook::parse(&body, &ParseOptions::default().include_raw(true)) {
            Ok(r) => {
                let out = serde_json::to_value(&r).expect("ser");
                for e in out["events"].as_array().expect("events") {
                    if let Err(msg) = check_event(e) { prop_assert!(false, "{}", msg); }
                }
            }
            Err(e) => prop_assert!(CODES.contains(&e.code), "{e}"),
        }
    }

    /// Distinct events never share a dedupe key, whatever their ids hold (`:` and `%` included);
    /// the same event re-serialized with other key order always does.
    #[test]
    fn dedupe_keys_tell_distinct_events_apart(
        a in prop::collection::vec("[A-Z0-9:%]{1,6}", 1..4),
        b in prop::collection::vec("[A-Z0-9:%]{1,6}", 1..4),
        sa in "(SENT|READ|PLAYED|READ:SENT|RECEIVED)",
        sb in "(SENT|READ|PLAYED|READ:SENT|RECEIVED)",
        pa in "(|5511900000001|5511900000002)",
        pb in "(|5511900000001|5511900000002)",
        seed in 1u64..u64::MAX,
    ) {
        let body = |ids: &[String], status: &str, participant: &str| {
            let mut v = serde_json::json!({"type": "MessageStatusCallback", "instanceId": "I", "status": status, "ids": ids,
                "momment": 1_700_000_000_000_u64, "phone": "120363000000000001-group", "isGroup": true});
            if !participant.is_empty() {
                v["participantPhone"] = Value::String(participant.to_string());
            }
            v
        };
        let keys = |v: &Value| -> Vec<String> {
            let r = wahook::parse(&serde_json::to_vec(v).expect("ser"), &ParseOptions::default()).expect("parse");
            r.events.iter().map(|e| e.base().dedupe_key.clone()).collect()
        };
        let (va, vb) = (body(&a, &sa, &pa), body(&b, &sb, &pb));
        let (ka, kb) = (keys(&va), keys(&vb));
        for (i, ida) in a.iter().enumerate() {
            for (j, idb) in b.iter().enumerate() {
                let same_event = ida == idb && sa == sb && pa == pb;
                prop_assert_eq!(ka[i] == kb[j], same_event, "{} / {}", ka[i], kb[j]);
            }
        }
        let mut shuffled = String::new();
        write_shuffled(&va, &mut { seed }, &mut shuffled);
        let again = wahook::parse(shuffled.as_bytes(), &ParseOptions::default()).expect("parse");
        prop_assert_eq!(again.events.iter().map(|e| e.base().dedupe_key.clone()).collect::<Vec<_>>(), ka);
    }
}
