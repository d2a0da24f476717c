//! A small zero-copy JSON reader for webhook bodies.
//!
//! Why not `serde_json::Value`: the contract needs things it does not give —
//! number tokens kept exactly as written (ids above 2^53), duplicate keys kept in order so that
//! lookups take the last one (as `JSON.parse` does), the source length of every object (it bounds
//! what `raw` copies), a nesting limit of exactly [`MAX_DEPTH`], lone UTF-16 surrogates accepted
//! (as `JSON.parse` does) and error positions in code points. Strings without escapes borrow from
//! the input.
//!
//! The tree lives in an [`Arena`] the caller provides: objects and arrays are slices of it, and
//! strings with escapes are decoded into it. Reading a body allocates a chunk or two instead of
//! one block per object, and dropping the tree is freeing the arena (values have no destructor).

/// The bump arena a parsed tree lives in.
pub use bumpalo::Bump as Arena;

/// Deepest nesting accepted; the top-level object or array is level 1.
pub const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// The number token exactly as written (always valid JSON number syntax).
    Number(&'a str),
    String(&'a str),
    Array(&'a [Value<'a>]),
    Object(Object<'a>),
}

/// A JSON object: entries in source order, duplicates included; lookups take the last one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Object<'a> {
    pub entries: &'a [(&'a str, Value<'a>)],
    /// Length in bytes of the object's source text, from `{` to `}`.
    pub source_len: usize,
}

impl<'a> Object<'a> {
    /// The value of `key`; with duplicate keys, the last one (as `JSON.parse`).
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        let key = key.as_bytes();
        // Length and first byte first: most keys differ there, and it saves a memcmp call.
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| {
                let k = k.as_bytes();
                k.len() == key.len() && k.first() == key.first() && k == key
            })
            .map(|(_, v)| v)
    }

    /// Entries with duplicate keys collapsed to the last value, in the order of each key's last
    /// occurrence.
    pub fn unique_entries(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.entries.iter().enumerate().filter_map(move |(i, (k, v))| {
            let later = self.entries.get(i + 1..).unwrap_or(&[]);
            if later.iter().any(|(k2, _)| k2 == k) {
                None
            } else {
                Some((*k, v))
            }
        })
    }
}

impl<'a> Value<'a> {
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    /// The JSON type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }
}

/// What went wrong, and the byte offset where it was found.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError {
    Syntax { message: String, offset: usize },
    TooDeep { offset: usize },
}

/// The result of a parse: the value, and how many lone surrogates were replaced by U+FFFD.
#[derive(Debug)]
pub struct Parsed<'a> {
    pub value: Value<'a>,
    pub lone_surrogates: usize,
    /// Length of the source text in bytes.
    pub source_len: usize,
}

/// An arena sized for the tree of `src`: objects and arrays take about twice their source in
/// webhook bodies, so one chunk usually holds it all (it grows past that by itself).
pub fn arena_for(src: &[u8]) -> Arena {
    Arena::with_capacity(arena_size(src))
}

fn arena_size(src: &[u8]) -> usize {
    2 * src.len() + 256
}

/// The largest arena, and parser stacks, kept on a thread for its next body. A larger one is
/// freed when the body is done: one 1 MB body must not pin 2 MB for the life of a worker.
const KEEP_BYTES: usize = 64 * 1024;

thread_local! {
    /// The last body's arena, reset, when it was at most [`KEEP_BYTES`].
    static SPARE_ARENA: core::cell::Cell<Option<Arena>> = const { core::cell::Cell::new(None) };
    /// The parser's stacks, empty, when they were at most [`KEEP_BYTES`].
    static SPARE_STACKS: core::cell::Cell<Option<Stacks>> = const { core::cell::Cell::new(None) };
}

/// Runs `f` with an arena for the tree of `src`: the thread's spare one when it is large enough,
/// else a new one, kept afterwards when it is small. Allocating and freeing a fresh chunk per body
/// was a tenth of a small body's native time (glibc consolidates its free lists on every block of
/// 1 KB or more); the spare also saves the wasm allocator two calls. A call nested inside `f` finds
/// no spare and gets an arena of its own.
pub fn with_arena<R>(src: &[u8], f: impl FnOnce(&Arena) -> R) -> R {
    let arena = take_arena(arena_size(src));
    let out = f(&arena);
    keep_arena(arena);
    out
}

// Out of line in wasm, where the two callers' copies cost 0.3 KB; inlined natively (3% of the mix).
#[cfg_attr(target_family = "wasm", inline(never))]
fn take_arena(size: usize) -> Arena {
    match SPARE_ARENA.try_with(core::cell::Cell::take).ok().flatten() {
        Some(spare) if spare.chunk_capacity() >= size => spare,
        _ => Arena::with_capacity(size),
    }
}

#[cfg_attr(target_family = "wasm", inline(never))]
fn keep_arena(mut arena: Arena) {
    arena.reset(); // keeps its last (largest) chunk only
    if arena.allocated_bytes() <= KEEP_BYTES {
        let _ = SPARE_ARENA.try_with(|spare| spare.set(Some(arena)));
    }
}

