//! The result format between wasm and JS: a *tape* that `pkg-template/api.js` (`readTape`) turns
//! into plain objects, instead of JSON text that JS would have to `JSON.parse`.
//!
//! A serde [`Serializer`] writes any `Serialize` value (the core's model, errors, detections) as:
//! - `words`: a stream of u32 — an op, then its operands:
//!   - [`NULL`], [`TRUE`], [`FALSE`]
//!   - [`INT`] `v` (an i32), [`NUM`] `i` (the f64 `nums[i]`)
//!   - [`STR`] `start len`: `pool.slice(start, start + len)` in UTF-16 units of the decoded pool
//!   - [`ARR`] `n` then `n` values; [`OBJ`] `n` then `n` × (key, value)
//!   - [`STRUCT`] `shape n` then its fields: an object of the model, whose key sequence (its
//!     *shape*) is interned like keys. `shape` is an `id` JS already knows, then `n` values without
//!     their keys (JS has them); [`SHAPE_KEYED`]` | id`, a known shape with `n` × (key, value);
//!     [`SHAPE_NEW`]` | id`, `n` × (key, value) from which JS learns the shape; or [`NO_SHAPE`]
//!     (past the capacity), `n` × (key, value).
//!   - [`CONST`] `key`: a string value that is a known key (enum variants)
//! - a key is a word: `id` (a string JS already knows), [`KEY_NEW`]` | id` then `start len` (JS
//!   learns it: `keys[id] = slice`), or [`KEY_DYNAMIC`] then `start len` (not interned).
//! - `nums`: f64 values; `pool`: every string, decoded by JS once per call: UTF-8, or transcoded to
//!   UTF-16 when it is large and mostly non-ASCII ([`H_POOL_UTF16`]): V8 decodes UTF-16LE about five
//!   times faster than non-ASCII UTF-8 (a 1 MB text: ~1 ms against ~5 ms), and transcoding costs less.
//!
//! Known keys persist for the life of the instance on both sides, so a field name crosses the
//! boundary once; afterwards it costs one word and JS uses the same interned string. Why: building
//! objects from the tape takes about a third of the time `JSON.parse` needs for the same result.
//! Known shapes let JS build a model object with an object literal made for its keys
//! (`pkg-template/shapes.js`) instead of one keyed store per field, which V8 runs about 5× faster.
//! A shape JS has no literal for is read with the keys it learned.
//!
//! Keys are left out by *prediction*: each struct type (its `serialize_struct` name and length)
//! remembers the shape its last instance had, and the next instance writes its values only, checking
//! each field's key against the shape's as it goes. A key that differs (an enum's variants share a
//! name: `Content`'s of the same length) turns the struct back into a keyed one on the spot: the keys
//! of the fields already written are inserted before their values. A struct of the model has 5–20
//! fields; leaving their keys out saves the key lookups in wasm and a word and a call per field in JS.
//! Non-finite floats become null, as `JSON.stringify` (and serde_json) write them.

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeSeq, SerializeStruct};

pub const NULL: u32 = 0;
pub const TRUE: u32 = 1;
pub const FALSE: u32 = 2;
pub const INT: u32 = 3;
pub const NUM: u32 = 4;
pub const STR: u32 = 5;
pub const ARR: u32 = 6;
pub const OBJ: u32 = 7;
pub const CONST: u32 = 8;
pub const STRUCT: u32 = 9;
pub const SHAPE_NEW: u32 = 0x4000_0000;
pub const SHAPE_KEYED: u32 = 0x2000_0000;
pub const NO_SHAPE: u32 = 0xFFFF_FFFF;
pub const KEY_NEW: u32 = 0x4000_0000;
pub const KEY_DYNAMIC: u32 = 0x8000_0000;

/// Keys (and enum variant names) remembered across calls: at most this many, of at most
/// [`KEY_MAX_LEN`] bytes, so hostile bodies with endless distinct keys cannot grow the table.
const KEY_CAPACITY: usize = 1024;
/// Of which keys from bodies (`data`, `raw`) may take at most this many, so that the model's own
/// names (about 140 fields and as many enum values) always find room, and keep their shapes, after
/// a body with thousands of distinct keys.
const BODY_KEY_CAPACITY: usize = 640;
const KEY_MAX_LEN: usize = 48;
const SLOTS: usize = 2048;
const STATIC_SLOTS: usize = 512;
/// Shapes remembered across calls; the model has a few dozen.
const SHAPE_CAPACITY: usize = 256;
const SHAPE_SLOTS: usize = 512;

