//! Evolution API (v2, and v1 bodies): `{ event: "messages.upsert", instance, data: { key, message,
//! messageType, pushName, messageTimestamp, ... }, destination, date_time, sender, server_url,
//! apikey }`.
//!
//! `event` is dotted lower case (`messages.upsert`, `group-participants.update`); the upper-snake
//! spelling of Evolution's configuration (`MESSAGES_UPSERT`) is read the same. `instance` is the
//! instance name (→ `instanceId`), `sender` the connected account's own JID. Message times are
//! `data.messageTimestamp` (seconds); other events' time is `date_time` (Evolution writes the
//! server's local time with a `Z`, so it may be off by the server's UTC offset).
//!
//! Statuses (`messages.update` `data.status`, also Baileys' numeric codes 0-5): `ERROR` (0) failed,
//! `PENDING` (1) accepted, `SERVER_ACK` (2) sent, `DELIVERY_ACK` (3) delivered, `READ` (4) read,
//! `PLAYED` (5) played, `DELETED` deleted. A receipt of the contact's own message (`fromMe: false`)
//! is the connected account reading it: actor `self`. `messages.delete` is a `deleted` status.
//!
//! Identities: Baileys JIDs (`@s.whatsapp.net` → `@c.us`, device parts dropped, `@lid` kept); the
//! other form of the same contact comes from `key.remoteJidAlt`, `key.senderPn`/`senderLid`, and
//! in groups from `key.participantAlt`/`participantPn`/`participantLid`.

mod content;
pub mod verify;

use crate::verify::{Credentials, VerifyOptions};
use super::{lookup, object_without, Ctx};
use crate::ids::{self, Hints};
use crate::json::{Object, Value};
use crate::model::*;
use crate::read::Obj;

/// Evolution API: `event` is a string and `data` an object or array, with no `payload`; and
/// `instance` is a string (or an object, as older versions sent), or `event` is one of Evolution's
/// event names (bodies that integrators trimmed of the envelope).
pub const MODULE: super::Module = super::Module {
    provider: Provider::Evolution,
    title: "Evolution API",
    shape: "`event` a string, `data` an object or array, and `instance` a string (or `event` an Evolution event name)",
    recognise,
    event_count,
    normalize,
    shared_with: &[],
    settled_by_headers: super::never,
    agrees_with: &[],
    verification: super::Verification {
        option: "apikey",
        needs: "the instance API key that Evolution sends in the body's `apikey` or in a header",
        options: verify_options,
    },
};

/// This provider's `VerifyOptions` from the `verify` credentials.
fn verify_options(c: Credentials) -> VerifyOptions {
    let o = VerifyOptions::evolution(c.secrets);
    match c.header {
        Some(h) if !h.is_empty() => o.header(h),
        _ => o,
    }
}

fn recognise<'v, 'a>(root: &'v Object<'a>) -> Option<super::Found<'v, 'a>> {
    let event = super::str_field(root, "event")?;
    let data = matches!(root.get("data"), Some(Value::Object(_) | Value::Array(_)));
    let instance = matches!(root.get("instance"), Some(Value::String(_) | Value::Object(_)));
    (data && root.get("payload").is_none() && (instance || kind_of(event).is_some())).then(|| super::Found::top(root, event))
}

// ---------------------------------------------------------------------------------------------
// Event names

/// What an Evolution event becomes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// `messages.upsert`, `send.message` (outbound).
    Message {
        sent: bool,
    },
    /// `messages.update`: delivery statuses.
    Status,
    /// `messages.delete`: a `deleted` status.
    Delete,
    /// `messages.edited`, `send.message.update`: a Baileys protocol message (edit or revoke).
    Edited {
        sent: bool,
    },
    Connection,
    Presence,
    Call,
    /// Everything else: a system event named by [`system_name`]; `each` when every item of an
    /// array `data` is one event.
    System {
        each: bool,
    },
}

