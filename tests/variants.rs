//! Our own variants of the documented payloads (`tests/variants.json`): other ids, groups, lids,
//! units and spellings. Each expectation is partial: the keys it names must match, arrays must have
//! the same length. The JS tests run the same file against the built package.

use serde_json::Value;

fn partial(exp: &Value, act: &Value, path: &str) -> Result<(), String> {
    match (exp, act) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, x) in e {
                match a.get(k) {
                    Some(y) => partial(x, y, &format!("{path}.{k}"))?,
                    None => return Err(format!("{path}.{k}: missing")),
                }
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!("{path}: expected {} items, got {}: {act}", e.len(), a.len()));
            }
            e.iter().zip(a).enumerate().try_for_each(|(i, (x, y))| partial(x, y, &format!("{path}[{i}]")))
        }
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => Ok(()),
        _ if exp == act => Ok(()),
        _ => Err(format!("{path}: expected {exp}, got {act}")),
    }
}

#[test]
fn variants() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/variants.json")).expect("variants.json");
    let cases: Vec<Value> = serde_json::from_str(&text).expect("json");
    assert!(cases.len() >= 30);
    let mut failures = Vec::new();
    for c in &cases {
        let name = c["name"].as_str().unwrap_or("?");
        let body = serde_json::to_vec(&c["body"]).expect("body");
        match wahook::parse(&body, &wahook::ParseOptions::default()) {
            Ok(r) => {
                let actual = serde_json::to_value(&r).expect("ser");
                if let Err(e) = partial(&c["expect"], &actual, "result") {
                    failures.push(format!("{name}: {e}"));
                }
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{} variant(s) failed:\n{}", failures.len(), failures.join("\n"));
}
