//! Verification: did a request really come from the provider?
//!
//! - Callbell signs: `X-Callbell-Signature: t=<unix seconds>,v1=<hex>` where `v1` is the hex
//!   HMAC-SHA256 of `<t>.<raw body>` keyed with the whole secret string (including `whsec_`).
//!   Several `v1` entries and several secrets (rotation) are accepted; the signature is checked
//!   before the time, as Stripe does.
//! - Green API sends `Authorization: Bearer <webhookUrlToken>` (also accepted without `Bearer `).
//! - Z-API and Plugchat send a token header (`z-api-token` unless configured).
//! - Evolution API does not sign: its instance API key, in a header or the body's `apikey`
//!   (`providers/evolution/verify.rs`).
//! - WAHA signs: `X-Webhook-Hmac` = hex HMAC-SHA512 of the raw body (`providers/waha/verify.rs`).
//! - Meta's Cloud API signs: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body keyed
//!   with the app secret>` (`providers/cloudapi/verify.rs`).
//!
//! All comparisons are constant-time (`subtle`), on the raw bytes, synchronously.
//!
//! A header sent more than once (several pairs of the same name, in any case) is read as Fetch's
//! `Headers` reads it: the values joined with `", "`, so that every input form gives one answer. A
//! token header sent twice therefore never equals a token (`mismatch`), and a Callbell signature
//! header sent twice has two `t` (`malformed_header`).

use crate::detect::Headers;
use crate::model::Provider;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// The Callbell signature header.
pub const CALLBELL_HEADER: &str = "x-callbell-signature";
/// The default Z-API/Plugchat token header.
pub const ZAPI_HEADER: &str = "z-api-token";
/// The default Evolution API key header (`apikey`, as Evolution's own API names it).
pub const EVOLUTION_HEADER: &str = crate::providers::evolution::verify::DEFAULT_HEADER;
/// Default Callbell timestamp tolerance, both directions.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;
/// The same in milliseconds, the unit of [`VerifyOptions::Callbell`]'s `tolerance_ms`.
pub const DEFAULT_TOLERANCE_MS: u64 = DEFAULT_TOLERANCE_SECONDS * 1000;

/// How to verify, per provider. Build one with the constructors ([`VerifyOptions::callbell`],
/// [`VerifyOptions::green_api`], [`VerifyOptions::token_header`]); a list of secrets or tokens is
/// a rotation list: any one of them may have signed.
///
/// ```
/// use wahook::{verify, Headers, VerifyOptions};
/// let body = br#"{"event":"message_created","payload":{}}"#;
/// let header = wahook::verify::sign(body, "whsec_test", 1_700_000_000);
/// let options = VerifyOptions::callbell(["whsec_test"]).at(1_700_000_000_000);
/// assert!(verify(body, &Headers::new([("X-Callbell-Signature", header)]), &options).ok);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyOptions {
    /// Callbell's `X-Callbell-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
    Callbell {
        /// Accepted secrets (rotation): any one may have signed.
        secrets: Vec<String>,
        /// How far `t` may be from now, both directions, in milliseconds (exact: `t` is
        /// `t × 1000` ms and `now_ms` is not rounded).
        tolerance_ms: u64,
        /// Epoch milliseconds; `None` = the system clock (native only: pass it on wasm).
        now_ms: Option<i64>,
    },
    /// Green API's `Authorization: Bearer <webhookUrlToken>`.
    GreenApi {
        /// Accepted `webhookUrlToken`s.
        tokens: Vec<String>,
    },
    /// WAHA: `X-Webhook-Hmac` (hex HMAC-SHA512 of the body); logic in `providers/waha/verify.rs`.
    Waha {
        /// Accepted HMAC keys (rotation): any one may have signed.
        keys: Vec<String>,
    },
    /// Z-API or Plugchat: a token in a header the account owner configures.
    TokenHeader {
        /// Accepted tokens.
        tokens: Vec<String>,
        /// Header name, case-insensitive.
        header: String,
    },
    /// Evolution API: the instance API key, from `header` (default `apikey`) when the request has
    /// it, else from the body's top-level `apikey`.
    Evolution {
        /// Accepted instance API keys.
        apikeys: Vec<String>,
        /// Header name, case-insensitive.
        header: String,
    },
    /// Meta's Cloud API: `X-Hub-Signature-256`.
    CloudApi {
        /// Accepted app secrets (rotation): any one may have signed.
        secrets: Vec<String>,
    },
}