/// Pools shorter than this always cross as UTF-8 (see [`H_POOL_UTF16`]).
const POOL_UTF16_MIN: usize = 1024;

/// Buffers larger than this after a call are released before the next one.
const KEEP_BYTES: usize = 256 * 1024;

/// The header JS reads: `[ok, words ptr, words len, nums ptr, nums len, pool ptr, pool len (bytes),
/// pool is UTF-16]`, at
/// the slots below (`pkg-template/tape.js` names them in comments; a test checks both agree).
pub type Header = [u32; 8];
/// Header slot: 1 when the tape holds a value, 0 when it holds an error.
pub const H_OK: usize = 0;
/// Header slot: address of the words (bytes).
pub const H_WORDS: usize = 1;
/// Header slot: number of words.
pub const H_WORDS_LEN: usize = 2;
/// Header slot: address of the f64 numbers (bytes).
pub const H_NUMS: usize = 3;
/// Header slot: number of f64 numbers.
pub const H_NUMS_LEN: usize = 4;
/// Header slot: address of the string pool.
pub const H_POOL: usize = 5;
/// Header slot: length of the pool in bytes.
pub const H_POOL_LEN: usize = 6;
/// Header slot: 1 when the pool is UTF-16LE (a large pool of mostly non-ASCII text), 0 when UTF-8.
pub const H_POOL_UTF16: usize = 7;
// `encode` writes the header as a literal in this order.
const _: () = assert!(H_OK == 0 && H_WORDS == 1 && H_WORDS_LEN == 2 && H_NUMS == 3 && H_NUMS_LEN == 4 && H_POOL == 5 && H_POOL_LEN == 6 && H_POOL_UTF16 == 7);

pub struct Tape {
    words: Vec<u32>,
    nums: Vec<f64>,
    pool: Vec<u8>,
    /// The pool as UTF-16, when it crosses so (see [`H_POOL_UTF16`]).
    pool16: Vec<u16>,
    /// Length of `pool` in UTF-16 units.
    units: u32,
    /// Interned keys: open addressing over `SLOTS`, each slot `id + 1` (0 = empty).
    slots: Vec<u32>,
    keys: Vec<Box<str>>,
    /// Struct field names are `&'static str`: a string that lives forever never changes, so its
    /// address and length identify it. A direct-mapped cache `(address, length, id)` skips hashing
    /// and comparing the key for them (most keys of a result).
    statics: Vec<(usize, usize, u32)>,
    /// Key ids of the structs being written with their keys, innermost last, and the keys
    /// themselves (address and length: a shape's first keys are what predictions check against).
    open_keys: Vec<u32>,
    open_ptrs: Vec<(usize, usize)>,
    /// Where each field's value starts, for the predicted structs being written (innermost last).
    field_at: Vec<u32>,
    /// Interned shapes: open addressing over `SHAPE_SLOTS` (`id + 1`, 0 = empty) into `shapes`,
    /// whose key ids are spans of `shape_keys`.
    shape_slots: Vec<u32>,
    shapes: Vec<Shape>,
    shape_keys: Vec<u32>,
    /// The `'static` keys of each shape's first struct, parallel to `shape_keys`.
    shape_ptrs: Vec<(usize, usize)>,
    /// Shapes first written on the current tape.
    fresh: Vec<u32>,
    header: Header,
    /// String values already in this tape's pool (see [`Tape::str_value`]) and each struct type's
    /// predicted shape. Last and boxed: a field that moved the others' offsets grew every access to
    /// them (+0.4 KB gzip).
    repeats: Box<Repeats>,
}

/// A struct type's predicted shape: its `serialize_struct` name (address and length) and field
/// count, and `shape + 1` (0: none).
#[derive(Clone, Copy, Default, PartialEq)]
struct Predict {
    name: usize,
    name_len: u32,
    len: u32,
    shape: u32,
}

/// Slots of the prediction table (a power of two; the model has a few dozen struct types).
const PREDICT_SLOTS: usize = 128;

