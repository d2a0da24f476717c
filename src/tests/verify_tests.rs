use super::*;

// Known answer computed independently: printf '1790000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
// (re-checked at test time by tests/verify_openssl.rs when openssl is installed).
const BODY: &[u8] = br#"{"a":1}"#;

fn h(pairs: &[(&str, &str)]) -> Headers {
    Headers(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
}

fn cb(secret: &[&str], now_ms: i64) -> VerifyOptions {
    VerifyOptions::Callbell { secrets: secret.iter().map(|s| s.to_string()).collect(), tolerance_ms: 300_000, now_ms: Some(now_ms) }
}

#[test]
fn callbell_sign_and_verify_roundtrip() {
    let header = sign(BODY, "whsec_test", 1_790_000_000);
    assert!(header.starts_with("t=1790000000,v1="));
    let r = verify(BODY, &h(&[("X-Callbell-Signature", &header)]), &cb(&["whsec_test"], 1_790_000_000_000));
    assert_eq!(r, VerifyResult { ok: true, reason: None });
}

#[test]
fn callbell_failures() {
    let good = sign(BODY, "whsec_test", 1_790_000_000);
    let now = 1_790_000_000_000;
    let reason = |headers: Headers, opts: VerifyOptions, body: &[u8]| verify(body, &headers, &opts).reason;
    assert_eq!(reason(h(&[]), cb(&["whsec_test"], now), BODY), Some(FailReason::MissingHeader));
    assert_eq!(reason(h(&[("x-callbell-signature", "v1=00")]), cb(&["whsec_test"], now), BODY), Some(FailReason::MalformedHeader));
    assert_eq!(reason(h(&[("x-callbell-signature", "t=abc,v1=00")]), cb(&["whsec_test"], now), BODY), Some(FailReason::MalformedHeader));
    assert_eq!(reason(h(&[("x-callbell-signature", "t=1790000000")]), cb(&["whsec_test"], now), BODY), Some(FailReason::MalformedHeader));
    assert_eq!(reason(h(&[("x-callbell-signature", &good)]), cb(&["whsec_other"], now), BODY), Some(FailReason::Mismatch));
    assert_eq!(reason(h(&[("x-callbell-signature", &good)]), cb(&["whsec_test"], now), br#"{"a":2}"#), Some(FailReason::Mismatch));
    assert_eq!(reason(h(&[("x-callbell-signature", &good)]), cb(&["whsec_test"], now + 301_000), BODY), Some(FailReason::Expired));
    assert_eq!(reason(h(&[("x-callbell-signature", &good)]), cb(&["whsec_test"], now - 301_000), BODY), Some(FailReason::Expired));
    assert_eq!(reason(h(&[("x-callbell-signature", &good)]), cb(&["whsec_test"], now + 300_000), BODY), None);
    assert_eq!(reason(h(&[("x-callbell-signature", &good)]), cb(&[], now), BODY), Some(FailReason::InvalidOptions));
    // A tampered timestamp changes the signed text: mismatch, not expired.
    let tampered = good.replacen("t=1790000000", "t=1790000001", 1);
    assert_eq!(reason(h(&[("x-callbell-signature", &tampered)]), cb(&["whsec_test"], now), BODY), Some(FailReason::Mismatch));
}

#[test]
fn callbell_rotation_and_several_signatures() {
    let good = sign(BODY, "whsec_new", 1_790_000_000);
    let v1 = good.split("v1=").nth(1).unwrap_or_default().to_string();
    let header = format!("t=1790000000,v1=deadbeef,v1={}", v1.to_uppercase());
    let r = verify(BODY, &h(&[("X-CALLBELL-SIGNATURE", &header)]), &cb(&["whsec_old", "whsec_new"], 1_790_000_000_000));
    assert!(r.ok, "{r:?}");
}

#[test]
fn green_api_bearer_tokens() {
    let opts = VerifyOptions::GreenApi { tokens: vec!["tok1".into(), "tok2".into()] };
    assert!(verify(BODY, &h(&[("Authorization", "Bearer tok2")]), &opts).ok);
    assert!(verify(BODY, &h(&[("authorization", "tok1")]), &opts).ok);
    assert!(verify(BODY, &h(&[("authorization", "bearer tok1")]), &opts).ok);
    assert_eq!(verify(BODY, &h(&[("authorization", "Bearer nope")]), &opts).reason, Some(FailReason::Mismatch));
    assert_eq!(verify(BODY, &h(&[]), &opts).reason, Some(FailReason::MissingHeader));
    assert_eq!(
        verify(BODY, &h(&[("authorization", "Bearer tok1")]), &VerifyOptions::GreenApi { tokens: vec![] }).reason,
        Some(FailReason::InvalidOptions)
    );
}

#[test]
fn token_header() {
    let opts = VerifyOptions::TokenHeader { tokens: vec!["abc".into()], header: ZAPI_HEADER.into() };
    assert!(verify(BODY, &h(&[("Z-Api-Token", "abc")]), &opts).ok);
    assert_eq!(verify(BODY, &h(&[("z-api-token", "abd")]), &opts).reason, Some(FailReason::Mismatch));
    assert_eq!(verify(BODY, &h(&[("z-api-token", "ab")]), &opts).reason, Some(FailReason::Mismatch));
    let custom = VerifyOptions::TokenHeader { tokens: vec!["abc".into()], header: "x-plug-token".into() };
    assert!(verify(BODY, &h(&[("X-Plug-Token", "abc")]), &custom).ok);
    assert_eq!(verify(BODY, &h(&[("z-api-token", "abc")]), &custom).reason, Some(FailReason::MissingHeader));
}

#[test]
fn callbell_tolerance_is_exact_to_the_millisecond() {
    let good = sign(BODY, "whsec_test", 1_790_000_000);
    let at = |now_ms: i64| verify(BODY, &h(&[("x-callbell-signature", &good)]), &cb(&["whsec_test"], now_ms)).reason;
    let t = 1_790_000_000_000;
    assert_eq!(at(t + 300_000), None);
    assert_eq!(at(t + 300_001), Some(FailReason::Expired), "now was floored to seconds before: 300.001 s passed");
    assert_eq!(at(t + 300_999), Some(FailReason::Expired));
    assert_eq!(at(t - 300_000), None);
    assert_eq!(at(t - 300_001), Some(FailReason::Expired));
    let tight = VerifyOptions::Callbell { secrets: vec!["whsec_test".into()], tolerance_ms: 500, now_ms: Some(t + 500) };
    assert_eq!(verify(BODY, &h(&[("x-callbell-signature", &good)]), &tight).reason, None);
    let tight = VerifyOptions::Callbell { secrets: vec!["whsec_test".into()], tolerance_ms: 500, now_ms: Some(t + 501) };
    assert_eq!(verify(BODY, &h(&[("x-callbell-signature", &good)]), &tight).reason, Some(FailReason::Expired));
}

#[test]
fn duplicate_headers_are_joined_then_refused() {
    let zapi = VerifyOptions::TokenHeader { tokens: vec!["good".into()], header: ZAPI_HEADER.into() };
    // Last-wins used to accept this; joined as Fetch's Headers does, it is "bad, good".
    for pairs in [
        &[("z-api-token", "bad"), ("z-api-token", "good")][..],
        &[("z-api-token", "good"), ("Z-API-Token", "bad")][..],
        &[("z-api-token", "good"), ("z-api-token", "good")][..],
        &[("z-api-token", "bad, good")][..],
    ] {
        assert_eq!(verify(BODY, &h(pairs), &zapi).reason, Some(FailReason::Mismatch), "{pairs:?}");
    }
    assert_eq!(verify(BODY, &h(&[("z-api-token", "good"), ("other", "x")]), &zapi).reason, None);
    let green = VerifyOptions::GreenApi { tokens: vec!["good".into()] };
    assert_eq!(verify(BODY, &h(&[("authorization", "Bearer bad"), ("Authorization", "Bearer good")]), &green).reason, Some(FailReason::Mismatch));
    let good = sign(BODY, "whsec_test", 1_790_000_000);
    let other = sign(BODY, "whsec_test", 1_790_000_001);
    let now = 1_790_000_000_000;
    let twice = h(&[("x-callbell-signature", &good), ("x-callbell-signature", &other)]);
    assert_eq!(verify(BODY, &twice, &cb(&["whsec_test"], now)).reason, Some(FailReason::MalformedHeader));
    let joined = format!("{good}, {good}");
    assert_eq!(verify(BODY, &h(&[("x-callbell-signature", &joined)]), &cb(&["whsec_test"], now)).reason, Some(FailReason::MalformedHeader));
}

#[test]
fn empty_entries_in_rotation_lists_are_ignored() {
    let good = sign(BODY, "whsec_test", 1_790_000_000);
    assert_eq!(verify(BODY, &h(&[("x-callbell-signature", &good)]), &cb(&["", "whsec_test"], 1_790_000_000_000)).reason, None);
    let zapi = VerifyOptions::TokenHeader { tokens: vec!["".into(), "good".into()], header: ZAPI_HEADER.into() };
    assert_eq!(verify(BODY, &h(&[("z-api-token", "good")]), &zapi).reason, None);
    assert_eq!(verify(BODY, &h(&[("z-api-token", "")]), &zapi).reason, Some(FailReason::MalformedHeader));
}
