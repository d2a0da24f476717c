//! Every bundled fixture (documented provider payloads under `tests/fixtures/<provider>/`, bodies
//! captured in the field under `tests/fixtures/wire/<provider>/`) against `tests/expected.json`:
//! each event field by field, the warnings, and the dedupe keys' stability and distinctness.
//! The same expectations drive the JS tests (`js-tests/fixtures.test.mjs`).
//!
//! `UPDATE_EXPECT=1 cargo test --test fixtures` rewrites `tests/expected.json` from the current
//! results (in the model's key order); review the change as a diff.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every `.json` file under `tests/fixtures/`, at any depth, sorted.
fn fixture_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("fixtures dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&fixtures_root(), &mut out);
    out.sort();
    out
}

/// The fixture's name in `tests/expected.json`: its path under `tests/fixtures/`.
fn rel(path: &Path) -> String {
    path.strip_prefix(fixtures_root()).expect("under tests/fixtures").to_string_lossy().replace('\\', "/")
}

fn expectations() -> BTreeMap<String, Value> {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

/// The result as the expectations spell it: no dedupe keys, warnings as `code @path`.
fn comparable(result: &wahook::ParseResult) -> Value {
    let mut v = serde_json::to_value(result).expect("serialize");
    for e in v["events"].as_array_mut().expect("events") {
        e.as_object_mut().expect("event").remove("dedupeKey");
    }
    let warnings: Vec<Value> = result
        .warnings
        .iter()
        .map(|w| {
            Value::String(match &w.path {
                Some(p) => format!("{} @{p}", w.code.as_str()),
                None => w.code.as_str().to_string(),
            })
        })
        .collect();
    v["warnings"] = Value::Array(warnings);
    v
}

/// First difference between two JSON values, with its path.
fn diff(exp: &Value, act: &Value, path: &str) -> Option<String> {
    match (exp, act) {
        (Value::Object(e), Value::Object(a)) => {
            for k in e.keys().chain(a.keys()) {
                let p = format!("{path}.{k}");
                match (e.get(k), a.get(k)) {
                    (Some(x), Some(y)) => {
                        if let Some(d) = diff(x, y, &p) {
                            return Some(d);
                        }
                    }
                    (Some(x), None) => return Some(format!("{p}: expected {x}, missing")),
                    (None, Some(y)) => return Some(format!("{p}: unexpected {y}")),
                    (None, None) => {}
                }
            }
            None
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Some(format!("{path}: expected {} items, got {}: {act}", e.len(), a.len()));
            }
            e.iter().zip(a).enumerate().find_map(|(i, (x, y))| diff(x, y, &format!("{path}[{i}]")))
        }
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => None,
        _ if exp == act => None,
        _ => Some(format!("{path}: expected {exp}, got {act}")),
    }
}

/// The bodies captured in the field (`tests/fixtures/wire/`) are what providers really send: each
/// normalizes, none is an `unknown` event, and every message and status names its message or
/// warns that it does not.
#[test]
fn every_wire_body_normalizes_to_known_events() {
    let wire: Vec<PathBuf> = fixture_files().into_iter().filter(|f| rel(f).starts_with("wire/")).collect();
    assert!(wire.len() >= 40, "only {} wire bodies", wire.len());
    for provider in ["zapi", "greenapi", "callbell"] {
        assert!(wire.iter().any(|f| rel(f).starts_with(&format!("wire/{provider}/"))), "no wire body of {provider}");
    }
    for f in &wire {
        let body = std::fs::read(f).expect("read");
        let r = wahook::parse(&body, &wahook::ParseOptions::default()).unwrap_or_else(|e| panic!("{}: {e}", rel(f)));
        assert!(!r.events.is_empty(), "{}: no event", rel(f));
        for e in &r.events {
            assert!(!matches!(e, wahook::Event::Unknown(_)), "{}: unknown event", rel(f));
            let id = match e {
                wahook::Event::Message(m) => Some(&m.message_id),
                wahook::Event::Status(s) => Some(&s.message_id),
                _ => None,
            };
            if let Some(id) = id {
                assert_ne!(id.as_deref(), Some(""), "{}: empty id", rel(f));
                if id.is_none() {
                    assert!(r.warnings.iter().any(|w| w.code == wahook::WarningCode::MissingField), "{}: no id and no warning", rel(f));
                }
            }
        }
    }
}

