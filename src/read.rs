//! Typed, forgiving field access on provider JSON.
//!
//! Providers send numbers where strings are documented (and the reverse), nulls, and fields of the
//! wrong type. Every accessor here converts what can be converted and ignores the rest, and
//! records a warning with the field's path instead of failing.

use crate::json::{Object, Value};
use crate::model::{Warning, WarningCode};
use crate::time;
use std::borrow::Cow;
use std::cell::RefCell;

/// Warnings collected while one body is normalized, and the key paths they may name.
#[derive(Debug, Default)]
pub struct Warnings {
    list: RefCell<Vec<Warning>>,
    /// Every [`KeyPath`] of this body, end to end in one buffer: reading a nested object costs
    /// no allocation of its own, and an [`Obj`] stays small.
    paths: RefCell<Vec<u8>>,
}

impl Warnings {
    pub fn push(&self, code: WarningCode, message: String, path: Option<String>) {
        if let Ok(mut list) = self.list.try_borrow_mut() {
            list.push(Warning { code, message, path });
        }
    }
    pub fn into_vec(self) -> Vec<Warning> {
        self.list.into_inner()
    }

    /// A new path: `parent` (when not empty) + `sep` + `key`.
    fn path(&self, parent: KeyPath, sep: &str, key: &str) -> KeyPath {
        let Ok(mut buf) = self.paths.try_borrow_mut() else { return KeyPath::default() };
        if buf.capacity() == 0 {
            // Room for the paths of a typical body at once, rather than growing 8, 16, 32… bytes.
            buf.reserve(256);
        }
        let start = buf.len();
        let range = parent.start..parent.start + parent.len;
        if parent.len > 0 && buf.get(range.clone()).is_some() {
            buf.extend_from_within(range);
            buf.extend_from_slice(sep.as_bytes());
        }
        buf.extend_from_slice(key.as_bytes());
        KeyPath { start, len: buf.len() - start }
    }

    fn path_str(&self, p: KeyPath) -> String {
        // Only whole `&str`s go into the buffer, so every span is UTF-8.
        let buf = self.paths.try_borrow();
        buf.ok().and_then(|b| b.get(p.start..p.start + p.len).map(|s| String::from_utf8_lossy(s).into_owned())).unwrap_or_default()
    }
}

/// A key path (`a.b[0]`): a span of [`Warnings::paths`].
#[derive(Debug, Clone, Copy, Default)]
struct KeyPath {
    start: usize,
    len: usize,
}

/// An object in the body, with its path (`a.b[0]`) and the warning sink.
#[derive(Clone)]
pub struct Obj<'v, 'a> {
    pub o: &'v Object<'a>,
    path: KeyPath,
    pub w: &'v Warnings,
}

/// Joins a path and a key: `""` + `a` = `a`, `a` + `b` = `a.b`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        return key.to_string();
    }
    let mut s = String::with_capacity(path.len() + 1 + key.len());
    s.push_str(path);
    s.push('.');
    s.push_str(key);
    s
}

impl<'v, 'a> Obj<'v, 'a> {
    pub fn new(o: &'v Object<'a>, path: &str, w: &'v Warnings) -> Self {
        Obj { o, path: w.path(KeyPath::default(), "", path), w }
    }

    #[inline(never)]
    pub fn key_path(&self, key: &str) -> String {
        join(&self.w.path_str(self.path), key)
    }

    #[inline(never)]
    pub fn warn(&self, code: WarningCode, key: &str, message: String) {
        self.w.push(code, message, Some(self.key_path(key)));
    }

    #[inline(never)]
    fn wrong_type(&self, key: &str, expected: &str, got: &Value<'_>, action: &str) {
        self.warn(
            WarningCode::InvalidType,
            key,
            format!("`{}` should be {expected} but is a {}; {action}", self.key_path(key), got.type_name()),
        );
    }

