//! SPEC §1 errors and §4 provider quirks: what must fail, fails with the right code and position;
//! what a provider may legitimately send never fails and never loses the event.

use wahook::{ErrorCode, Event, ParseOptions, Provider, WarningCode};

fn parse(body: &str) -> wahook::ParseResult {
    wahook::parse(body.as_bytes(), &ParseOptions::default()).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn err(body: &[u8], options: &ParseOptions) -> wahook::Error {
    match wahook::parse(body, options) {
        Ok(r) => panic!("expected an error, got {r:?}"),
        Err(e) => e,
    }
}

fn codes(r: &wahook::ParseResult) -> Vec<&'static str> {
    r.warnings.iter().map(|w| w.code.as_str()).collect()
}

fn status(e: &Event) -> &wahook::StatusEvent {
    match e {
        Event::Status(s) => s,
        other => panic!("not a status: {other:?}"),
    }
}

fn message(e: &Event) -> &wahook::MessageEvent {
    match e {
        Event::Message(m) => m,
        other => panic!("not a message: {other:?}"),
    }
}

#[test]
fn invalid_json_says_line_and_column_in_code_points() {
    let e = err(b"{\n  \"type\": \"ReceivedCallback\",\n  oops\n}", &ParseOptions::default());
    assert_eq!((e.code, e.line, e.column), (ErrorCode::InvalidJson, Some(3), Some(3)));
    assert!(e.message.contains("line 3, column 3"), "{}", e.message);
    let e = err("{\"é\": ü}".as_bytes(), &ParseOptions::default());
    assert_eq!((e.line, e.column), (Some(1), Some(7)));
    let e = err(b"", &ParseOptions::default());
    assert_eq!((e.code, e.line, e.column), (ErrorCode::InvalidJson, Some(1), Some(1)));
}

