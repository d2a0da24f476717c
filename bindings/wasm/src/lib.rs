//! The wasm-bindgen boundary of wahook: converts arguments, calls the core, returns results.
//!
//! Results of `parse` and `detect` cross as a *tape* (see [`tape`]) in wasm memory that the JS
//! layer (`pkg-template/tape.js`, `readTape`) turns into plain objects: one boundary crossing per
//! call, exactly the serde serialization of the Rust model, no JSON text in between.
//! Headers cross as `name\0value\0name\0value…`; secrets and tokens as `a\0b\0…`.

pub mod tape;

/// The allocator: TLSF, constant time, built for code size. Measured against talc, the one before:
/// as fast, 1 KB smaller gzipped; a stream of bodies of up to 1 MB peaks at 13 MB of wasm memory
/// where talc took 6 MB (pools are not merged); ordinary webhooks stay in the first megabyte.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TLSF: rlsf::SmallGlobalTlsf = rlsf::SmallGlobalTlsf::new();

use std::cell::RefCell;
use tape::Tape;
use wahook::{verify::VerifyOptions, Error, ErrorCode, Headers, ParseOptions, Provider};
use wasm_bindgen::prelude::*;

fn split_pairs(s: &str) -> Headers {
    let mut parts = s.split('\0');
    let mut out = Vec::new();
    while let (Some(k), Some(v)) = (parts.next(), parts.next()) {
        out.push((k.to_string(), v.to_string()));
    }
    Headers(out)
}

fn split_list(s: &str) -> Vec<String> {
    s.split('\0').filter(|x| !x.is_empty()).map(str::to_string).collect()
}

fn options(provider: &str, headers: &str, include_raw: bool, max_bytes: f64) -> Result<ParseOptions, Error> {
    let provider = match provider {
        "" => None,
        name => Some(Provider::from_name(name).ok_or_else(|| {
            Error::new(
                ErrorCode::InvalidInput,
                format!("options.provider must be \"zapi\", \"plugchat\", \"greenapi\" or \"callbell\", not \"{name}\""),
            )
        })?),
    };
    if max_bytes.is_nan() || max_bytes < 0.0 {
        return Err(Error::new(ErrorCode::InvalidInput, "options.maxBytes must be a non-negative number"));
    }
    let max_bytes = if max_bytes >= usize::MAX as f64 { usize::MAX } else { max_bytes as usize };
    Ok(ParseOptions { provider, headers: split_pairs(headers), include_raw, max_bytes })
}

#[wasm_bindgen]
extern "C" {
    /// JS `Number`: correctly rounded decimal parsing, used by the core for numbers off its exact
    /// fast path (see `wahook::number`), so that the `.wasm` carries no float parser of its own.
    #[wasm_bindgen(js_name = Number)]
    fn js_number(text: &str) -> f64;
}

/// Registers `js_number` with the core (first call only; later ones are one atomic load). Called
/// by every entry that reads JSON, rather than from a start function, which not every host runs
/// (wasm-bindgen-test does not).
fn use_host_numbers() {
    wahook::number::set_host_parser(js_number);
}

thread_local! {
    /// The result buffers and the known keys, reused by every call (see `tape`).
    static TAPE: RefCell<Tape> = RefCell::new(Tape::default());
}

/// Encodes a result on the shared tape; returns the address of its header for JS.
fn to_tape<T: serde::Serialize>(ok: bool, value: &T) -> u32 {
    TAPE.with(|t| match t.try_borrow_mut() {
        Ok(mut tape) => tape.encode(ok, value).as_ptr() as usize as u32,
        // Only reachable if a call re-entered the binding; JS never does.
        Err(_) => 0,
    })
}

/// What JS gets when encoding itself failed (no model type can make it fail).
pub(crate) fn internal_error() -> Error {
    Error::new(ErrorCode::InvalidInput, "internal error: the result could not be encoded")
}

/// The last tape, for the binding's own tests: `(ok, words, nums, pool, keys)`.
#[doc(hidden)]
pub fn last_tape<R>(f: impl FnOnce(bool, &[u32], &[f64], &[u8], &[Box<str>]) -> R) -> Option<R> {
    TAPE.with(|t| {
        let tape = t.try_borrow().ok()?;
        let (ok, words, nums, pool) = tape.parts();
        Some(f(ok, words, nums, pool, tape.keys()))
    })
}

