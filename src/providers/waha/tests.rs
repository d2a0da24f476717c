//! WAHA mappings that the documented fixtures do not show, and verification known answers.

use crate::model::*;
use crate::verify::{verify, FailReason, VerifyOptions};
use crate::{Headers, ParseOptions};

fn parse(body: &str) -> ParseResult {
    match crate::parse(body.as_bytes(), &ParseOptions::default()) {
        Ok(r) => r,
        Err(e) => panic!("{e}: {body}"),
    }
}

fn first(body: &str) -> Event {
    parse(body).events.into_iter().next().unwrap_or_else(|| panic!("no event: {body}"))
}

#[test]
fn ids_of_serialized_message_ids() {
    assert_eq!(super::chat_of_id("true_11111111111@c.us_AAAA"), Some("11111111111@c.us"));
    assert_eq!(super::chat_of_id("false_123@g.us_AAAA_999@lid"), Some("123@g.us"));
    assert_eq!(super::participant_of_id("false_123@g.us_AAAA_999@lid"), Some("999@lid"));
    assert_eq!(super::participant_of_id("false_123@g.us_AAAA"), None);
    assert_eq!(super::chat_of_id("AAAA"), None);
    assert_eq!(super::chat_of_id("false_AAAA"), None);
}

#[test]
fn group_message_sender_is_the_participant_and_message_any_has_the_same_key() {
    let body = |event: &str| {
        format!(
            r#"{{"event":"{event}","session":"s1","me":{{"id":"5511000000000@c.us","pushName":"Shop"}},"payload":{{"id":"false_120363000000000000@g.us_3EB0AA_5511999999999@c.us","timestamp":1700000000,"from":"120363000000000000@g.us","fromMe":false,"participant":"5511999999999@c.us","to":"5511000000000@c.us","body":"hi","hasMedia":false,"_data":{{"notifyName":"Ana"}}}}}}"#
        )
    };
    let a = parse(&body("message"));
    let b = parse(&body("message.any"));
    let Some(Event::Message(m)) = a.events.first() else { panic!("not a message") };
    assert_eq!(m.chat.as_ref().map(|c| (c.id.as_str(), c.kind)), Some(("120363000000000000@g.us", ChatType::Group)));
    let s = m.sender.as_ref().expect("sender");
    assert_eq!((s.id.as_deref(), s.phone.as_deref(), s.name.as_deref()), (Some("5511999999999@c.us"), Some("5511999999999"), Some("Ana")));
    assert_eq!(m.base.instance_id.as_deref(), Some("s1"));
    assert_eq!(m.base.timestamp, Some(1_700_000_000_000));
    assert_eq!(a.events[0].base().dedupe_key, b.events[0].base().dedupe_key);
    assert_eq!(
        a.events[0].base().dedupe_key,
        "waha:message:s1:120363000000000000@g.us:false_120363000000000000@g.us_3EB0AA_5511999999999@c.us"
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn outbound_message_chat_is_to_and_sender_is_me() {
    let e = first(
        r#"{"event":"message.any","session":"default","me":{"id":"5511000000000@c.us","lid":"777@lid","pushName":"Shop"},"payload":{"id":"true_5511999999999@c.us_3EB0BB","timestamp":1700000000,"from":"5511000000000@c.us","fromMe":true,"source":"api","to":"5511999999999@c.us","body":"ok"}}"#,
    );
    let Event::Message(m) = e else { panic!("not a message") };
    assert_eq!(m.direction, Direction::Outbound);
    assert_eq!(m.from_api, Some(true));
    assert_eq!(m.chat.as_ref().map(|c| c.id.as_str()), Some("5511999999999@c.us"));
    let s = m.sender.expect("sender");
    assert_eq!((s.id.as_deref(), s.lid.as_deref(), s.name.as_deref()), (Some("5511000000000@c.us"), Some("777@lid"), Some("Shop")));
}

#[test]
fn lid_chat_from_the_id_joins_a_phone_chat() {
    let e = first(
        r#"{"event":"message","session":"d","payload":{"id":"false_123456789@lid_AAA","timestamp":1700000000,"from":"5511999999999@c.us","body":"x"}}"#,
    );
    let Event::Message(m) = e else { panic!("not a message") };
    let c = m.chat.expect("chat");
    assert_eq!((c.id.as_str(), c.phone.as_deref(), c.lid.as_deref()), ("5511999999999@c.us", Some("5511999999999"), Some("123456789@lid")));
}

#[test]
fn media_kind_from_engine_data_then_mimetype() {
    let kind = |extra: &str| match first(&format!(
        r#"{{"event":"message","session":"d","payload":{{"id":"false_1@c.us_A","timestamp":1,"from":"1@c.us","hasMedia":true{extra}}}}}"#
    )) {
        Event::Message(m) => m.content,
        _ => panic!("not a message"),
    };
    assert!(matches!(
        kind(r#","_data":{"type":"ptt"},"media":{"url":"u","mimetype":"audio/ogg; codecs=opus"}"#),
        Content::Audio { voice: Some(true), .. }
    ));
    assert!(matches!(kind(r#","media":{"url":"u","mimetype":"audio/mpeg"}"#), Content::Audio { voice: None, .. }));
    assert!(matches!(
        kind(r#","_data":{"message":{"audioMessage":{"ptt":true,"seconds":7}}},"media":null"#),
        Content::Audio { voice: Some(true), seconds: Some(7), url: None, .. }
    ));
    assert!(matches!(
        kind(
            r#","_data":{"message":{"ephemeralMessage":{"message":{"stickerMessage":{"isAnimated":true}}}}},"media":{"url":"u","mimetype":"image/webp"}"#
        ),
        Content::Sticker { animated: Some(true), .. }
    ));
    assert!(matches!(kind(r#","media":{"url":"u","mimetype":"image/webp"}"#), Content::Sticker { .. }));
    assert!(matches!(kind(r#","media":{"url":"u","mimetype":"video/mp4"}"#), Content::Video { .. }));
    assert!(matches!(kind(r#","media":{"url":"u","mimetype":"application/zip","filename":"a.zip"}"#), Content::Document { .. }));
    assert!(matches!(kind(""), Content::Unsupported { .. }));
}

#[test]
fn location_vcards_and_polls() {
    let content = |payload: &str| match first(&format!(
        r#"{{"event":"message","session":"d","payload":{{"id":"false_1@c.us_A","timestamp":1,"from":"1@c.us"{payload}}}}}"#
    )) {
        Event::Message(m) => m.content,
        _ => panic!("not a message"),
    };
    assert_eq!(
        content(r#","location":{"latitude":"-23.5","longitude":-46.6,"description":"Cafe\nRua A, 1"}"#),
        Content::Location {
            latitude: Some(-23.5),
            longitude: Some(-46.6),
            name: Some("Cafe".into()),
            address: Some("Rua A, 1".into()),
            url: None
        }
    );
    let Content::Contacts { contacts } =
        content(r#","vCards":["BEGIN:VCARD\nVERSION:3.0\nFN:Ana B\nTEL;type=CELL;waid=5511999999999:+55 11 99999-9999\nEND:VCARD"]"#)
    else {
        panic!("not contacts")
    };
    assert_eq!(contacts[0].name.as_deref(), Some("Ana B"));
    assert_eq!(contacts[0].phones, ["5511999999999"]);
    assert_eq!(
        content(
            r#","_data":{"type":"poll_creation","pollName":"Lunch?","pollOptions":[{"name":"Yes"},{"name":"No"}],"pollSelectableOptionsCount":1}"#
        ),
        Content::Poll { question: Some("Lunch?".into()), options: vec!["Yes".into(), "No".into()], max_selections: Some(1) }
    );
}

#[test]
fn acks_by_name_and_number() {
    let status = |ack: &str| match first(&format!(
        r#"{{"event":"message.ack","session":"d","payload":{{"id":"true_1@c.us_A","from":"1@c.us","fromMe":true,{ack}}}}}"#
    )) {
        Event::Status(s) => (s.status, s.raw_status, s.rank, s.error.is_some()),
        _ => panic!("not a status"),
    };
    assert_eq!(status(r#""ack":4,"ackName":"PLAYED""#), (Status::Played, "PLAYED".into(), Some(5), false));
    assert_eq!(status(r#""ack":-1,"ackName":"ERROR""#), (Status::Failed, "ERROR".into(), None, true));
    assert_eq!(status(r#""ack":2"#), (Status::Delivered, "DEVICE".into(), Some(3), false));
    assert_eq!(status(r#""ack":0,"ackName":"UNKNOWN""#), (Status::Accepted, "PENDING".into(), Some(1), false));
    assert_eq!(status(r#""ack":9"#), (Status::Unknown, "9".into(), None, false));
}

#[test]
fn group_acks_of_two_participants_have_two_keys() {
    let key = |p: &str| {
        first(&format!(r#"{{"event":"message.ack","session":"d","payload":{{"id":"true_1@g.us_A","from":"1@g.us","participant":"{p}","fromMe":true,"ack":3,"ackName":"READ"}}}}"#))
            .base()
            .dedupe_key
            .clone()
    };
    assert_ne!(key("2@c.us"), key("3@c.us"));
    assert_eq!(key("2@c.us"), "waha:status:d:true_1@g.us_A:READ:2@c.us");
}

#[test]
fn presences_fan_out_one_per_participant() {
    let r = parse(
        r#"{"event":"presence.update","session":"d","timestamp":1700000000000,"payload":{"id":"1@g.us","presences":[{"participant":"2@c.us","lastKnownPresence":"typing","lastSeen":null},{"participant":"3@c.us","lastKnownPresence":"offline","lastSeen":1700000000}]}}"#,
    );
    assert_eq!(r.events.len(), 2);
    let Some(Event::Presence(p)) = r.events.get(1) else { panic!("not a presence") };
    assert_eq!((p.presence, p.last_seen), (Presence::Unavailable, Some(1_700_000_000_000)));
    assert_eq!(p.participant.as_ref().and_then(|x| x.id.as_deref()), Some("3@c.us"));
    assert_ne!(r.events[0].base().dedupe_key, r.events[1].base().dedupe_key);
    let count = crate::json::parse(
        r#"{"event":"presence.update","session":"d","payload":{"presences":[{},{},{}]}}"#,
        &crate::json::arena_for(b"x"),
    )
    .ok()
    .and_then(|v| v.value.as_object().map(|o| (super::MODULE.event_count)(o)));
    assert_eq!(count, Some(3));
}

#[test]
fn session_states() {
    let state = |s: &str| match first(&format!(r#"{{"event":"session.status","session":"d","payload":{{"status":"{s}"}}}}"#)) {
        Event::Connection(c) => c.state,
        _ => panic!("not a connection"),
    };
    assert_eq!(state("WORKING"), ConnectionState::Connected);
    assert_eq!(state("SCAN_QR_CODE"), ConnectionState::Unauthorized);
    assert_eq!(state("STARTING"), ConnectionState::Starting);
    assert_eq!(state("STOPPED"), ConnectionState::Disconnected);
    assert_eq!(state("FAILED"), ConnectionState::Disconnected);
    assert_eq!(state("SOMETHING"), ConnectionState::Unknown);
}

#[test]
fn unknown_event_is_unknown_with_a_warning() {
    let r = parse(r#"{"event":"chat.something","session":"d","payload":{}}"#);
    assert!(matches!(r.events.first(), Some(Event::Unknown(_))));
    assert!(r.warnings.iter().any(|w| w.code == WarningCode::UnknownEvent));
}

// ---------------------------------------------------------------------------------------------
// Verification

fn waha(keys: &[&str]) -> VerifyOptions {
    VerifyOptions::Waha { keys: keys.iter().map(|k| k.to_string()).collect() }
}

fn headers(pairs: &[(&str, &str)]) -> Headers {
    Headers(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
}

/// WAHA's documented example (waha-docs `content/docs/how-to/events/index.md`, "HMAC
/// authentication"): body, key `my-secret-key`, algorithm `sha512`, and this `X-Webhook-Hmac`.
const DOC_BODY: &[u8] = br#"{"event":"message","session":"default","engine":"WEBJS"}"#;
const DOC_HMAC: &str =
    "208f8a55dde9e05519e898b10b89bf0d0b3b0fdf11fdbf09b6b90476301b98d8097c462b2b17a6ce93b6b47a136cf2e78a33a63f6752c2c1631777076153fa89";

#[test]
fn documented_known_answer() {
    assert_eq!(super::verify::sign(DOC_BODY, "my-secret-key"), DOC_HMAC);
    let h = headers(&[("X-Webhook-Hmac", DOC_HMAC), ("X-Webhook-Hmac-Algorithm", "sha512"), ("X-Webhook-Timestamp", "1")]);
    assert!(verify(DOC_BODY, &h, &waha(&["my-secret-key"])).ok);
    // Rotation: any key of the list; empty entries ignored.
    assert!(verify(DOC_BODY, &h, &waha(&["", "old-key", "my-secret-key"])).ok);
    // Upper-case hex, and no algorithm header.
    assert!(verify(DOC_BODY, &headers(&[("x-webhook-hmac", &DOC_HMAC.to_uppercase())]), &waha(&["my-secret-key"])).ok);
}

#[test]
fn verification_failures() {
    let reason = |h: Headers, keys: &[&str]| verify(DOC_BODY, &h, &waha(keys)).reason;
    assert_eq!(reason(headers(&[]), &["my-secret-key"]), Some(FailReason::MissingHeader));
    assert_eq!(reason(headers(&[("X-Webhook-Hmac", DOC_HMAC)]), &[]), Some(FailReason::InvalidOptions));
    assert_eq!(reason(headers(&[("X-Webhook-Hmac", DOC_HMAC)]), &[""]), Some(FailReason::InvalidOptions));
    assert_eq!(reason(headers(&[("X-Webhook-Hmac", DOC_HMAC)]), &["other"]), Some(FailReason::Mismatch));
    assert_eq!(
        reason(headers(&[("X-Webhook-Hmac", DOC_HMAC), ("X-Webhook-Hmac-Algorithm", "sha256")]), &["my-secret-key"]),
        Some(FailReason::MalformedHeader)
    );
    assert_eq!(reason(headers(&[("X-Webhook-Hmac", "zz")]), &["my-secret-key"]), Some(FailReason::MalformedHeader));
    assert_eq!(reason(headers(&[("X-Webhook-Hmac", &DOC_HMAC[..126])]), &["my-secret-key"]), Some(FailReason::MalformedHeader));
    // A header sent twice is joined with ", ": never a valid HMAC.
    assert_eq!(
        reason(headers(&[("X-Webhook-Hmac", DOC_HMAC), ("x-webhook-hmac", DOC_HMAC)]), &["my-secret-key"]),
        Some(FailReason::MalformedHeader)
    );
}

#[test]
fn tampering_with_any_byte_fails() {
    let h = headers(&[("X-Webhook-Hmac", DOC_HMAC), ("X-Webhook-Hmac-Algorithm", "sha512")]);
    let opts = waha(&["my-secret-key"]);
    for i in 0..DOC_BODY.len() {
        let mut b = DOC_BODY.to_vec();
        b[i] ^= 0x01;
        assert_eq!(verify(&b, &h, &opts).reason, Some(FailReason::Mismatch), "body byte {i}");
    }
    for i in 0..DOC_HMAC.len() {
        let mut s = DOC_HMAC.as_bytes().to_vec();
        s[i] = if s[i] == b'0' { b'1' } else { b'0' };
        let sig = String::from_utf8(s).unwrap_or_default();
        let h = headers(&[("X-Webhook-Hmac", &sig)]);
        assert_eq!(verify(DOC_BODY, &h, &opts).reason, Some(FailReason::Mismatch), "hex digit {i}");
    }
    let mut key = b"my-secret-key".to_vec();
    for i in 0..key.len() {
        key[i] ^= 0x01;
        let k = String::from_utf8(key.clone()).unwrap_or_default();
        assert_eq!(verify(DOC_BODY, &h, &waha(&[&k])).reason, Some(FailReason::Mismatch), "key byte {i}");
        key[i] ^= 0x01;
    }
}

#[test]
fn presence_without_entries_is_one_unknown_presence() {
    let r = parse(r#"{"event":"presence.update","session":"d","payload":{"id":"1@c.us","presences":[]}}"#);
    assert!(matches!(r.events.as_slice(), [Event::Presence(PresenceEvent { presence: Presence::Unknown, .. })]));
    assert!(r.warnings.iter().any(|w| w.code == WarningCode::MissingField && w.path.as_deref() == Some("payload.presences")));
}
