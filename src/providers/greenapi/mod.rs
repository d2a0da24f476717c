//! Green API: `typeWebhook` selects the event; messages carry `messageData.typeMessage`.
//!
//! Status mapping: `sent`/`delivered`/`read` as named, `pending` accepted, and
//! `failed`, `noAccount`, `noActiveSession`, `notInGroup`, `yellowCard` failed with the `SWE…`
//! code of `description` (or the raw status) as `error.code`.

mod content;

use crate::verify::{Credentials, VerifyOptions};
use super::{lookup, object_without, Ctx};
use crate::ids::{self, Hints};
use crate::model::*;
use crate::read::Obj;

/// Green API: `typeWebhook` is a string (also inside a `{ receiptId, body }` polling wrapper, which
/// needs both keys, so that another provider's body that merely has a `body` key is never taken
/// for it).
pub const MODULE: super::Module = super::Module {
    provider: Provider::Greenapi,
    title: "Green API",
    shape: "`typeWebhook` is a string",
    recognise,
    event_count: super::one,
    normalize,
    shared_with: &[],
    settled_by_headers: super::never,
    agrees_with: &[],
    verification: super::Verification {
        option: "token",
        needs: "the webhookUrlToken Green API sends as `Authorization: Bearer <token>`",
        options: verify_options,
    },
};

/// This provider's `VerifyOptions` from the `verify` credentials.
fn verify_options(c: Credentials) -> VerifyOptions {
    VerifyOptions::green_api(c.secrets)
}

fn recognise<'v, 'a>(root: &'v crate::json::Object<'a>) -> Option<super::Found<'v, 'a>> {
    use crate::json::Value;
    if let Some(t) = super::str_field(root, "typeWebhook") {
        return Some(super::Found::top(root, t));
    }
    match (root.get("receiptId").is_some_and(|v| !matches!(v, Value::Null)), root.get("body")) {
        (true, Some(Value::Object(inner))) => {
            super::str_field(inner, "typeWebhook").map(|t| super::Found { body: inner, body_path: "body", provider_event: t })
        }
        _ => None,
    }
}

/// Keys every Green API body has, left out of system events' `data`.
const ENVELOPE: &[&str] = &["typeWebhook", "instanceData", "timestamp"];

