//! Cloud API mappings the documented fixtures do not show: fan-out over several entries, changes,
//! messages and statuses (and `event_count` agreeing with it), BSUID-only customers, forwards,
//! voice notes, removed reactions, group statuses, odd timestamps and unknown fields; and the
//! `X-Hub-Signature-256` verification.

use crate::model::*;
use crate::verify::{verify, FailReason, VerifyOptions};
use crate::{Headers, ParseOptions};

fn parse(body: &str) -> ParseResult {
    crate::parse(body.as_bytes(), &ParseOptions::default()).expect("parses")
}

/// `event_count` of a body, as `parse` computes it before normalizing.
fn count(body: &str) -> usize {
    let arena = crate::json::arena_for(body.as_bytes());
    let parsed = crate::json::parse(body, &arena).expect("json");
    super::event_count(parsed.value.as_object().expect("object"))
}

fn wrap(changes: &str) -> String {
    format!(r#"{{"object":"whatsapp_business_account","entry":[{{"id":"WABA","changes":[{changes}]}}]}}"#)
}

fn messages_change(value: &str) -> String {
    format!(
        r#"{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550001111","phone_number_id":"PNID"}},{value}}}}}"#
    )
}

fn message(r: &ParseResult, i: usize) -> &MessageEvent {
    match r.events.get(i) {
        Some(Event::Message(m)) => m,
        other => panic!("event {i} is not a message: {other:?}"),
    }
}

fn codes(r: &ParseResult) -> Vec<&'static str> {
    r.warnings.iter().map(|w| w.code.as_str()).collect()
}

#[test]
fn several_entries_changes_messages_and_statuses_fan_out_in_order() {
    let a = messages_change(
        r#""contacts":[{"profile":{"name":"Ann"},"wa_id":"5511911112222"},{"profile":{"name":"Bob"},"wa_id":"5511933334444"}],
           "messages":[{"from":"5511933334444","id":"wamid.B","timestamp":"1700000001","type":"text","text":{"body":"b"}},
                       {"from":"5511911112222","id":"wamid.A","timestamp":"1700000002","type":"text","text":{"body":"a"}}],
           "statuses":[{"id":"wamid.S","status":"read","timestamp":"1700000003","recipient_id":"5511911112222"}]"#,
    );
    let b = r#"{"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}}"#;
    let body = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"W1","changes":[{a},{b}]}},{{"id":"W2","time":1700000009,"changes":[{b}]}}]}}"#
    );
    let r = parse(&body);
    assert_eq!(r.events.len(), 5);
    assert_eq!(count(&body), 5);
    // Names come from the contact with the same wa_id, not from the first contact.
    assert_eq!(message(&r, 0).sender.as_ref().and_then(|s| s.name.as_deref()), Some("Bob"));
    assert_eq!(message(&r, 1).sender.as_ref().and_then(|s| s.name.as_deref()), Some("Ann"));
    assert_eq!(message(&r, 1).base.timestamp, Some(1_700_000_002_000));
    assert_eq!(message(&r, 1).base.instance_id.as_deref(), Some("PNID"));
    match r.events.get(2) {
        Some(Event::Status(s)) => {
            assert_eq!((s.status, s.rank, s.message_id.as_deref()), (Status::Read, Some(4), Some("wamid.S")));
            assert_eq!(s.chat.as_ref().map(|c| c.id.as_str()), Some("5511911112222@c.us"));
        }
        other => panic!("{other:?}"),
    }
    match (r.events.get(3), r.events.get(4)) {
        (Some(Event::System(x)), Some(Event::System(y))) => {
            assert_eq!((x.name.as_str(), x.base.timestamp), ("account.updated", None));
            assert_eq!(y.base.timestamp, Some(1_700_000_009_000));
        }
        other => panic!("{other:?}"),
    }
    let keys: std::collections::HashSet<&str> = r.events.iter().map(|e| e.base().dedupe_key.as_str()).collect();
    assert_eq!(keys.len(), 5, "dedupe keys are distinct");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn event_count_matches_every_fixture() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cloudapi");
    let mut n = 0;
    for f in std::fs::read_dir(dir).expect("dir") {
        let path = f.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let body = std::fs::read_to_string(&path).expect("read");
            assert_eq!(count(&body), parse(&body).events.len(), "{}", path.display());
            n += 1;
        }
    }
    assert!(n >= 40);
}

