//! One folder per provider: `<provider>/mod.rs` turns a recognised body into events (events,
//! statuses, identities) and `<provider>/content.rs` maps its message contents. This module holds
//! what they share: the per-body context, event bases, `data` objects, missing-field warnings,
//! name tables, interactive-message buttons and vCard phones.

pub mod callbell;
pub mod cloudapi;
pub mod evolution;
pub mod greenapi;
pub mod plugchat;
pub mod waha;
pub mod zapi;

use crate::dedupe;
use crate::json::{Object, Value};
use crate::model::{Button, ButtonKind, Event, EventBase, Json, JsonObject, Provider, UnknownEvent, WarningCode};
use crate::read::{Obj, Warnings};
use std::cell::Cell;

/// Every provider module, in the order detection tries them: the first whose `recognise` takes
/// the top-level object wins. WAHA comes before Callbell (both send `event` + `payload`; WAHA adds
/// `session`). Z-API's shape is Plugchat's too: that module names Plugchat in `shared_with`.
pub const ALL: &[&Module] =
    &[&greenapi::MODULE, &waha::MODULE, &evolution::MODULE, &cloudapi::MODULE, &callbell::MODULE, &plugchat::MODULE, &zapi::MODULE];

/// A provider module: how to recognise the provider's bodies and turn them into events. Each
/// `providers/<name>/mod.rs` declares one `MODULE`, listed in [`ALL`].
#[derive(Debug)]
pub struct Module {
    pub provider: Provider,
    /// The provider's name as people write it (`Z-API`), for messages.
    pub title: &'static str,
    /// Which top-level keys make a body this provider's, in words (`detect().reason`, errors).
    pub shape: &'static str,
    /// Recognises a top-level object of this provider.
    pub recognise: for<'v, 'a> fn(&'v Object<'a>) -> Option<Found<'v, 'a>>,
    /// How many events a body will produce, counted before building them (the fan-out limit).
    pub event_count: fn(&Object<'_>) -> usize,
    /// Turns the recognised object into events.
    pub normalize: fn(&Ctx<'_>, &Obj<'_, '_>, &str) -> Vec<Event>,
    /// Other providers that send this same shape: the hint, else the headers, settle which.
    pub shared_with: &'static [Provider],
    /// Whether the headers settle a shared shape as [`Module::provider`].
    pub settled_by_headers: fn(&crate::Headers) -> bool,
    /// Hints that do not contradict this shape although they name another provider.
    pub agrees_with: &'static [Provider],
    /// How the provider's requests are verified.
    pub verification: Verification,
}

/// How a provider's requests are verified: what the JS package's `verify` options call the
/// credentials and what they are (for configuration errors; `scripts/gen-names.mjs` copies both
/// into `names.js`), and the [`crate::VerifyOptions`] they make.
#[derive(Debug)]
// `option` and `needs` are read from this source by scripts/gen-names.mjs (names.js), not by Rust.
#[allow(dead_code)]
pub struct Verification {
    /// The `verify` option that carries the credentials: `secret`, `token` or `apikey`.
    pub option: &'static str,
    /// What the credentials are, as a configuration error completes "verification needs ...".
    pub needs: &'static str,
    /// The provider's options from the credentials.
    pub options: fn(crate::verify::Credentials) -> crate::VerifyOptions,
}

impl Module {
    /// The module's title with those of the providers that share its shape (`Z-API/Plugchat`).
    pub fn family_title(&self, separator: &str) -> String {
        let mut s = String::from(self.title);
        for &p in self.shared_with {
            s.push_str(separator);
            s.push_str(title_of(p));
        }
        s
    }
}

/// The module of a provider (every provider has one: a test checks `ALL` against `Provider::ALL`).
pub fn module_of(provider: Provider) -> &'static Module {
    ALL.iter().copied().find(|m| m.provider == provider).unwrap_or(&zapi::MODULE)
}

/// The title of a provider's module (`Plugchat`), else its name.
pub fn title_of(provider: Provider) -> &'static str {
    ALL.iter().find(|m| m.provider == provider).map_or(provider.as_str(), |m| m.title)
}

