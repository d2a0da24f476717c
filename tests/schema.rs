//! The JSON Schema (draft 2020-12) of `ParseResult`, generated from the model with schemars:
//! `cargo test --features schema --test schema` fails when schema/ParseResult.schema.json differs
//! from what the model generates; `UPDATE_SCHEMA=1` rewrites it. The file is exact: every key the
//! serializer always writes is required (nullable where it is an `Option`), no other key is
//! allowed (`raw` is the one optional key, present only with `include_raw`).
#![cfg(feature = "schema")]

use schemars::generate::SchemaSettings;
use serde_json::Value;

fn close_objects(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                let keys: Vec<Value> = props.keys().filter(|k| k.as_str() != "raw").map(|k| Value::String(k.clone())).collect();
                map.insert("required".into(), Value::Array(keys));
                map.entry("additionalProperties").or_insert(Value::Bool(false));
            }
            for (_, child) in map.iter_mut() {
                close_objects(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

fn generate() -> String {
    let generator = SchemaSettings::draft2020_12().for_serialize().into_generator();
    let schema = generator.into_root_schema_for::<wahook::ParseResult>();
    let mut value = serde_json::to_value(&schema).expect("a schema serializes");
    if let Value::Object(map) = &mut value {
        map.insert("$id".into(), Value::String("https://unpkg.com/wahook/schema.json".into()));
    }
    close_objects(&mut value);
    serde_json::to_string_pretty(&value).expect("a schema serializes") + "\n"
}

#[test]
fn schema_file_is_what_the_model_generates() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/ParseResult.schema.json");
    let generated = generate();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &generated).expect("schema/ is writable");
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/ParseResult.schema.json is not what the model generates: run `UPDATE_SCHEMA=1 cargo test --features schema --test schema` and commit it"
    );
}
