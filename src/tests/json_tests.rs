use super::*;

/// Parses with an arena that lives for the rest of the run (leaked: tests only).
fn parse(src: &str) -> Result<Parsed<'_>, ParseError> {
    super::parse(src, Box::leak(Box::default()))
}

fn obj<'a>(v: &'a Value<'a>) -> &'a Object<'a> {
    v.as_object().expect("object")
}

#[test]
fn keeps_number_tokens_and_last_duplicate() {
    let p = parse(r#"{"id": 999999999999999999999, "a": 1, "a": 2.50}"#).expect("parse");
    let o = obj(&p.value);
    assert_eq!(o.get("id"), Some(&Value::Number("999999999999999999999")));
    assert_eq!(o.get("a"), Some(&Value::Number("2.50")));
    assert_eq!(o.unique_entries().map(|(k, _)| k).collect::<Vec<_>>(), vec!["id", "a"]);
}

#[test]
fn strings_borrow_without_escapes_and_decode_with() {
    let src = r#"["plain", "a\"b\u00e9\ud83d\udc4d\n"]"#;
    let p = parse(src).expect("parse");
    let a = p.value.as_array().expect("array");
    let plain = a[0].as_str().expect("a string");
    assert_eq!(plain, "plain");
    assert!(std::ptr::eq(plain.as_ptr(), src[2..].as_ptr()), "borrowed from the source");
    assert_eq!(a[1].as_str(), Some("a\"bé👍\n"));
}

#[test]
fn lone_surrogates_become_replacement_characters() {
    let p = parse(r#"["\ud800", "\udc00x", "\ud800\u0041"]"#).expect("parse");
    let a = p.value.as_array().expect("array");
    assert_eq!(a[0].as_str(), Some("\u{fffd}"));
    assert_eq!(a[1].as_str(), Some("\u{fffd}x"));
    assert_eq!(a[2].as_str(), Some("\u{fffd}A"));
    assert_eq!(p.lone_surrogates, 3);
}

#[test]
fn object_source_spans() {
    let src = r#" {"a": {"b": [1, 2]} } "#;
    let p = parse(src).expect("parse");
    let o = obj(&p.value);
    assert_eq!(o.source_len, r#"{"a": {"b": [1, 2]} }"#.len());
    assert_eq!(obj(o.get("a").expect("a")).source_len, r#"{"b": [1, 2]}"#.len());
}

#[test]
fn depth_limit_is_exactly_128() {
    let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(parse(&ok).is_ok());
    let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
    assert!(matches!(parse(&deep), Err(ParseError::TooDeep { .. })));
}

#[test]
fn syntax_errors_have_code_point_columns() {
    let src = "{\n  \"é\": x\n}";
    let Err(ParseError::Syntax { offset, message }) = parse(src) else { panic!("expected an error") };
    assert_eq!(line_column(src, offset), (2, 8));
    assert!(message.contains("found 'x'"), "{message}");
}

#[test]
fn rejects_what_json_rejects() {
    for bad in [
        "",
        " ",
        "{",
        "[1,]",
        "{\"a\":1,}",
        "01",
        "1.",
        "-",
        "1e",
        "tru",
        "\"a",
        "\"\t\"",
        "{} x",
        "'a'",
        "NaN",
        "\"\\x\"",
        "\u{feff}",
        " \u{feff}{}",
    ] {
        assert!(parse(bad).is_err(), "{bad:?} should fail");
    }
    for good in ["0", "-0.5e+10", "\"\"", "[]", "{}", "\u{feff}{}", " {} "] {
        assert!(parse(good).is_ok(), "{good:?} should parse");
    }
}

/// The SWAR scan stops exactly at the first quote, backslash or control byte, wherever it falls
/// within the 8-byte words (each position of strings up to 40 bytes, after ASCII and non-ASCII).
#[test]
fn string_scan_stops_at_every_position() {
    for len in 0..40 {
        for at in 0..=len {
            for (escaped, plain) in [("\\\"", "\""), ("\\\\", "\\"), ("\\u0001", "\u{1}"), ("é", "é"), ("\\n", "\n")] {
                let before: String = (0..at).map(|i| if i % 7 == 3 { 'ã' } else { char::from(b'a' + (i % 26) as u8) }).collect();
                let after: String = (at..len).map(|i| char::from(b'A' + (i % 26) as u8)).collect();
                let src = format!("\"{before}{escaped}{after}\"");
                let parsed = parse(&src).unwrap_or_else(|e| panic!("{src}: {e:?}"));
                assert_eq!(parsed.value.as_str(), Some(format!("{before}{plain}{after}").as_str()), "{src}");
            }
            // A raw control byte is refused where it stands.
            let raw = format!("\"{}\u{1}{}\"", "b".repeat(at), "c".repeat(len - at));
            match parse(&raw) {
                Err(ParseError::Syntax { offset, .. }) => assert_eq!(offset, 1 + at, "{raw:?}"),
                other => panic!("{raw:?}: {other:?}"),
            }
        }
    }
}

#[test]
fn recycled_stacks_keep_their_allocation() {
    let key = String::from("k");
    let mut v: Vec<(&str, Value)> = Vec::with_capacity(16);
    v.push((&key, Value::Null));
    v.clear();
    let at = v.as_ptr() as usize;
    let w: Vec<(&'static str, Value<'static>)> = recycle(v);
    assert_eq!((w.capacity(), w.as_ptr() as usize), (16, at));
}

/// The spare arena and stacks of a thread: kept after a small body, reused, and freed after a
/// body whose tree needed more than `KEEP_BYTES`.
#[test]
fn a_thread_keeps_a_small_arena_and_frees_a_large_one() {
    fn spare_capacity() -> Option<usize> {
        SPARE_ARENA.with(|s| {
            let a = s.take();
            let capacity = a.as_ref().map(Arena::chunk_capacity);
            s.set(a);
            capacity
        })
    }
    std::thread::spawn(|| {
        let small = br#"{"a": [1, 2, {"b": "c\u00e9"}]}"#;
        let first = with_arena(small, |arena| {
            let p = super::parse(std::str::from_utf8(small).expect("utf8"), arena).expect("parse");
            format!("{:?}", p.value)
        });
        assert!(spare_capacity().is_some_and(|c| c >= 2 * small.len() + 256));
        assert!(SPARE_STACKS.with(|s| {
            let st = s.take();
            let ok = st.as_ref().is_some_and(|st| st.entries.is_empty() && st.entries.capacity() >= 16);
            s.set(st);
            ok
        }));
        // The same body again reads the same tree from the reused arena.
        let again = with_arena(small, |arena| {
            let p = super::parse(std::str::from_utf8(small).expect("utf8"), arena).expect("parse");
            format!("{:?}", p.value)
        });
        assert_eq!(again, first);
        // A body past KEEP_BYTES gets an arena of its own, which is not kept.
        let big = format!("[{}0]", "0,".repeat(KEEP_BYTES));
        with_arena(big.as_bytes(), |arena| {
            assert!(arena.chunk_capacity() >= 2 * big.len());
            assert!(super::parse(&big, arena).is_ok());
        });
        assert_eq!(spare_capacity(), None);
        // Its stacks (64 K items) were not kept either.
        assert!(SPARE_STACKS.with(|s| s.take()).is_none());
    })
    .join()
    .expect("thread");
}