fn predict_slot(name: &'static str, len: usize) -> usize {
    ((name.as_ptr() as usize >> 2) ^ name.len().wrapping_mul(31) ^ len.wrapping_mul(0x9e37)) % PREDICT_SLOTS
}

/// String values of the current tape's pool, direct-mapped by [`value_hash`].
struct Repeats {
    /// Which tape this is (entries from an earlier one are stale).
    call: u64,
    slots: [Repeat; REPEAT_SLOTS],
    predict: [Predict; PREDICT_SLOTS],
}

/// A string value of the current tape's pool: `call`, its bytes `at..at + len` in `pool`, and its
/// span `start`, `units` as JS counts.
#[derive(Clone, Copy, Default)]
struct Repeat {
    call: u64,
    at: u32,
    len: u32,
    start: u32,
    units: u32,
}

/// Slots of the repeated-values cache (a power of two).
const REPEAT_SLOTS: usize = 256;
/// Values this short or this long are not looked up: a short one costs less to copy than to
/// hash, and long texts rarely repeat within a body.
const REPEAT_MIN: usize = 4;
const REPEAT_MAX: usize = 128;

/// Slot of a value in `repeats`: its length and its first and last eight bytes (ids of one body
/// often share a prefix and differ at the end, or the other way round).
fn value_hash(s: &[u8]) -> usize {
    // Fixed-size loads (a copy of a variable length is a `memory.copy` call in wasm).
    let n = s.len();
    let (head, tail) = if n >= 8 {
        let head = s.first_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w));
        let tail = s.last_chunk::<8>().map_or(0, |w| u64::from_le_bytes(*w));
        (head, tail)
    } else {
        let head = s.first_chunk::<4>().map_or(0, |w| u32::from_le_bytes(*w));
        let tail = s.last_chunk::<4>().map_or(0, |w| u32::from_le_bytes(*w));
        (u64::from(head), u64::from(tail))
    };
    let h = head ^ tail.rotate_left(29) ^ (n as u64);
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize % REPEAT_SLOTS
}

struct Shape {
    keys: (usize, usize),
    /// Where the struct that defined it starts, while on the current tape.
    fresh_at: Option<usize>,
}

/// UTF-16 length of a string, from its bytes: one unit per byte that starts a character, and one
/// more for each 4-byte character (a surrogate pair). Eight bytes at a time (SWAR): the count of
/// continuation bytes (`10xxxxxx`) and of 4-byte leads (`11110xxx`) of a word are the popcounts of
/// masks of their top bits. On a 500 KB non-ASCII text this took a tenth of a parse byte by byte.
fn utf16_len(s: &str) -> usize {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut chunks = s.as_bytes().chunks_exact(8);
    let (mut continuations, mut four_byte) = (0usize, 0usize);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Bit 7 of each byte of `x << k` is bit `7 - k` of the same byte.
        continuations += (x & !(x << 1) & HIGHS).count_ones() as usize;
        four_byte += (x & (x << 1) & (x << 2) & (x << 3) & HIGHS).count_ones() as usize;
    }
    for &b in chunks.remainder() {
        continuations += usize::from((b & 0xC0) == 0x80);
        four_byte += usize::from(b >= 0xF0);
    }
    s.len() - continuations + four_byte
}

/// Transcodes the pool to UTF-16 into `out`: runs of ASCII eight bytes at a time, other characters
/// decoded from their bytes. The pool is UTF-8 (only whole `&str`s are pushed); were it not, this
/// would write wrong units, never read out of bounds.
fn to_utf16(pool: &[u8], out: &mut Vec<u16>) {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    out.clear();
    out.reserve(pool.len());
    let low6 = |b: u8| u32::from(b & 0x3F);
    let mut rest = pool;
    loop {
        if let Some(chunk) = rest.get(..8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if u64::from_le_bytes(word) & HIGHS == 0 {
                out.extend(chunk.iter().map(|&b| u16::from(b)));
                rest = rest.get(8..).unwrap_or_default();
                continue;
            }
        }
        let (c, len) = match *rest {
            [] => break,
            [a, ..] if a < 0x80 => (u32::from(a), 1),
            [a, b, ..] if a < 0xE0 => ((u32::from(a & 0x1F) << 6) | low6(b), 2),
            [a, b, c, ..] if a < 0xF0 => ((u32::from(a & 0x0F) << 12) | (low6(b) << 6) | low6(c), 3),
            [a, b, c, d, ..] => ((u32::from(a & 0x07) << 18) | (low6(b) << 12) | (low6(c) << 6) | low6(d), 4),
            _ => break,
        };
        if c < 0x1_0000 {
            out.push(c as u16);
        } else {
            let c = c - 0x1_0000;
            out.extend_from_slice(&[0xD800 | (c >> 10) as u16, 0xDC00 | (c & 0x3FF) as u16]);
        }
        rest = rest.get(len..).unwrap_or_default();
    }
}