/// Evolution's event names (`src/api/types/wa.types.ts`, enum `Events`).
const EVENTS: &[(&str, Kind)] = &[
    ("messages.upsert", Kind::Message { sent: false }),
    ("send.message", Kind::Message { sent: true }),
    ("messages.update", Kind::Status),
    ("messages.delete", Kind::Delete),
    ("messages.edited", Kind::Edited { sent: false }),
    ("send.message.update", Kind::Edited { sent: true }),
    ("connection.update", Kind::Connection),
    ("presence.update", Kind::Presence),
    ("call", Kind::Call),
    ("qrcode.updated", Kind::System { each: false }),
    ("application.startup", Kind::System { each: false }),
    ("instance.create", Kind::System { each: false }),
    ("instance.delete", Kind::System { each: false }),
    ("logout.instance", Kind::System { each: false }),
    ("remove.instance", Kind::System { each: false }),
    ("status.instance", Kind::System { each: false }),
    ("creds.update", Kind::System { each: false }),
    ("messaging-history.set", Kind::System { each: false }),
    ("messages.set", Kind::System { each: false }),
    ("contacts.set", Kind::System { each: false }),
    ("chats.set", Kind::System { each: false }),
    ("contacts.upsert", Kind::System { each: true }),
    ("contacts.update", Kind::System { each: true }),
    ("chats.upsert", Kind::System { each: true }),
    ("chats.update", Kind::System { each: true }),
    ("chats.delete", Kind::System { each: true }),
    ("groups.upsert", Kind::System { each: true }),
    ("groups.update", Kind::System { each: true }),
    ("group-participants.update", Kind::System { each: false }),
    ("labels.edit", Kind::System { each: false }),
    ("labels.association", Kind::System { each: false }),
    ("typebot.start", Kind::System { each: false }),
    ("typebot.change-status", Kind::System { each: false }),
];

/// Whether two event names are the same with ASCII case ignored and `.`, `-`, `_` taken as one
/// (`MESSAGES_UPSERT` = `messages.upsert`, `GROUP_PARTICIPANTS_UPDATE` = `group-participants.update`).
fn same_event(a: &str, b: &str) -> bool {
    let fold = |c: u8| match c {
        b'-' | b'_' | b' ' => b'.',
        c => c.to_ascii_lowercase(),
    };
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| fold(x) == fold(y))
}

fn kind_of(event: &str) -> Option<Kind> {
    lookup_event(event).map(|(_, k)| k)
}

/// The table entry of an event: its dotted name and kind.
fn lookup_event(event: &str) -> Option<(&'static str, Kind)> {
    EVENTS.iter().find(|(name, _)| same_event(event, name)).copied()
}

/// An event without an arm in [`system_name`] keeps its own name.
fn other_name(event: &str) -> &'static str {
    EVENTS.iter().find(|(name, _)| *name == event).map_or("system", |(name, _)| name)
}

/// The system event name of an Evolution event (its dotted table name).
fn system_name(event: &str) -> &'static str {
    match event {
        // Evolution's event → the system event name.
        "qrcode.updated" => "instance.qrcode_updated",
        "application.startup" => "instance.startup",
        "instance.create" => "instance.created",
        "instance.delete" => "instance.deleted",
        "logout.instance" => "instance.logged_out",
        "remove.instance" => "instance.removed",
        "status.instance" => "instance.status",
        "creds.update" => "instance.credentials_updated",
        "messaging-history.set" => "history.synced",
        "messages.set" => "history.messages",
        "contacts.set" => "history.contacts",
        "chats.set" => "history.chats",
        "contacts.upsert" => "contact.upserted",
        "contacts.update" => "contact.updated",
        "chats.upsert" => "chat.upserted",
        "chats.update" => "chat.updated",
        "chats.delete" => "chat.deleted",
        "groups.upsert" => "group.upserted",
        "groups.update" => "group.updated",
        "group-participants.update" => "group.participants_updated",
        "labels.edit" => "label.edited",
        "labels.association" => "label.association",
        "typebot.start" => "typebot.started",
        "typebot.change-status" => "typebot.status_changed",
        // Unreachable: every `Kind::System` entry of `EVENTS` has its arm above.
        other => other_name(other),
    }
}

// ---------------------------------------------------------------------------------------------
// Fan-out

/// How many items `data` holds when it is an array (at least one event for an empty one).
fn items(root: &Object<'_>) -> usize {
    match root.get("data") {
        Some(Value::Array(a)) => a.len().max(1),
        _ => 1,
    }
}