/// A JSON value that keeps its object keys in order (serde_json's `Value` sorts them), for
/// rewriting `tests/expected.json` in the model's key order.
enum Ordered {
    Leaf(Value),
    Array(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::Null))
            }
            fn visit_bool<E>(self, b: bool) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::Bool(b)))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::from(n)))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::from(n)))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::from(n)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Ordered, E> {
                Ok(Ordered::Leaf(Value::String(s.to_string())))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Ordered, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Ordered::Array(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Ordered, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = a.next_entry()? {
                    v.push((k, x));
                }
                Ok(Ordered::Object(v))
            }
        }
        d.deserialize_any(V)
    }
}

impl serde::Serialize for Ordered {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Ordered::Leaf(v) => v.serialize(s),
            Ordered::Array(a) => s.collect_seq(a),
            Ordered::Object(o) => s.collect_map(o.iter().map(|(k, v)| (k, v))),
        }
    }
}

/// [`comparable`] in the model's key order.
fn comparable_ordered(result: &wahook::ParseResult) -> Ordered {
    let text = serde_json::to_string(result).expect("serialize");
    let mut v: Ordered = serde_json::from_str(&text).expect("reparse");
    if let Ordered::Object(top) = &mut v {
        for (k, x) in top.iter_mut() {
            match (k.as_str(), x) {
                ("events", Ordered::Array(events)) => {
                    for e in events {
                        if let Ordered::Object(fields) = e {
                            fields.retain(|(k, _)| k != "dedupeKey");
                        }
                    }
                }
                ("warnings", w) => *w = Ordered::Leaf(comparable(result)["warnings"].clone()),
                _ => {}
            }
        }
    }
    v
}

/// Rewrites `tests/expected.json` from the current results (`UPDATE_EXPECT=1`).
fn update_expectations(files: &[PathBuf]) {
    let mut all: Vec<(String, Ordered)> = Vec::new();
    for f in files {
        let body = std::fs::read(f).expect("read fixture");
        let entry = match wahook::parse(&body, &wahook::ParseOptions::default()) {
            Ok(r) => comparable_ordered(&r),
            Err(e) => Ordered::Object(vec![("error".into(), Ordered::Leaf(Value::String(e.code.as_str().into())))]),
        };
        all.push((rel(f), entry));
    }
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, serde_json::ser::PrettyFormatter::with_indent(b" "));
    serde::Serialize::serialize(&Ordered::Object(all), &mut ser).expect("write");
    out.push(b'\n');
    std::fs::write(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected.json"), out).expect("write expected.json");
}