impl Default for Tape {
    fn default() -> Self {
        Tape {
            words: Vec::new(),
            nums: Vec::new(),
            pool: Vec::new(),
            pool16: Vec::new(),
            units: 0,
            slots: vec![0; SLOTS],
            keys: Vec::new(),
            statics: vec![(0, 0, 0); STATIC_SLOTS],
            open_keys: Vec::new(),
            open_ptrs: Vec::new(),
            field_at: Vec::new(),
            shape_slots: vec![0; SHAPE_SLOTS],
            shapes: Vec::new(),
            shape_keys: Vec::new(),
            shape_ptrs: Vec::new(),
            fresh: Vec::new(),
            header: [0; 8],
            repeats: Box::new(Repeats {
                call: 0,
                slots: [Repeat::default(); REPEAT_SLOTS],
                predict: [Predict::default(); PREDICT_SLOTS],
            }),
        }
    }
}

#[derive(Debug)]
pub struct Error;

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("tape")
    }
}
impl std::error::Error for Error {}
impl ser::Error for Error {
    fn custom<T: core::fmt::Display>(_: T) -> Self {
        Error
    }
}

/// A cheap slot hash for short keys: length and three bytes. Collisions only cost a probe (the
/// key is always compared), and hashing every byte was 8% of a parse.
fn hash(s: &[u8]) -> usize {
    let byte = |i: usize| s.get(i).map_or(0, |&b| b as usize);
    let n = s.len();
    (n.wrapping_mul(0x9e37) ^ byte(0) ^ (byte(n / 2) << 4) ^ (byte(n.wrapping_sub(1)) << 8) ^ (byte(1) << 2)).wrapping_mul(0x9e37_79b1) >> 7
}

impl Tape {
    /// Encodes `value` as the whole tape; `ok` tells JS whether it is a value or an error.
    /// Returns the header. Known keys are kept; the buffers are reused.
    pub fn encode<T: Serialize + ?Sized>(&mut self, ok: bool, value: &T) -> &Header {
        self.reset();
        let ok = match value.serialize(&mut *self) {
            Ok(()) => ok,
            Err(Error) => {
                // Only a custom Serialize impl could fail; none in the model does. Report it. The
                // keys, shapes and predictions the failed attempt interned never reach JS: forget
                // them all (JS re-learns every id that is sent again, as new).
                self.reset();
                self.forget_keys();
                let _ = crate::internal_error().serialize(&mut *self);
                false
            }
        };
        // UTF-16 pays off on a large pool of mostly non-ASCII text (a byte per unit, or more, beyond
        // the units: CJK, emoji, Cyrillic): V8 decodes that five times faster. A pool of a few
        // accented names in ASCII text decodes as fast as UTF-8, at half the bytes, without the
        // transcoding (a Plugchat attendance of 3 KB: 6% slower as UTF-16).
        let (bytes, units) = (self.pool.len(), self.units as usize);
        let utf16 = bytes >= POOL_UTF16_MIN && bytes.saturating_sub(units) * 8 >= bytes;
        if utf16 {
            to_utf16(&self.pool, &mut self.pool16);
        }
        let (pool_ptr, pool_bytes) = if utf16 {
            (self.pool16.as_ptr() as usize, self.pool16.len() * 2)
        } else {
            (self.pool.as_ptr() as usize, self.pool.len())
        };
        self.header = [
            u32::from(ok),
            self.words.as_ptr() as usize as u32,
            self.words.len() as u32,
            self.nums.as_ptr() as usize as u32,
            self.nums.len() as u32,
            pool_ptr as u32,
            pool_bytes as u32,
            u32::from(utf16),
        ];
        &self.header
    }

