//! WAHA (WhatsApp HTTP API, devlikeapro): `{ id?, timestamp?, event, session, engine?, me?, payload,
//! environment?, metadata? }`. `event` selects the event; `payload` holds it.
//!
//! - `instanceId` is the `session` name; the event time is `payload.timestamp` (seconds, sometimes
//!   fractional or milliseconds: read in either unit without a warning), else the envelope's
//!   `timestamp` (milliseconds).
//! - Message ids are WAHA's serialized ids `true|false_<chat>_<id>[_<participant>]`, kept whole:
//!   that is what WAHA's API takes. The chat is `to` on messages sent from the session (`fromMe`)
//!   and `from` on others (WAHA's `WAMessage` contract), else the `<chat>` of the id.
//! - `message` and `message.any` both fire for a received message: the event is the same, so is its
//!   `dedupeKey` (`waha:message:<session>:<chat>:<message id>`).
//! - Status mapping (`message.ack`, `ackName` else `ack`): `ERROR` (-1) failed, `PENDING` (0)
//!   accepted, `SERVER` (1) sent, `DEVICE` (2) delivered, `READ` (3) read, `PLAYED` (4) played.
//! - Connection (`session.status`): `WORKING` connected, `STARTING` starting, `SCAN_QR_CODE`,
//!   `PASSKEY_REQUIRED`, `PASSKEY_CONFIRMATION_REQUIRED` unauthorized, `STOPPED`/`FAILED`
//!   disconnected.

mod content;
pub mod verify;

use crate::verify::{Credentials, VerifyOptions};
use super::{lookup, object_without, Ctx};
use crate::ids::{self, Hints};
use crate::json::Value;
use crate::model::*;
use crate::read::Obj;

/// WAHA: `event` and `session` are strings and `payload` an object (tried before Callbell, which
/// has no `session`).
pub const MODULE: super::Module = super::Module {
    provider: Provider::Waha,
    title: "WAHA",
    shape: "`event` and `session` are strings and `payload` an object",
    recognise,
    event_count,
    normalize,
    shared_with: &[],
    settled_by_headers: super::never,
    agrees_with: &[],
    verification: super::Verification {
        option: "secret",
        needs: "the webhook HMAC key (hmac.key or WHATSAPP_HOOK_HMAC_KEY)",
        options: verify_options,
    },
};

/// This provider's `VerifyOptions` from the `verify` credentials.
fn verify_options(c: Credentials) -> VerifyOptions {
    VerifyOptions::waha(c.secrets)
}

fn recognise<'v, 'a>(root: &'v crate::json::Object<'a>) -> Option<super::Found<'v, 'a>> {
    let event = super::str_field(root, "event")?;
    (super::str_field(root, "session").is_some() && super::is_object(root, "payload")).then(|| super::Found::top(root, event))
}

/// `presence.update` is one event per entry of `payload.presences`; everything else one event.
fn event_count(root: &crate::json::Object<'_>) -> usize {
    match (super::str_field(root, "event"), root.get("payload")) {
        (Some("presence.update"), Some(Value::Object(p))) => match p.get("presences") {
            Some(Value::Array(a)) => a.len().max(1),
            _ => 1,
        },
        _ => 1,
    }
}

/// What every event of a body shares: the session and the envelope's time, and the connected
/// account (`me`).
struct Env {
    session: Option<String>,
    /// The envelope's `timestamp` (ms).
    time: Option<i64>,
    me: Option<Party>,
}