/// The parser's stacks between bodies: empty, their lifetimes erased by [`recycle`].
struct Stacks {
    entries: Vec<(&'static str, Value<'static>)>,
    items: Vec<Value<'static>>,
}

/// The same (empty) buffer with another lifetime: `Vec`'s in-place collect keeps the allocation
/// when the element layouts are equal, as they are here (they differ only in lifetimes).
fn recycle<T, U>(v: Vec<T>) -> Vec<U> {
    v.into_iter().filter_map(|_| None).collect()
}

/// Parses one JSON text into `arena`. A leading UTF-8 byte order mark is skipped.
pub fn parse<'a>(src: &'a str, arena: &'a Arena) -> Result<Parsed<'a>, ParseError> {
    let start = if src.starts_with('\u{feff}') { 3 } else { 0 };
    // 16 entries (896 bytes) cover most webhook objects; 32 measured slower natively when the
    // stacks were allocated per body (a block that size went through glibc's large-chunk path).
    let stacks = SPARE_STACKS
        .try_with(core::cell::Cell::take)
        .ok()
        .flatten()
        .unwrap_or_else(|| Stacks { entries: Vec::with_capacity(16), items: Vec::with_capacity(8) });
    let mut p = Parser {
        src,
        arena,
        bytes: src.as_bytes(),
        pos: start,
        depth: 0,
        lone_surrogates: 0,
        entries: recycle(stacks.entries),
        items: recycle(stacks.items),
    };
    p.skip_ws();
    let result = p.item().map(|()| p.items.pop().unwrap_or(Value::Null));
    p.skip_ws();
    let trailing = (p.pos < p.bytes.len()).then(|| p.syntax("unexpected data after the JSON value"));
    let Parser { mut entries, mut items, lone_surrogates, .. } = p;
    entries.clear();
    items.clear();
    let kept = entries.capacity() * core::mem::size_of::<(&str, Value)>() + items.capacity() * core::mem::size_of::<Value>();
    if kept <= KEEP_BYTES {
        let _ = SPARE_STACKS.try_with(|spare| spare.set(Some(Stacks { entries: recycle(entries), items: recycle(items) })));
    }
    let value = result.map_err(|e| *e)?;
    if let Some(e) = trailing {
        return Err(*e);
    }
    Ok(Parsed { value, lone_surrogates, source_len: src.len() })
}

/// 1-based line and column (in Unicode code points) of a byte offset in `src`.
pub fn line_column(src: &str, offset: usize) -> (usize, usize) {
    let bytes = src.as_bytes();
    let end = offset.min(bytes.len());
    let prefix = bytes.get(..end).unwrap_or(bytes);
    let line_start = prefix.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = 1 + prefix.iter().filter(|&&b| b == b'\n').count();
    let on_line = prefix.get(line_start..).unwrap_or(&[]);
    // A code point starts at every byte that is not a UTF-8 continuation byte.
    let column = 1 + on_line.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    (line, column)
}

/// Length of the leading run of bytes that need no attention inside a string: everything but `"`,
/// `\\` and control characters. Eight bytes at a time (SWAR), then byte by byte.
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let special =
            has_zero(x ^ (ONES * u64::from(b'"'))) | has_zero(x ^ (ONES * u64::from(b'\\'))) | (x.wrapping_sub(ONES * 0x20) & !x & HIGHS);
        if special != 0 {
            // The lowest flagged byte is the first special one (borrows only run upwards).
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// Errors are boxed inside the parser so that results stay the size of a [`Value`].
type PResult<T> = Result<T, Box<ParseError>>;

struct Parser<'a> {
    src: &'a str,
    arena: &'a Arena,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    lone_surrogates: usize,
    /// Entries and items of the objects and arrays being read, copied into the arena as one
    /// exactly-sized slice when each closes.
    entries: Vec<(&'a str, Value<'a>)>,
    items: Vec<Value<'a>>,
}

