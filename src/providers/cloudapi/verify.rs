//! Cloud API signatures: `X-Hub-Signature-256: sha256=<hex>`, the lowercase hex HMAC-SHA256 of the
//! raw request body keyed with the app secret (Meta, "Validating Payloads"). Several secrets
//! (rotation) are accepted; uppercase hex too. Comparisons are constant-time.

use crate::detect::Headers;
use crate::verify::{FailReason, VerifyResult};
use subtle::ConstantTimeEq;

/// The signature header.
pub const HEADER: &str = "x-hub-signature-256";

/// Verifies a body against its `X-Hub-Signature-256` header with any of `secrets`.
pub fn verify(body: &[u8], headers: &Headers, secrets: &[String]) -> VerifyResult {
    let secrets: Vec<&String> = secrets.iter().filter(|s| !s.is_empty()).collect();
    if secrets.is_empty() {
        return VerifyResult::fail(FailReason::InvalidOptions);
    }
    let Some(value) = headers.joined(HEADER) else { return VerifyResult::fail(FailReason::MissingHeader) };
    let value = value.trim();
    let hex = match value.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("sha256=") => value.get(7..).unwrap_or(""),
        _ => return VerifyResult::fail(FailReason::MalformedHeader),
    };
    let Some(got) = crate::verify::hex_decode(hex).filter(|g| g.len() == 32) else {
        return VerifyResult::fail(FailReason::MalformedHeader);
    };
    let mut matched = subtle::Choice::from(0u8);
    for secret in secrets {
        matched |= mac(secret, body).as_slice().ct_eq(got.as_slice());
    }
    if bool::from(matched) {
        VerifyResult::OK
    } else {
        VerifyResult::fail(FailReason::Mismatch)
    }
}

fn mac(secret: &str, body: &[u8]) -> Vec<u8> {
    crate::verify::hmac_sha256(secret, &[body])
}

/// A valid `X-Hub-Signature-256` value for a body and app secret: for tests.
pub fn sign(body: &[u8], secret: &str) -> String {
    format!("sha256={}", crate::verify::hex_encode(&mac(secret, body)))
}