    /// Empties the buffers for a new tape, first releasing any a large result left oversized.
    fn reset(&mut self) {
        if self.words.capacity() * 4 > KEEP_BYTES {
            self.words = Vec::new();
        }
        if self.nums.capacity() * 8 > KEEP_BYTES {
            self.nums = Vec::new();
        }
        if self.pool.capacity() > KEEP_BYTES {
            self.pool = Vec::new();
        }
        if self.pool16.capacity() * 2 > KEEP_BYTES {
            self.pool16 = Vec::new();
        }
        self.words.clear();
        self.nums.clear();
        self.pool.clear();
        self.pool16.clear();
        self.units = 0;
        self.repeats.call += 1; // every entry of `repeats` is now stale
        self.open_keys.clear();
        self.open_ptrs.clear();
        self.field_at.clear();
        for id in self.fresh.drain(..) {
            if let Some(shape) = self.shapes.get_mut(id as usize) {
                shape.fresh_at = None;
            }
        }
    }

    /// Forgets the interned keys (JS lost track of them: it failed in the middle of a tape).
    pub fn forget_keys(&mut self) {
        self.keys.clear();
        self.slots.fill(0);
        self.statics.fill((0, 0, 0));
        self.shape_slots.fill(0);
        self.shapes.clear();
        self.shape_keys.clear();
        self.shape_ptrs.clear();
        self.repeats.predict.fill(Predict::default());
        self.fresh.clear();
    }

    /// Writes the key word of a `'static` key, through the address cache. Not inlined: it is
    /// called at every field of every struct.
    /// Returns the key's id when it is interned.
    #[inline(never)]
    fn static_key(&mut self, k: &'static str) -> Option<u32> {
        let (addr, len) = (k.as_ptr() as usize, k.len());
        let slot = ((addr >> 2) ^ len) % STATIC_SLOTS;
        if let Some(&(a, l, id)) = self.statics.get(slot) {
            if a == addr && l == len {
                self.words.push(id);
                return Some(id);
            }
        }
        let id = self.key(k, KEY_CAPACITY)?;
        if let Some(entry) = self.statics.get_mut(slot) {
            *entry = (addr, len, id);
        }
        Some(id)
    }

    /// The shape word of the struct starting at word `start`, whose key ids are `open_keys[from..]`
    /// and hash to `hash`: its id, interning it if new. `SHAPE_NEW | id` tells JS to learn it from
    /// this struct, as it does the first time, and again when this struct contains the one that
    /// defined it (JS reads this struct's start before it).
    fn shape(&mut self, from: usize, hash: u32, start: usize) -> u32 {
        let Tape { open_keys, open_ptrs, shape_slots, shapes, shape_keys, shape_ptrs, fresh, .. } = self;
        let keys = open_keys.get(from..).unwrap_or_default();
        let mut slot = (hash >> 16) as usize % SHAPE_SLOTS;
        while let Some(entry) = shape_slots.get_mut(slot) {
            if *entry == 0 {
                if shapes.len() >= SHAPE_CAPACITY {
                    break;
                }
                let id = shapes.len() as u32;
                *entry = id + 1;
                shapes.push(Shape { keys: (shape_keys.len(), keys.len()), fresh_at: Some(start) });
                shape_keys.extend_from_slice(keys);
                shape_ptrs.extend_from_slice(open_ptrs.get(from..).unwrap_or_default());
                fresh.push(id);
                return SHAPE_NEW | id;
            }
            let id = *entry - 1;
            if let Some(shape) = shapes.get(id as usize) {
                let (at, len) = shape.keys;
                // Word by word: `==` on slices would call memcmp, a byte loop in wasm.
                let known = shape_keys.get(at..at + len).unwrap_or_default();
                if len == keys.len() && known.iter().zip(keys).all(|(a, b)| a == b) {
                    return match shape.fresh_at {
                        Some(defined) if defined > start => SHAPE_NEW | id,
                        _ => id,
                    };
                }
            }
            slot = (slot + 1) % SHAPE_SLOTS;
        }
        NO_SHAPE
    }

