//! # wahook
//!
//! Normalizes the raw body of a WhatsApp webhook from **Meta's Cloud API, Evolution API, WAHA,
//! Z-API, Plugchat, Green API or Callbell** into one typed event model. The provider is detected from the JSON's shape.
//!
//! ```
//! let body = br#"{"typeWebhook":"outgoingMessageStatus","instanceData":{"idInstance":1234,"wid":"11001234567@c.us","typeInstance":"whatsapp"},
//!   "timestamp":1586700802,"idMessage":"3EB0608D6A2901063D63","status":"read","chatId":"11001234567890@c.us"}"#;
//! let result = wahook::parse(body, &wahook::ParseOptions::default())?;
//! assert_eq!(result.provider, wahook::Provider::Greenapi);
//! if let Some(wahook::Event::Status(s)) = result.events.first() {
//!     assert_eq!(s.status, wahook::Status::Read);
//!     assert_eq!(s.rank, Some(4));
//!     assert_eq!(s.base.timestamp, Some(1_586_700_802_000));
//! }
//! # Ok::<(), wahook::Error>(())
//! ```
//!
//! Nothing a provider may legitimately send makes [`parse`] fail: unknown events, statuses and
//! content kinds become `unknown` events, `unsupported` contents and [`Warning`]s. Only bodies that
//! are not JSON objects of a known shape are errors ([`ErrorCode`]). No input panics.

#![warn(missing_docs)]
// Untrusted input never panics: a panic in wasm kills the instance for every later request. These
// lints make `cargo clippy` (run by `make test`) reject any unwrap, expect, panic or panicking index
// in the library; tests may use them.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]

mod dedupe;
mod detect;
mod error;
mod ids;
// `json` (the zero-copy reader) and `number` are public only for the wasm binding (which registers
// the host's number parser) and the fuzz targets; they are not part of the supported API.
#[doc(hidden)]
pub mod json;
pub mod model;
#[doc(hidden)]
pub mod number;
mod order;
mod providers;
mod read;
mod text;
mod time;
pub mod verify;

pub use detect::{Detection, Headers};
pub use error::{Error, ErrorCode};
pub use model::*;
pub use verify::{verify, VerifyOptions, VerifyResult};

use providers::Ctx;
use read::{Obj, Warnings};

/// The most events one body may produce (a Z-API status with that many `ids`, a Plugchat
/// attendance with that many messages); more is `too_large`. A 1 MB body of ids would otherwise
/// fan out into ~128 000 events and ~170 MB of memory.
pub const MAX_EVENTS: usize = 10_000;

/// The default `max_bytes`: 1 MiB.
pub const DEFAULT_MAX_BYTES: usize = 1_048_576;

/// The version of this library.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Options of [`parse`] and [`detect`]: start from [`ParseOptions::default`] and set what differs.
///
/// ```
/// let options = wahook::ParseOptions::default().provider(wahook::Provider::Plugchat).include_raw(true);
/// assert_eq!(options.provider, Some(wahook::Provider::Plugchat));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ParseOptions {
    /// The provider the endpoint expects; settles Z-API vs Plugchat.
    pub provider: Option<Provider>,
    /// Request headers; `z-api-token` or `origin: https://api.z-api.io` settle Z-API.
    pub headers: Headers,
    /// Attach the source JSON object of each event as `raw`.
    pub include_raw: bool,
    /// Larger bodies are `too_large`.
    pub max_bytes: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { provider: None, headers: Headers::default(), include_raw: false, max_bytes: DEFAULT_MAX_BYTES }
    }
}

impl ParseOptions {
    /// The provider the endpoint expects (settles Z-API vs Plugchat; a body of another provider's
    /// shape is then `provider_mismatch`).
    pub fn provider(mut self, provider: Provider) -> Self {
        self.provider = Some(provider);
        self
    }

    /// The request's headers (they can settle Z-API vs Plugchat).
    pub fn headers(mut self, headers: impl Into<Headers>) -> Self {
        self.headers = headers.into();
        self
    }

    /// Attach each event's source JSON object as `raw`.
    pub fn include_raw(mut self, include_raw: bool) -> Self {
        self.include_raw = include_raw;
        self
    }

    /// Bodies larger than this are `too_large` (default [`DEFAULT_MAX_BYTES`]).
    pub fn max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }
}

/// A body checked for size and encoding and parsed as JSON.
struct Body<'a> {
    parsed: json::Parsed<'a>,
}

fn check_size(bytes: &[u8], max_bytes: usize) -> Result<(), Error> {
    if bytes.len() > max_bytes {
        return Err(Error::new(
            ErrorCode::TooLarge,
            format!("the body is {} bytes, more than the limit of {max_bytes} (maxBytes)", bytes.len()),
        ));
    }
    Ok(())
}