pub fn normalize(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Vec<Event> {
    let instance_id = b.obj("instanceData").and_then(|d| d.id("idInstance"));
    let timestamp = b.seconds("timestamp");
    let event = match provider_event {
        "incomingMessageReceived" | "outgoingMessageReceived" | "outgoingAPIMessageReceived" => {
            message(cx, b, provider_event, instance_id, timestamp)
        }
        "outgoingMessageStatus" => status(cx, b, provider_event, instance_id, timestamp),
        "stateInstanceChanged" | "statusInstanceChanged" => connection(cx, b, provider_event, instance_id, timestamp),
        "incomingCall" => call(cx, b, provider_event, instance_id, timestamp),
        "incomingBlock" | "quotaExceeded" | "deviceInfo" => system(cx, b, provider_event, instance_id, timestamp),
        _ => cx.unknown(b, provider_event, instance_id, timestamp, "typeWebhook"),
    };
    vec![event]
}

/// The chat `key` of `o` names (a JID, maybe device-qualified), with the LID `chatLid` gives;
/// `None`, with a `missing_field` warning, when there is none.
fn chat_of(o: &Obj<'_, '_>, key: &str) -> Option<Chat> {
    let jid = super::required(o, key, "the chat id", o.non_empty_text(key))?;
    Some(ids::chat(&jid, Hints::default(), o.non_empty_text("chatLid").as_deref()))
}

/// The event time (`timestamp`, seconds) of a message or status, with a `missing_field` warning
/// when there is none.
fn required_time(b: &Obj<'_, '_>, timestamp: Option<i64>) -> Option<i64> {
    super::required(b, "timestamp", "the event time", timestamp)
}

// ---------------------------------------------------------------------------------------------
// Messages

#[inline(never)]
fn message(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str, instance_id: Option<String>, timestamp: Option<i64>) -> Event {
    let sd = b.obj("senderData");
    let chat = match &sd {
        Some(sd) => chat_of(sd, "chatId"),
        None => chat_of(b, "senderData"),
    };
    let sender = sd.as_ref().and_then(|sd| {
        ids::party(
            sd.non_empty("sender").as_deref(),
            sd.non_empty("senderLid").as_deref(),
            sd.first_str(&["senderName", "senderContactName"]),
        )
    });
    let md = b.obj("messageData");
    let type_message = md.as_ref().and_then(|m| m.str("typeMessage")).unwrap_or_else(|| {
        b.warn(WarningCode::MissingField, "messageData.typeMessage", "`messageData.typeMessage` is missing".into());
        String::new()
    });
    let mut m = MessageEvent {
        base: cx.base(provider_event, instance_id, required_time(b, timestamp)),
        message_id: super::required(b, "idMessage", "the message id", b.non_empty("idMessage")),
        direction: if provider_event.starts_with("incoming") { Direction::Inbound } else { Direction::Outbound },
        from_api: match provider_event {
            "outgoingAPIMessageReceived" => Some(true),
            "outgoingMessageReceived" => Some(false),
            _ => None,
        },
        chat,
        sender,
        reply_to_message_id: None,
        forwarded: None,
        edited: false,
        edited_message_id: None,
        content: Content::Unsupported { provider_kind: type_message.clone() },
        referral: None,
    };
    if let Some(md) = &md {
        content::fill_message(&mut m, md, &type_message);
    }
    cx.finish(Event::Message(m), b.o)
}

// ---------------------------------------------------------------------------------------------
// Status, connection, call, system

/// Green API `status` values (compared with case, `-`, `_` and space ignored).
const STATUSES: &[(&str, Status)] = &[
    ("sent", Status::Sent),
    ("delivered", Status::Delivered),
    ("read", Status::Read),
    ("pending", Status::Accepted),
    ("failed", Status::Failed),
    ("noAccount", Status::Failed),
    ("noActiveSession", Status::Failed),
    ("notInGroup", Status::Failed),
    ("yellowCard", Status::Failed),
    ("deleted", Status::Deleted),
];

#[inline(never)]
fn status(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str, instance_id: Option<String>, timestamp: Option<i64>) -> Event {
    let raw = b.str("status").unwrap_or_default();
    let status = lookup(STATUSES, &raw).unwrap_or_else(|| {
        b.warn(WarningCode::UnknownStatus, "status", format!("status `{raw}` is not in the status table; status is `unknown`"));
        Status::Unknown
    });
    let description = b.non_empty("description");
    let error = (status == Status::Failed).then(|| StatusError {
        code: Some(description.as_deref().and_then(swe_code).unwrap_or_else(|| raw.clone())),
        message: description,
    });
    let message_id = super::required(b, "idMessage", "the message id", b.non_empty("idMessage"));
    let event = Event::Status(StatusEvent {
        base: cx.base(provider_event, instance_id, required_time(b, timestamp)),
        message_id,
        status,
        raw_status: raw,
        rank: status.rank(),
        actor: Actor::Recipient,
        chat: chat_of(b, "chatId"),
        error,
    });
    cx.finish(event, b.o)
}

/// The first `SWE` + 3 digits code in a text.
fn swe_code(text: &str) -> Option<String> {
    let i = crate::text::find(text, "SWE")?;
    let code = text.get(i..i + 6)?;
    code.get(3..).is_some_and(|d| d.bytes().all(|c| c.is_ascii_digit())).then(|| code.to_string())
}

#[inline(never)]
fn connection(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str, instance_id: Option<String>, timestamp: Option<i64>) -> Event {
    let key = if provider_event == "stateInstanceChanged" { "stateInstance" } else { "statusInstance" };
    let raw = b.str(key).unwrap_or_default();
    let state = match raw.as_str() {
        "authorized" | "online" => ConnectionState::Connected,
        "offline" => ConnectionState::Disconnected,
        "notAuthorized" => ConnectionState::Unauthorized,
        "blocked" => ConnectionState::Blocked,
        "starting" => ConnectionState::Starting,
        "yellowCard" => ConnectionState::Suspended,
        "sleepMode" => ConnectionState::Sleeping,
        _ => {
            b.warn(WarningCode::UnknownState, key, format!("{key} `{raw}` is not known; state is `unknown`"));
            ConnectionState::Unknown
        }
    };
    let phone = b.obj("instanceData").and_then(|d| d.non_empty("wid")).and_then(|w| ids::party(Some(&w), None, None)).and_then(|p| p.phone);
    let event = Event::Connection(ConnectionEvent {
        base: cx.base(provider_event, instance_id, timestamp),
        state,
        raw_state: raw,
        reason: None,
        phone,
    });
    cx.finish(event, b.o)
}

#[inline(never)]
fn call(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str, instance_id: Option<String>, timestamp: Option<i64>) -> Event {
    let raw = b.non_empty("status");
    let state = match raw.as_deref() {
        None => CallState::Unknown,
        Some("offer") => CallState::Offer,
        Some("pickUp") => CallState::Accepted,
        Some("hangUp" | "hungUp") => CallState::Ended,
        Some("declined") => CallState::Rejected,
        Some("missed") => CallState::Missed,
        Some(other) => {
            b.warn(WarningCode::UnknownState, "status", format!("call status `{other}` is not known; state is `unknown`"));
            CallState::Unknown
        }
    };
    let from = b.non_empty("from");
    let event = Event::Call(CallEvent {
        base: cx.base(provider_event, instance_id, timestamp),
        call_id: b.non_empty("idMessage"),
        chat: from.as_deref().map(|f| ids::chat(f, Hints::default(), None)),
        from: ids::party(from.as_deref(), None, None),
        state,
        raw_state: raw,
        video: b.bool("isVideo"),
    });
    cx.finish(event, b.o)
}

#[inline(never)]
fn system(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str, instance_id: Option<String>, timestamp: Option<i64>) -> Event {
    let name = match provider_event {
        "incomingBlock" => match b.str("chatState").as_deref() {
            Some("unblocked") => "contact.unblocked",
            _ => "contact.blocked",
        },
        "quotaExceeded" => "quota.exceeded",
        _ => "device.info",
    };
    let chat_id = b.non_empty("chatId").or_else(|| b.obj("avatarInfo").and_then(|a| a.non_empty("chatId")));
    let data = object_without(b.o, ENVELOPE);
    let event = Event::System(SystemEvent {
        base: cx.base(provider_event, instance_id, timestamp),
        name: name.to_string(),
        raw_name: provider_event.to_string(),
        chat: chat_id.map(|c| ids::chat(&c, Hints::default(), None)),
        message_id: None,
        sender: None,
        data: SystemData::Fields(data),
    });
    cx.finish(event, b.o)
}