    /// The last tape, for tests: `(ok, words, nums, pool as text)`.
    pub fn parts(&self) -> (bool, &[u32], &[f64], &[u8]) {
        (self.header[0] == 1, &self.words, &self.nums, &self.pool)
    }

    /// The words that name the known keys, in id order (tests decode with them).
    pub fn keys(&self) -> &[Box<str>] {
        &self.keys
    }

    /// Appends a string to the pool and writes its span (in UTF-16 units, as JS counts).
    fn push_str(&mut self, s: &str) {
        let start = self.units;
        self.pool.extend_from_slice(s.as_bytes());
        let len = utf16_len(s);
        self.units = self.units.wrapping_add(len as u32);
        self.words.extend_from_slice(&[start, len as u32]);
    }

    /// Writes a string value's span (after its [`STR`]): appends it to the pool or, when the same
    /// value is already in this tape's pool, writes that copy's span again: a Plugchat attendance repeats the same chat, phone and names in
    /// each of its messages (half of its pool), and JS decodes the pool whole on every call.
    /// Never inlined: the model's derived writers call it from a few hundred places. (Moving the
    /// `STR` push in here too made LLVM inline the field writers into every struct's: +1.7 KB.)
    #[inline(never)]
    fn str_value(&mut self, s: &str) {
        let bytes = s.as_bytes();
        if !(REPEAT_MIN..=REPEAT_MAX).contains(&bytes.len()) {
            return self.push_str(s);
        }
        let (call, at, start, h) = (self.repeats.call, self.pool.len(), self.units, value_hash(bytes));
        if let Some(&seen) = self.repeats.slots.get(h) {
            if seen.call == call && self.pool.get(seen.at as usize..seen.at as usize + seen.len as usize) == Some(bytes) {
                self.words.extend_from_slice(&[seen.start, seen.units]);
                return;
            }
        }
        self.push_str(s);
        let units = self.units.wrapping_sub(start);
        if let Some(slot) = self.repeats.slots.get_mut(h) {
            *slot = Repeat { call, at: at as u32, len: bytes.len() as u32, start, units };
        }
    }

    /// Writes a key word (see the module doc), interning `k` when the table holds fewer than
    /// `capacity` keys; returns its id when it is interned.
    fn key(&mut self, k: &str, capacity: usize) -> Option<u32> {
        if k.len() <= KEY_MAX_LEN {
            let mut slot = hash(k.as_bytes()) % SLOTS;
            while let Some(&entry) = self.slots.get(slot) {
                if entry == 0 {
                    if self.keys.len() >= capacity {
                        break;
                    }
                    let id = self.keys.len() as u32;
                    self.keys.push(k.into());
                    if let Some(s) = self.slots.get_mut(slot) {
                        *s = id + 1;
                    }
                    self.words.push(KEY_NEW | id);
                    self.push_str(k);
                    return Some(id);
                }
                let id = entry - 1;
                if self.keys.get(id as usize).is_some_and(|known| &**known == k) {
                    self.words.push(id);
                    return Some(id);
                }
                slot = (slot + 1) % SLOTS;
            }
        }
        self.words.push(KEY_DYNAMIC);
        self.push_str(k);
        None
    }

    fn num(&mut self, v: f64) {
        if v.is_finite() {
            self.words.extend_from_slice(&[NUM, self.nums.len() as u32]);
            self.nums.push(v);
        } else {
            self.words.push(NULL);
        }
    }

    fn int(&mut self, v: i64) {
        match i32::try_from(v) {
            Ok(small) => self.words.extend_from_slice(&[INT, small as u32]),
            Err(_) => self.num(v as f64),
        }
    }

