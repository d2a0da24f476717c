//! verify on arbitrary bodies and header values: never a panic; a header signed by `sign` verifies.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wahook::verify::{sign, verify, waha_sign, VerifyOptions};
use wahook::Headers;

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (header, body) = data.split_at(split);
    let header = String::from_utf8_lossy(header).into_owned();
    let callbell = VerifyOptions::Callbell { secrets: vec!["whsec_fuzz".into()], tolerance_ms: 300_000, now_ms: Some(1_790_000_000_000) };
    let _ = verify(body, &Headers(vec![("x-callbell-signature".into(), header.clone())]), &callbell);
    let _ = verify(body, &Headers(vec![("authorization".into(), header.clone())]), &VerifyOptions::GreenApi { tokens: vec!["tok".into()] });
    let waha = VerifyOptions::Waha { keys: vec!["waha_fuzz".into()] };
    let _ = verify(body, &Headers(vec![("x-webhook-hmac".into(), header.clone())]), &waha);
    let _ = verify(body, &Headers(vec![("x-webhook-hmac-algorithm".into(), header.clone())]), &waha);
    assert!(verify(body, &Headers(vec![("X-Webhook-Hmac".into(), waha_sign(body, "waha_fuzz"))]), &waha).ok);
    let _ = verify(
        body,
        &Headers(vec![("z-api-token".into(), header)]),
        &VerifyOptions::TokenHeader { tokens: vec!["tok".into()], header: "z-api-token".into() },
    );
    let good = sign(body, "whsec_fuzz", 1_790_000_000);
    assert!(verify(body, &Headers(vec![("X-Callbell-Signature".into(), good)]), &callbell).ok);
});