pub fn normalize(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Vec<Event> {
    let me = b.obj("me").and_then(|m| ids::party(m.non_empty("id").as_deref(), m.non_empty("lid").as_deref(), m.non_empty("pushName")));
    let env = Env { session: b.non_empty("session"), time: b.millis("timestamp"), me };
    let Some(p) = b.obj("payload") else {
        return vec![cx.unknown(b, provider_event, env.session, env.time, "payload")];
    };
    let event = match provider_event {
        "message" | "message.any" => message(cx, b, &p, provider_event, &env, Kind::Message),
        "message.waiting" => message(cx, b, &p, provider_event, &env, Kind::Waiting),
        "message.reaction" => message(cx, b, &p, provider_event, &env, Kind::Reaction),
        "message.edited" => message(cx, b, &p, provider_event, &env, Kind::Edited),
        "event.response" => message(cx, b, &p, provider_event, &env, Kind::EventResponse),
        "poll.vote" => poll_vote(cx, b, &p, provider_event, &env),
        "message.ack" | "message.ack.group" => status(cx, b, &p, provider_event, &env),
        "session.status" => connection(cx, b, &p, provider_event, &env),
        "presence.update" => return presences(cx, b, &p, provider_event, &env),
        "call.received" | "call.accepted" | "call.rejected" => call(cx, b, &p, provider_event, &env),
        _ => match system_name(provider_event, &p) {
            Some(name) => system(cx, b, &p, provider_event, &env, name),
            None => cx.unknown(b, provider_event, env.session, env.time, "event"),
        },
    };
    vec![event]
}

// ---------------------------------------------------------------------------------------------
// Ids, chats, people, times

/// The `<chat>` of a serialized message id `true|false_<chat>_<id>[_<participant>]`.
fn chat_of_id(id: &str) -> Option<&str> {
    let rest = id.strip_prefix("true_").or_else(|| id.strip_prefix("false_"))?;
    let chat = rest.split('_').next()?;
    chat.contains('@').then_some(chat)
}

/// The `<participant>` of a serialized message id, when it has one.
fn participant_of_id(id: &str) -> Option<&str> {
    let rest = id.strip_prefix("true_").or_else(|| id.strip_prefix("false_"))?;
    let p = rest.split('_').nth(2)?;
    p.contains('@').then_some(p)
}

/// The chat of a message-like object (`WAMessage`, an ack, a reaction): `to` when the session sent
/// it (`fromMe`), else `from` (`"me"` is no chat); else the `<chat>` of its id. `None`, with a
/// `missing_field` warning, when none names it. A direct chat by phone gains the LID that the id
/// names (`false_<lid>@lid_…`).
fn chat_of(o: &Obj<'_, '_>, from_me: bool) -> Option<Chat> {
    let key = if from_me { "to" } else { "from" };
    let id = o.non_empty_text("id");
    let id_chat = id.as_deref().and_then(chat_of_id);
    let named = o.non_empty_text(key).filter(|s| s.as_ref() != "me");
    let raw = match (named, id_chat) {
        (Some(n), _) => n.into_owned(),
        (None, Some(c)) => c.to_string(),
        (None, None) => {
            super::required(o, key, "the chat id", None::<()>);
            return None;
        }
    };
    let lid = id_chat.filter(|c| c.ends_with("@lid"));
    let mut chat = ids::chat(&raw, Hints::default(), lid);
    if chat.kind == ChatType::Direct {
        let alt = alt_jid(o, if from_me { Alt::Recipient } else { Alt::Chat });
        fill_identity(&mut chat.phone, &mut chat.lid, alt.as_deref());
    }
    Some(chat)
}

/// Which alternative identity of a raw message to read.
#[derive(Clone, Copy)]
enum Alt {
    /// The chat's other JID (a direct chat by LID: its phone, and the reverse).
    Chat,
    /// The recipient's, on a message the session sent.
    Recipient,
    /// A group message's author.
    Participant,
}

/// The other JID (phone for a LID, LID for a phone) that the engine's raw message gives: NOWEB
/// `_data.key.remoteJidAlt` / `participantAlt`, GOWS `_data.Info.SenderAlt` / `RecipientAlt`.
fn alt_jid(o: &Obj<'_, '_>, which: Alt) -> Option<String> {
    let d = quiet_obj(o, "_data")?;
    let noweb = quiet_obj(&d, "key").and_then(|k| match which {
        Alt::Chat | Alt::Recipient => quiet_str(&k, "remoteJidAlt"),
        Alt::Participant => quiet_str(&k, "participantAlt"),
    });
    noweb.or_else(|| {
        let info = quiet_obj(&d, "Info")?;
        let group = matches!(info.get("IsGroup"), Some(Value::Bool(true)));
        match which {
            Alt::Chat if !group => quiet_str(&info, "SenderAlt"),
            Alt::Participant if group => quiet_str(&info, "SenderAlt"),
            Alt::Recipient => quiet_str(&info, "RecipientAlt"),
            _ => None,
        }
    })
}

/// Completes a phone or LID from an alternative JID (`…@s.whatsapp.net`/`@c.us` or `…@lid`).
fn fill_identity(phone: &mut Option<String>, lid: &mut Option<String>, alt: Option<&str>) {
    let Some(p) = ids::party(alt, None, None) else { return };
    if phone.is_none() {
        *phone = p.phone;
    }
    if lid.is_none() {
        *lid = p.lid;
    }
}

/// Whether the session sent the message: `fromMe`, else the prefix of its serialized id
/// (`true_…`), else `default`.
fn from_me(o: &Obj<'_, '_>, default: bool) -> bool {
    o.bool("fromMe").unwrap_or_else(|| match o.get("id") {
        Some(Value::String(id)) if id.starts_with("true_") => true,
        Some(Value::String(id)) if id.starts_with("false_") => false,
        _ => default,
    })
}

/// A person from a JID field (`participant`, `from`, `author`), named `name`.
fn person(o: &Obj<'_, '_>, keys: &[&str], name: Option<String>) -> Option<Party> {
    let jid = o.first_str(keys).filter(|s| s != "me");
    ids::party(jid.as_deref(), None, name)
}

/// The display name the engine's raw message gives its author: WEBJS `_data.notifyName`, NOWEB
/// `_data.pushName`, GOWS `_data.Info.PushName`.
fn push_name(p: &Obj<'_, '_>) -> Option<String> {
    let d = quiet_obj(p, "_data")?;
    quiet_str(&d, "notifyName")
        .or_else(|| quiet_str(&d, "pushName"))
        .or_else(|| quiet_obj(&d, "Info").and_then(|i| quiet_str(&i, "PushName")))
}

/// An object field of engine-specific data (`_data`), without a warning when it is something else.
pub(super) fn quiet_obj<'v, 'a>(o: &Obj<'v, 'a>, key: &str) -> Option<Obj<'v, 'a>> {
    match o.get(key) {
        Some(Value::Object(x)) => Some(o.child(key, x)),
        _ => None,
    }
}

/// A non-empty string field of engine-specific data, without a warning when it is something else.
pub(super) fn quiet_str(o: &Obj<'_, '_>, key: &str) -> Option<String> {
    match o.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Some((*s).to_string()),
        _ => None,
    }
}