    /// Starts a container: the op and a count placeholder, patched by [`Compound::end`].
    fn open(&mut self, op: u32) -> Compound<'_> {
        self.words.extend_from_slice(&[op, 0]);
        let at = self.words.len() - 1;
        Compound { tape: self, at, count: 0, keys_from: None, hash: 0, plain: false, predicted: None, slot: None }
    }

    /// Starts a struct: the op, shape and count placeholders, patched by [`Compound::end`]. With
    /// its type's predicted shape, it is written without keys (see the module doc). Not inlined:
    /// every struct writer of the model would hold a copy (+4.7 KB gzip).
    #[inline(never)]
    fn open_struct(&mut self, name: &'static str, len: usize) -> Compound<'_> {
        let slot = predict_slot(name, len);
        let this = Predict { name: name.as_ptr() as usize, name_len: name.len() as u32, len: len as u32, shape: 0 };
        let predicted = match self.repeats.predict.get(slot) {
            Some(&p) if p.shape != 0 && Predict { shape: 0, ..p } == this => {
                self.shapes.get(p.shape as usize - 1).map(|shape| Predicted { shape: p.shape - 1, keys: shape.keys, fields_from: self.field_at.len() })
            }
            _ => None,
        };
        let shape = predicted.map_or(NO_SHAPE, |p| p.shape);
        self.words.extend_from_slice(&[STRUCT, shape, 0]);
        let at = self.words.len() - 1;
        let from = self.open_keys.len();
        Compound { tape: self, at, count: 0, keys_from: Some(from), hash: 0, plain: false, predicted, slot: Some((slot, this)) }
    }
}

/// A struct written without keys: its predicted shape, that shape's keys (a span of `shape_keys`
/// and `shape_ptrs`), and where its fields' starts begin in `field_at`.
#[derive(Clone, Copy)]
struct Predicted {
    shape: u32,
    keys: (usize, usize),
    fields_from: usize,
}

/// An object or array being written.
pub struct Compound<'a> {
    tape: &'a mut Tape,
    /// Where the count goes.
    at: usize,
    count: u32,
    /// For a struct: where its key ids start in `open_keys`.
    keys_from: Option<usize>,
    /// The hash of its key ids so far.
    hash: u32,
    /// A key of the struct was not interned: it gets no shape.
    plain: bool,
    /// Set while a struct is written without keys.
    predicted: Option<Predicted>,
    /// For a struct: its slot in the prediction table and its entry there, but for the shape.
    slot: Option<(usize, Predict)>,
}

impl Compound<'_> {
    /// Writes a struct field's key and notes its id for the shape. Not generic, not inlined: it
    /// would be copied into every field of every struct.
    #[inline(never)]
    fn field_key(&mut self, key: &'static str) {
        if let Some(p) = self.predicted {
            let i = self.count as usize;
            let tape = &mut *self.tape;
            let expected = (i < p.keys.1).then(|| p.keys.0 + i);
            let same = expected.is_some_and(|j| {
                tape.shape_ptrs.get(j) == Some(&(key.as_ptr() as usize, key.len()))
                    // The same key from another string constant.
                    || tape.shape_keys.get(j).and_then(|&id| tape.keys.get(id as usize)).is_some_and(|k| **k == *key)
            });
            if same {
                self.count += 1;
                tape.field_at.push(tape.words.len() as u32);
                return;
            }
            self.unpredict();
        }
        self.count += 1;
        match self.tape.static_key(key) {
            Some(id) => self.keyed(id, (key.as_ptr() as usize, key.len())),
            None => self.plain = true,
        }
    }

    /// Notes a written key of a keyed struct: its id and `'static` text for the shape, and the
    /// shape's hash.
    fn keyed(&mut self, id: u32, ptr: (usize, usize)) {
        self.tape.open_keys.push(id);
        self.tape.open_ptrs.push(ptr);
        self.hash = (self.hash.rotate_left(5) ^ id).wrapping_mul(0x9e37_79b1);
    }

    /// Turns a struct being written without keys into a keyed one: the keys of the fields written
    /// so far (they matched the prediction) go in before their values.
    #[cold]
    #[inline(never)]
    fn unpredict(&mut self) {
        let Some(p) = self.predicted.take() else { return };
        let tape = &mut *self.tape;
        let (n, from, k0) = (self.count as usize, p.fields_from, p.keys.0);
        // From the last field back, each value moves up by the number of keys at or before it.
        let mut end = tape.words.len();
        tape.words.resize(end + n, 0);
        for j in (0..n).rev() {
            let start = tape.field_at.get(from + j).map_or(end, |&w| (w as usize).min(end));
            tape.words.copy_within(start..end, start + j + 1);
            if let (Some(w), Some(&id)) = (tape.words.get_mut(start + j), tape.shape_keys.get(k0 + j)) {
                *w = id;
            }
            end = start;
        }
        tape.field_at.truncate(from);
        for j in k0..k0 + n {
            if let (Some(&id), Some(&ptr)) = (self.tape.shape_keys.get(j), self.tape.shape_ptrs.get(j)) {
                self.keyed(id, ptr);
            }
        }
    }

    fn finish(mut self) -> Result<(), Error> {
        // A predicted struct with fewer fields than its shape is keyed after all.
        if let Some(p) = self.predicted {
            if self.count as usize != p.keys.1 {
                self.unpredict();
            }
        }
        let Compound { tape, at, count, keys_from, hash, plain, predicted, slot } = self;
        if let Some(w) = tape.words.get_mut(at) {
            *w = count;
        }
        if let Some(p) = predicted {
            tape.field_at.truncate(p.fields_from);
            return Ok(()); // the shape word is the predicted id
        }
        if let Some(from) = keys_from {
            let shape = if plain { NO_SHAPE } else { tape.shape(from, hash, at.wrapping_sub(2)) };
            tape.open_keys.truncate(from);
            tape.open_ptrs.truncate(from);
            if let Some(w) = tape.words.get_mut(at.wrapping_sub(1)) {
                // Keys are on the tape: a known shape says so.
                *w = if shape & SHAPE_NEW == 0 { shape | SHAPE_KEYED } else { shape };
            }
            if let (Some((slot, this)), false) = (slot, shape == NO_SHAPE) {
                if let Some(entry) = tape.repeats.predict.get_mut(slot) {
                    *entry = Predict { shape: (shape & !SHAPE_NEW) + 1, ..this };
                }
            }
        }
        Ok(())
    }
}

