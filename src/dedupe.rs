//! `dedupeKey`: the same event parsed twice — same bytes, or the same JSON with other key
//! order or spacing — gives the same key; different events give different keys.
//!
//! Format: `<provider>:<type>:<instanceId or ->:<identity…>` where the identity is, per type:
//! - message: `<chat id or ->:<message id>`, then `:edit@<timestamp or ->` for an edit that
//!   reuses the edited message's id (Z-API `isEdit`), and `:waiting` for a Z-API placeholder whose
//!   content is not decrypted yet (the decrypted message that follows has the same id)
//! - status: `<message id>:<raw status>`, then `:<participant>` when a group receipt names the
//!   participant who read it (`participantPhone`, `participantLid` or `participant`; WAHA:
//!   `payload.participant`; Cloud API `recipient_participant_id` or `participant_recipient_id`)
//! - presence: `<chat id>:<raw presence>:<timestamp or lastSeen or ->`, then `:<participant id>`
//!   when the body names whose presence it is (WAHA group presences)
//! - connection: `<raw state>:<timestamp>`, or `<raw state>:#<hash>` without a timestamp (so that
//!   two disconnections with other errors differ)
//! - call: `<call id>:<raw state>`
//! - system: `<raw name>:<message id>`
//!
//! Every component is escaped so that none holds the separator: `%` is written `%25` and `:` is
//! written `%3A` (ids `["A:READ"]` + `SENT` and `["A"]` + `READ:SENT` give different keys).
//!
//! and, wherever a natural id is missing, `#<16 hex digits>`: XXH64 (seed 0) of the event's source
//! object in canonical form (keys sorted, duplicates collapsed to the last, numbers by value):
//! - null `0`, true `1`, false `2`;
//! - number `3` + its double's bits (u64 little-endian; -0 as 0);
//! - string `4` + length (u64 LE) + UTF-8 bytes;
//! - array `5` + count (u64 LE) + items;
//! - object `6` + count (u64 LE) + per distinct key, sorted by bytes: key as length + bytes, then its
//!   last value.
//!
//! The form is built in one buffer and hashed once: XXH64 reads it 32 bytes at a time, where the
//! earlier byte-at-a-time FNV-1a took half the time of a large Callbell message.

use crate::json::{Object, Value};
use crate::model::{Content, Event, SystemData};

/// The canonical form of a JSON value, as bytes to hash, and the sort orders of the objects
/// being written (a stack: each object sorts its entries in `order[base..]`), so that no object
/// allocates.
struct Canonical {
    out: Vec<u8>,
    order: Vec<usize>,
}

impl Canonical {
    fn bytes(&mut self, b: &[u8]) {
        self.out.extend_from_slice(b);
    }
    fn tag(&mut self, t: u8) {
        self.out.push(t);
    }
    fn str(&mut self, s: &str) {
        self.bytes(&(s.len() as u64).to_le_bytes());
        self.bytes(s.as_bytes());
    }
    fn value(&mut self, v: &Value<'_>) {
        match v {
            Value::Null => self.tag(0),
            Value::Bool(b) => self.tag(if *b { 1 } else { 2 }),
            Value::Number(n) => {
                self.tag(3);
                match crate::number::parse_f64(n) {
                    // -0 and 0 are the same number.
                    Some(x) => self.bytes(&(if x == 0.0 { 0.0f64 } else { x }).to_bits().to_le_bytes()),
                    None => self.str(n),
                }
            }
            Value::String(s) => {
                self.tag(4);
                self.str(s);
            }
            Value::Array(a) => {
                self.tag(5);
                self.bytes(&(a.len() as u64).to_le_bytes());
                for x in *a {
                    self.value(x);
                }
            }
            Value::Object(o) => self.object(o),
        }
    }
    fn object(&mut self, o: &Object<'_>) {
        // Keys sorted; of duplicate keys the last (as JSON.parse).
        let entries = &o.entries;
        let key = |i: usize| entries.get(i).map_or("", |(k, _)| k.as_ref());
        let base = self.order.len();
        let end = base + entries.len();
        self.order.extend(0..entries.len());
        if let Some(slice) = self.order.get_mut(base..) {
            crate::order::sort_indices(slice, &|a, b| key(a).cmp(key(b)));
        }
        self.tag(6);
        let count_at = self.out.len();
        self.bytes(&0u64.to_le_bytes());
        let mut count = 0u64;
        let mut j = base;
        while let Some(run) = self.order.get(j..end).filter(|r| !r.is_empty()) {
            let len = crate::order::leading_run(run, &|a, b| key(a) == key(b));
            let last = len.checked_sub(1).and_then(|i| run.get(i)).copied();
            j += len.max(1);
            if let Some((k, v)) = last.and_then(|i| entries.get(i)) {
                self.str(k);
                self.value(v);
                count += 1;
            }
        }
        self.order.truncate(base);
        if let Some(slot) = self.out.get_mut(count_at..count_at + 8) {
            slot.copy_from_slice(&count.to_le_bytes());
        }
    }
}