/// What a module's `recognise` found.
#[derive(Debug)]
pub struct Found<'v, 'a> {
    /// The object to normalize: the top-level object, or the body inside a wrapper.
    pub body: &'v Object<'a>,
    /// The key path of `body` inside the top-level object (`""` or `body`).
    pub body_path: &'static str,
    /// The provider's own event name.
    pub provider_event: &'v str,
}

impl<'v, 'a> Found<'v, 'a> {
    /// The top-level object itself, with its event name.
    pub fn top(body: &'v Object<'a>, provider_event: &'v str) -> Self {
        Found { body, body_path: "", provider_event }
    }
}

/// `settled_by_headers` of a shape no other provider sends.
pub fn never(_: &crate::Headers) -> bool {
    false
}

/// `event_count` of a body that is always one event.
pub fn one(_: &Object<'_>) -> usize {
    1
}

/// A string field of a top-level object.
pub fn str_field<'v>(o: &'v Object<'_>, key: &str) -> Option<&'v str> {
    o.get(key).and_then(Value::as_str)
}

/// Whether a top-level field is an object.
pub fn is_object(o: &Object<'_>, key: &str) -> bool {
    matches!(o.get(key), Some(Value::Object(_)))
}

/// The length of an array (or object) field; 0 otherwise.
pub fn len_of(o: &Object<'_>, key: &str) -> usize {
    match o.get(key) {
        Some(Value::Array(a)) => a.len(),
        Some(Value::Object(o)) => o.entries.len(),
        _ => 0,
    }
}

/// What every provider module needs while normalizing one body.
pub struct Ctx<'w> {
    pub provider: Provider,
    pub include_raw: bool,
    /// Bytes of source text that `raw` may still copy: a fan-out of many events from one large body
    /// must not multiply it (see [`RAW_BUDGET`]).
    pub raw_budget: Cell<Option<usize>>,
    pub w: &'w Warnings,
}

/// What `raw` may copy per parse, beyond the body's own length: 4 MiB.
pub const RAW_BUDGET: usize = 4 << 20;

impl Ctx<'_> {
    /// An event base; the dedupe key is filled in by [`Ctx::finish`].
    #[inline(never)]
    pub fn base(&self, provider_event: &str, instance_id: Option<String>, timestamp: Option<i64>) -> EventBase {
        EventBase {
            provider: self.provider,
            provider_event: provider_event.to_string(),
            instance_id,
            timestamp,
            dedupe_key: String::new(),
            raw: None,
        }
    }

    /// Sets the dedupe key (and `raw`, when asked for) of an event built from `source`.
    #[inline(never)]
    pub fn finish(&self, mut event: Event, source: &Object<'_>) -> Event {
        let key = dedupe::key(&event, source);
        let base = event.base_mut();
        base.dedupe_key = key;
        if self.include_raw {
            match self.raw_budget.get().map(|left| left.checked_sub(source.source_len)) {
                Some(Some(left)) => {
                    self.raw_budget.set(Some(left));
                    base.raw = Some(Json::Object(object_without(source, &[])));
                }
                Some(None) => {
                    // Out of budget: warn once; no later event gets `raw` either.
                    self.raw_budget.set(None);
                    self.w.push(
                        WarningCode::RawOmitted,
                        format!(
                            "`raw` was left out of the events past {} MiB of copied source (a large body fanned out into many events)",
                            RAW_BUDGET >> 20
                        ),
                        None,
                    );
                }
                None => {}
            }
        }
        event
    }

    /// An `unknown` event for a provider event we do not model, with its warning.
    pub fn unknown(
        &self,
        body: &Obj<'_, '_>,
        provider_event: &str,
        instance_id: Option<String>,
        timestamp: Option<i64>,
        key: &str,
    ) -> Event {
        body.warn(
            WarningCode::UnknownEvent,
            key,
            format!("{} event `{provider_event}` is not modelled; returned as type `unknown`", self.provider.as_str()),
        );
        self.finish(Event::Unknown(UnknownEvent { base: self.base(provider_event, instance_id, timestamp) }), body.o)
    }
}