/// A time WAHA gives in seconds (`timestamp`) or milliseconds (`timestampMs`, poll votes), a
/// fraction allowed: values of 10^11 or more are milliseconds, no warning either way (WAHA's
/// engines differ). A value of another type warns `invalid_type`.
fn time(o: &Obj<'_, '_>, key: &str) -> Option<i64> {
    let v = o.f64(key)?;
    let t = crate::time::from_seconds_field(v).map(|(ms, _)| ms);
    if t.is_none() {
        o.warn(WarningCode::InvalidType, key, format!("`{}` is not a valid timestamp; ignored", o.key_path(key)));
    }
    t
}

/// The time of an event: `payload.timestamp`, else the envelope's.
fn event_time(p: &Obj<'_, '_>, env: &Env) -> Option<i64> {
    time(p, "timestamp").or(env.time)
}

// ---------------------------------------------------------------------------------------------
// Messages

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Message,
    Waiting,
    Reaction,
    Edited,
    EventResponse,
}

fn message(cx: &Ctx<'_>, b: &Obj<'_, '_>, p: &Obj<'_, '_>, provider_event: &str, env: &Env, kind: Kind) -> Event {
    let from_me = from_me(p, false);
    let chat = chat_of(p, from_me);
    let sender = author(p, chat.as_ref(), from_me, env);
    let message_id = super::required(p, "id", "the message id", p.non_empty("id"));
    let timestamp = event_time(p, env);
    let timestamp = if timestamp.is_none() { super::required(p, "timestamp", "the event time", None) } else { timestamp };
    let reply_to_message_id = match p.get("replyTo") {
        Some(Value::Object(_)) => p.obj("replyTo").and_then(|r| r.non_empty("id")),
        Some(_) => p.non_empty("replyTo"),
        None => None,
    };
    let (content, edited, edited_message_id) = match kind {
        Kind::Message => (content::content(p), false, None),
        Kind::Waiting => (Content::Waiting {}, false, None),
        Kind::Reaction => (content::reaction(p), false, None),
        Kind::Edited => (Content::Text { text: p.str("body").unwrap_or_default() }, true, p.non_empty("editedMessageId")),
        Kind::EventResponse => (content::event_response(p), false, None),
    };
    let event = Event::Message(MessageEvent {
        base: cx.base(provider_event, env.session.clone(), timestamp),
        message_id,
        direction: if from_me { Direction::Outbound } else { Direction::Inbound },
        from_api: match p.non_empty_text("source").as_deref() {
            Some("api") => Some(true),
            Some("app") => Some(false),
            _ => None,
        },
        chat,
        sender,
        reply_to_message_id: if kind == Kind::Reaction { None } else { reply_to_message_id },
        forwarded: quiet_obj(p, "_data").and_then(|d| match d.get("isForwarded") {
            Some(Value::Bool(f)) => Some(*f),
            _ => None,
        }),
        edited,
        edited_message_id,
        content,
        referral: None,
    });
    cx.finish(event, b.o)
}