fn event_count(root: &Object<'_>) -> usize {
    let Some(kind) = super::str_field(root, "event").and_then(kind_of) else { return 1 };
    match kind {
        Kind::Message { .. } => match root.get("data") {
            Some(Value::Object(d)) => match d.get("messages") {
                Some(Value::Array(a)) if matches!(d.get("key"), None | Some(Value::Null)) => a.len().max(1),
                _ => 1,
            },
            _ => items(root),
        },
        Kind::System { each: false } => 1,
        Kind::Presence => match root.get("data") {
            Some(Value::Object(d)) => super::len_of(d, "presences").max(1),
            _ => 1,
        },
        // Statuses, deletes, edits, connections, calls and per-item system events: one per item.
        _ => items(root),
    }
}

// ---------------------------------------------------------------------------------------------
// Normalization

/// The envelope fields every event shares.
struct Env {
    instance_id: Option<String>,
    /// `date_time`, epoch ms.
    time: Option<i64>,
    /// `sender`: the connected account's JID.
    me: Option<String>,
}

/// Keys of the envelope, left out of system events' `data` when `data` itself is not an object.
const ENVELOPE: &[&str] = &["event", "instance", "destination", "date_time", "sender", "server_url", "apikey"];

pub fn normalize(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Vec<Event> {
    let instance_id = match b.get("instance") {
        Some(Value::Object(_)) => b.obj("instance").and_then(|i| i.first_str(&["instanceName", "name", "instanceId"])),
        _ => b.non_empty("instance"),
    };
    let env = Env { instance_id, time: b.iso("date_time"), me: b.non_empty("sender") };
    let Some((event_name, kind)) = lookup_event(provider_event) else {
        return vec![cx.unknown(b, provider_event, env.instance_id.clone(), env.time, "event")];
    };
    // One event per item of an array `data`; else one for the object (its source is then the whole body).
    let data_items: Vec<Obj<'_, '_>> = match b.get("data") {
        Some(Value::Array(_)) => b.objects("data"),
        _ => Vec::new(),
    };
    let single = match b.get("data") {
        Some(Value::Object(_)) => b.obj("data"),
        _ => None,
    };
    let each = |f: &mut dyn FnMut(&Obj<'_, '_>, &Object<'_>) -> Event| -> Vec<Event> {
        match &single {
            Some(d) => vec![f(d, b.o)],
            None => data_items.iter().map(|d| f(d, d.o)).collect(),
        }
    };
    match kind {
        Kind::Message { sent } => {
            // A Baileys `{ messages: [...], type }` batch, as some integrations forward it.
            if let Some(batch) = single.as_ref().filter(|d| !d.has("key")).filter(|d| matches!(d.get("messages"), Some(Value::Array(_)))) {
                return batch.objects("messages").iter().map(|m| message(cx, &env, m, m.o, provider_event, sent)).collect();
            }
            each(&mut |d, src| message(cx, &env, d, src, provider_event, sent))
        }
        Kind::Status => {
            // Receipts carry no time of their own: `date_time` is it.
            super::required(b, "date_time", "the event time", env.time);
            each(&mut |d, src| status(cx, &env, d, src, provider_event))
        }
        Kind::Delete => each(&mut |d, src| deleted(cx, &env, d, src, provider_event)),
        Kind::Edited { sent } => each(&mut |d, src| edited(cx, &env, d, src, provider_event, sent)),
        Kind::Connection => each(&mut |d, src| connection(cx, &env, d, src, provider_event)),
        Kind::Presence => match &single {
            Some(d) => presence(cx, &env, d, b.o, provider_event),
            None => vec![cx.unknown(b, provider_event, env.instance_id.clone(), env.time, "data")],
        },
        Kind::Call => each(&mut |d, src| call(cx, &env, d, src, provider_event)),
        Kind::System { each: per_item } => system_events(cx, &env, b, provider_event, system_name(event_name), per_item),
    }
}

// ---------------------------------------------------------------------------------------------
// Identities

fn is_lid(s: &str) -> bool {
    s.trim().ends_with("@lid")
}

/// The phone digits of a JID or number that is not a LID.
fn phone_of(raw: &str) -> Option<String> {
    if is_lid(raw) {
        return None;
    }
    ids::party(Some(raw), None, None).and_then(|p| p.phone)
}

/// The chat `remote` names, with the contact's other identifier from `alts` (a LID for a chat
/// addressed by phone, a phone for a chat addressed by LID).
fn chat_for(remote: &str, alts: &[Option<String>]) -> Chat {
    let lid = alts.iter().flatten().find(|a| is_lid(a));
    let mut chat = ids::chat(remote, Hints::default(), lid.map(String::as_str));
    if chat.kind == ChatType::Direct && chat.phone.is_none() {
        chat.phone = alts.iter().flatten().find_map(|a| phone_of(a));
    }
    chat
}

/// A person from a JID (phone or LID) and the other forms `alts` give: `id` is the phone's
/// `@c.us` JID when a phone is known, else the LID.
fn person(primary: Option<&str>, alts: &[Option<String>], name: Option<String>) -> Option<Party> {
    let lid = alts.iter().flatten().find(|a| is_lid(a));
    let primary = primary.filter(|p| !p.trim().is_empty());
    let mut p = ids::party(primary, lid.map(String::as_str), name)?;
    if p.phone.is_none() {
        if let Some(phone) = alts.iter().flatten().find_map(|a| phone_of(a)) {
            p.id = Some(format!("{phone}@c.us"));
            p.phone = Some(phone);
        }
    }
    Some(p)
}

/// A non-empty string of `o` under any of `keys`, as an owned value (for the `alts` lists).
fn any(o: Option<&Obj<'_, '_>>, keys: &[&str]) -> Option<String> {
    o.and_then(|o| o.first_str(keys))
}

// ---------------------------------------------------------------------------------------------
// Messages

fn message(cx: &Ctx<'_>, env: &Env, d: &Obj<'_, '_>, source: &Object<'_>, provider_event: &str, sent: bool) -> Event {
    let key = d.obj("key");
    if key.is_none() {
        super::required(d, "key", "the message key", None::<()>);
    }
    let k = key.as_ref();
    let message_id = match k {
        Some(k) => super::required(k, "id", "the message id", k.non_empty("id")),
        None => None,
    };
    let from_me = k.and_then(|k| k.bool("fromMe")).unwrap_or(false) || sent;
    let remote = k.and_then(|k| k.non_empty("remoteJid"));
    if let (Some(k), None) = (k, &remote) {
        super::required(k, "remoteJid", "the chat id", None::<()>);
    }
    let (chat, sender) = parties(env, k, remote.as_deref(), from_me, Some(d), || d.non_empty("pushName"));
    let timestamp = match d.get("messageTimestamp") {
        Some(Value::Object(_)) => content::long(d, "messageTimestamp").and_then(crate::time::from_seconds_field).map(|(ms, _)| ms),
        Some(_) => d.seconds("messageTimestamp"),
        None => None,
    }
    .or(env.time);
    let timestamp = super::required(d, "messageTimestamp", "the message time", timestamp);
    let message_type = d.non_empty("messageType");
    let unsupported = Content::Unsupported { provider_kind: message_type.clone().unwrap_or_else(|| "unknown".into()) };
    let mut m = shell(cx.base(provider_event, env.instance_id.clone(), timestamp), message_id, from_me, sent, chat, sender, unsupported);
    let mut x = content::Extras::default();
    // Evolution v2 copies the content's `contextInfo` to `data.contextInfo`.
    if let Some(c) = d.obj("contextInfo") {
        content::apply_context(&mut x, &c);
    }
    match d.obj("message") {
        Some(msg) => m.content = content::fill(&mut x, &msg, message_type.as_deref()),
        None => {
            d.warn(
                WarningCode::UnsupportedContent,
                "message",
                format!("`{}` is missing; content kind is `unsupported`", d.key_path("message")),
            );
        }
    }
    set_extras(&mut m, x);
    cx.finish(Event::Message(m), source)
}

/// The chat and the sender a message key names: `remoteJid` and `participant` with their
/// alternative JIDs (phone ↔ LID); the instance's own number when it sent the message. `fallback`
/// holds a `participant` outside the key (`data.participant`); `name` is read after the key's JIDs.
fn parties(
    env: &Env,
    k: Option<&Obj<'_, '_>>,
    remote: Option<&str>,
    from_me: bool,
    fallback: Option<&Obj<'_, '_>>,
    name: impl FnOnce() -> Option<String>,
) -> (Option<Chat>, Option<Party>) {
    let alts = [any(k, &["remoteJidAlt"]), any(k, &["senderPn"]), any(k, &["senderLid"])];
    let chat = remote.map(|r| chat_for(r, &alts));
    let name = name();
    let sender = match &chat {
        _ if from_me => person(env.me.as_deref(), &[], name),
        Some(c) if c.kind != ChatType::Direct => {
            let participant = any(k, &["participant"]).or_else(|| fallback.and_then(|d| d.non_empty("participant")));
            let palts = [any(k, &["participantAlt"]), any(k, &["participantPn"]), any(k, &["participantLid"])];
            person(participant.as_deref(), &palts, name)
        }
        Some(_) => person(remote, &alts, name),
        None => person(None, &[], name),
    };
    (chat, sender)
}

/// A message event with what the body's key and envelope say; content, reply, forward and edit
/// fields are filled by the caller.
fn shell(
    base: EventBase,
    message_id: Option<String>,
    from_me: bool,
    sent: bool,
    chat: Option<Chat>,
    sender: Option<Party>,
    content: Content,
) -> MessageEvent {
    MessageEvent {
        base,
        message_id,
        direction: if from_me { Direction::Outbound } else { Direction::Inbound },
        from_api: if sent { Some(true) } else { None },
        chat,
        sender,
        reply_to_message_id: None,
        forwarded: None,
        edited: false,
        edited_message_id: None,
        content,
        referral: None,
    }
}

fn set_extras(m: &mut MessageEvent, x: content::Extras) {
    m.reply_to_message_id = x.reply_to;
    m.forwarded = x.forwarded;
    m.edited = x.edited;
    m.edited_message_id = x.edited_id;
}

/// `messages.edited` / `send.message.update`: the Baileys protocol message of an edit (or a
/// revoke) of the message `key` names.
fn edited(cx: &Ctx<'_>, env: &Env, d: &Obj<'_, '_>, source: &Object<'_>, provider_event: &str, sent: bool) -> Event {
    let key = d.obj("key");
    let k = key.as_ref();
    let target = match k {
        Some(k) => super::required(k, "id", "the edited message id", k.non_empty("id")),
        None => super::required(d, "key", "the edited message key", None),
    };
    let from_me = k.and_then(|k| k.bool("fromMe")).unwrap_or(false) || sent;
    let remote = k.and_then(|k| k.non_empty("remoteJid"));
    let (chat, sender) = parties(env, k, remote.as_deref(), from_me, None, || None);
    let timestamp = content::long(d, "timestampMs").and_then(|x| crate::time::from_millis_field(x).map(|(ms, _)| ms)).or(env.time);
    let unsupported = Content::Unsupported { provider_kind: "protocolMessage".into() };
    let mut m = shell(cx.base(provider_event, env.instance_id.clone(), timestamp), target.clone(), from_me, sent, chat, sender, unsupported);
    let mut x = content::Extras::default();
    m.content = match content::protocol_type(d) {
        Some("REVOKE") => Content::Delete { target_message_id: target },
        _ => content::edit(d, &mut x, target),
    };
    set_extras(&mut m, x);
    cx.finish(Event::Message(m), source)
}

// ---------------------------------------------------------------------------------------------
// Statuses

/// Evolution's status names (`src/utils/renderStatus.ts`) and the spellings integrations relay.
/// The system event of a receipt that carries poll votes.
fn poll_updated() -> &'static str {
    "poll.updated"
}