#[test]
fn bsuid_only_customer_is_the_chat_and_sender_id_never_a_phone() {
    let body = wrap(&messages_change(
        r#""contacts":[{"profile":{"name":"Pablo","username":"pablo"},"user_id":"US.1349"}],
           "messages":[{"from_user_id":"US.1349","id":"wamid.U","timestamp":"1750030073","type":"text","text":{"body":"hi"}}],
           "statuses":[{"id":"wamid.V","status":"delivered","timestamp":"1750030074","recipient_user_id":"US.1349"}]"#,
    ));
    let r = parse(&body);
    let m = message(&r, 0);
    let chat = m.chat.as_ref().expect("chat");
    assert_eq!((chat.id.as_str(), chat.kind, chat.phone.as_deref(), chat.lid.as_deref()), ("US.1349", ChatType::Direct, None, None));
    let s = m.sender.as_ref().expect("sender");
    assert_eq!((s.id.as_deref(), s.phone.as_deref(), s.lid.as_deref(), s.name.as_deref()), (Some("US.1349"), None, None, Some("Pablo")));
    match r.events.get(1) {
        Some(Event::Status(st)) => assert_eq!(st.chat.as_ref().map(|c| (c.id.as_str(), c.phone.is_none())), Some(("US.1349", true))),
        other => panic!("{other:?}"),
    }
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn forwards_voice_notes_videos_and_removed_reactions() {
    let body = wrap(&messages_change(
        r#""contacts":[{"profile":{"name":"Ann"},"wa_id":"5511911112222"}],
           "messages":[
             {"context":{"forwarded":true},"from":"5511911112222","id":"wamid.1","timestamp":"1700000000","type":"audio",
              "audio":{"mime_type":"audio/ogg; codecs=opus","sha256":"x","id":"1908647269898587","voice":true}},
             {"context":{"frequently_forwarded":true},"from":"5511911112222","id":"wamid.2","timestamp":"1700000000","type":"video",
              "video":{"caption":"Timelapse","mime_type":"video/mp4","sha256":"y","id":"731675419373506"}},
             {"from":"5511911112222","id":"wamid.3","timestamp":"1700000000","type":"reaction","reaction":{"message_id":"wamid.0"}},
             {"context":{"from":"15550001111","id":"wamid.0"},"from":"5511911112222","id":"wamid.4","timestamp":"1700000000","type":"text","text":{"body":"re"}}]"#,
    ));
    let r = parse(&body);
    let voice = message(&r, 0);
    assert_eq!(voice.forwarded, Some(true));
    assert_eq!(
        voice.content,
        Content::Audio {
            url: None,
            media_id: Some("1908647269898587".into()),
            mime_type: Some("audio/ogg; codecs=opus".into()),
            seconds: None,
            voice: Some(true),
            view_once: None
        }
    );
    assert_eq!(message(&r, 1).forwarded, Some(true));
    assert!(
        matches!(&message(&r, 1).content, Content::Video { media_id: Some(id), caption: Some(c), .. } if id == "731675419373506" && c == "Timelapse")
    );
    assert_eq!(message(&r, 2).content, Content::Reaction { emoji: String::new(), target_message_id: Some("wamid.0".into()) });
    assert_eq!(message(&r, 2).reply_to_message_id, None);
    assert_eq!(message(&r, 3).reply_to_message_id.as_deref(), Some("wamid.0"));
    assert_eq!(message(&r, 3).forwarded, None);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn group_statuses_and_unknown_statuses() {
    let body = wrap(&messages_change(
        r#""statuses":[{"id":"wamid.G","status":"read","timestamp":"1700000000","recipient_id":"120363000000000001","recipient_type":"group","recipient_participant_id":"5511911112222"},
                       {"id":"wamid.H","status":"mystery","timestamp":"1700000000","recipient_id":"5511911112222"},
                       {"id":"wamid.I","status":"failed","timestamp":"1700000000","recipient_id":"5511911112222"}]"#,
    ));
    let r = parse(&body);
    let status = |i: usize| match r.events.get(i) {
        Some(Event::Status(s)) => s.clone(),
        other => panic!("{other:?}"),
    };
    let g = status(0);
    assert_eq!(g.chat.as_ref().map(|c| (c.id.as_str(), c.kind)), Some(("120363000000000001@g.us", ChatType::Group)));
    assert_eq!((status(1).status, status(1).rank), (Status::Unknown, None));
    assert_eq!(status(2).error, Some(StatusError { code: None, message: None }));
    assert_eq!(codes(&r), ["unknown_status"]);
}

#[test]
fn odd_bodies_warn_and_never_fail() {
    // Placeholder and missing timestamps, no id, no from, an unknown type, a missing content object.
    let body = wrap(&messages_change(
        r#""messages":[{"from":"5511911112222","id":"wamid.1","timestamp":"TIMESTAMP","type":"text","text":{"body":"x"}},
                       {"timestamp":"1700000000","type":"text","text":{"body":"y"}},
                       {"from":"5511911112222","id":"wamid.3","timestamp":1700000000,"type":"poll_v9"},
                       {"from":"5511911112222","id":"wamid.4","timestamp":"1700000000","type":"image"}]"#,
    ));
    let r = parse(&body);
    assert_eq!(r.events.len(), 4);
    assert_eq!(message(&r, 0).base.timestamp, None);
    assert_eq!((message(&r, 1).message_id.as_deref(), message(&r, 1).chat.as_ref()), (None, None));
    assert_eq!(message(&r, 2).base.timestamp, Some(1_700_000_000_000));
    assert_eq!(message(&r, 2).content, Content::Unsupported { provider_kind: "poll_v9".into() });
    assert_eq!(message(&r, 3).content, Content::Unsupported { provider_kind: "image".into() });
    assert_eq!(codes(&r), ["invalid_type", "missing_field", "missing_field", "unsupported_content", "missing_field"]);
    // Unknown fields, a change without value, and an empty `entry`.
    let r = parse(&wrap(r#"{"field":"brand_new_field","value":{"x":1}},{"field":"messages"}"#));
    assert!(matches!(r.events.as_slice(), [Event::Unknown(_), Event::Unknown(_)]), "{:?}", r.events);
    let r = parse(r#"{"object":"whatsapp_business_account","entry":[]}"#);
    assert!(r.events.is_empty());
    assert_eq!(codes(&r), ["missing_field"]);
}

#[test]
fn user_preferences_fan_out_per_customer() {
    let body = wrap(
        r#"{"field":"user_preferences","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"PNID"},
            "contacts":[{"wa_id":"5511911112222","profile":{"name":"Ann"}}],
            "user_preferences":[{"wa_id":"5511911112222","category":"marketing_messages","value":"stop","timestamp":1731705721},
                                {"wa_id":"5511933334444","category":"marketing_messages","value":"resume","timestamp":1731705722}]}}"#,
    );
    let r = parse(&body);
    assert_eq!(count(&body), 2);
    let names: Vec<(String, Option<String>, Option<String>)> = r
        .events
        .iter()
        .map(|e| match e {
            Event::System(s) => (s.name.clone(), s.chat.as_ref().map(|c| c.id.clone()), s.sender.as_ref().and_then(|p| p.name.clone())),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        names,
        [
            ("contact.preferences_updated".into(), Some("5511911112222@c.us".into()), Some("Ann".into())),
            ("contact.preferences_updated".into(), Some("5511933334444@c.us".into()), None)
        ]
    );
}

#[test]
fn group_items_fan_out_with_the_group_as_chat() {
    let body = wrap(
        r#"{"field":"group_participants_update","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"PNID"},
            "groups":[{"timestamp":"1750000000","group_id":"Y2FmZQ","type":"group_join_request_created","join_request_id":"J1","wa_id":"5511911112222"},
                      {"timestamp":"1750000001","group_id":"Y2FmZQ","type":"group_participants_remove","initiated_by":"business","removed_participants":[{"input":"5511933334444"}]},
                      {"timestamp":"1750000002","group_id":"Y2FmZQ","type":"group_brand_new"}]}}"#,
    );
    let r = parse(&body);
    assert_eq!(count(&body), 3);
    let got: Vec<(String, Option<String>, Option<String>, Option<i64>)> = r
        .events
        .iter()
        .map(|e| match e {
            Event::System(s) => {
                (s.name.clone(), s.chat.as_ref().map(|c| c.id.clone()), s.sender.as_ref().and_then(|p| p.phone.clone()), s.base.timestamp)
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        got,
        [
            ("group.join_requested".into(), Some("Y2FmZQ@g.us".into()), Some("5511911112222".into()), Some(1_750_000_000_000)),
            ("group.participant_removed".into(), Some("Y2FmZQ@g.us".into()), None, Some(1_750_000_001_000)),
            ("group.group_brand_new".into(), Some("Y2FmZQ@g.us".into()), None, Some(1_750_000_002_000)),
        ]
    );
    assert_eq!(codes(&r), ["unknown_notification"]);
}

#[test]
fn group_receipts_of_one_message_differ_by_participant() {
    let body = wrap(&messages_change(
        r#""statuses":[{"id":"wamid.G","status":"read","timestamp":"1700000000","recipient_id":"Y2FmZQ","recipient_type":"group","recipient_participant_id":"5511911112222"},
                       {"id":"wamid.G","status":"read","timestamp":"1700000000","recipient_id":"Y2FmZQ","recipient_type":"group","recipient_participant_id":"5511933334444"}]"#,
    ));
    let r = parse(&body);
    let keys: Vec<&str> = r.events.iter().map(|e| e.base().dedupe_key.as_str()).collect();
    assert_eq!(keys, ["cloudapi:status:PNID:wamid.G:read:5511911112222", "cloudapi:status:PNID:wamid.G:read:5511933334444"]);
}

#[test]
fn calling_api_webhooks_are_call_events() {
    let body = wrap(
        r#"{"field":"calls","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"PNID"},
            "contacts":[{"profile":{"name":"Ann"},"wa_id":"5511911112222"}],
            "calls":[{"session":{"sdp_type":"offer","sdp":"v=0"},"from":"5511911112222","id":"wacid.IN","to":"15550001111","event":"connect","timestamp":"1750000000","direction":"USER_INITIATED"},
                     {"from":"5511911112222","id":"wacid.IN","to":"15550001111","event":"terminate","timestamp":"1750000060","direction":"USER_INITIATED","status":"COMPLETED","duration":60},
                     {"from":"15550001111","id":"wacid.OUT","to":"5511911112222","event":"connect","timestamp":"1750000100","direction":"BUSINESS_INITIATED"}],
            "statuses":[{"id":"wacid.OUT","type":"call","status":"RINGING","timestamp":"1750000090","recipient_id":"5511911112222"}]}}"#,
    );
    let r = parse(&body);
    assert_eq!(count(&body), 4);
    let calls: Vec<(Option<String>, CallState, Option<String>, Option<String>, Option<String>)> = r
        .events
        .iter()
        .map(|e| match e {
            Event::Call(c) => (
                c.call_id.clone(),
                c.state,
                c.raw_state.clone(),
                c.chat.as_ref().map(|x| x.id.clone()),
                c.from.as_ref().and_then(|p| p.name.clone().or(p.phone.clone())),
            ),
            other => panic!("{other:?}"),
        })
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        calls,
        [
            (s("wacid.IN"), CallState::Offer, s("connect"), s("5511911112222@c.us"), s("Ann")),
            (s("wacid.IN"), CallState::Ended, s("terminate"), s("5511911112222@c.us"), s("Ann")),
            (s("wacid.OUT"), CallState::Accepted, s("connect"), s("5511911112222@c.us"), s("15550001111")),
            (s("wacid.OUT"), CallState::Offer, s("RINGING"), s("5511911112222@c.us"), None),
        ]
    );
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn flow_reply_with_an_object_response_keeps_the_token() {
    let body = wrap(&messages_change(
        r#""messages":[{"from":"5511911112222","id":"wamid.F","timestamp":"1700000000","type":"interactive",
            "interactive":{"type":"nfm_reply","nfm_reply":{"name":"flow","body":"Sent","response_json":{"flow_token":"T1","a":1}}}}]"#,
    ));
    let r = parse(&body);
    assert_eq!(
        message(&r, 0).content,
        Content::FlowReply { name: Some("flow".into()), body: Some("Sent".into()), response_json: None, flow_token: Some("T1".into()) }
    );
    assert_eq!(codes(&r), ["invalid_type"]);
}

