//! Every provider's verification, built from provider-independent credentials as the JS package
//! builds it (`VerifyOptions::for_provider`): the headers `signature_headers` makes verify, another
//! key does not, and `check_headers` decides what the headers alone can.

use wahook::verify::{check_headers, Credentials, FailReason};
use wahook::{verify, Headers, Provider, VerifyOptions};

const NOW_MS: i64 = 1_700_000_000_123;

fn options(provider: Provider, key: &str) -> VerifyOptions {
    let mut c = Credentials::new(["", key]);
    c.now_ms = Some(NOW_MS);
    VerifyOptions::for_provider(provider, c)
}

#[test]
fn every_provider_signs_and_verifies_through_the_registry() {
    let body = br#"{"event":"x","data":{"a":1}}"#;
    for provider in Provider::ALL {
        let ok = options(provider, "k-1");
        let headers = Headers::new(ok.signature_headers(body, NOW_MS));
        assert!(!headers.0.is_empty(), "{provider:?}");
        assert_eq!(check_headers(&headers, &ok), None, "{provider:?}");
        assert!(verify(body, &headers, &ok).ok, "{provider:?}: {headers:?}");
        assert_eq!(verify(body, &headers, &options(provider, "k-2")).reason, Some(FailReason::Mismatch), "{provider:?}");
        let mut tampered = body.to_vec();
        tampered[3] ^= 1;
        let r = verify(&tampered, &headers, &ok);
        // Token and API-key schemes do not cover the body; signatures do.
        let signs = matches!(ok, VerifyOptions::Callbell { .. } | VerifyOptions::CloudApi { .. } | VerifyOptions::Waha { .. });
        assert_eq!(r.ok, !signs, "{provider:?}: {r:?}");
    }
}

#[test]
fn the_options_are_each_providers_own() {
    assert_eq!(options(Provider::Waha, "k"), VerifyOptions::waha(["", "k"]));
    assert_eq!(options(Provider::Cloudapi, "k"), VerifyOptions::cloud_api(["", "k"]));
    assert_eq!(options(Provider::Greenapi, "k"), VerifyOptions::green_api(["", "k"]));
    assert_eq!(options(Provider::Plugchat, "k"), VerifyOptions::token_header(["", "k"]));
    assert_eq!(options(Provider::Callbell, "k"), VerifyOptions::callbell(["", "k"]).at(NOW_MS));
    let mut c = Credentials::new(["k"]);
    c.header = Some("x-token".into());
    assert_eq!(VerifyOptions::for_provider(Provider::Zapi, c.clone()), VerifyOptions::token_header(["k"]).header("x-token"));
    assert_eq!(VerifyOptions::for_provider(Provider::Evolution, c), VerifyOptions::evolution(["k"]).header("x-token"));
}

#[test]
fn check_headers_decides_missing_and_malformed_before_the_body() {
    let none = Headers::default();
    for provider in Provider::ALL {
        let expected = if provider == Provider::Evolution { None } else { Some(FailReason::MissingHeader) };
        assert_eq!(check_headers(&none, &options(provider, "k")), expected, "{provider:?}");
        assert_eq!(check_headers(&none, &VerifyOptions::for_provider(provider, Credentials::new([""]))), Some(FailReason::InvalidOptions), "{provider:?}");
    }
    let bad = |name: &str, value: &str| Headers::new([(name, value)]);
    assert_eq!(check_headers(&bad("x-hub-signature-256", "sha1=ab"), &options(Provider::Cloudapi, "k")), Some(FailReason::MalformedHeader));
    assert_eq!(check_headers(&bad("x-webhook-hmac", "zz"), &options(Provider::Waha, "k")), Some(FailReason::MalformedHeader));
    assert_eq!(check_headers(&bad("x-callbell-signature", "v1=ab"), &options(Provider::Callbell, "k")), Some(FailReason::MalformedHeader));
    assert_eq!(check_headers(&bad("apikey", " "), &options(Provider::Evolution, "k")), Some(FailReason::MalformedHeader));
    // A well-formed signature is left to the body.
    assert_eq!(check_headers(&bad("x-hub-signature-256", &format!("sha256={}", "0".repeat(64))), &options(Provider::Cloudapi, "k")), None);
}