/// What a `verify` configuration gives, whatever the provider: the secrets, tokens or API keys (a
/// rotation list), and the header, tolerance and clock where the provider's scheme has them. Turned
/// into a provider's [`VerifyOptions`] by [`VerifyOptions::for_provider`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Credentials {
    /// Accepted secrets, tokens or API keys; empty entries are ignored.
    pub secrets: Vec<String>,
    /// The header a token is read from, for providers whose header is configurable.
    pub header: Option<String>,
    /// How far a signature's time may be from now (providers that sign a time).
    pub tolerance_ms: Option<u64>,
    /// "Now", in epoch milliseconds, instead of the system clock.
    pub now_ms: Option<i64>,
}

impl Credentials {
    /// Credentials of a rotation list of secrets, tokens or keys.
    pub fn new<S: Into<String>>(secrets: impl IntoIterator<Item = S>) -> Self {
        Credentials { secrets: list(secrets), ..Credentials::default() }
    }
}

/// The secrets or tokens of a rotation list, as owned strings.
fn list<S: Into<String>>(secrets: impl IntoIterator<Item = S>) -> Vec<String> {
    secrets.into_iter().map(Into::into).collect()
}

impl VerifyOptions {
    /// The options of `provider`'s scheme, from provider-independent credentials (what the JS
    /// package's `verify` options carry). Each provider module declares how (`src/providers/`).
    ///
    /// ```
    /// use wahook::{verify::Credentials, Provider, VerifyOptions};
    /// let o = VerifyOptions::for_provider(Provider::Waha, Credentials::new(["key"]));
    /// assert_eq!(o, VerifyOptions::waha(["key"]));
    /// ```
    pub fn for_provider(provider: Provider, credentials: Credentials) -> Self {
        (crate::providers::module_of(provider).verification.options)(credentials)
    }

    /// Headers that pass this verification for `body` at `now_ms` (epoch milliseconds), signed with
    /// the first non-empty secret, token or key: for tests, fixtures and replays.
    ///
    /// ```
    /// use wahook::{verify, Headers, VerifyOptions};
    /// let options = VerifyOptions::cloud_api(["app-secret"]);
    /// let headers = Headers::new(options.signature_headers(b"{}", 0));
    /// assert!(verify(b"{}", &headers, &options).ok);
    /// ```
    pub fn signature_headers(&self, body: &[u8], now_ms: i64) -> Vec<(String, String)> {
        let first = |l: &[String]| l.iter().find(|s| !s.is_empty()).cloned().unwrap_or_default();
        let one = |name: &str, value: String| vec![(name.to_string(), value)];
        match self {
            VerifyOptions::Callbell { secrets, .. } => one(CALLBELL_HEADER, sign(body, &first(secrets), now_ms.div_euclid(1000))),
            VerifyOptions::GreenApi { tokens } => one("authorization", format!("Bearer {}", first(tokens))),
            VerifyOptions::TokenHeader { tokens, header } => one(header, first(tokens)),
            VerifyOptions::Evolution { apikeys, header } => one(header, first(apikeys)),
            VerifyOptions::CloudApi { secrets } => one(crate::providers::cloudapi::verify::HEADER, sign_cloudapi(body, &first(secrets))),
            VerifyOptions::Waha { keys } => {
                use crate::providers::waha::verify::{sign, ALGORITHM_HEADER, HMAC_HEADER};
                vec![(HMAC_HEADER.to_string(), sign(body, &first(keys))), (ALGORITHM_HEADER.to_string(), "sha512".to_string())]
            }
        }
    }

