use super::*;
use crate::json;

use crate::providers::{callbell, greenapi, plugchat, zapi};

/// The provider of the module that recognised a body, and its event name.
fn shape_of(src: &str) -> Option<(Provider, String)> {
    let p = json::parse(src, Box::leak(Box::default())).ok()?;
    let root = p.value.as_object()?;
    recognise(root).map(|r| (r.module.provider, r.provider_event.to_string()))
}

#[test]
fn shapes_in_spec_order() {
    assert_eq!(shape_of(r#"{"typeWebhook":"incomingCall","event":"x","payload":{}}"#), Some((Provider::Greenapi, "incomingCall".into())));
    assert_eq!(
        shape_of(r#"{"receiptId":1,"body":{"typeWebhook":"incomingMessageReceived"}}"#),
        Some((Provider::Greenapi, "incomingMessageReceived".into()))
    );
    assert_eq!(
        shape_of(r#"{"event":"message_created","payload":{},"type":"ReceivedCallback"}"#),
        Some((Provider::Callbell, "message_created".into()))
    );
    assert_eq!(shape_of(r#"{"event":"message_created","payload":"x"}"#), None);
    assert_eq!(shape_of(r#"{"attendance":{"status":"PROGRESS"},"chat":{}}"#), Some((Provider::Plugchat, "startAttendance".into())));
    assert_eq!(shape_of(r#"{"attendance":{"status":"FINISH"},"chat":{}}"#), Some((Provider::Plugchat, "finishAttendance".into())));
    assert_eq!(shape_of(r#"{"type":"ReceivedCallBack"}"#), Some((Provider::Zapi, "ReceivedCallBack".into())));
    assert_eq!(shape_of(r#"{"type":"callback"}"#), Some((Provider::Zapi, "callback".into())));
    assert_eq!(shape_of(r#"{"type":"Received"}"#), None);
    assert_eq!(shape_of(r#"{"typeWebhook":5}"#), None);
}

#[test]
fn hints_and_headers() {
    let none = Headers::default();
    let r = resolve(&zapi::MODULE, None, &none).expect("ok");
    assert_eq!((r.provider, r.detected_by, r.ambiguous), (Provider::Zapi, DetectedBy::Shape, true));
    let r = resolve(&zapi::MODULE, Some(Provider::Plugchat), &none).expect("ok");
    assert_eq!((r.provider, r.detected_by, r.ambiguous), (Provider::Plugchat, DetectedBy::Hint, false));
    let h = Headers(vec![("Z-API-Token".into(), "abc".into())]);
    let r = resolve(&zapi::MODULE, None, &h).expect("ok");
    assert_eq!((r.provider, r.detected_by, r.ambiguous), (Provider::Zapi, DetectedBy::Headers, false));
    let o = Headers(vec![("origin".into(), "https://api.z-api.io".into())]);
    assert_eq!(resolve(&zapi::MODULE, None, &o).expect("ok").detected_by, DetectedBy::Headers);
    let r = resolve(&greenapi::MODULE, Some(Provider::Greenapi), &none).expect("ok");
    assert_eq!((r.provider, r.detected_by), (Provider::Greenapi, DetectedBy::Shape));
    let e = resolve(&callbell::MODULE, Some(Provider::Greenapi), &none).expect_err("mismatch");
    assert_eq!(e.code, ErrorCode::ProviderMismatch);
    assert_eq!(resolve(&zapi::MODULE, Some(Provider::Callbell), &none).expect_err("mismatch").code, ErrorCode::ProviderMismatch);
    assert_eq!(resolve(&plugchat::MODULE, Some(Provider::Zapi), &none).expect("ok").provider, Provider::Plugchat);
}

#[test]
fn green_api_wrapper_needs_receipt_id_and_type_webhook() {
    // A Callbell body with a `body` key stays Callbell.
    assert_eq!(
        shape_of(r#"{"body":{"typeWebhook":"incomingMessageReceived"},"event":"message_created","payload":{}}"#),
        Some((Provider::Callbell, "message_created".into()))
    );
    assert_eq!(shape_of(r#"{"body":{"typeWebhook":"incomingMessageReceived"}}"#), None);
    assert_eq!(shape_of(r#"{"receiptId":null,"body":{"typeWebhook":"incomingMessageReceived"}}"#), None);
    assert_eq!(shape_of(r#"{"receiptId":7,"body":{"event":"x"}}"#), None);
    assert_eq!(
        shape_of(r#"{"receiptId":"7","body":{"typeWebhook":"incomingCall"},"event":"message_created","payload":{}}"#),
        Some((Provider::Greenapi, "incomingCall".into()))
    );
}

#[test]
fn headers_joined_as_fetch_does() {
    let h = Headers(vec![("A".into(), "1".into()), ("b".into(), "x".into()), ("a ".into(), "2".into())]);
    assert_eq!(h.joined("a").as_deref(), Some("1, 2"));
    assert_eq!(h.joined("b").as_deref(), Some("x"));
    assert_eq!(h.joined("c"), None);
    assert_eq!(h.get("a"), Some("2"));
}

#[test]
fn every_provider_has_exactly_one_module() {
    for p in Provider::ALL {
        assert_eq!(providers::ALL.iter().filter(|m| m.provider == p).count(), 1, "{p:?}");
        assert_eq!(providers::module_of(p).provider, p);
    }
    assert_eq!(providers::ALL.len(), Provider::ALL.len());
}