const STATUSES: &[(&str, Status)] = &[
    ("ERROR", Status::Failed),
    ("PENDING", Status::Accepted),
    ("SERVER_ACK", Status::Sent),
    ("DELIVERY_ACK", Status::Delivered),
    ("READ", Status::Read),
    ("PLAYED", Status::Played),
    ("DELETED", Status::Deleted),
    ("SENT", Status::Sent),
    ("DELIVERED", Status::Delivered),
    ("FAILED", Status::Failed),
];

/// Baileys' numeric `WAMessageStatus`: 0 `ERROR` … 5 `PLAYED`.
const NUMERIC: [&str; 6] = ["ERROR", "PENDING", "SERVER_ACK", "DELIVERY_ACK", "READ", "PLAYED"];

/// The raw status of a receipt: `status` (v2), else `update.status` (Baileys' own shape), as sent
/// (numbers as their digits), with the name it stands for.
fn raw_status(d: &Obj<'_, '_>) -> Option<(String, String)> {
    let holder = if d.has("status") { Some(d.clone()) } else { d.obj("update") };
    let h = holder?;
    match h.get("status")? {
        Value::Number(n) => {
            let name = n.parse::<usize>().ok().and_then(|i| NUMERIC.get(i)).map_or_else(|| (*n).to_string(), |s| (*s).to_string());
            Some(((*n).to_string(), name))
        }
        _ => h.non_empty("status").map(|s| (s.clone(), s)),
    }
}

