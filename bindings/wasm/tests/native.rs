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
    let mut shapes = common::Learned::default();
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
    let mut shapes = common::Learned::default();
    for body in [&b"{}"[..], b"[1]", b"{\"typeWebhook\":\"x\"}", b"not json"] {
        let d = wahook::detect(body, &wahook::ParseOptions::default());
        tape.encode(true, &d);
        let (ok, words, nums, pool) = tape.parts();
        let (decoded, _) = common::read_parts(ok, words, nums, pool, tape.keys(), &mut shapes);
        assert_eq!(decoded, serde_json::json!({ "ok": true, "value": serde_json::to_value(&d).expect("serde_json") }));
    }
}

/// Random trees of structs that share a `serialize_struct` name and length but not always their
/// keys (`common::Var`: its variants, and writers of fewer or more fields than announced), on one
/// tape for 400 rounds: whatever the tape predicted, kept or rewrote with keys, each reads back as
/// serde_json writes it, and the reader checks every shape is known before a struct leaves its keys
/// out.
#[test]
fn random_struct_sequences_cross_the_tape() {
    use common::Var;
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    fn tree(next: &mut dyn FnMut(u64) -> u64, depth: u32) -> Var {
        let n = next(1000) as u32;
        let child = |next: &mut dyn FnMut(u64) -> u64| (depth > 0 && next(3) > 0).then(|| Box::new(tree(next, depth - 1)));
        match next(5) {
            0 => Var::A(n, child(next)),
            1 => Var::B(n, child(next)),
            2 => Var::C(n),
            3 => Var::Few(n),
            _ => Var::More(n, child(next)),
        }
    }
    let mut tape = Tape::default();
    let mut shapes = common::Learned::default();
    for round in 0..400 {
        let list: Vec<Var> = (0..next(6)).map(|_| tree(&mut next, 4)).collect();
        tape.encode(true, &list);
        let (ok, words, nums, pool) = tape.parts();
        let (decoded, _) = common::read_parts(ok, words, nums, pool, tape.keys(), &mut shapes);
        let expected = serde_json::json!({"ok": true, "value": list.iter().map(common::var_json).collect::<Vec<_>>()});
        assert_eq!(decoded, expected, "round {round}");
    }
}

/// Runs natively too (it is also one of the shared wasm tests).
#[test]
fn predictions_that_fail_fall_back_to_keys() {
    common::predictions_that_fail_fall_back_to_keys();
}

/// A repeated string value is written as its first copy's span only within one tape: the next
/// tape's pool differs, and an entry of the last one must not answer ("wxyz" at the span it had).
#[test]
fn repeated_values_are_found_within_one_tape_only() {
    let mut tape = Tape::default();
    let mut shapes = common::Learned::default();
    for list in [vec!["\u{e9}\u{e9}", "wxyz", "wxyz"], vec!["abcdwxyz", "wxyz", "wxyz"], vec!["wxyz"]] {
        tape.encode(true, &list);
        let (ok, words, nums, pool) = tape.parts();
        let (decoded, _) = common::read_parts(ok, words, nums, pool, tape.keys(), &mut shapes);
        assert_eq!(decoded, serde_json::json!({"ok": true, "value": list}));
    }
}

/// A value whose serialization fails part-way is reported as an internal error; the keys, shapes
/// and predictions it interned never reached JS, so the next result must not rely on them.
#[test]
fn a_failed_encode_leaves_nothing_js_has_not_seen() {
    use serde::ser::{Error as _, Serialize, SerializeSeq, SerializeStruct, Serializer};
    struct A(u32);
    impl Serialize for A {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("A", 1)?;
            st.serialize_field("n", &self.0)?;
            st.end()
        }
    }
    struct Fail;
    impl Serialize for Fail {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(S::Error::custom("no"))
        }
    }
    struct Both;
    impl Serialize for Both {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut seq = s.serialize_seq(Some(2))?;
            seq.serialize_element(&A(1))?;
            seq.serialize_element(&Fail)?;
            seq.end()
        }
    }
    let mut tape = Tape::default();
    let mut shapes = common::Learned::default();
    tape.encode(true, &Both);
    let (ok, words, nums, pool) = tape.parts();
    let (decoded, _) = common::read_parts(ok, words, nums, pool, tape.keys(), &mut shapes);
    assert_eq!(decoded["ok"], false, "a failed encode is an error: {decoded}");
    for n in [2, 3] {
        tape.encode(true, &A(n));
        let (ok, words, nums, pool) = tape.parts();
        let (decoded, _) = common::read_parts(ok, words, nums, pool, tape.keys(), &mut shapes);
        assert_eq!(decoded, serde_json::json!({"ok": true, "value": {"n": n}}));
    }
}
