//! `--features deserialize`: every fixture's result, written as JSON, reads back into the same
//! model (`ParseResult: Deserialize`) and writes out again byte for byte.
#![cfg(feature = "deserialize")]

use std::path::{Path, PathBuf};

fn fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("fixtures dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            fixtures(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_result_reads_back_into_the_model() {
    let mut files = Vec::new();
    fixtures(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"), &mut files);
    assert!(files.len() >= 150, "only {} fixtures", files.len());
    let mut events = 0;
    let mut attendances = 0;
    for path in &files {
        let body = std::fs::read(path).expect("read");
        for include_raw in [false, true] {
            let options = wahook::ParseOptions::default().include_raw(include_raw);
            let Ok(result) = wahook::parse(&body, &options) else { continue };
            let json = serde_json::to_string(&result).expect("serialize");
            let back: wahook::ParseResult =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}\n{json}", path.display()));
            assert_eq!(serde_json::to_string(&back).expect("serialize"), json, "{}", path.display());
            events += back.events.len();
            attendances += back
                .events
                .iter()
                .filter(|e| matches!(e, wahook::Event::System(s) if matches!(s.data, wahook::SystemData::Attendance(_))))
                .count();
        }
    }
    assert!(events > 300, "only {events} events read back");
    // An attendance comes back as an attendance, not as the catch-all `data` object.
    assert!(attendances >= 4, "{attendances} attendances read back");
}

#[test]
fn an_unknown_status_or_kind_from_a_newer_wahook_is_an_error_not_a_silent_default() {
    let json = r#"{"provider":"zapi","detectedBy":"shape","ambiguous":false,"events":[],"warnings":[]}"#;
    let r: wahook::ParseResult = serde_json::from_str(json).expect("minimal result");
    assert_eq!(r.provider, wahook::Provider::Zapi);
    assert!(serde_json::from_str::<wahook::ParseResult>(&json.replace("zapi", "nope")).is_err());
}