fn status(cx: &Ctx<'_>, env: &Env, d: &Obj<'_, '_>, source: &Object<'_>, provider_event: &str) -> Event {
    let key = d.obj("key");
    let k = key.as_ref();
    let message_id = d.non_empty("keyId").or_else(|| any(k, &["id"]));
    let message_id = super::required(d, "keyId", "the message id", message_id);
    let remote = d.non_empty("remoteJid").or_else(|| any(k, &["remoteJid"]));
    let alts = [d.non_empty("remoteJidAlt").or_else(|| any(k, &["remoteJidAlt"]))];
    let chat = remote.as_deref().map(|r| chat_for(r, &alts));
    // Poll votes arrive as a receipt whose status Evolution could not name.
    if matches!(d.get("pollUpdates"), Some(Value::Array(_))) {
        let event = Event::System(SystemEvent {
            base: cx.base(provider_event, env.instance_id.clone(), env.time),
            name: poll_updated().into(),
            raw_name: provider_event.to_string(),
            chat,
            message_id,
            sender: None,
            data: SystemData::Fields(object_without(d.o, &[])),
        });
        return cx.finish(event, source);
    }
    let (raw, name) = raw_status(d).unwrap_or_else(|| {
        super::required(d, "status", "the status", None::<()>);
        (String::new(), String::new())
    });
    let status = lookup(STATUSES, &name).unwrap_or_else(|| {
        d.warn(WarningCode::UnknownStatus, "status", format!("status `{raw}` is not in the status table; status is `unknown`"));
        Status::Unknown
    });
    let from_me = d.bool("fromMe").or_else(|| k.and_then(|k| k.bool("fromMe")));
    let event = Event::Status(StatusEvent {
        base: cx.base(provider_event, env.instance_id.clone(), env.time),
        message_id,
        status,
        raw_status: raw,
        rank: status.rank(),
        // A receipt of a message the contact sent is the connected account reading it.
        actor: if from_me == Some(false) && matches!(status, Status::Read | Status::Played) { Actor::SelfActor } else { Actor::Recipient },
        chat,
        error: (status == Status::Failed).then_some(StatusError { code: None, message: None }),
    });
    cx.finish(event, source)
}