/// Checks the encoding and parses the JSON into `arena` (the size was checked first).
fn read_body<'a>(bytes: &'a [u8], arena: &'a json::Arena) -> Result<Body<'a>, Error> {
    // SIMD first (a tenth of core's time on long non-ASCII texts); core's reports where it fails.
    let valid = simdutf8::basic::from_utf8(bytes).ok();
    let src = match valid.map_or_else(|| std::str::from_utf8(bytes), Ok) {
        Ok(s) => s,
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("");
            let (line, column) = json::line_column(valid, valid.len());
            return Err(Error::at(
                ErrorCode::InvalidEncoding,
                format!("the body is not UTF-8: invalid byte at offset {} (line {line}, column {column})", e.valid_up_to()),
                line,
                column,
            ));
        }
    };
    match json::parse(src, arena) {
        Ok(parsed) => Ok(Body { parsed }),
        Err(json::ParseError::Syntax { message, offset }) => {
            let (line, column) = json::line_column(src, offset);
            Err(Error::at(ErrorCode::InvalidJson, format!("invalid JSON at line {line}, column {column}: {message}"), line, column))
        }
        Err(json::ParseError::TooDeep { offset }) => {
            let (line, column) = json::line_column(src, offset);
            Err(Error::new(
                ErrorCode::TooDeep,
                format!("the JSON is nested deeper than {} levels (at line {line}, column {column})", json::MAX_DEPTH),
            ))
        }
    }
}

fn root_object<'v, 'a>(body: &'v Body<'a>) -> Result<&'v json::Object<'a>, Error> {
    body.parsed
        .value
        .as_object()
        .ok_or_else(|| Error::new(ErrorCode::NotAnObject, format!("the body is a JSON {}, not an object", body.parsed.value.type_name())))
}

/// Parses and normalizes one webhook body.
///
/// Each thread keeps the JSON reader's arena and stacks for its next body when they are small
/// (at most 64 KB each; a larger body's are freed when it is done), so a thread that has parsed
/// holds up to that much between calls.
pub fn parse(body: &[u8], options: &ParseOptions) -> Result<ParseResult, Error> {
    check_size(body, options.max_bytes)?;
    json::with_arena(body, |arena| normalize(body, arena, options))
}

fn normalize(body: &[u8], arena: &json::Arena, options: &ParseOptions) -> Result<ParseResult, Error> {
    let body = read_body(body, arena)?;
    let root = root_object(&body)?;
    let rec = detect::recognise(root).ok_or_else(|| Error::new(ErrorCode::UnknownProvider, detect::no_shape()))?;
    let resolved = detect::resolve(rec.module, options.provider, &options.headers)?;
    let fan_out = (rec.module.event_count)(rec.body);
    if fan_out > MAX_EVENTS {
        return Err(Error::new(
            ErrorCode::TooLarge,
            format!("the body fans out into {fan_out} events, more than the limit of {MAX_EVENTS} per body"),
        ));
    }
    let warnings = Warnings::default();
    if body.parsed.lone_surrogates > 0 {
        warnings.push(
            WarningCode::LoneSurrogate,
            format!("{} `\\u` escape(s) held a lone UTF-16 surrogate, replaced by U+FFFD", body.parsed.lone_surrogates),
            None,
        );
    }
    let cx = Ctx {
        provider: resolved.provider,
        include_raw: options.include_raw,
        raw_budget: std::cell::Cell::new(Some(providers::RAW_BUDGET + body.parsed.source_len)),
        w: &warnings,
    };
    let b = Obj::new(rec.body, rec.body_path, &warnings);
    let events = (rec.module.normalize)(&cx, &b, rec.provider_event);
    Ok(ParseResult {
        provider: resolved.provider,
        detected_by: resolved.detected_by,
        ambiguous: resolved.ambiguous,
        events,
        warnings: warnings.into_vec(),
    })
}

/// Detects the provider of a body without normalizing it. Never fails: when nothing matches,
/// `provider` is `None` and `reason` names the error code and why.
pub fn detect(body: &[u8], options: &ParseOptions) -> Detection {
    let failed = |e: Error| Detection { provider: None, ambiguous: false, detected_by: None, provider_event: None, reason: e.to_string() };
    if let Err(e) = check_size(body, options.max_bytes) {
        return failed(e);
    }
    json::with_arena(body, |arena| detect_in(body, arena, options))
}

fn detect_in(body: &[u8], arena: &json::Arena, options: &ParseOptions) -> Detection {
    let failed = |e: Error| Detection { provider: None, ambiguous: false, detected_by: None, provider_event: None, reason: e.to_string() };
    let body = match read_body(body, arena) {
        Ok(b) => b,
        Err(e) => return failed(e),
    };
    let root = match root_object(&body) {
        Ok(r) => r,
        Err(e) => return failed(e),
    };
    let Some(rec) = detect::recognise(root) else {
        return failed(Error::new(ErrorCode::UnknownProvider, detect::no_shape()));
    };
    match detect::resolve(rec.module, options.provider, &options.headers) {
        Ok(r) => {
            let how = match r.detected_by {
                DetectedBy::Shape if r.ambiguous => {
                    format!("; {} send this shape: pass provider or headers to settle it", rec.module.family_title(" and "))
                }
                DetectedBy::Shape => String::new(),
                DetectedBy::Hint => format!("; the provider hint settled {}", rec.module.family_title(" vs ")),
                DetectedBy::Headers => format!("; a header settled {}", rec.module.family_title(" vs ")),
            };
            Detection {
                provider: Some(r.provider),
                ambiguous: r.ambiguous,
                detected_by: Some(r.detected_by),
                provider_event: Some(rec.provider_event.to_string()),
                reason: format!("{}{how}", rec.module.shape),
            }
        }
        Err(e) => Detection { provider_event: Some(rec.provider_event.to_string()), ..failed(e) },
    }
}