impl<'a> Parser<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    #[cold]
    fn syntax(&self, message: &str) -> Box<ParseError> {
        Box::new(ParseError::Syntax { message: message.to_string(), offset: self.pos })
    }

    #[cold]
    fn unexpected(&self, expected: &str) -> Box<ParseError> {
        let found = match self.src.get(self.pos..).and_then(|s| s.chars().next()) {
            None => "the end of the input".to_string(),
            Some(c) if c.is_control() || c == '\u{feff}' => format!("U+{:04X}", c as u32),
            Some(c) => format!("'{c}'"),
        };
        Box::new(ParseError::Syntax { message: format!("expected {expected}, found {found}"), offset: self.pos })
    }

    /// One value, handed to `put`. Inlined into the object and array loops so that each kind of
    /// value is stored where it is built: a `Value` built in one place and then copied into the
    /// entries stalled on store forwarding (a 16-byte load over two 8-byte stores), a sixth of
    /// native parse time.
    #[inline(always)]
    fn value_into(&mut self, mut put: impl FnMut(&mut Self, Value<'a>)) -> PResult<()> {
        match self.peek() {
            Some(b'"') => {
                let s = self.string()?;
                put(self, Value::String(s));
            }
            Some(b'-' | b'0'..=b'9') => {
                let n = self.number()?;
                put(self, Value::Number(n));
            }
            Some(b'{') => {
                let o = self.object()?;
                put(self, o);
            }
            Some(b'[') => {
                let a = self.array()?;
                put(self, a);
            }
            Some(b't') => {
                self.literal("true")?;
                put(self, Value::Bool(true));
            }
            Some(b'f') => {
                self.literal("false")?;
                put(self, Value::Bool(false));
            }
            Some(b'n') => {
                self.literal("null")?;
                put(self, Value::Null);
            }
            _ => return Err(self.unexpected("a JSON value")),
        }
        Ok(())
    }

    /// One value, pushed on the item stack (array items and the top-level value share it).
    #[inline(never)]
    fn item(&mut self) -> PResult<()> {
        self.value_into(|p, v| p.items.push(v))
    }

    fn literal(&mut self, word: &'static str) -> PResult<()> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.unexpected("a JSON value"))
        }
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Box::new(ParseError::TooDeep { offset: self.pos }));
        }
        Ok(())
    }

    #[inline(never)]
    fn object(&mut self) -> PResult<Value<'a>> {
        self.enter()?;
        let start = self.pos;
        self.pos += 1; // '{'
        let first = self.entries.len();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                if self.peek() != Some(b'"') {
                    return Err(self.unexpected("a string key"));
                }
                let key = self.string()?;
                self.skip_ws();
                if self.peek() != Some(b':') {
                    return Err(self.unexpected("':' after an object key"));
                }
                self.pos += 1;
                self.skip_ws();
                self.value_into(|p, v| p.entries.push((key, v)))?;
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected("',' or '}' in an object")),
                }
            }
        }
        self.depth -= 1;
        let entries = self.arena.alloc_slice_copy(self.entries.get(first..).unwrap_or_default());
        self.entries.truncate(first);
        Ok(Value::Object(Object { entries, source_len: self.pos - start }))
    }

    #[inline(never)]
    fn array(&mut self) -> PResult<Value<'a>> {
        self.enter()?;
        self.pos += 1; // '['
        let first = self.items.len();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                self.item()?;
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected("',' or ']' in an array")),
                }
            }
        }
        self.depth -= 1;
        let items = self.arena.alloc_slice_copy(self.items.get(first..).unwrap_or_default());
        self.items.truncate(first);
        Ok(Value::Array(items))
    }

    fn number(&mut self) -> PResult<&'a str> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected("a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit after '.'"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("a digit in the exponent"));
            }
            self.digits();
        }
        Ok(self.src.get(start..self.pos).unwrap_or("0"))
    }

    #[inline(always)]
    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    /// Reads a string starting at `"`; borrows when it has no escapes, else decodes into the arena.
    fn string(&mut self) -> PResult<&'a str> {
        self.pos += 1; // opening quote
        let start = self.pos;
        self.pos += plain_run(self.bytes.get(self.pos..).unwrap_or(&[]));
        match self.peek() {
            None => return Err(self.syntax("unterminated string")),
            Some(b'"') => {
                let s = self.src.get(start..self.pos).unwrap_or("");
                self.pos += 1;
                return Ok(s);
            }
            Some(b'\\') => {}
            Some(_) => return Err(self.syntax("unescaped control character in a string")),
        }
        let mut out = String::with_capacity(self.pos - start + 16);
        out.push_str(self.src.get(start..self.pos).unwrap_or(""));
        loop {
            let run_start = self.pos;
            self.pos += plain_run(self.bytes.get(self.pos..).unwrap_or(&[]));
            out.push_str(self.src.get(run_start..self.pos).unwrap_or(""));
            match self.peek() {
                None => return Err(self.syntax("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(self.arena.alloc_str(&out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.syntax("unescaped control character in a string")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> PResult<()> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4()?;
                let c = if (0xD800..0xDC00).contains(&first) {
                    // A high surrogate: a low one must follow as \uXXXX to make a pair.
                    if self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u") {
                        let save = self.pos;
                        self.pos += 2;
                        let second = self.hex4()?;
                        if (0xDC00..0xE000).contains(&second) {
                            let cp = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                            char::from_u32(cp).unwrap_or('\u{fffd}')
                        } else {
                            self.pos = save;
                            self.lone_surrogates += 1;
                            '\u{fffd}'
                        }
                    } else {
                        self.lone_surrogates += 1;
                        '\u{fffd}'
                    }
                } else if (0xDC00..0xE000).contains(&first) {
                    self.lone_surrogates += 1;
                    '\u{fffd}'
                } else {
                    char::from_u32(first).unwrap_or('\u{fffd}')
                };
                out.push(c);
                return Ok(());
            }
            _ => return Err(self.unexpected("a valid escape after '\\'")),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> PResult<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.unexpected("four hex digits after \\u")),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }
}

#[cfg(test)]
#[path = "tests/json_tests.rs"]
mod tests;