/// `messages.delete`: the Baileys key of the deleted message (or Evolution's stored message with
/// its `key`).
fn deleted(cx: &Ctx<'_>, env: &Env, d: &Obj<'_, '_>, source: &Object<'_>, provider_event: &str) -> Event {
    let holder = d.obj("key").unwrap_or_else(|| d.clone());
    let message_id = super::required(&holder, "id", "the message id", holder.non_empty("id"));
    let remote = holder.non_empty("remoteJid");
    let alts = [holder.non_empty("remoteJidAlt")];
    let raw = d.non_empty("status").unwrap_or_else(|| "DELETED".to_string());
    let event = Event::Status(StatusEvent {
        base: cx.base(provider_event, env.instance_id.clone(), env.time),
        message_id,
        status: Status::Deleted,
        raw_status: raw,
        rank: None,
        actor: Actor::Recipient,
        chat: remote.as_deref().map(|r| chat_for(r, &alts)),
        error: None,
    });
    cx.finish(event, source)
}

// ---------------------------------------------------------------------------------------------
// Connection, presence, call

fn connection(cx: &Ctx<'_>, env: &Env, d: &Obj<'_, '_>, source: &Object<'_>, provider_event: &str) -> Event {
    let raw = d.first_str(&["state", "status", "connection"]).unwrap_or_default();
    let state = match raw.to_ascii_lowercase().as_str() {
        "open" => ConnectionState::Connected,
        "connecting" => ConnectionState::Starting,
        "close" | "closed" => ConnectionState::Disconnected,
        // The QR code limit was reached without a login.
        "refused" => ConnectionState::Unauthorized,
        _ => {
            d.warn(WarningCode::UnknownState, "state", format!("connection state `{raw}` is not known; state is `unknown`"));
            ConnectionState::Unknown
        }
    };
    let reason = match d.get("statusReason") {
        Some(Value::Number(n)) => Some((*n).to_string()),
        _ => d.non_empty("statusReason"),
    };
    let phone = d.non_empty("wuid").or_else(|| env.me.clone()).as_deref().and_then(phone_of);
    let event = Event::Connection(ConnectionEvent {
        base: cx.base(provider_event, env.instance_id.clone(), env.time),
        state,
        raw_state: raw,
        reason,
        phone,
    });
    cx.finish(event, source)
}

