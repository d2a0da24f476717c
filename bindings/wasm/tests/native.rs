//! The tape contract, natively (`cargo test -p wahook-wasm --test native`, part of `make test-rust`):
//! every fixture's result, with and without `raw`, is encoded by the binding's tape encoder and
//! decoded by the Rust reader of the same format (`common::read_parts`, which also checks that
//! every shape is defined before it is used); the decoded value must equal what serde_json makes of
//! the same result. A model change that serde_json accepts but the tape refuses (a serde form the
//! tape does not write) fails here, without a wasm build.
#[allow(dead_code, unused_macros, unused_imports)]
#[macro_use]
mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use wahook_wasm::tape::Tape;

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("fixtures dir").flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            fixtures(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

/// As the reader reports numbers (JSON.parse's view): integral floats become integers.
fn js_numbers(v: Value) -> Value {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(a) => Value::Array(a.into_iter().map(js_numbers).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, js_numbers(v))).collect()),
        other => other,
    }
}

#[test]
fn every_fixture_crosses_the_tape_as_serde_json_writes_it() {
    wahook::number::set_host_parser(|s| s.parse().unwrap_or(f64::NAN));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = Vec::new();
    fixtures(&root, &mut files);
    assert!(files.len() > 100, "found only {} fixtures under {}", files.len(), root.display());
    // One tape for all, as in an instance: keys and shapes learned by one body are reused by the next.
    let mut tape = Tape::default();
    let mut shapes = Vec::new();
    let mut checked = 0;
    for file in &files {
        let body = std::fs::read(file).expect("read fixture");
        for include_raw in [false, true] {
            let options = wahook::ParseOptions::default().include_raw(include_raw);
            let (ok, expected) = match wahook::parse(&body, &options) {
                Ok(r) => (true, serde_json::json!({ "ok": true, "value": serde_json::to_value(&r).expect("serde_json") })),
                Err(e) => (false, serde_json::json!({ "ok": false, "error": serde_json::to_value(&e).expect("serde_json") })),
            };
            match wahook::parse(&body, &options) {
                Ok(r) => tape.encode(true, &r),
                Err(e) => tape.encode(false, &e),
            };
            let (tape_ok, words, nums, pool) = tape.parts();
            assert_eq!(tape_ok, ok, "{}: the tape says ok={tape_ok}", file.display());
            let (decoded, _) = common::read_parts(tape_ok, words, nums, pool, tape.keys(), &mut shapes);
            assert_eq!(decoded, js_numbers(expected), "{} (raw: {include_raw})", file.display());
            checked += 1;
        }
    }
    assert_eq!(checked, files.len() * 2);
}

#[test]
fn detections_and_errors_cross_the_tape() {
    let mut tape = Tape::default();
    let mut shapes = Vec::new();
    for body in [&b"{}"[..], b"[1]", b"{\"typeWebhook\":\"x\"}", b"not json"] {
        let d = wahook::detect(body, &wahook::ParseOptions::default());
        tape.encode(true, &d);
        let (ok, words, nums, pool) = tape.parts();
        let (decoded, _) = common::read_parts(ok, words, nums, pool, tape.keys(), &mut shapes);
        assert_eq!(decoded, serde_json::json!({ "ok": true, "value": serde_json::to_value(&d).expect("serde_json") }));
    }
}