#[test]
fn error_codes() {
    let o = ParseOptions::default();
    assert_eq!(err(b"[1,2]", &o).code, ErrorCode::NotAnObject);
    assert_eq!(err(b"\"text\"", &o).code, ErrorCode::NotAnObject);
    assert_eq!(err(br#"{"hello":"world"}"#, &o).code, ErrorCode::UnknownProvider);
    assert_eq!(err(b"{\"typeWebhook\":\"\xff\"}", &o).code, ErrorCode::InvalidEncoding);
    let deep = format!("{{\"typeWebhook\":\"x\",\"x\":{}1{}}}", "{\"a\":".repeat(5000), "}".repeat(5000));
    assert_eq!(err(deep.as_bytes(), &o).code, ErrorCode::TooDeep);
    let deep_array = format!("{}{}", "[".repeat(129), "]".repeat(129));
    assert_eq!(err(deep_array.as_bytes(), &o).code, ErrorCode::TooDeep);
    // A fan-out past MAX_EVENTS is too large even under max_bytes.
    let ids: Vec<String> = (0..=wahook::MAX_EVENTS).map(|i| format!("\"{i}\"")).collect();
    let fan = format!(r#"{{"type":"MessageStatusCallback","status":"READ","ids":[{}]}}"#, ids.join(","));
    let e = err(fan.as_bytes(), &o);
    assert_eq!(e.code, ErrorCode::TooLarge);
    assert!(e.message.contains("10001 events"), "{}", e.message);
    let ok = format!(r#"{{"type":"MessageStatusCallback","status":"READ","ids":[{}]}}"#, ids[..wahook::MAX_EVENTS].join(","));
    assert_eq!(wahook::parse(ok.as_bytes(), &o).expect("parse").events.len(), wahook::MAX_EVENTS);
    let small = ParseOptions::default().max_bytes(10);
    assert_eq!(err(br#"{"typeWebhook":"x"}"#, &small).code, ErrorCode::TooLarge);
    let hint = ParseOptions::default().provider(Provider::Greenapi);
    assert_eq!(err(br#"{"event":"message_created","payload":{}}"#, &hint).code, ErrorCode::ProviderMismatch);
}

#[test]
fn exactly_128_levels_is_accepted() {
    // Level 1 is the top-level object; 127 more nested objects make 128.
    let body = format!("{{\"typeWebhook\":\"x\",\"d\":{}1{}}}", "{\"a\":".repeat(127), "}".repeat(127));
    assert!(wahook::parse(body.as_bytes(), &ParseOptions::default()).is_ok());
    let body = format!("{{\"typeWebhook\":\"x\",\"d\":{}1{}}}", "{\"a\":".repeat(128), "}".repeat(128));
    assert_eq!(err(body.as_bytes(), &ParseOptions::default()).code, ErrorCode::TooDeep);
}

#[test]
fn duplicate_keys_last_wins() {
    // The Z-API docs repeat instanceId; JSON.parse keeps the last.
    let r = parse(
        r#"{"instanceId":"first","type":"MessageStatusCallback","status":"SENT","ids":["m"],"instanceId":"instance.id","status":"READ"}"#,
    );
    let s = status(&r.events[0]);
    assert_eq!((s.base.instance_id.as_deref(), s.raw_status.as_str()), (Some("instance.id"), "READ"));
}

#[test]
fn momment_in_seconds_and_moment_spelling() {
    let r = parse(r#"{"type":"DisconnectedCallback","momment":1580163342,"error":"x"}"#);
    assert_eq!(r.events[0].base().timestamp, Some(1_580_163_342_000));
    assert_eq!(codes(&r), ["timestamp_seconds"]);
    assert_eq!(r.warnings[0].path.as_deref(), Some("momment"));
    let r = parse(r#"{"type":"MessageStatusCallback","status":"SENT","ids":["m"],"moment":1632234645000,"phone":"5511999999999"}"#);
    assert_eq!(r.events[0].base().timestamp, Some(1_632_234_645_000));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn numbers_as_strings_and_the_reverse() {
    let r = parse(
        r#"{"type":"MessageStatusCallback","status":"SENT","ids":[999999999999999999999],"momment":"1632234645000","phone":5544999999999}"#,
    );
    let s = status(&r.events[0]);
    assert_eq!(s.message_id.as_deref(), Some("999999999999999999999"));
    assert_eq!(s.base.timestamp, Some(1_632_234_645_000));
    assert_eq!(s.chat.as_ref().map(|c| c.id.as_str()), Some("5544999999999@c.us"));
    assert!(codes(&r).iter().all(|c| *c == "invalid_type"), "{:?}", r.warnings);
    assert_eq!(r.warnings.len(), 3);
    // Green API idInstance is documented as a number: no warning, every digit kept.
    let r = parse(
        r#"{"typeWebhook":"outgoingMessageStatus","instanceData":{"idInstance":12345678901234567890123},"timestamp":1,"idMessage":"x","status":"sent","chatId":"5511999999999@c.us"}"#,
    );
    assert_eq!(r.events[0].base().instance_id.as_deref(), Some("12345678901234567890123"));
    assert!(r.warnings.is_empty());
}

#[test]
fn unknown_values_are_events_with_warnings() {
    let r = parse(r#"{"typeWebhook":"somethingNew","instanceData":{"idInstance":1},"timestamp":1}"#);
    assert!(matches!(r.events[0], Event::Unknown(_)));
    assert_eq!(codes(&r), ["unknown_event"]);
    let r = parse(r#"{"type":"MessageStatusCallback","status":"SOMETHING_NEW","ids":["m1"],"momment":1632234645000,"phone":"1"}"#);
    let s = status(&r.events[0]);
    assert_eq!((s.status, s.rank, s.raw_status.as_str()), (wahook::Status::Unknown, None, "SOMETHING_NEW"));
    assert_eq!(codes(&r), ["unknown_status"]);
    let r = parse(r#"{"type":"ReceivedCallback","phone":"1","messageId":"m","momment":1632234645000,"fooMessage":{"x":1}}"#);
    assert!(matches!(&message(&r.events[0]).content, wahook::Content::Unsupported { provider_kind, .. } if provider_kind == "fooMessage"));
    assert_eq!(codes(&r), ["unsupported_content"]);
    let r = parse(r#"{"type":"ReceivedCallback","phone":"1","notification":"BRAND_NEW"}"#);
    match &r.events[0] {
        Event::System(s) => assert_eq!(s.name, "notification.brand_new"),
        other => panic!("{other:?}"),
    }
    assert_eq!(codes(&r), ["unknown_notification"]);
    let r = parse(r#"{"type":"SomethingCallback"}"#);
    assert!(matches!(r.events[0], Event::Unknown(_)));
    let r = parse(r#"{"event":"brand_new","payload":{}}"#);
    assert!(matches!(r.events[0], Event::Unknown(_)));
}

#[test]
fn nulls_extra_fields_and_wrong_types_never_throw() {
    let r = parse(
        r#"{"type":"ReceivedCallback","phone":null,"text":null,"image":"nope","momment":null,"extra":{"deep":[1,2]},"fromMe":"true"}"#,
    );
    let m = message(&r.events[0]);
    assert_eq!(m.direction, wahook::Direction::Outbound);
    // No chat and no time: null fields, each with a missing_field warning; never an empty id.
    assert_eq!(m.chat, None);
    assert_eq!(m.message_id, None);
    assert!(r.warnings.iter().any(|w| w.code == WarningCode::MissingField && w.path.as_deref() == Some("phone")));
    assert!(r.warnings.iter().any(|w| w.code == WarningCode::MissingField && w.path.as_deref() == Some("messageId")));
    assert!(r.warnings.iter().any(|w| w.code == WarningCode::MissingField && w.path.as_deref() == Some("momment")));
    assert!(codes(&r).contains(&"invalid_type"));
    let r = parse(r#"{"typeWebhook":"incomingMessageReceived","messageData":{"typeMessage":"imageMessage"}}"#);
    assert_eq!(message(&r.events[0]).content.kind(), "unsupported");
    let r = parse(r#"{"event":"message_status_updated","payload":{"status":"read"}}"#);
    assert_eq!(status(&r.events[0]).message_id, None);
    assert!(r.warnings.iter().any(|w| w.code == WarningCode::MissingField && w.path.as_deref() == Some("payload.uuid")));
}

#[test]
fn bom_and_lone_surrogates() {
    let r = parse("\u{feff}{\"type\":\"ReceivedCallback\",\"phone\":\"1\",\"messageId\":\"m\",\"momment\":1632234645000,\"text\":{\"message\":\"a\\ud800b\"}}");
    assert!(matches!(&message(&r.events[0]).content, wahook::Content::Text { text, .. } if text == "a\u{fffd}b"));
    assert_eq!(r.warnings.iter().map(|w| w.code).collect::<Vec<_>>(), [WarningCode::LoneSurrogate]);
}

#[test]
fn hints_and_headers_settle_zapi_vs_plugchat() {
    let body = br#"{"type":"MessageStatusCallback","status":"SENT","ids":["m"]}"#;
    let r = wahook::parse(body, &ParseOptions::default()).expect("parse");
    assert_eq!((r.provider, r.ambiguous), (Provider::Zapi, true));
    let plug = ParseOptions::default().provider(Provider::Plugchat);
    let r = wahook::parse(body, &plug).expect("parse");
    assert_eq!((r.provider, r.ambiguous, r.detected_by), (Provider::Plugchat, false, wahook::DetectedBy::Hint));
    assert_eq!(r.events[0].base().provider, Provider::Plugchat);
    let hdr = ParseOptions::default().headers(wahook::Headers::new([("Z-Api-Token", "t")]));
    let r = wahook::parse(body, &hdr).expect("parse");
    assert_eq!((r.provider, r.ambiguous, r.detected_by), (Provider::Zapi, false, wahook::DetectedBy::Headers));
}

#[test]
fn include_raw_keeps_the_source_object() {
    let body = br#"{"type":"MessageStatusCallback","status":"SENT","ids":["a","b"],"__proto__":{"x":1}}"#;
    let o = ParseOptions::default().include_raw(true);
    let r = wahook::parse(body, &o).expect("parse");
    let source: serde_json::Value = serde_json::from_slice(body).expect("json");
    for e in &r.events {
        let raw = serde_json::to_value(e.base().raw.as_ref().expect("raw")).expect("ser");
        assert_eq!(raw, source);
    }
    let plain = wahook::parse(body, &ParseOptions::default()).expect("parse");
    assert!(serde_json::to_string(&plain).expect("ser").find("\"raw\"").is_none());
}

#[test]
fn detect_never_fails() {
    let o = ParseOptions::default();
    let d = wahook::detect(b"not json", &o);
    assert_eq!(d.provider, None);
    assert!(d.reason.starts_with("invalid_json"), "{}", d.reason);
    let d = wahook::detect(br#"{"typeWebhook":"incomingCall"}"#, &o);
    assert_eq!((d.provider, d.provider_event.as_deref()), (Some(Provider::Greenapi), Some("incomingCall")));
    let d = wahook::detect(br#"{"attendance":{"status":"FINISH"},"chat":{}}"#, &o);
    assert_eq!(d.provider_event.as_deref(), Some("finishAttendance"));
}

#[test]
fn raw_and_data_collapse_duplicate_keys_like_json_parse() {
    // JSON.parse('{"a":1,"b":2,"a":3}') is {a: 3, b: 2}: first position, last value.
    let o = ParseOptions::default().include_raw(true);
    let r =
        wahook::parse(br#"{"type":"ReceivedCallback","phone":"1","notification":"GROUP_CREATE","a":1,"b":2,"a":3}"#, &o).expect("parse");
    let raw = serde_json::to_string(&r.events[0].base().raw).expect("ser");
    assert!(raw.ends_with(r#""a":3,"b":2}"#), "{raw}");
    match &r.events[0] {
        Event::System(s) => assert_eq!(serde_json::to_string(&s.data).expect("ser"), r#"{"a":3,"b":2,"notificationParameters":[]}"#),
        other => panic!("{other:?}"),
    }
}

#[test]
fn timestamps_given_as_date_time_strings() {
    let r = parse(r#"{"type":"MessageStatusCallback","status":"SENT","ids":["m"],"momment":"2021-09-21T14:30:45Z","phone":"1"}"#);
    assert_eq!(r.events[0].base().timestamp, Some(1_632_234_645_000));
    assert_eq!(codes(&r), ["invalid_type"]);
    let r = parse(r#"{"type":"MessageStatusCallback","status":"SENT","ids":["m"],"momment":"yesterday"}"#);
    assert_eq!(r.events[0].base().timestamp, None);
}

#[test]
fn raw_is_not_multiplied_by_a_large_fan_out() {
    // 600 KB of padding and 2 000 ids: copying the body into every event would be 1.2 GB.
    let ids: Vec<String> = (0..2000).map(|i| format!("\"m{i}\"")).collect();
    let body = format!(
        r#"{{"type":"MessageStatusCallback","status":"READ","momment":1632234645000,"phone":"1","pad":"{}","ids":[{}]}}"#,
        "x".repeat(600_000),
        ids.join(",")
    );
    let o = ParseOptions::default().include_raw(true);
    let r = wahook::parse(body.as_bytes(), &o).expect("parse");
    assert_eq!(r.events.len(), 2000);
    let with_raw = r.events.iter().filter(|e| e.base().raw.is_some()).count();
    assert!((1..=8).contains(&with_raw), "{with_raw} events carry raw");
    assert!(r.events[0].base().raw.is_some());
    assert_eq!(codes(&r), ["raw_omitted"]);
    // A small fan-out keeps raw on every event.
    let small =
        wahook::parse(br#"{"type":"MessageStatusCallback","status":"READ","ids":["a","b","c"],"momment":1632234645000,"phone":"1"}"#, &o)
            .expect("parse");
    assert!(small.events.iter().all(|e| e.base().raw.is_some()));
    assert!(small.warnings.is_empty());
}

/// Bodies off the SPEC's rules give a result and a warning, never an error: a field of another
/// type, a LID where a phone is documented, `phone` and `chatLid` both null, booleans as values.
#[test]
fn off_spec_identities_give_results_with_warnings() {
    let r =
        parse(r#"{"type":"ReceivedCallback","phone":null,"chatLid":null,"messageId":"m","momment":1700000000000,"text":{"message":"x"}}"#);
    assert_eq!(message(&r.events[0]).chat, None);
    assert!(r.warnings.iter().any(|w| w.code == WarningCode::MissingField && w.path.as_deref() == Some("phone")));
    // A LID in `participantPhone`: still a person, by LID.
    let r = parse(
        r#"{"type":"ReceivedCallback","phone":"120363000000000001-group","isGroup":true,"participantPhone":"20011122233344@lid","messageId":"m","momment":1700000000000,"text":{"message":"x"}}"#,
    );
    let s = message(&r.events[0]).sender.clone().expect("sender");
    assert_eq!((s.id.as_deref(), s.phone, s.lid.as_deref()), (Some("20011122233344@lid"), None, Some("20011122233344@lid")));
    // A chatLid of another type is ignored with a warning.
    let r = parse(
        r#"{"type":"ReceivedCallback","phone":"5511999999999","chatLid":{"x":1},"messageId":"m","momment":1700000000000,"text":{"message":"x"}}"#,
    );
    assert_eq!(message(&r.events[0]).chat.as_ref().and_then(|c| c.lid.clone()), None);
    assert_eq!(codes(&r), ["invalid_type"]);
    // Booleans are never ids, errors, statuses or names.
    let r = parse(r#"{"type":"DeliveryCallback","messageId":"m","phone":"1","momment":1700000000000,"error":false}"#);
    let d = status(&r.events[0]);
    assert_eq!((d.status, d.error.clone()), (wahook::Status::Accepted, None));
    assert_eq!(codes(&r), ["invalid_type"]);
    let r = parse(r#"{"typeWebhook":"outgoingMessageStatus","chatId":false,"idMessage":"x","status":"sent","timestamp":1}"#);
    assert_eq!(status(&r.events[0]).chat, None);
    let r = parse(
        r#"{"type":"ReceivedCallback","phone":"1","messageId":"m","momment":1700000000000,"notification":true,"text":{"message":"x"}}"#,
    );
    assert!(matches!(r.events[0], Event::Message(_)), "notification: true is no notification");
    let r = parse(r#"{"type":"DeliveryCallback","messageId":"m","phone":"1","momment":1700000000000,"error":""}"#);
    assert_eq!(status(&r.events[0]).status, wahook::Status::Accepted);
}

/// Dedupe keys tell apart what the issue found colliding.
#[test]
fn dedupe_keys_of_events_that_used_to_collide() {
    let key = |b: &str| parse(b).events[0].base().dedupe_key.clone();
    let waiting = key(r#"{"type":"ReceivedCallback","phone":"1","messageId":"M","momment":1700000000000,"waitingMessage":true}"#);
    let decrypted = key(r#"{"type":"ReceivedCallback","phone":"1","messageId":"M","momment":1700000000000,"text":{"message":"x"}}"#);
    assert_ne!(waiting, decrypted);
    assert_eq!(waiting, "zapi:message:-:1@c.us:M:waiting");
    let receipt = |p: &str| {
        key(&format!(
            r#"{{"type":"MessageStatusCallback","status":"READ","ids":["M"],"phone":"120363000000000001-group","momment":1700000000000,"participantPhone":"{p}"}}"#
        ))
    };
    assert_ne!(receipt("5511900000001"), receipt("5511900000002"));
    let colon = key(r#"{"type":"MessageStatusCallback","status":"SENT","ids":["A:READ"],"phone":"1","momment":1700000000000}"#);
    let other = key(r#"{"type":"MessageStatusCallback","status":"READ:SENT","ids":["A"],"phone":"1","momment":1700000000000}"#);
    assert_ne!(colon, other);
    assert_eq!(colon, "zapi:status:-:A%3AREAD:SENT");
    let disc = |e: &str| key(&format!(r#"{{"type":"DisconnectedCallback","error":"{e}"}}"#));
    assert_ne!(disc("Device has been disconnected"), disc("Phone offline"));
}

/// `--features http`: an `http::HeaderMap` converts with every value, and its headers settle the
/// provider as pairs do.
#[cfg(feature = "http")]
#[test]
fn http_header_map_converts_to_headers() {
    let mut map = http::HeaderMap::new();
    map.insert("z-api-token", http::HeaderValue::from_static("t"));
    map.append("x-forwarded-for", http::HeaderValue::from_static("a"));
    map.append("x-forwarded-for", http::HeaderValue::from_static("b"));
    let headers = wahook::Headers::from(&map);
    assert_eq!(headers.get("Z-API-Token"), Some("t"));
    assert_eq!(headers.joined("x-forwarded-for").as_deref(), Some("a, b"));
    let body = br#"{"type":"MessageStatusCallback","instanceId":"i","status":"READ","ids":["a"],"momment":1632234645000,"phone":"5544999999999"}"#;
    let r = wahook::parse(body, &ParseOptions::default().headers(&map)).expect("parse");
    assert_eq!(r.provider, Provider::Zapi);
    assert_eq!(r.detected_by, wahook::DetectedBy::Headers);
}