const PRESENCES: &[(&str, Presence)] = &[
    ("available", Presence::Available),
    ("unavailable", Presence::Unavailable),
    ("composing", Presence::Composing),
    ("recording", Presence::Recording),
    ("paused", Presence::Paused),
];

/// `presence.update`: `{ id: <chat>, presences: { <jid>: { lastKnownPresence, lastSeen } } }`,
/// one event per entry (several in a group), each on the chat `id`.
fn presence(cx: &Ctx<'_>, env: &Env, d: &Obj<'_, '_>, source: &Object<'_>, provider_event: &str) -> Vec<Event> {
    let entries: Vec<(&str, Option<Obj<'_, '_>>)> = match d.get("presences") {
        Some(Value::Object(o)) => {
            let p = d.obj("presences");
            o.unique_entries().map(|(jid, _)| (jid, p.as_ref().and_then(|p| p.obj(jid)))).collect()
        }
        _ => Vec::new(),
    };
    let id = d.non_empty("id").or_else(|| entries.first().map(|(j, _)| (*j).to_string()));
    let Some(id) = id else {
        super::required(d, "id", "the chat id", None::<()>);
        return vec![cx.unknown(d, provider_event, env.instance_id.clone(), env.time, "data")];
    };
    let chat = ids::chat(&id, Hints::default(), None);
    // Whose presence: the entry's JID (a participant in a group, the contact in a direct chat).
    let one = |jid: Option<&str>, p: Option<&Obj<'_, '_>>| {
        let raw = p.and_then(|p| p.non_empty("lastKnownPresence")).unwrap_or_default();
        let presence = lookup(PRESENCES, &raw).unwrap_or_else(|| {
            let at = p.unwrap_or(d);
            at.warn(WarningCode::UnknownPresence, "lastKnownPresence", format!("presence `{raw}` is not known; presence is `unknown`"));
            Presence::Unknown
        });
        let last_seen =
            p.and_then(|p| content::long(p, "lastSeen")).filter(|x| *x > 0.0).and_then(crate::time::from_seconds_field).map(|(ms, _)| ms);
        let event = Event::Presence(PresenceEvent {
            base: cx.base(provider_event, env.instance_id.clone(), env.time),
            chat: chat.clone(),
            presence,
            raw_presence: raw,
            last_seen,
            participant: ids::party(jid, None, None),
        });
        cx.finish(event, p.map_or(source, |p| p.o))
    };
    if entries.is_empty() {
        return vec![one(None, None)];
    }
    entries.iter().map(|(jid, p)| one(Some(jid), p.as_ref())).collect()
}

fn call(cx: &Ctx<'_>, env: &Env, d: &Obj<'_, '_>, source: &Object<'_>, provider_event: &str) -> Event {
    let raw = d.non_empty("status");
    let state = match raw.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => CallState::Unknown,
        Some("offer" | "ringing") => CallState::Offer,
        Some("accept") => CallState::Accepted,
        Some("reject") => CallState::Rejected,
        Some("timeout") => CallState::Missed,
        Some("terminate") => CallState::Ended,
        Some(other) => {
            d.warn(WarningCode::UnknownState, "status", format!("call status `{other}` is not known; state is `unknown`"));
            CallState::Unknown
        }
    };
    let from = d.non_empty("from");
    let alts = [d.non_empty("callerPn")];
    let chat_id = d.first_str(&["groupJid", "chatId"]).or_else(|| from.clone());
    let event = Event::Call(CallEvent {
        base: cx.base(provider_event, env.instance_id.clone(), d.iso("date").or(env.time)),
        call_id: d.non_empty("id"),
        chat: chat_id.as_deref().map(|c| chat_for(c, &alts)),
        from: person(from.as_deref(), &alts, None),
        state,
        raw_state: raw,
        video: d.bool("isVideo"),
    });
    cx.finish(event, source)
}