#[test]
fn every_fixture_normalizes_as_expected() {
    let files = fixture_files();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        update_expectations(&files);
    }
    let expected = expectations();
    assert!(files.len() >= 120, "only {} fixtures found", files.len());
    let mut failures = Vec::new();
    for f in &files {
        let name = rel(f);
        let Some(exp) = expected.get(&name) else {
            failures.push(format!("{name}: no entry in tests/expected.json"));
            continue;
        };
        let body = std::fs::read(f).expect("read fixture");
        match (wahook::parse(&body, &wahook::ParseOptions::default()), exp.get("error")) {
            (Ok(r), None) => {
                if let Some(d) = diff(exp, &comparable(&r), "result") {
                    failures.push(format!("{name}: {d}"));
                }
                for e in &r.events {
                    assert!(!e.base().dedupe_key.is_empty(), "{name}: empty dedupeKey");
                }
            }
            (Err(e), Some(code)) => assert_eq!(code.as_str(), Some(e.code.as_str()), "{name}"),
            (Ok(_), Some(code)) => failures.push(format!("{name}: expected error {code}, parsed")),
            (Err(e), None) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(expected.keys().all(|k| files.iter().any(|f| &rel(f) == k)), "tests/expected.json names a fixture that does not exist");
    assert!(failures.is_empty(), "{} fixture(s) differ:\n{}", failures.len(), failures.join("\n"));
}

fn keys(body: &[u8]) -> Vec<String> {
    match wahook::parse(body, &wahook::ParseOptions::default()) {
        Ok(r) => r.events.iter().map(|e| e.base().dedupe_key.clone()).collect(),
        Err(_) => Vec::new(),
    }
}

/// Re-serializes a JSON text with sorted keys and other spacing (duplicates collapse to the last).
fn reserialize(body: &[u8]) -> Vec<u8> {
    let v: Value = serde_json::from_slice(body).expect("fixture is JSON");
    serde_json::to_vec_pretty(&v).expect("serialize")
}

#[test]
fn dedupe_keys_survive_reserialization() {
    for f in fixture_files() {
        let body = std::fs::read(&f).expect("read");
        assert_eq!(keys(&body), keys(&reserialize(&body)), "{}", rel(&f));
    }
}

/// Sets `path` (keys separated by `/`) in a JSON value when it exists; returns whether it did.
fn set(v: &mut Value, path: &str, new: Value) -> bool {
    let mut cur = v;
    let parts: Vec<&str> = path.split('/').collect();
    for (i, p) in parts.iter().enumerate() {
        let Some(next) = cur.get_mut(*p) else { return false };
        if i == parts.len() - 1 {
            *next = new;
            return true;
        }
        cur = next;
    }
    false
}

#[test]
fn dedupe_keys_differ_when_the_message_id_or_status_differs() {
    let mut checked = 0;
    for f in fixture_files() {
        let body = std::fs::read(&f).expect("read");
        let original = keys(&body);
        if original.is_empty() {
            continue;
        }
        let value: Value = serde_json::from_slice(&body).expect("json");
        let first_type = wahook::parse(&body, &wahook::ParseOptions::default()).ok().and_then(|r| r.events.first().map(|e| e.type_name()));
        let id_fields: &[&str] = match first_type {
            Some("call") => &["callId"],
            Some("message" | "status") => &["messageId", "idMessage", "payload/uuid", "body/idMessage", "ids"],
            _ => &[],
        };
        for &field in id_fields {
            let mut changed = value.clone();
            let new = if field == "ids" { serde_json::json!(["OTHER-ID"]) } else { Value::String("OTHER-ID".into()) };
            if set(&mut changed, field, new) {
                let k = keys(&serde_json::to_vec(&changed).expect("ser"));
                assert_ne!(k, original, "{}: changing {field} kept the keys", rel(&f));
                checked += 1;
            }
        }
        let is_status = wahook::parse(&body, &wahook::ParseOptions::default())
            .is_ok_and(|r| matches!(r.events.first(), Some(wahook::Event::Status(_))));
        if is_status {
            let mut changed = value.clone();
            let done = set(&mut changed, "status", Value::String("read".into()))
                || set(&mut changed, "payload/status", Value::String("sent".into()));
            let k = keys(&serde_json::to_vec(&changed).expect("ser"));
            if done && k.iter().zip(&original).all(|(a, b)| a != b) {
                checked += 1;
            } else if done {
                // Already that status: any other must change the key.
                let mut again = value.clone();
                let _ = set(&mut again, "status", Value::String("PLAYED".into()))
                    || set(&mut again, "payload/status", Value::String("delivered".into()));
                assert_ne!(keys(&serde_json::to_vec(&again).expect("ser")), original, "{}: changing the status kept the key", rel(&f));
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} mutations checked");
}

#[test]
fn fan_out_keys_are_distinct_and_in_order() {
    let body = br#"{"type":"MessageStatusCallback","instanceId":"i","status":"READ","ids":["a","b","c"],"momment":1632234645000,"phone":"5544999999999"}"#;
    let r = wahook::parse(body, &wahook::ParseOptions::default()).expect("parse");
    let ids: Vec<String> = r
        .events
        .iter()
        .map(|e| match e {
            wahook::Event::Status(s) => s.message_id.clone().unwrap_or_default(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let k = keys(body);
    assert_eq!(k.len(), 3);
    assert!(k[0] != k[1] && k[1] != k[2] && k[0] != k[2]);
    assert_eq!(k[0], "zapi:status:i:a:READ");
}

/// The `#` hash of an event without a natural id is XXH64 (seed 0) of the canonical form that the
/// README documents; this builds that form by hand for a small Callbell message.
#[test]
fn dedupe_hash_is_xxh64_of_the_documented_canonical_form() {
    let body = br#"{"payload":{"text":"old","n":1.0,"from":"5511","text":"hi"},"event":"message_created"}"#;
    let mut c: Vec<u8> = Vec::new();
    let s = |c: &mut Vec<u8>, s: &str| {
        c.extend_from_slice(&(s.len() as u64).to_le_bytes());
        c.extend_from_slice(s.as_bytes());
    };
    // {event, payload}: keys sorted, each key then its value.
    c.push(6);
    c.extend_from_slice(&2u64.to_le_bytes());
    s(&mut c, "event");
    c.push(4);
    s(&mut c, "message_created");
    s(&mut c, "payload");
    // {from, n, text}: the repeated `text` keeps its last value; 1.0 is the double 1.
    c.push(6);
    c.extend_from_slice(&3u64.to_le_bytes());
    s(&mut c, "from");
    c.push(4);
    s(&mut c, "5511");
    s(&mut c, "n");
    c.push(3);
    c.extend_from_slice(&1.0f64.to_bits().to_le_bytes());
    s(&mut c, "text");
    c.push(4);
    s(&mut c, "hi");
    let hash = format!("#{:016x}", xxhash_rust::xxh64::xxh64(&c, 0));
    assert_eq!(keys(body), [format!("callbell:message:-:5511@c.us:{hash}")]);
    // Pinned: a change here changes stored keys for users; it needs a release note.
    assert_eq!(hash, "#88ef4983d75de353");
}

/// A Z-API status with several ids: every event carries the shared fields (the last one takes them,
/// the others copy them), in the order of `ids`.
#[test]
fn a_status_with_several_ids_gives_whole_events_in_order() {
    let body = br#"{"type":"MessageStatusCallback","status":"Read_By_Me","ids":["A","B","C"],"momment":1632234645000,"phone":"5511999999999","instanceId":"inst"}"#;
    let r = wahook::parse(body, &wahook::ParseOptions::default()).expect("parse");
    let ids: Vec<&str> = r
        .events
        .iter()
        .map(|e| match e {
            wahook::Event::Status(s) => {
                assert_eq!(s.base.instance_id.as_deref(), Some("inst"));
                assert_eq!(s.base.timestamp, Some(1_632_234_645_000));
                assert_eq!(s.raw_status, "Read_By_Me");
                assert_eq!((s.status, s.actor), (wahook::Status::Read, wahook::Actor::SelfActor));
                assert_eq!(s.chat.as_ref().map(|c| c.id.as_str()), Some("5511999999999@c.us"));
                let id = s.message_id.as_deref().expect("an id");
                assert_eq!(s.base.dedupe_key, format!("zapi:status:inst:{id}:Read_By_Me"));
                id
            }
            other => panic!("not a status: {other:?}"),
        })
        .collect();
    assert_eq!(ids, ["A", "B", "C"]);
}