/// Warns `missing_field` at `key` when `value` is `None` because the body has nothing there (the
/// key absent, `null` or an empty string; a value of another type has warned `invalid_type`
/// already). `what` says what the field is. Returns `value`.
pub fn required<T>(o: &Obj<'_, '_>, key: &str, what: &str, value: Option<T>) -> Option<T> {
    if value.is_none() {
        warn_if_absent(o, key, what);
    }
    value
}

#[inline(never)]
fn warn_if_absent(o: &Obj<'_, '_>, key: &str, what: &str) {
    let absent = match o.get(key) {
        None => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(_) => false,
    };
    if absent {
        o.warn(WarningCode::MissingField, key, format!("`{}` ({what}) is missing", o.key_path(key)));
    }
}

/// The value `table` gives a provider's name for it, compared with [`crate::text::same_name`]
/// (case, `-`, `_` and space ignored).
pub fn lookup<T: Copy>(table: &[(&str, T)], raw: &str) -> Option<T> {
    table.iter().find(|(name, _)| crate::text::same_name(raw, name)).map(|(_, v)| *v)
}

/// Epoch seconds given as a number or a numeric string, read without a warning where the provider
/// documents both (Green API `inviteExpiration`, Meta's `timestamp`).
pub fn seconds_value(v: &Value<'_>) -> Option<i64> {
    let x = match v {
        Value::Number(n) => crate::number::parse_f64(n)?,
        Value::String(s) => crate::number::parse_f64(s.trim())?,
        _ => return None,
    };
    crate::time::from_seconds_field(x).map(|(ms, _)| ms)
}

/// The failure of a Cloud-API-shaped status (Meta's, also forwarded by Callbell): the first
/// `errors[]`' `code` (as a string) and its `error_data.details`, else `message`, else `title`;
/// `{ code: null, message: null }` without `errors`.
pub fn cloud_error(status: &Obj<'_, '_>) -> crate::model::StatusError {
    let first = status.objects("errors").into_iter().next();
    crate::model::StatusError {
        code: first.as_ref().and_then(|e| e.id("code")),
        message: first
            .as_ref()
            .and_then(|e| e.obj("error_data").and_then(|d| d.non_empty("details")).or_else(|| e.first_str(&["message", "title"]))),
    }
}

/// A JSON value of the body as an owned [`Json`]: a repeated key keeps its first position and its
/// last value (as `JSON.parse`); numbers become integers when they fit and finite doubles otherwise
/// (`null` when out of range).
pub fn to_json(v: &Value<'_>) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => number(n),
        Value::String(s) => Json::String(s.to_string()),
        Value::Array(a) => Json::Array(a.iter().map(to_json).collect()),
        Value::Object(o) => Json::Object(object_without(o, &[])),
    }
}

fn number(token: &str) -> Json {
    if !token.contains(['.', 'e', 'E']) {
        if let Ok(i) = token.parse::<i64>() {
            return Json::Int(i);
        }
        if let Ok(u) = token.parse::<u64>() {
            return Json::UInt(u);
        }
    }
    match crate::number::parse_f64(token) {
        Some(f) if f.is_finite() => Json::Float(f),
        _ => Json::Null,
    }
}