/// Forgets the interned keys on the wasm side; JS calls it when it could not read a tape to its
/// end (and forgets its own), so that both sides agree again.
#[wasm_bindgen(js_name = resetTapeKeys)]
pub fn reset_tape_keys() {
    TAPE.with(|t| {
        if let Ok(mut tape) = t.try_borrow_mut() {
            tape.forget_keys();
        }
    });
}

/// The instance's memory, where JS reads tapes.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Parses a body given as bytes. Returns the address of a tape header (see `tape`): a
/// `ParseResult` when ok, else an `Error` `{code,message,line,column,reason}`.
#[wasm_bindgen(js_name = parseBytes)]
pub fn parse_bytes(body: &[u8], provider: Option<String>, headers: Option<String>, include_raw: bool, max_bytes: f64) -> u32 {
    use_host_numbers();
    let (provider, headers) = (provider.unwrap_or_default(), headers.unwrap_or_default());
    match options(&provider, &headers, include_raw, max_bytes).and_then(|o| wahook::parse(body, &o)) {
        Ok(v) => to_tape(true, &v),
        Err(e) => to_tape(false, &e),
    }
}

/// Parses a body given as a string (measured as UTF-8 for `maxBytes`).
#[wasm_bindgen(js_name = parseString)]
pub fn parse_string(body: &str, provider: Option<String>, headers: Option<String>, include_raw: bool, max_bytes: f64) -> u32 {
    parse_bytes(body.as_bytes(), provider, headers, include_raw, max_bytes)
}

/// Detects the provider; returns the address of a tape header holding the `Detection`.
#[wasm_bindgen(js_name = detectBytes)]
pub fn detect_bytes(body: &[u8], provider: Option<String>, headers: Option<String>, max_bytes: f64) -> u32 {
    use_host_numbers();
    let (provider, headers) = (provider.unwrap_or_default(), headers.unwrap_or_default());
    let detection = match options(&provider, &headers, false, max_bytes) {
        Ok(o) => wahook::detect(body, &o),
        Err(e) => wahook::Detection { provider: None, ambiguous: false, detected_by: None, provider_event: None, reason: e.to_string() },
    };
    to_tape(true, &detection)
}

/// Verifies a request; returns the `VerifyResult` as JSON text. `now_ms` is always given by JS
/// (`Date.now()` unless the caller injects one).
#[wasm_bindgen(js_name = verifyBytes)]
pub fn verify_bytes(
    body: &[u8],
    headers: &str,
    provider: &str,
    secrets: &str,
    tolerance_seconds: f64,
    now_ms: f64,
    header: &str,
) -> String {
    let secrets = split_list(secrets);
    let options = match provider {
        "callbell" if tolerance_seconds.is_finite() && tolerance_seconds >= 0.0 && now_ms.is_finite() => {
            Some(VerifyOptions::Callbell { secrets, tolerance_seconds: tolerance_seconds as u64, now_ms: Some(now_ms as i64) })
        }
        "greenapi" => Some(VerifyOptions::GreenApi { tokens: secrets }),
        "zapi" | "plugchat" => Some(VerifyOptions::TokenHeader {
            tokens: secrets,
            header: if header.is_empty() { wahook::verify::ZAPI_HEADER.into() } else { header.into() },
        }),
        _ => None,
    };
    match options {
        Some(o) => {
            let r = wahook::verify(body, &split_pairs(headers), &o);
            match r.reason {
                None => "{\"ok\":true}".into(),
                Some(reason) => format!("{{\"ok\":false,\"reason\":\"{}\"}}", reason.as_str()),
            }
        }
        None => "{\"ok\":false,\"reason\":\"invalid_options\"}".into(),
    }
}

/// A valid `X-Callbell-Signature` value (for tests).
#[wasm_bindgen]
pub fn sign(body: &[u8], secret: &str, timestamp: f64) -> String {
    wahook::verify::sign(body, secret, if timestamp.is_finite() { timestamp as i64 } else { 0 })
}

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    wahook::VERSION.to_string()
}
