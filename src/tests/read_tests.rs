use super::*;
use crate::json;

fn warning_paths(src: &str, read: impl Fn(&Obj<'_, '_>)) -> Vec<String> {
    let parsed = json::parse(src, Box::leak(Box::default())).unwrap();
    let root = parsed.value.as_object().unwrap();
    let w = Warnings::default();
    read(&Obj::new(root, "body", &w));
    w.into_vec().into_iter().map(|x| x.path.unwrap()).collect()
}

#[test]
fn paths_name_nested_keys_and_array_items() {
    let paths = warning_paths(r#"{"a":{"b":[{"c":1},{"c":true},{"c":{}}]}}"#, |b| {
        let a = b.obj("a").unwrap();
        for item in a.objects("b") {
            item.str("c");
        }
    });
    assert_eq!(paths, ["body.a.b[0].c", "body.a.b[1].c", "body.a.b[2].c"]);
}

#[test]
fn long_and_unicode_paths_are_kept_whole() {
    let long = "k".repeat(100);
    let src = format!(r#"{{"çã":{{"{long}":{{"x":[1]}}}}}}"#);
    let paths = warning_paths(&src, |b| {
        let inner = b.obj("çã").unwrap().obj(&long).unwrap();
        inner.str("x");
    });
    assert_eq!(paths, [format!("body.çã.{long}.x")]);
}

#[test]
fn an_empty_root_path_has_no_leading_dot() {
    let parsed = json::parse(r#"{"a":{"n":[]},"l":[{},{},{},{},{},{},{},{},{},{},{"v":null,"n":5}]}"#, Box::leak(Box::default())).unwrap();
    let w = Warnings::default();
    let b = Obj::new(parsed.value.as_object().unwrap(), "", &w);
    b.obj("a").unwrap().str("n");
    b.objects("l").last().unwrap().bool("n");
    let paths: Vec<String> = w.into_vec().into_iter().map(|x| x.path.unwrap()).collect();
    assert_eq!(paths, ["a.n", "l[10].n"]);
}

#[test]
fn text_borrows_strings_converts_numbers_as_written_and_never_reads_booleans() {
    let parsed = json::parse(r#"{"s":"abc","n":12345678901234567890,"b":false,"o":{}}"#, Box::leak(Box::default())).unwrap();
    let w = Warnings::default();
    let b = Obj::new(parsed.value.as_object().unwrap(), "", &w);
    assert!(matches!(b.text("s"), Some(std::borrow::Cow::Borrowed("abc"))));
    assert_eq!(b.text("n").as_deref(), Some("12345678901234567890"));
    // A boolean is never an id, an error, a status or a name.
    assert_eq!(b.text("b"), None);
    assert_eq!(b.text("o"), None);
    assert_eq!(b.non_empty_text("missing"), None);
    let codes: Vec<_> = w.into_vec().into_iter().map(|x| x.code).collect();
    assert_eq!(codes, [WarningCode::InvalidType, WarningCode::InvalidType, WarningCode::InvalidType]);
}
