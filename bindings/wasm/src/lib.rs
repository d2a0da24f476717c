//! The wasm-bindgen boundary of wahook: converts arguments, calls the core, returns results.
//!
//! Results of `parse` and `detect` cross as a *tape* (see [`tape`]) in wasm memory that the JS
//! layer (`pkg-template/tape.js`, `readTape`) turns into plain objects: one boundary crossing per
//! call, exactly the serde serialization of the Rust model, no JSON text in between.
//! Headers cross as `name\0value\0name\0value…`; secrets and tokens as `a\0b\0…`.

pub mod tape;

/// The allocator: TLSF (rlsf), constant time, on pages from `memory.grow` that it merges into one
/// pool when they are contiguous (they always are: nothing else grows the memory). Without the
/// merge (rlsf's own global source, whose merge never fires on wasm) every body larger than any
/// earlier one took a new pool, and 200 bodies growing to 1 MB took wasm memory to 73 MB.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
mod allocator {
    use core::alloc::{GlobalAlloc, Layout};
    use core::arch::wasm32;
    use core::cell::UnsafeCell;
    use core::ptr::NonNull;

    const PAGE: usize = 65536;

    /// Wasm pages; a pool that ends at the memory's end is grown in place.
    pub struct Pages;

    unsafe impl rlsf::FlexSource for Pages {
        unsafe fn alloc(&mut self, min_size: usize) -> Option<NonNull<[u8]>> {
            let pages = min_size.checked_add(PAGE - 1)? / PAGE;
            let old = wasm32::memory_grow(0, pages);
            if old == usize::MAX {
                return None;
            }
            NonNull::new(core::ptr::slice_from_raw_parts_mut((old * PAGE) as *mut u8, pages * PAGE))
        }

        unsafe fn realloc_inplace_grow(&mut self, ptr: NonNull<[u8]>, min_new_len: usize) -> Option<usize> {
            let (start, len) = (ptr.as_ptr() as *mut u8 as usize, ptr.len());
            let end = start.checked_add(len)?;
            if end % PAGE != 0 || end / PAGE != wasm32::memory_size(0) || min_new_len < len {
                return None;
            }
            let new_len = min_new_len.checked_add(PAGE - 1)? / PAGE * PAGE;
            if wasm32::memory_grow(0, (new_len - len) / PAGE) == usize::MAX {
                return None;
            }
            Some(new_len)
        }

        fn supports_realloc_inplace_grow(&self) -> bool {
            true
        }

        fn min_align(&self) -> usize {
            PAGE
        }
    }

    type Tlsf = rlsf::FlexTlsf<Pages, usize, usize, { usize::BITS as usize }, { usize::BITS as usize }>;

    pub struct Global(UnsafeCell<Tlsf>);

    // Single-threaded wasm (no `atomics`): there is no other thread to race with.
    unsafe impl Sync for Global {}

    unsafe impl GlobalAlloc for Global {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            (*self.0.get()).allocate(layout).map_or(core::ptr::null_mut(), NonNull::as_ptr)
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            if let Some(p) = NonNull::new(ptr) {
                (*self.0.get()).deallocate(p, layout.align());
            }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Global = Global(UnsafeCell::new(rlsf::FlexTlsf::new(Pages)));
}

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

// The error paths are functions of their own, so that the first call does not compile them.
#[cold]
#[inline(never)]
fn unknown_provider(name: &str) -> Error {
    let names: Vec<String> = Provider::ALL.iter().map(|p| format!("\"{}\"", p.as_str())).collect();
    Error::new(ErrorCode::InvalidInput, format!("options.provider must be one of {}, not \"{name}\"", names.join(", ")))
}

#[cold]
#[inline(never)]
fn invalid_max_bytes() -> Error {
    Error::new(ErrorCode::InvalidInput, "options.maxBytes must be a non-negative number")
}

fn options(provider: &str, headers: &str, include_raw: bool, max_bytes: f64) -> Result<ParseOptions, Error> {
    let provider = match provider {
        "" => None,
        name => Some(Provider::from_name(name).ok_or_else(|| unknown_provider(name))?),
    };
    if max_bytes.is_nan() || max_bytes < 0.0 {
        return Err(invalid_max_bytes());
    }
    let max_bytes = if max_bytes >= usize::MAX as f64 { usize::MAX } else { max_bytes as usize };
    let mut options = ParseOptions::default().headers(split_pairs(headers)).include_raw(include_raw).max_bytes(max_bytes);
    options.provider = provider;
    Ok(options)
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

/// A provider's verify options from the JS `verify` options (already type-checked by api.js):
/// `secrets` NUL-separated, `header` "" for the default; `None` for an unknown provider or a
/// tolerance or clock that is not a finite non-negative number.
fn verify_options(provider: &str, secrets: &str, tolerance_seconds: f64, now_ms: f64, header: &str) -> Option<VerifyOptions> {
    let provider = Provider::from_name(provider)?;
    if !(tolerance_seconds.is_finite() && tolerance_seconds >= 0.0 && now_ms.is_finite()) {
        return None;
    }
    // Milliseconds, rounded (0.3 s is 300 ms, not 299.99…); `now` to the millisecond.
    let tolerance_ms = (tolerance_seconds * 1000.0).round();
    let mut credentials = wahook::verify::Credentials::new(split_list(secrets));
    credentials.tolerance_ms = Some(if tolerance_ms >= u64::MAX as f64 { u64::MAX } else { tolerance_ms as u64 });
    credentials.now_ms = Some(now_ms.floor() as i64);
    credentials.header = (!header.is_empty()).then(|| header.to_string());
    Some(VerifyOptions::for_provider(provider, credentials))
}

/// What the headers alone decide (`"missing_header"`, `"malformed_header"`, `"invalid_options"`),
/// or `""`: api.js asks before it encodes or copies the body.
#[wasm_bindgen(js_name = verifyHeaders)]
pub fn verify_headers(headers: &str, provider: &str, secrets: &str, tolerance_seconds: f64, now_ms: f64, header: &str) -> String {
    match verify_options(provider, secrets, tolerance_seconds, now_ms, header) {
        Some(o) => wahook::verify::check_headers(&split_pairs(headers), &o).map_or("", |r| r.as_str()).into(),
        None => "invalid_options".into(),
    }
}

/// Verifies a request; returns the failure reason, or `""` when it verifies. `now_ms` is always
/// given by JS (`Date.now()` unless the caller injects one).
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
    match verify_options(provider, secrets, tolerance_seconds, now_ms, header) {
        Some(o) => wahook::verify(body, &split_pairs(headers), &o).reason.map_or("", |r| r.as_str()).into(),
        None => "invalid_options".into(),
    }
}

/// Headers that pass `provider`'s verification for `body` at `now_ms`, as `name\0value\0…`.
#[wasm_bindgen(js_name = signatureHeaders)]
pub fn signature_headers(body: &[u8], provider: &str, secrets: &str, now_ms: f64, header: &str) -> String {
    let Some(o) = verify_options(provider, secrets, 300.0, now_ms, header) else { return String::new() };
    let mut out = String::new();
    for (name, value) in o.signature_headers(body, now_ms.floor() as i64) {
        out.push_str(&name);
        out.push('\0');
        out.push_str(&value);
        out.push('\0');
    }
    out
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