/// The author of a message: the connected account (`me`) when the session sent it; in groups,
/// newsletters and broadcasts the `participant` (else `author`, else the `<participant>` of the
/// id); in a direct chat its contact. Named by the engine's push name.
fn author(p: &Obj<'_, '_>, chat: Option<&Chat>, from_me: bool, env: &Env) -> Option<Party> {
    if from_me {
        return env.me.clone();
    }
    let name = push_name(p);
    match chat {
        Some(c) if c.kind == ChatType::Direct => Some(ids::contact(c, None, name)),
        _ => {
            let mut author = person(p, &["participant", "author"], name.clone()).or_else(|| {
                let id = p.non_empty_text("id");
                ids::party(id.as_deref().and_then(participant_of_id), None, name)
            });
            if let Some(a) = author.as_mut() {
                fill_identity(&mut a.phone, &mut a.lid, alt_jid(p, Alt::Participant).as_deref());
            }
            author
        }
    }
}

/// `poll.vote`: `{ vote: { id, to, from, fromMe, selectedOptions, timestamp }, poll: { id, … } }`
/// → a message whose content is the vote. The voter is `vote.from`; the chat is `vote.to` when it
/// is a group (else the voter's chat, or `vote.to` when the session voted).
fn poll_vote(cx: &Ctx<'_>, b: &Obj<'_, '_>, p: &Obj<'_, '_>, provider_event: &str, env: &Env) -> Event {
    let vote = p.obj("vote");
    let from_me = vote.as_ref().is_some_and(|v| from_me(v, false));
    let chat = vote.as_ref().and_then(|v| {
        let to = v.non_empty_text("to").filter(|t| t.as_ref() != "me");
        match to {
            Some(t) if t.ends_with("@g.us") => Some(ids::chat(&t, Hints::default(), None)),
            _ => chat_of(v, from_me),
        }
    });
    if vote.is_none() {
        super::required(p, "vote", "the vote", None::<()>);
    }
    let sender = if from_me { env.me.clone() } else { vote.as_ref().and_then(|v| person(v, &["participant", "from"], None)) };
    let message_id = vote.as_ref().and_then(|v| super::required(v, "id", "the vote's message id", v.non_empty("id")));
    let timestamp = vote.as_ref().and_then(|v| time(v, "timestamp")).or(env.time);
    let event = Event::Message(MessageEvent {
        base: cx.base(provider_event, env.session.clone(), timestamp),
        message_id,
        direction: if from_me { Direction::Outbound } else { Direction::Inbound },
        from_api: None,
        chat,
        sender,
        reply_to_message_id: None,
        forwarded: None,
        edited: false,
        edited_message_id: None,
        content: Content::PollVote {
            poll_message_id: p.obj("poll").and_then(|x| x.non_empty("id")),
            options: vote.as_ref().map(|v| v.str_list("selectedOptions")).unwrap_or_default(),
        },
        referral: None,
    });
    cx.finish(event, b.o)
}