// ---------------------------------------------------------------------------------------------
// System events

/// The chat a system item is about: its group/chat JID under the keys Evolution uses.
fn system_chat(o: &Obj<'_, '_>) -> Option<Chat> {
    let id = o.first_str(&["remoteJid", "id", "jid", "chatId", "groupJid"])?;
    id.contains('@').then(|| chat_for(&id, &[o.non_empty("remoteJidAlt"), o.non_empty("phoneNumber")]))
}

fn system_events(cx: &Ctx<'_>, env: &Env, b: &Obj<'_, '_>, provider_event: &str, name: &'static str, per_item: bool) -> Vec<Event> {
    let build = |name: String, chat: Option<Chat>, sender: Option<Party>, data: JsonObject, source: &Object<'_>| {
        let event = Event::System(SystemEvent {
            base: cx.base(provider_event, env.instance_id.clone(), env.time),
            name,
            raw_name: provider_event.to_string(),
            chat,
            message_id: None,
            sender,
            data: SystemData::Fields(data),
        });
        cx.finish(event, source)
    };
    match b.get("data") {
        Some(Value::Object(_)) => {
            let Some(d) = b.obj("data") else { return Vec::new() };
            let name = match name {
                "group.participants_updated" => participants_name(&d),
                "label.association" => match d.non_empty("type").as_deref() {
                    Some("add") => "label.chat_added",
                    Some("remove") => "label.chat_removed",
                    _ => name,
                },
                "label.edited" if d.bool("deleted") == Some(true) => "label.deleted",
                _ => name,
            };
            // Who changed a group's participants.
            let sender =
                if name.starts_with("group.participant") { d.non_empty("author").and_then(|a| person(Some(&a), &[], None)) } else { None };
            let chat = system_chat(&d);
            vec![build(name.to_string(), chat, sender, object_without(d.o, &[]), b.o)]
        }
        Some(Value::Array(items)) if per_item && !items.is_empty() => {
            let objects = b.objects("data");
            let mut out = Vec::with_capacity(items.len());
            let mut next = objects.iter();
            for item in *items {
                match item {
                    Value::Object(_) => {
                        if let Some(o) = next.next() {
                            out.push(build(name.to_string(), system_chat(o), None, object_without(o.o, &[]), o.o));
                        }
                    }
                    // `chats.delete`: the deleted chats' JIDs.
                    Value::String(jid) => {
                        let data = JsonObject(vec![("remoteJid".to_string(), Json::String((*jid).to_string()))]);
                        let chat = jid.contains('@').then(|| ids::chat(jid, Hints::default(), None));
                        out.push(build(name.to_string(), chat, None, data, b.o));
                    }
                    other => {
                        b.warn(
                            WarningCode::InvalidType,
                            "data",
                            format!("an item of `data` should be an object but is a {}; kept as `data.item`", other.type_name()),
                        );
                        let data = JsonObject(vec![("item".to_string(), super::to_json(other))]);
                        out.push(build(name.to_string(), None, None, data, b.o));
                    }
                }
            }
            out
        }
        Some(v) => {
            let mut data = object_without(b.o, ENVELOPE);
            if let Some(Value::Array(_)) = Some(v) {
                data = JsonObject(vec![("items".to_string(), super::to_json(v))]);
            }
            vec![build(name.to_string(), None, None, data, b.o)]
        }
        None => vec![build(name.to_string(), None, None, JsonObject::default(), b.o)],
    }
}

/// `group-participants.update` by its `action`.
fn participants_name(d: &Obj<'_, '_>) -> &'static str {
    match d.non_empty("action").as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("add") => "group.participant_added",
        Some("remove") => "group.participant_removed",
        Some("promote") => "group.participant_promoted",
        Some("demote") => "group.participant_demoted",
        Some("modify") => "group.participant_modified",
        _ => "group.participants_updated",
    }
}

#[cfg(test)]
#[path = "../../tests/evolution_tests.rs"]
mod tests;
