//! Evolution API verification: the instance API key from a header, else from the body's top-level
//! `apikey`. Evolution does not sign its webhooks, so there is no documented known answer to
//! reproduce; these tests pin the scheme down on bodies shaped like Evolution's envelope
//! (`webhook.controller.ts`: `{ event, instance, data, destination, date_time, sender, server_url,
//! apikey }`) and show both what it protects (the key) and what it cannot (the rest of the body).

use wahook::verify::{verify, FailReason, VerifyOptions, EVOLUTION_HEADER};
use wahook::Headers;

const KEY: &str = "B6D711FCDE4D-4183-9385-D5C9DDA64EA6";

fn body(apikey: Option<&str>) -> Vec<u8> {
    let key = apikey.map_or_else(|| "null".to_string(), |k| format!("\"{k}\""));
    format!(
        r#"{{"event":"messages.upsert","instance":"inst1","data":{{"key":{{"remoteJid":"5511977776666@s.whatsapp.net","fromMe":false,"id":"3EB0A1"}},"message":{{"conversation":"oi"}},"apikey":"not-this-one"}},"destination":"https://example.com/hook","date_time":"2025-01-02T03:04:05.000Z","sender":"5511988880000@s.whatsapp.net","server_url":"https://evo.example.com","apikey":{key}}}"#
    )
    .into_bytes()
}

fn opts(keys: &[&str]) -> VerifyOptions {
    VerifyOptions::Evolution { apikeys: keys.iter().map(|k| k.to_string()).collect(), header: EVOLUTION_HEADER.into() }
}

fn no_headers() -> Headers {
    Headers(Vec::new())
}

fn header(name: &str, value: &str) -> Headers {
    Headers(vec![(name.into(), value.into())])
}

fn reason(r: wahook::VerifyResult) -> Option<FailReason> {
    r.reason
}

#[test]
fn body_apikey_is_accepted_and_rotation_lists_work() {
    assert!(verify(&body(Some(KEY)), &no_headers(), &opts(&[KEY])).ok);
    assert!(verify(&body(Some(KEY)), &no_headers(), &opts(&["old-key", KEY])).ok);
    assert!(verify(&body(Some(KEY)), &no_headers(), &opts(&["", KEY])).ok);
    // Only the top-level `apikey` counts, not one nested in `data`.
    assert_eq!(reason(verify(&body(Some(KEY)), &no_headers(), &opts(&["not-this-one"]))), Some(FailReason::Mismatch));
}

#[test]
fn header_apikey_is_accepted_in_any_case_and_preferred_over_the_body() {
    for name in ["apikey", "APIKEY", "ApiKey"] {
        assert!(verify(&body(None), &header(name, KEY), &opts(&[KEY])).ok, "{name}");
    }
    // A configured header name.
    let custom = VerifyOptions::Evolution { apikeys: vec![KEY.into()], header: "x-webhook-token".into() };
    assert!(verify(&body(None), &header("X-Webhook-Token", KEY), &custom).ok);
    assert_eq!(reason(verify(&body(None), &header("apikey", KEY), &custom)), Some(FailReason::MissingHeader));
    // The header, when sent, decides: a wrong header is not rescued by a right body key.
    assert_eq!(reason(verify(&body(Some(KEY)), &header("apikey", "wrong"), &opts(&[KEY]))), Some(FailReason::Mismatch));
    // A header sent twice is joined as Fetch does, and never equals the key.
    let twice = Headers(vec![("apikey".into(), KEY.into()), ("apikey".into(), KEY.into())]);
    assert_eq!(reason(verify(&body(None), &twice, &opts(&[KEY]))), Some(FailReason::Mismatch));
}

#[test]
fn nothing_to_compare_is_missing_header() {
    // `apikey: null` (Evolution without AUTHENTICATION_EXPOSE_IN_FETCH_INSTANCES) and no header.
    assert_eq!(reason(verify(&body(None), &no_headers(), &opts(&[KEY]))), Some(FailReason::MissingHeader));
    assert_eq!(reason(verify(b"not json", &no_headers(), &opts(&[KEY]))), Some(FailReason::MissingHeader));
    assert_eq!(reason(verify(b"[1,2]", &no_headers(), &opts(&[KEY]))), Some(FailReason::MissingHeader));
    assert_eq!(reason(verify(br#"{"apikey":""}"#, &no_headers(), &opts(&[KEY]))), Some(FailReason::MissingHeader));
    assert_eq!(reason(verify(br#"{"apikey":42}"#, &no_headers(), &opts(&[KEY]))), Some(FailReason::MissingHeader));
    // An empty header value is malformed.
    assert_eq!(reason(verify(&body(Some(KEY)), &header("apikey", " "), &opts(&[KEY]))), Some(FailReason::MalformedHeader));
}

#[test]
fn options_without_a_key_or_header_name_are_invalid() {
    assert_eq!(reason(verify(&body(Some(KEY)), &no_headers(), &opts(&[]))), Some(FailReason::InvalidOptions));
    assert_eq!(reason(verify(&body(Some(KEY)), &no_headers(), &opts(&["", ""]))), Some(FailReason::InvalidOptions));
    let no_name = VerifyOptions::Evolution { apikeys: vec![KEY.into()], header: " ".into() };
    assert_eq!(reason(verify(&body(Some(KEY)), &no_headers(), &no_name)), Some(FailReason::InvalidOptions));
}

#[test]
fn tampering_with_any_byte_of_the_key_fails() {
    let ok = body(Some(KEY));
    let start = ok.windows(KEY.len()).rposition(|w| w == KEY.as_bytes()).expect("the key is in the body");
    for i in start..start + KEY.len() {
        let mut b = ok.clone();
        b[i] ^= 0x01;
        assert_eq!(reason(verify(&b, &no_headers(), &opts(&[KEY]))), Some(FailReason::Mismatch), "body byte {i}");
    }
    for i in 0..KEY.len() {
        let mut h = KEY.as_bytes().to_vec();
        h[i] ^= 0x01;
        let h = String::from_utf8(h).expect("ascii");
        assert_eq!(reason(verify(&body(None), &header("apikey", &h), &opts(&[KEY]))), Some(FailReason::Mismatch), "header byte {i}");
    }
}

#[test]
fn the_rest_of_the_body_is_not_protected() {
    // The documented trade-off: a token is not a signature. Changing the message keeps it valid.
    let original = body(Some(KEY));
    let forged = String::from_utf8(original).expect("utf8").replace("\"oi\"", "\"transfer 1000\"");
    assert!(verify(forged.as_bytes(), &no_headers(), &opts(&[KEY])).ok);
}