// ---------------------------------------------------------------------------------------------
// Status, connection, presence, call

/// `ackName` values, compared case-insensitively; `ack` numbers index the same table from -1.
const ACKS: &[(&str, Status)] = &[
    ("ERROR", Status::Failed),
    ("PENDING", Status::Accepted),
    ("SERVER", Status::Sent),
    ("DEVICE", Status::Delivered),
    ("READ", Status::Read),
    ("PLAYED", Status::Played),
];

fn status(cx: &Ctx<'_>, b: &Obj<'_, '_>, p: &Obj<'_, '_>, provider_event: &str, env: &Env) -> Event {
    // `ackName` as sent when it is a known name, else the name of the `ack` number, else what was sent.
    let name = p.non_empty("ackName");
    let number = match p.get("ack") {
        Some(Value::Number(n)) => Some(*n),
        _ => None,
    };
    let by_number = number
        .and_then(|n| n.parse::<i64>().ok())
        .and_then(|n| n.checked_add(1))
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| ACKS.get(i))
        .map(|(s, _)| (*s).to_string());
    let raw_status = match name {
        Some(n) if lookup(ACKS, &n).is_some() => n,
        n => by_number.or(n).or_else(|| number.map(str::to_string)).unwrap_or_else(|| {
            p.warn(WarningCode::MissingField, "ackName", format!("`{}` (and `ack`) is missing", p.key_path("ackName")));
            String::new()
        }),
    };
    let status = lookup(ACKS, &raw_status).unwrap_or_else(|| {
        if !raw_status.is_empty() {
            p.warn(WarningCode::UnknownStatus, "ackName", format!("ack `{raw_status}` is not in the status table; status is `unknown`"));
        }
        Status::Unknown
    });
    let from_me = from_me(p, true);
    // Acks carry no time of their own: the envelope's (newer WAHA versions send it).
    let timestamp = event_time(p, env);
    if timestamp.is_none() {
        super::required(b, "timestamp", "the event time", None::<()>);
    }
    let event = Event::Status(StatusEvent {
        base: cx.base(provider_event, env.session.clone(), timestamp),
        message_id: super::required(p, "id", "the message id", p.non_empty("id")),
        status,
        raw_status,
        rank: status.rank(),
        actor: Actor::Recipient,
        chat: chat_of(p, from_me),
        error: (status == Status::Failed).then_some(StatusError { code: None, message: None }),
    });
    cx.finish(event, b.o)
}

/// `session.status` values, compared case-insensitively.
const SESSION_STATES: &[(&str, ConnectionState)] = &[
    ("WORKING", ConnectionState::Connected),
    ("STARTING", ConnectionState::Starting),
    ("SCAN_QR_CODE", ConnectionState::Unauthorized),
    ("PASSKEY_REQUIRED", ConnectionState::Unauthorized),
    ("PASSKEY_CONFIRMATION_REQUIRED", ConnectionState::Unauthorized),
    ("STOPPED", ConnectionState::Disconnected),
    ("FAILED", ConnectionState::Disconnected),
];