/// The object without the keys in `skip`, duplicates collapsed as `JSON.parse` does. Sorting keeps
/// this O(n log n) for hostile objects with many keys.
pub fn object_without(o: &Object<'_>, skip: &[&str]) -> JsonObject {
    let kept: Vec<&(&str, Value<'_>)> = o.entries.iter().filter(|(k, _)| !skip.contains(k)).collect();
    let keys: Vec<&str> = kept.iter().map(|(k, _)| k.as_ref()).collect();
    JsonObject(
        crate::order::key_groups_in_source_order(&keys)
            .into_iter()
            .filter_map(|(_, last)| kept.get(last).map(|(k, v)| (k.to_string(), to_json(v))))
            .collect(),
    )
}

/// A button of an interactive message, in any of the providers' spellings:
/// `{urlButton: {displayText, url}}`, `{callButton: {displayText, phoneNumber}}`,
/// `{quickReplyButton: {displayText, id}}`, `{buttonId, buttonText: {displayText} | "text"}`,
/// `{type, buttonId, buttonText, copyCode | phoneNumber | url}`.
pub fn button(b: &Obj<'_, '_>) -> Button {
    if let Some(u) = b.obj("urlButton") {
        let url = u.non_empty("url");
        let copy = url.as_deref().is_some_and(|x| crate::text::contains(x, "otp_type=COPY_CODE"));
        return Button { kind: if copy { ButtonKind::Copy } else { ButtonKind::Url }, id: None, text: u.str("displayText"), value: url };
    }
    if let Some(c) = b.obj("callButton") {
        return Button { kind: ButtonKind::Call, id: None, text: c.str("displayText"), value: c.non_empty("phoneNumber") };
    }
    if let Some(q) = b.obj("quickReplyButton") {
        return Button { kind: ButtonKind::Reply, id: q.str("id"), text: q.str("displayText"), value: None };
    }
    let text = match b.get("buttonText") {
        Some(Value::Object(_)) => b.obj("buttonText").and_then(|t| t.str("displayText")),
        Some(_) => b.str("buttonText"),
        None => b.first_str(&["displayText", "text", "title"]),
    };
    let id = b.first_str(&["buttonId", "id"]);
    // Green API interactive buttons: `{type: "copy" | "call" | "url" | "reply", buttonId, buttonText, copyCode | phoneNumber | url}`.
    if let Some(Value::String(t)) = b.get("type") {
        let (kind, value_key) = match *t {
            "copy" => (ButtonKind::Copy, "copyCode"),
            "call" => (ButtonKind::Call, "phoneNumber"),
            "url" => (ButtonKind::Url, "url"),
            _ => (ButtonKind::Reply, ""),
        };
        return Button { kind, id, text, value: if value_key.is_empty() { None } else { b.non_empty(value_key) } };
    }
    Button { kind: if id.is_some() || text.is_some() { ButtonKind::Reply } else { ButtonKind::Other }, id, text, value: None }
}

/// Phone numbers of a vCard: each `waid=<digits>`, else the digits of each `TEL` line.
pub fn vcard_phones(vcard: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in vcard.lines() {
        let upper = line.to_ascii_uppercase();
        if !crate::text::contains(&upper, "TEL") {
            continue;
        }
        let phone = if let Some(i) = crate::text::find(line, "waid=") {
            line.get(i + 5..).unwrap_or("").chars().take_while(char::is_ascii_digit).collect::<String>()
        } else {
            line.rsplit(':').next().unwrap_or("").chars().filter(char::is_ascii_digit).collect()
        };
        if !phone.is_empty() && !out.contains(&phone) {
            out.push(phone);
        }
    }
    out
}

/// Media content from a URL alone (Callbell `attachments`, Evolution's S3 `mediaUrl` without a typed
/// message): the kind from the file extension, anything else a document.
pub fn media_from_url(url: String, caption: Option<String>) -> crate::model::Content {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let file_name = path.rsplit('/').next().filter(|s| !s.is_empty()).map(str::to_string);
    let ext = file_name.as_deref().and_then(|f| f.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" | "png" | "gif" | "bmp" | "heic" | "heif" => crate::model::Content::Image {
            url: Some(url),
            media_id: None,
            mime_type: None,
            caption,
            thumbnail_url: None,
            view_once: None,
            width: None,
            height: None,
        },
        "webp" => crate::model::Content::Sticker { url: Some(url), media_id: None, mime_type: Some("image/webp".into()), animated: None },
        "mp4" | "mov" | "3gp" | "webm" | "mkv" | "avi" | "m4v" => crate::model::Content::Video {
            url: Some(url),
            media_id: None,
            mime_type: None,
            caption,
            seconds: None,
            view_once: None,
            width: None,
            height: None,
        },
        "mp3" | "ogg" | "oga" | "opus" | "m4a" | "aac" | "amr" | "wav" => {
            crate::model::Content::Audio { url: Some(url), media_id: None, mime_type: None, seconds: None, voice: None, view_once: None }
        }
        _ => crate::model::Content::Document {
            url: Some(url),
            media_id: None,
            mime_type: None,
            file_name,
            title: None,
            caption,
            page_count: None,
        },
    }
}