/// The canonical hash of an object, as `#` and 16 hex digits.
pub fn source_hash(o: &Object<'_>) -> String {
    // Every key and string gains an 8-byte length: twice the source is room enough for most.
    let mut c = Canonical { out: Vec::with_capacity(2 * o.source_len + 64), order: Vec::new() };
    c.object(o);
    format!("#{:016x}", xxhash_rust::xxh64::xxh64(&c.out, 0))
}

fn or_dash(s: Option<&str>) -> &str {
    s.filter(|x| !x.is_empty()).unwrap_or("-")
}

/// Builds a key from parts joined by `:` without the formatting machinery (this runs per event).
struct Key(String);

impl Key {
    /// Appends one component, `%` and `:` escaped.
    fn part(&mut self, s: &str) -> &mut Self {
        if !self.0.is_empty() {
            self.0.push(':');
        }
        // `:` and `%` are ASCII, so the pieces between them are whole `&str`s.
        // (A byte scan: `str::find` with a char pattern pulls Unicode tables into the `.wasm`.)
        let mut rest = s;
        while let Some(i) = rest.bytes().position(|b| b == b':' || b == b'%') {
            self.0.push_str(rest.get(..i).unwrap_or(""));
            self.0.push_str(if rest.as_bytes().get(i) == Some(&b':') { "%3A" } else { "%25" });
            rest = rest.get(i + 1..).unwrap_or("");
        }
        self.0.push_str(rest);
        self
    }
    fn id_or_hash(&mut self, s: Option<&str>, source: &Object<'_>) -> &mut Self {
        match s.filter(|x| !x.is_empty()) {
            Some(x) => self.part(x),
            None => self.part(&source_hash(source)),
        }
    }
    fn num(&mut self, n: Option<i64>) -> &mut Self {
        match n {
            Some(x) => self.part(&x.to_string()),
            None => self.part("-"),
        }
    }
}

/// The key of an event built from `source`.
pub fn key(event: &Event, source: &Object<'_>) -> String {
    let b = event.base();
    let mut k = Key(String::with_capacity(96));
    k.part(b.provider.as_str()).part(event.type_name()).part(or_dash(b.instance_id.as_deref()));
    match event {
        Event::Message(m) => {
            k.part(or_dash(m.chat.as_ref().map(|c| c.id.as_str()))).id_or_hash(m.message_id.as_deref(), source);
            // An edit that carries its own id is already distinct; one that reuses the edited
            // message's id (Z-API `isEdit`) is told apart by its time.
            if m.edited && (m.edited_message_id.is_none() || m.edited_message_id == m.message_id) {
                k.0.push_str(":edit@");
                k.0.push_str(&b.timestamp.map_or_else(|| "-".to_string(), |t| t.to_string()));
            }
            if matches!(m.content, Content::Waiting {}) {
                k.0.push_str(":waiting");
            }
        }
        Event::Status(s) => {
            k.id_or_hash(s.message_id.as_deref(), source).part(&s.raw_status);
            // Envelopes (WAHA, Callbell) keep the receipt's fields in `payload`.
            let holder = match source.get("payload") {
                Some(Value::Object(p)) => p,
                _ => source,
            };
            let participant = ["participantPhone", "participantLid", "participant", "recipient_participant_id", "participant_recipient_id"]
                .iter()
                .find_map(|f| holder.get(f).and_then(Value::as_str).filter(|p| !p.is_empty()));
            if let Some(p) = participant {
                k.part(p);
            }
        }
        Event::Presence(p) => {
            k.part(&p.chat.id).part(&p.raw_presence).num(b.timestamp.or(p.last_seen));
            // A group's presences name the member (WAHA): one key per member.
            if let Some(id) = p.participant.as_ref().and_then(|x| x.id.as_deref()) {
                k.part(id);
            }
        }
        Event::Connection(c) => {
            k.part(&c.raw_state);
            match b.timestamp {
                Some(_) => k.num(b.timestamp),
                None => k.part(&source_hash(source)),
            };
        }
        Event::Call(c) => {
            k.id_or_hash(c.call_id.as_deref(), source).part(or_dash(c.raw_state.as_deref()));
        }
        Event::System(s) => {
            // A Plugchat attendance is identified by its number: hashing its source would walk
            // every chat message it carries (most of a large body).
            let attendance = match &s.data {
                SystemData::Attendance(a) => a.attendance_number.as_deref(),
                SystemData::Fields(_) => None,
            };
            let id = s.message_id.as_deref().or_else(|| source.get("messageId").and_then(Value::as_str)).or(attendance);
            k.part(&s.raw_name).id_or_hash(id, source);
        }
        Event::Unknown(_) => {
            k.part(&source_hash(source));
        }
    }
    k.0
}
