//! Evolution API does not sign its webhooks. What a request can carry is the instance's API key:
//! in the body's top-level `apikey` (Evolution fills it when `AUTHENTICATION_EXPOSE_IN_FETCH_INSTANCES`
//! is on, else `null`), or in a header the user configured for the webhook (Evolution sends the
//! webhook's `headers` as given; `apikey` is the name its own API uses). The header, when present,
//! is compared; else the body's `apikey`. Comparisons are constant-time over SHA-256 digests.
//!
//! Trade-off: a token is not a signature. Anyone who saw one request (a log, a proxy) can replay
//! it or forge others with the same key, and a body `apikey` also travels to wherever the body is
//! stored. Prefer a dedicated random header value over the instance's API key, and HTTPS.

use crate::detect::Headers;
use crate::json::Value;
use crate::verify::{FailReason, VerifyResult};

/// The default header name: the one Evolution's own API authenticates with.
pub const DEFAULT_HEADER: &str = "apikey";

/// Verifies a request: the `header` value if the request has one, else the body's top-level
/// `apikey`, against any of `apikeys`.
pub fn verify(body: &[u8], headers: &Headers, apikeys: &[String], header: &str) -> VerifyResult {
    if header.trim().is_empty() || apikeys.iter().all(String::is_empty) {
        return VerifyResult { ok: false, reason: Some(FailReason::InvalidOptions) };
    }
    if let Some(value) = headers.joined(header) {
        return crate::verify::token(Some(value.trim()), apikeys);
    }
    match body_apikey(body) {
        Some(key) => crate::verify::token(Some(&key), apikeys),
        None => VerifyResult { ok: false, reason: Some(FailReason::MissingHeader) },
    }
}

/// The top-level `apikey` string of a JSON object body; `None` when the body is not a JSON object
/// or its `apikey` is missing, `null`, empty or not a string. One parse of the body, with the
/// reader's own depth limit.
pub fn body_apikey(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    let arena = crate::json::arena_for(body);
    let parsed = crate::json::parse(text, &arena).ok()?;
    match parsed.value {
        Value::Object(o) => match o.get("apikey") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        },
        _ => None,
    }
}