    /// The value of `key`, or `None` when it is missing or `null`.
    pub fn get(&self, key: &str) -> Option<&'v Value<'a>> {
        match self.o.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// A string field, borrowed from the body; a number is converted (number tokens keep every
    /// digit). A boolean is never a string (an id, an error, a status or a name): `None`, with an
    /// `invalid_type` warning.
    #[inline(never)]
    pub fn text(&self, key: &str) -> Option<Cow<'v, str>> {
        let v = self.get(key)?;
        match v {
            Value::String(s) => Some(Cow::Borrowed(*s)),
            Value::Number(n) => {
                self.wrong_type(key, "a string", v, "converted");
                Some(Cow::Borrowed(*n))
            }
            _ => {
                self.wrong_type(key, "a string", v, "ignored");
                None
            }
        }
    }

    /// [`Obj::text`], owned.
    #[inline(never)]
    pub fn str(&self, key: &str) -> Option<String> {
        self.text(key).map(Cow::into_owned)
    }

    /// [`Obj::text`] that is `None` when empty.
    pub fn non_empty_text(&self, key: &str) -> Option<Cow<'v, str>> {
        self.text(key).filter(|s| !s.is_empty())
    }

    /// An id that may legitimately be a number (Green API `idInstance`): no warning for numbers.
    #[inline(never)]
    pub fn id(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::Number(n) => Some((*n).to_string()),
            _ => self.str(key),
        }
    }

    /// A string field that is `None` when empty.
    #[inline(never)]
    pub fn non_empty(&self, key: &str) -> Option<String> {
        self.non_empty_text(key).map(Cow::into_owned)
    }

    /// The first of `keys` that holds a non-empty string.
    #[inline(never)]
    pub fn first_str(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.non_empty_text(k)).map(Cow::into_owned)
    }

    #[inline(never)]
    pub fn bool(&self, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        let converted = match v {
            Value::Bool(b) => return Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            Value::Number("0") => Some(false),
            Value::Number("1") => Some(true),
            _ => None,
        };
        self.wrong_type(key, "a boolean", v, if converted.is_some() { "converted" } else { "ignored" });
        converted
    }

    #[inline(never)]
    pub fn f64(&self, key: &str) -> Option<f64> {
        let v = self.get(key)?;
        match v {
            Value::Number(n) => match crate::number::parse_f64(n) {
                Some(x) if x.is_finite() => Some(x),
                _ => {
                    self.warn(WarningCode::InvalidType, key, format!("`{}` is out of range; ignored", self.key_path(key)));
                    None
                }
            },
            Value::String(s) => match crate::number::parse_f64(s.trim()) {
                Some(x) if x.is_finite() && !s.trim().is_empty() => {
                    self.wrong_type(key, "a number", v, "converted");
                    Some(x)
                }
                _ => {
                    self.wrong_type(key, "a number", v, "ignored");
                    None
                }
            },
            _ => {
                self.wrong_type(key, "a number", v, "ignored");
                None
            }
        }
    }

    /// A non-negative whole number that fits in u32.
    #[inline(never)]
    pub fn u32(&self, key: &str) -> Option<u32> {
        let x = self.f64(key)?;
        if x >= 0.0 && x <= f64::from(u32::MAX) && x.fract() == 0.0 {
            Some(x as u32)
        } else {
            self.warn(WarningCode::InvalidType, key, format!("`{}` should be a whole number; ignored", self.key_path(key)));
            None
        }
    }

    /// The object `o` found under `key` of this one, with its path (for callers that iterate the
    /// entries themselves: no second lookup by key).
    pub fn child(&self, key: &str, o: &'v Object<'a>) -> Obj<'v, 'a> {
        Obj { o, path: self.w.path(self.path, ".", key), w: self.w }
    }

    #[inline(never)]
    pub fn obj(&self, key: &str) -> Option<Obj<'v, 'a>> {
        let v = self.get(key)?;
        match v {
            Value::Object(o) => Some(Obj { o, path: self.w.path(self.path, ".", key), w: self.w }),
            _ => {
                self.wrong_type(key, "an object", v, "ignored");
                None
            }
        }
    }

    #[inline(never)]
    pub fn arr(&self, key: &str) -> Option<&'v [Value<'a>]> {
        let v = self.get(key)?;
        match v {
            Value::Array(a) => Some(a),
            _ => {
                self.wrong_type(key, "an array", v, "ignored");
                None
            }
        }
    }

    /// The strings (and numbers, as written) of an array field; other items are skipped.
    #[inline(never)]
    pub fn str_list(&self, key: &str) -> Vec<String> {
        let Some(items) = self.arr(key) else { return Vec::new() };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::String(s) => out.push(s.to_string()),
                Value::Number(n) => {
                    self.warn(
                        WarningCode::InvalidType,
                        key,
                        format!("`{}[{i}]` should be a string but is a number; converted", self.key_path(key)),
                    );
                    out.push((*n).to_string());
                }
                _ => self.warn(
                    WarningCode::InvalidType,
                    key,
                    format!("`{}[{i}]` should be a string but is a {}; ignored", self.key_path(key), item.type_name()),
                ),
            }
        }
        out
    }

    /// A timestamp documented in milliseconds (values below 10^11 are seconds, with a warning).
    pub fn millis(&self, key: &str) -> Option<i64> {
        self.timestamp(
            key,
            time::from_millis_field,
            WarningCode::TimestampSeconds,
            "is in milliseconds but held seconds; multiplied by 1000",
        )
    }

    /// A timestamp documented in seconds (values of 10^11 or more are milliseconds, with a warning).
    pub fn seconds(&self, key: &str) -> Option<i64> {
        self.timestamp(
            key,
            time::from_seconds_field,
            WarningCode::TimestampMilliseconds,
            "is in seconds but held milliseconds; used as milliseconds",
        )
    }

    #[inline(never)]
    fn timestamp(&self, key: &str, read: fn(f64) -> Option<(i64, time::Unit)>, converted: WarningCode, what: &str) -> Option<i64> {
        // A date-time string where a number is documented: read it, and say so.
        if let Some(Value::String(s)) = self.get(key) {
            if crate::number::parse_f64(s.trim()).is_none() {
                let ms = time::parse_iso8601(s);
                let action = if ms.is_some() { "read as an ISO-8601 date-time" } else { "ignored" };
                self.warn(WarningCode::InvalidType, key, format!("`{}` should be a number but is a string; {action}", self.key_path(key)));
                return ms;
            }
        }
        let v = self.f64(key)?;
        match read(v) {
            Some((ms, time::Unit::AsDocumented)) => Some(ms),
            Some((ms, time::Unit::Converted)) => {
                self.warn(converted, key, format!("`{}` {what}", self.key_path(key)));
                Some(ms)
            }
            None => {
                self.warn(WarningCode::InvalidType, key, format!("`{}` is not a valid timestamp; ignored", self.key_path(key)));
                None
            }
        }
    }

    /// An ISO-8601 timestamp string (a number is taken as epoch seconds or milliseconds).
    #[inline(never)]
    pub fn iso(&self, key: &str) -> Option<i64> {
        match self.get(key)? {
            Value::String(s) => {
                let ms = time::parse_iso8601(s);
                if ms.is_none() {
                    self.warn(
                        WarningCode::InvalidType,
                        key,
                        format!("`{}` is not an ISO-8601 date-time (\"{s}\"); ignored", self.key_path(key)),
                    );
                }
                ms
            }
            Value::Number(_) => {
                let v = self.f64(key)?;
                self.warn(
                    WarningCode::InvalidType,
                    key,
                    format!("`{}` should be an ISO-8601 string but is a number; read as epoch time", self.key_path(key)),
                );
                time::from_millis_field(v).map(|(ms, _)| ms)
            }
            other => {
                self.wrong_type(key, "an ISO-8601 string", other, "ignored");
                None
            }
        }
    }

    /// Each object item of an array field, with the item's path.
    #[inline(never)]
    pub fn objects(&self, key: &str) -> Vec<Obj<'v, 'a>> {
        let Some(items) = self.arr(key) else { return Vec::new() };
        let base = self.w.path(self.path, ".", key);
        items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_object().map(|o| Obj { o, path: self.w.path(base, "", &format!("[{i}]")), w: self.w }))
            .collect()
    }
}

#[cfg(test)]
#[path = "tests/read_tests.rs"]
mod tests;