fn connection(cx: &Ctx<'_>, b: &Obj<'_, '_>, p: &Obj<'_, '_>, provider_event: &str, env: &Env) -> Event {
    let raw = super::required(p, "status", "the session status", p.non_empty("status")).unwrap_or_default();
    let state = lookup(SESSION_STATES, &raw).unwrap_or_else(|| {
        if !raw.is_empty() {
            p.warn(WarningCode::UnknownState, "status", format!("session status `{raw}` is not known; state is `unknown`"));
        }
        ConnectionState::Unknown
    });
    // Without an envelope time, the time of the latest status in the history.
    let timestamp = env.time.or_else(|| p.objects("statuses").last().and_then(|s| s.millis("timestamp")));
    let event = Event::Connection(ConnectionEvent {
        base: cx.base(provider_event, env.session.clone(), timestamp),
        state,
        raw_state: raw,
        reason: None,
        phone: env.me.as_ref().and_then(|m| m.phone.clone()),
    });
    cx.finish(event, b.o)
}

/// WAHA presence values (`lastKnownPresence`), compared case-insensitively.
const PRESENCES: &[(&str, Presence)] = &[
    ("online", Presence::Available),
    ("available", Presence::Available),
    ("offline", Presence::Unavailable),
    ("unavailable", Presence::Unavailable),
    ("typing", Presence::Composing),
    ("composing", Presence::Composing),
    ("recording", Presence::Recording),
    ("paused", Presence::Paused),
];

/// `presence.update`: `{ id: <chat>, presences: [{ participant, lastKnownPresence, lastSeen }] }`
/// → one presence event per entry, in order.
fn presences(cx: &Ctx<'_>, b: &Obj<'_, '_>, p: &Obj<'_, '_>, provider_event: &str, env: &Env) -> Vec<Event> {
    let chat_id = super::required(p, "id", "the chat id", p.non_empty_text("id"));
    let chat = ids::chat(chat_id.as_deref().unwrap_or(""), Hints::default(), None);
    let entries = p.objects("presences");
    if entries.is_empty() {
        // Still one event (the chat's presence changed, to something the body does not say).
        p.warn(WarningCode::MissingField, "presences", format!("`{}` is missing or empty; presence is `unknown`", p.key_path("presences")));
        let event = Event::Presence(PresenceEvent {
            base: cx.base(provider_event, env.session.clone(), env.time),
            chat,
            presence: Presence::Unknown,
            raw_presence: String::new(),
            last_seen: None,
            participant: None,
        });
        return vec![cx.finish(event, b.o)];
    }
    entries
        .into_iter()
        .map(|e| {
            let raw = e.str("lastKnownPresence").unwrap_or_default();
            let presence = lookup(PRESENCES, &raw).unwrap_or_else(|| {
                e.warn(WarningCode::UnknownPresence, "lastKnownPresence", format!("presence `{raw}` is not known; presence is `unknown`"));
                Presence::Unknown
            });
            let participant = e.non_empty("participant");
            let event = Event::Presence(PresenceEvent {
                base: cx.base(provider_event, env.session.clone(), env.time),
                chat: chat.clone(),
                presence,
                raw_presence: raw,
                last_seen: time(&e, "lastSeen"),
                participant: ids::party(participant.as_deref(), None, None),
            });
            cx.finish(event, b.o)
        })
        .collect()
}

/// `call.*` events → call states.
const CALL_STATES: &[(&str, CallState)] =
    &[("call.received", CallState::Offer), ("call.accepted", CallState::Accepted), ("call.rejected", CallState::Rejected)];

fn call(cx: &Ctx<'_>, b: &Obj<'_, '_>, p: &Obj<'_, '_>, provider_event: &str, env: &Env) -> Event {
    let state = lookup(CALL_STATES, provider_event).unwrap_or(CallState::Unknown);
    let from = super::required(p, "from", "the caller", p.non_empty("from"));
    let event = Event::Call(CallEvent {
        base: cx.base(provider_event, env.session.clone(), event_time(p, env)),
        call_id: p.non_empty("id"),
        chat: from.as_deref().map(|f| ids::chat(f, Hints::default(), None)),
        from: ids::party(from.as_deref(), None, None),
        state,
        raw_state: Some(provider_event.to_string()),
        video: p.bool("isVideo"),
    });
    cx.finish(event, b.o)
}

// ---------------------------------------------------------------------------------------------
// System events