// ---------------------------------------------------------------------------------------------
// Verification

/// Known answers generated with `openssl dgst -sha256 -hmac <secret>` (Meta documents none).
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "app-secret-123",
        r#"{"object":"whatsapp_business_account","entry":[]}"#,
        "20e391a99a86fc5adf7e3a453236d20c906360291977896cf2f671e03bb95703",
    ),
    ("app-secret-123", "", "7830cd86f8a6543b14f802bcb61303606ff278d50f445177d72f7c7896b9badc"),
];

fn cloud(secrets: &[&str]) -> VerifyOptions {
    VerifyOptions::CloudApi { secrets: secrets.iter().map(|s| s.to_string()).collect() }
}

fn sig(value: &str) -> Headers {
    Headers(vec![("X-Hub-Signature-256".into(), value.into())])
}

#[test]
fn known_answers() {
    for (secret, body, hex) in KNOWN {
        assert_eq!(crate::verify::sign_cloudapi(body.as_bytes(), secret), format!("sha256={hex}"));
        assert!(verify(body.as_bytes(), &sig(&format!("sha256={hex}")), &cloud(&[secret])).ok);
        // Uppercase hex and prefix are accepted.
        assert!(verify(body.as_bytes(), &sig(&format!("SHA256={}", hex.to_ascii_uppercase())), &cloud(&[secret])).ok);
    }
    // The documented fixture as stored, with a 32-character app secret.
    let body = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cloudapi/message-text.json")).expect("read");
    let good = "sha256=ccad520b59b46f46ba3fa7acd9f7f0df56382263c562237942c1b23d06e820ee";
    assert!(verify(&body, &sig(good), &cloud(&["ab1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"])).ok);
}