    /// Callbell, with the webhook signing secrets (`whsec_...`, whole), the default tolerance
    /// ([`DEFAULT_TOLERANCE_MS`]) and the system clock (call [`VerifyOptions::at`] on wasm).
    pub fn callbell<S: Into<String>>(secrets: impl IntoIterator<Item = S>) -> Self {
        VerifyOptions::Callbell { secrets: list(secrets), tolerance_ms: DEFAULT_TOLERANCE_MS, now_ms: None }
    }

    /// Green API, with the `webhookUrlToken`s set on the instance.
    pub fn green_api<S: Into<String>>(tokens: impl IntoIterator<Item = S>) -> Self {
        VerifyOptions::GreenApi { tokens: list(tokens) }
    }

    /// WAHA, with the webhook's HMAC keys (`hmac.key`, `WHATSAPP_HOOK_HMAC_KEY`).
    pub fn waha<S: Into<String>>(keys: impl IntoIterator<Item = S>) -> Self {
        VerifyOptions::Waha { keys: list(keys) }
    }

    /// Z-API or Plugchat, with the tokens expected in the [`ZAPI_HEADER`] header (change it with
    /// [`VerifyOptions::header`]).
    pub fn token_header<S: Into<String>>(tokens: impl IntoIterator<Item = S>) -> Self {
        VerifyOptions::TokenHeader { tokens: list(tokens), header: ZAPI_HEADER.to_string() }
    }

    /// Evolution API, with the instance API keys (read from the `apikey` header, else from the
    /// body's `apikey`: a shared token, not a signature).
    pub fn evolution<S: Into<String>>(apikeys: impl IntoIterator<Item = S>) -> Self {
        VerifyOptions::Evolution { apikeys: list(apikeys), header: EVOLUTION_HEADER.to_string() }
    }

    /// Meta's Cloud API, with the app secrets (`X-Hub-Signature-256`).
    pub fn cloud_api<S: Into<String>>(secrets: impl IntoIterator<Item = S>) -> Self {
        VerifyOptions::CloudApi { secrets: list(secrets) }
    }

    /// The header a token is read from (options that read one; others are returned unchanged).
    pub fn header(mut self, name: impl Into<String>) -> Self {
        if let VerifyOptions::TokenHeader { header, .. } | VerifyOptions::Evolution { header, .. } = &mut self {
            *header = name.into();
        }
        self
    }

    /// How far a signature's time may be from now, both directions (options that check a time).
    pub fn tolerance_ms(mut self, ms: u64) -> Self {
        if let VerifyOptions::Callbell { tolerance_ms, .. } = &mut self {
            *tolerance_ms = ms;
        }
        self
    }

    /// "Now", in epoch milliseconds, instead of the system clock (options that check a time).
    pub fn at(mut self, epoch_ms: i64) -> Self {
        if let VerifyOptions::Callbell { now_ms, .. } = &mut self {
            *now_ms = Some(epoch_ms);
        }
        self
    }
}

/// Why verification failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FailReason {
    /// The header that carries the signature or token is absent.
    MissingHeader,
    /// The header is there but cannot be read (empty, no `t`, two `t`, ...).
    MalformedHeader,
    /// The signature matches, but its time is outside the tolerance.
    Expired,
    /// No accepted secret or token matches.
    Mismatch,
    /// The options can never verify anything (no secret or token, an empty header name, no clock).
    InvalidOptions,
}

impl FailReason {
    /// The reason as JSON and the JS package write it (`"missing_header"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            FailReason::MissingHeader => "missing_header",
            FailReason::MalformedHeader => "malformed_header",
            FailReason::Expired => "expired",
            FailReason::Mismatch => "mismatch",
            FailReason::InvalidOptions => "invalid_options",
        }
    }
}

/// `{ ok: true }` or `{ ok: false, reason }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct VerifyResult {
    /// Whether the request is authentic.
    pub ok: bool,
    /// Why not, when `ok` is false.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<FailReason>,
}

impl VerifyResult {
    pub(crate) const OK: VerifyResult = VerifyResult { ok: true, reason: None };
    pub(crate) fn fail(reason: FailReason) -> Self {
        VerifyResult { ok: false, reason: Some(reason) }
    }
}