/// The system event name of a WAHA event, `None` for an event this library does not know.
fn system_name(event: &str, p: &Obj<'_, '_>) -> Option<&'static str> {
    Some(match event {
        "message.revoked" => "message.revoked",
        "group.v2.join" => "group.joined",
        "group.v2.leave" => "group.left",
        "group.v2.update" => "group.updated",
        "group.v2.participants" => match p.non_empty_text("type").as_deref() {
            Some("join" | "add") => "group.participant_added",
            Some("leave" | "remove") => "group.participant_left",
            Some("promote") => "group.participant_promoted",
            Some("demote") => "group.participant_demoted",
            _ => "group.participants_changed",
        },
        // Deprecated (WEBJS): someone joined or left a group.
        "group.join" => "group.participant_added",
        "group.leave" => "group.participant_left",
        "label.upsert" => "label.upserted",
        "label.deleted" => "label.deleted",
        "label.chat.added" => "label.chat_added",
        "label.chat.deleted" => "label.chat_removed",
        "chat.archive" => {
            if p.bool("archived") == Some(false) {
                "chat.unarchived"
            } else {
                "chat.archived"
            }
        }
        "poll.vote.failed" => "poll.vote_failed",
        "event.response.failed" => "event.response_failed",
        "engine.event" => "engine.event",
        "state.change" => "session.state_changed",
        _ => return None,
    })
}

fn system(cx: &Ctx<'_>, b: &Obj<'_, '_>, p: &Obj<'_, '_>, provider_event: &str, env: &Env, name: &str) -> Event {
    // The object the event is about: a revoked message's `after` (else `before`), a vote, a group.
    let (chat, message_id, sender, timestamp) = match provider_event {
        "message.revoked" => {
            let m = p.obj("after").or_else(|| p.obj("before"));
            let from_me = m.as_ref().is_some_and(|m| from_me(m, false));
            let chat = m.as_ref().and_then(|m| chat_of(m, from_me));
            let sender = m.as_ref().and_then(|m| author(m, chat.as_ref(), from_me, env));
            // The revoked message: `before.id` (a full id), else `revokedMessageId` (a bare id).
            let id = p.obj("before").and_then(|x| x.non_empty("id")).or_else(|| p.non_empty("revokedMessageId"));
            let t = m.as_ref().and_then(|m| time(m, "timestamp")).or(env.time);
            (chat, id, sender, t)
        }
        "poll.vote.failed" => {
            let v = p.obj("vote");
            let from_me = v.as_ref().is_some_and(|v| from_me(v, false));
            let chat = v.as_ref().and_then(|v| chat_of(v, from_me));
            let sender = if from_me { env.me.clone() } else { v.as_ref().and_then(|v| person(v, &["participant", "from"], None)) };
            (chat, v.as_ref().and_then(|v| v.non_empty("id")), sender, v.as_ref().and_then(|v| time(v, "timestamp")).or(env.time))
        }
        "event.response.failed" => {
            let from_me = from_me(p, false);
            let chat = chat_of(p, from_me);
            let sender = author(p, chat.as_ref(), from_me, env);
            (chat, p.non_empty("id"), sender, event_time(p, env))
        }
        _ => {
            let group = p.obj("group").and_then(|g| g.non_empty("id"));
            let chat_id =
                group.or_else(|| p.non_empty("chatId")).or_else(|| if provider_event == "chat.archive" { p.non_empty("id") } else { None });
            let participants = p.objects("participants");
            let sender = match participants.as_slice() {
                [one] => person(one, &["id"], None),
                _ => None,
            };
            (chat_id.map(|c| ids::chat(&c, Hints::default(), None)), None, sender, event_time(p, env))
        }
    };
    let event = Event::System(SystemEvent {
        base: cx.base(provider_event, env.session.clone(), timestamp),
        name: name.to_string(),
        raw_name: provider_event.to_string(),
        chat,
        message_id,
        sender,
        data: SystemData::Fields(object_without(p.o, &["_data"])),
    });
    cx.finish(event, b.o)
}

#[cfg(test)]
mod tests;