#[test]
fn tampering_with_any_byte_fails() {
    let (secret, body, hex) = KNOWN[0];
    let header = format!("sha256={hex}");
    for i in 0..body.len() {
        let mut b = body.as_bytes().to_vec();
        b[i] ^= 0x01;
        assert_eq!(verify(&b, &sig(&header), &cloud(&[secret])).reason, Some(FailReason::Mismatch), "body byte {i}");
    }
    for i in 7..header.len() {
        let mut h = header.clone().into_bytes();
        h[i] = if h[i] == b'0' { b'1' } else { b'0' };
        let h = String::from_utf8(h).expect("ascii");
        assert_eq!(verify(body.as_bytes(), &sig(&h), &cloud(&[secret])).reason, Some(FailReason::Mismatch), "signature char {i}");
    }
    assert_eq!(verify(body.as_bytes(), &sig(&header), &cloud(&["app-secret-124"])).reason, Some(FailReason::Mismatch));
}

#[test]
fn rotation_headers_and_options() {
    let (secret, body, hex) = KNOWN[0];
    let b = body.as_bytes();
    let good = format!("sha256={hex}");
    assert!(verify(b, &sig(&good), &cloud(&["old", "", secret])).ok);
    let reason = |h: Headers, o: VerifyOptions| verify(b, &h, &o).reason;
    assert_eq!(reason(Headers(vec![]), cloud(&[secret])), Some(FailReason::MissingHeader));
    assert_eq!(reason(sig(hex), cloud(&[secret])), Some(FailReason::MalformedHeader));
    assert_eq!(reason(sig("sha256="), cloud(&[secret])), Some(FailReason::MalformedHeader));
    assert_eq!(reason(sig("sha256=zz"), cloud(&[secret])), Some(FailReason::MalformedHeader));
    assert_eq!(reason(sig(&format!("sha1={hex}")), cloud(&[secret])), Some(FailReason::MalformedHeader));
    assert_eq!(reason(sig(&good[..good.len() - 2]), cloud(&[secret])), Some(FailReason::MalformedHeader));
    // Sent twice, the values are joined with ", ": never a valid signature.
    let twice = Headers(vec![("x-hub-signature-256".into(), good.clone()), ("X-Hub-Signature-256".into(), good.clone())]);
    assert_eq!(reason(twice, cloud(&[secret])), Some(FailReason::MalformedHeader));
    assert_eq!(reason(sig(&good), cloud(&[])), Some(FailReason::InvalidOptions));
    assert_eq!(reason(sig(&good), cloud(&[""])), Some(FailReason::InvalidOptions));
}