/// `fn $name(self, v: $ty)` writing `v` as an integer.
macro_rules! int_methods {
    ($($name:ident: $ty:ty),*) => {
        $(fn $name(self, v: $ty) -> Result<(), Error> {
            self.int(v.into());
            Ok(())
        })*
    };
}

/// `fn $name(self, _: $ty)` refusing the value (a key that is not a string).
macro_rules! refuse {
    ($($name:ident: $ty:ty),*) => {
        $(fn $name(self, _: $ty) -> Result<(), Error> {
            Err(Error)
        })*
    };
}

impl<'a> ser::Serializer for &'a mut Tape {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.words.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    // Every integer type the model uses fits an i64.
    int_methods!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32);
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.int(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        match i64::try_from(v) {
            Ok(i) => self.int(i),
            Err(_) => self.num(v as f64),
        }
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.num(v.into());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.num(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.words.push(STR);
        self.str_value(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        // Enum values (statuses, kinds, directions) repeat on every call: intern them like keys.
        self.words.push(CONST);
        self.static_key(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(ARR))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error)
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open(OBJ))
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open_struct(name, len))
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error)
    }
}

impl SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.count += 1;
        v.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Error> {
        self.field_key(key);
        v.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.count += 1;
        key.serialize(KeySerializer(&mut *self.tape))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        v.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

/// Map keys: strings only (every map in the model has string keys).
struct KeySerializer<'a>(&'a mut Tape);

impl ser::Serializer for KeySerializer<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.key(v, BODY_KEY_CAPACITY);
        Ok(())
    }
    refuse!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char, serialize_bytes: &[u8], serialize_unit_struct: &'static str);
    fn serialize_none(self) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
        self.0.static_key(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<(), Error> {
        Err(Error)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error)
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(Error)
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn to_utf16_transcodes_as_encode_utf16() {
        let text = "plain ascii run of bytes, añ😀中文テキスト a\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff} tail".repeat(3);
        let mut out = vec![7u16; 3];
        for (start, _) in text.char_indices() {
            let s = &text[start..];
            super::to_utf16(s.as_bytes(), &mut out);
            assert_eq!(out, s.encode_utf16().collect::<Vec<u16>>(), "{s:?}");
        }
    }

    #[test]
    fn utf16_len_counts_as_js_does() {
        let text = "añ😀中文テキスト a\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}".repeat(3);
        for (start, _) in text.char_indices() {
            for (end, _) in text.char_indices().chain([(text.len(), ' ')]).filter(|&(e, _)| e >= start) {
                let s = &text[start..end];
                assert_eq!(super::utf16_len(s), s.encode_utf16().count(), "{s:?}");
            }
        }
    }
}
