//! WAHA webhook verification (HMAC configured with `config.webhooks[].hmac.key` or
//! `WHATSAPP_HOOK_HMAC_KEY`):
//!
//! - `X-Webhook-Hmac`: the lowercase hex HMAC-SHA512 of the raw body, keyed with the key's UTF-8
//!   bytes (upper-case hex is accepted too);
//! - `X-Webhook-Hmac-Algorithm`: `sha512`. Any other value is `malformed_header` (this library
//!   computes SHA-512 only); an absent algorithm header is read as `sha512`.
//! - `X-Webhook-Timestamp` (ms) is **not checked**: WAHA does not cover it with the HMAC, so anyone
//!   replaying a captured request can set it to anything, and checking it would only refuse WAHA's
//!   own delayed retries. Replays are caught by `dedupeKey` (or `X-Webhook-Request-Id`).
//!
//! Several keys (rotation) are accepted; empty ones are ignored, none left is `invalid_options`.
//! The header must be 128 hex digits (`malformed_header` otherwise); the comparison is
//! constant-time (`subtle`) against every key.

use crate::detect::Headers;
use crate::verify::{FailReason, VerifyResult};
use hmac::{Hmac, Mac};
use sha2::Sha512;
use subtle::ConstantTimeEq;

/// The HMAC header.
pub const HMAC_HEADER: &str = "x-webhook-hmac";
/// The algorithm header.
pub const ALGORITHM_HEADER: &str = "x-webhook-hmac-algorithm";

/// HMAC-SHA512 of `body` keyed with `key`.
pub fn mac(key: &str, body: &[u8]) -> Vec<u8> {
    match Hmac::<Sha512>::new_from_slice(key.as_bytes()) {
        Ok(mut m) => {
            m.update(body);
            m.finalize().into_bytes().to_vec()
        }
        // HMAC takes keys of any length; this arm is never taken.
        Err(_) => Vec::new(),
    }
}

/// A valid `X-Webhook-Hmac` value for a body and key (lowercase hex): for tests.
pub fn sign(body: &[u8], key: &str) -> String {
    crate::verify::hex_encode(&mac(key, body))
}

/// Verifies a WAHA request.
pub fn verify(body: &[u8], headers: &Headers, keys: &[String]) -> VerifyResult {
    let keys: Vec<&String> = keys.iter().filter(|k| !k.is_empty()).collect();
    if keys.is_empty() {
        return VerifyResult::fail(FailReason::InvalidOptions);
    }
    let Some(value) = headers.joined(HMAC_HEADER) else { return VerifyResult::fail(FailReason::MissingHeader) };
    if let Some(alg) = headers.joined(ALGORITHM_HEADER) {
        if !alg.trim().eq_ignore_ascii_case("sha512") {
            return VerifyResult::fail(FailReason::MalformedHeader);
        }
    }
    let value = value.trim();
    let Some(got) = crate::verify::hex_decode(value).filter(|g| g.len() == 64) else {
        return VerifyResult::fail(FailReason::MalformedHeader);
    };
    let mut matched = subtle::Choice::from(0u8);
    for key in keys {
        matched |= mac(key, body).as_slice().ct_eq(got.as_slice());
    }
    if bool::from(matched) {
        VerifyResult::OK
    } else {
        VerifyResult::fail(FailReason::Mismatch)
    }
}