/// What the headers alone decide, before any body is read: `invalid_options`, `missing_header` or
/// `malformed_header`; `None` when only the body can decide. Lets an endpoint refuse a request
/// without credentials before it buffers (or copies) the body.
pub fn check_headers(headers: &Headers, options: &VerifyOptions) -> Option<FailReason> {
    // Evolution reads the body's `apikey` when the header is absent: only a present, empty header
    // is decided here.
    if let VerifyOptions::Evolution { apikeys, header } = options {
        return if apikeys.iter().all(String::is_empty) || header.trim().is_empty() {
            Some(FailReason::InvalidOptions)
        } else {
            headers.joined(header).filter(|v| v.trim().is_empty()).map(|_| FailReason::MalformedHeader)
        };
    }
    // With an empty body, every scheme checks its options and header first and then fails on the
    // signature or token (`mismatch`/`expired`, which only the real body can settle).
    match verify(b"", headers, options).reason {
        Some(r @ (FailReason::InvalidOptions | FailReason::MissingHeader | FailReason::MalformedHeader)) => Some(r),
        _ => None,
    }
}

/// Verifies a request's raw body and headers.
pub fn verify(body: &[u8], headers: &Headers, options: &VerifyOptions) -> VerifyResult {
    match options {
        VerifyOptions::Callbell { secrets, tolerance_ms, now_ms } => {
            let secrets: Vec<&String> = secrets.iter().filter(|s| !s.is_empty()).collect();
            if secrets.is_empty() {
                return VerifyResult::fail(FailReason::InvalidOptions);
            }
            let Some(now_ms) = now_ms.or_else(system_now_ms) else {
                return VerifyResult::fail(FailReason::InvalidOptions);
            };
            callbell(body, headers.joined(CALLBELL_HEADER).as_deref(), &secrets, *tolerance_ms, now_ms)
        }
        VerifyOptions::GreenApi { tokens } => {
            let joined = headers.joined("authorization");
            let value = joined.as_deref().map(|v| {
                let v = v.trim();
                match v.get(..7) {
                    Some(p) if p.eq_ignore_ascii_case("bearer ") => v.get(7..).unwrap_or("").trim(),
                    _ => v,
                }
            });
            token(value, tokens)
        }
        VerifyOptions::Waha { keys } => crate::providers::waha::verify::verify(body, headers, keys),
        VerifyOptions::TokenHeader { tokens, header } => {
            if header.trim().is_empty() {
                return VerifyResult::fail(FailReason::InvalidOptions);
            }
            token(headers.joined(header).as_deref().map(str::trim), tokens)
        }
        VerifyOptions::Evolution { apikeys, header } => crate::providers::evolution::verify::verify(body, headers, apikeys, header),
        VerifyOptions::CloudApi { secrets } => crate::providers::cloudapi::verify::verify(body, headers, secrets),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn system_now_ms() -> Option<i64> {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?;
    i64::try_from(d.as_millis()).ok()
}

#[cfg(target_arch = "wasm32")]
fn system_now_ms() -> Option<i64> {
    None
}

/// A token header's value against the accepted tokens (constant-time, over SHA-256 digests).
pub(crate) fn token(value: Option<&str>, tokens: &[String]) -> VerifyResult {
    let tokens: Vec<&String> = tokens.iter().filter(|t| !t.is_empty()).collect();
    if tokens.is_empty() {
        return VerifyResult::fail(FailReason::InvalidOptions);
    }
    let Some(value) = value else { return VerifyResult::fail(FailReason::MissingHeader) };
    if value.is_empty() {
        return VerifyResult::fail(FailReason::MalformedHeader);
    }
    // Compare digests so that neither content nor length leaks through timing.
    let got = Sha256::digest(value.as_bytes());
    let mut matched = subtle::Choice::from(0u8);
    for t in tokens {
        matched |= Sha256::digest(t.as_bytes()).ct_eq(&got);
    }
    if bool::from(matched) {
        VerifyResult::OK
    } else {
        VerifyResult::fail(FailReason::Mismatch)
    }
}

/// The parts of a Callbell signature header.
struct Signature {
    t: i64,
    t_text: String,
    v1: Vec<Vec<u8>>,
}

fn parse_signature(header: &str) -> Option<Signature> {
    let mut t = None;
    let mut v1 = Vec::new();
    let mut any_v1 = false;
    for part in header.split(',') {
        let Some((k, v)) = part.split_once('=') else { continue };
        match k.trim() {
            "t" => {
                // Two `t` (a duplicated header joined with ", ") cannot be told apart: malformed.
                if t.is_some() {
                    return None;
                }
                let text = v.trim();
                let ok = !text.is_empty() && text.bytes().enumerate().all(|(i, b)| b.is_ascii_digit() || (i == 0 && b == b'-'));
                t = Some(if ok { text.parse::<i64>().ok().map(|n| (n, text.to_string()))? } else { return None });
            }
            "v1" => {
                any_v1 = true;
                // A v1 that is not hex can never match; keep it as an impossible value.
                v1.push(hex_decode(v.trim()).unwrap_or_default());
            }
            _ => {}
        }
    }
    let (t, t_text) = t?;
    any_v1.then_some(Signature { t, t_text, v1 })
}

fn callbell(body: &[u8], header: Option<&str>, secrets: &[&String], tolerance_ms: u64, now_ms: i64) -> VerifyResult {
    let Some(header) = header else { return VerifyResult::fail(FailReason::MissingHeader) };
    let Some(sig) = parse_signature(header) else { return VerifyResult::fail(FailReason::MalformedHeader) };
    let mut matched = subtle::Choice::from(0u8);
    for secret in secrets {
        let expected = mac(secret, &sig.t_text, body);
        for candidate in &sig.v1 {
            if candidate.len() == expected.len() {
                matched |= expected.as_slice().ct_eq(candidate.as_slice());
            }
        }
    }
    if !bool::from(matched) {
        return VerifyResult::fail(FailReason::Mismatch);
    }
    // In milliseconds, in i128: exact, and no `t` can overflow it.
    let age = (i128::from(now_ms) - i128::from(sig.t) * 1000).unsigned_abs();
    if age > u128::from(tolerance_ms) {
        return VerifyResult::fail(FailReason::Expired);
    }
    VerifyResult::OK
}

fn mac(secret: &str, t: &str, body: &[u8]) -> Vec<u8> {
    hmac_sha256(secret, &[t.as_bytes(), b".", body])
}

/// HMAC-SHA256 of the concatenated `parts` keyed with `secret` (every provider that signs uses it).
pub(crate) fn hmac_sha256(secret: &str, parts: &[&[u8]]) -> Vec<u8> {
    let mut m = match HmacSha256::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        // HMAC takes keys of any length; this arm is never taken.
        Err(_) => return Vec::new(),
    };
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().to_vec()
}

/// A valid `X-Webhook-Hmac` value (WAHA) for a body and key: for tests.
pub use crate::providers::waha::verify::sign as waha_sign;

/// A valid `X-Callbell-Signature` value for a body, secret and time (unix seconds): for tests.
pub fn sign(body: &[u8], secret: &str, timestamp: i64) -> String {
    let t = timestamp.to_string();
    format!("t={t},v1={}", hex_encode(&mac(secret, &t, body)))
}

/// A valid `X-Hub-Signature-256` value (`sha256=<hex>`) for a body and Cloud API app secret: for tests.
pub fn sign_cloudapi(body: &[u8], secret: &str) -> String {
    crate::providers::cloudapi::verify::sign(body, secret)
}

pub(crate) fn hex_encode(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        for nibble in [b >> 4, b & 15] {
            s.push(HEX.get(usize::from(nibble)).map_or('0', |&c| char::from(c)));
        }
    }
    s
}

pub(crate) fn hex_decode(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    s.as_bytes()
        .chunks(2)
        .map(|p| match p {
            [h, l] => Some(nibble(*h)? << 4 | nibble(*l)?),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
#[path = "tests/verify_tests.rs"]
mod tests;
