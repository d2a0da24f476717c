//! Substring search on bytes. `str::find`/`contains` with a `&str` pattern go through core's
//! two-way searcher, whose panic path formats chars with `Debug` and pulls Unicode printability
//! tables into the `.wasm` (about 5 KB gzip for five call sites); the needles here are short
//! ASCII words in short texts.

/// Byte offset of the first `needle` in `hay` (always a char boundary: `needle` is valid UTF-8).
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let Some((first, rest)) = needle.as_bytes().split_first() else { return Some(0) };
    let h = hay.as_bytes();
    let mut from = 0;
    // Scan for the first byte, then compare the rest there.
    while let Some(p) = h.get(from..).and_then(|s| position(s, *first)) {
        let at = from + p;
        if h.get(at + 1..at + 1 + rest.len()) == Some(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Index of the first `byte` in `hay`: eight bytes at a time (SWAR), then byte by byte. A long text
/// without the byte (the Green API marker search on a 500 KB message) costs an eighth of the loop
/// `iter().position` compiles to in wasm.
pub fn position(hay: &[u8], byte: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(byte);
    let mut chunks = hay.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ pattern;
        let zero = x.wrapping_sub(ONES) & !x & HIGHS;
        if zero != 0 {
            // The lowest flagged byte is the first match (borrows only run upwards).
            return Some(at + (zero.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks.remainder().iter().position(|&b| b == byte).map(|p| at + p)
}

/// Whether two provider names are the same with ASCII case ignored and `-`, `_` and space taken as
/// one (`READ-SELF` = `read_self` = `Read Self`), without a normalized copy.
pub fn same_name(a: &str, b: &str) -> bool {
    let fold = |c: u8| match c {
        b'-' | b' ' => b'_',
        c => c.to_ascii_lowercase(),
    };
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| fold(x) == fold(y))
}

/// Whether `hay` contains `needle`.
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_agrees_with_iter_position() {
        let hay = "añ{😀x{{SWE001}}中文 {b".repeat(3);
        for len in 0..hay.len() {
            let h = &hay.as_bytes()[..len];
            for b in [b'{', b'x', b'b', 0xF0, b'Z', 0x80] {
                assert_eq!(position(h, b), h.iter().position(|&c| c == b), "len {len} byte {b}");
            }
        }
    }

    #[test]
    fn finds_like_str_find() {
        for (hay, needle) in [
            ("TEL;waid=5511:+55", "waid="),
            ("xx{{SWE001}}", "{{SWE"),
            ("SWSWE12", "SWE"),
            ("añoSWE", "SWE"),
            ("abc", "abcd"),
            ("", "a"),
            ("abc", ""),
            ("aab", "ab"),
        ] {
            assert_eq!(find(hay, needle), hay.find(needle), "{hay:?} / {needle:?}");
        }
        assert!(contains("x otp_type=COPY_CODE", "otp_type=COPY_CODE"));
        assert!(same_name("READ-SELF", "read_self") && same_name("Read Self", "READ_SELF") && same_name("Delivered", "DELIVERED"));
        assert!(!same_name("READ", "READ_") && !same_name("SENT", "SEND") && !same_name("", "x"));
        assert!(!contains("otp_type=COPY", "otp_type=COPY_CODE"));
    }
}
