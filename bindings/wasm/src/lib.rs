//! The wasm-bindgen boundary of wahook: converts arguments, calls the core, returns JSON text.
//!
//! Results cross as one JSON string that the JS layer (`pkg-template/api.js`) turns into plain
//! objects with `JSON.parse`: one boundary crossing per call, no prototype tricks (`__proto__`
//! keys become own properties), and exactly the serde serialization of the Rust model.
//! Headers cross as `name\0value\0name\0value…`; secrets and tokens as `a\0b\0…`.

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

fn envelope(result: Result<wahook::ParseResult, Error>, body_len: usize) -> String {
    // One buffer, sized once (the output is about as long as the body), written in place.
    let mut buf = Vec::with_capacity(512 + body_len + body_len / 2);
    let written = match &result {
        Ok(v) => {
            buf.extend_from_slice(b"{\"ok\":true,\"value\":");
            serde_json::to_writer(&mut buf, v)
        }
        Err(e) => {
            buf.extend_from_slice(b"{\"ok\":false,\"error\":");
            serde_json::to_writer(&mut buf, e)
        }
    };
    buf.push(b'}');
    match written.map(|()| String::from_utf8(buf)) {
        Ok(Ok(s)) => s,
        // serde_json writes UTF-8 and cannot fail on a Vec; this arm only avoids a panic site.
        _ => "{\"ok\":false,\"error\":{\"code\":\"invalid_input\",\"message\":\"internal serialization error\",\"line\":null,\"column\":null,\"reason\":null}}".to_string(),
    }
}

/// Parses a body given as bytes. Returns `{"ok":true,"value":ParseResult}` or
/// `{"ok":false,"error":{code,message,line,column,reason}}` as JSON text.
#[wasm_bindgen(js_name = parseBytes)]
pub fn parse_bytes(body: &[u8], provider: Option<String>, headers: Option<String>, include_raw: bool, max_bytes: f64) -> String {
    let (provider, headers) = (provider.unwrap_or_default(), headers.unwrap_or_default());
    let (provider, headers) = (provider.as_str(), headers.as_str());
    envelope(options(provider, headers, include_raw, max_bytes).and_then(|o| wahook::parse(body, &o)), body.len())
}

/// Parses a body given as a string (measured as UTF-8 for `maxBytes`).
#[wasm_bindgen(js_name = parseString)]
pub fn parse_string(body: &str, provider: Option<String>, headers: Option<String>, include_raw: bool, max_bytes: f64) -> String {
    parse_bytes(body.as_bytes(), provider, headers, include_raw, max_bytes)
}

/// Detects the provider; returns the `Detection` as JSON text.
#[wasm_bindgen(js_name = detectBytes)]
pub fn detect_bytes(body: &[u8], provider: Option<String>, headers: Option<String>, max_bytes: f64) -> String {
    let (provider, headers) = (provider.unwrap_or_default(), headers.unwrap_or_default());
    let (provider, headers) = (provider.as_str(), headers.as_str());
    let detection = match options(provider, headers, false, max_bytes) {
        Ok(o) => wahook::detect(body, &o),
        Err(e) => wahook::Detection { provider: None, ambiguous: false, detected_by: None, provider_event: None, reason: e.to_string() },
    };
    serde_json::to_string(&detection).unwrap_or_else(|_| {
        "{\"provider\":null,\"ambiguous\":false,\"detectedBy\":null,\"providerEvent\":null,\"reason\":\"internal\"}".into()
    })
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
