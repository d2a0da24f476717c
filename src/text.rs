//! Substring search on bytes. `str::find`/`contains` with a `&str` pattern go through core's
//! two-way searcher, whose panic path formats chars with `Debug` and pulls Unicode printability
//! tables into the `.wasm` (about 5 KB gzip for five call sites); the needles here are short
//! ASCII words in short texts.

/// Byte offset of the first `needle` in `hay` (always a char boundary: `needle` is valid UTF-8).
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    if n.is_empty() {
        return Some(0);
    }
    hay.as_bytes().windows(n.len()).position(|w| w == n)
}

/// Whether `hay` contains `needle`.
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}
