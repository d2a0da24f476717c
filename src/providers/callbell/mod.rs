//! Callbell: `{ event, payload }`. `message_created` and `message_status_updated` are messages and
//! statuses; contact, conversation, agent and team events are system events.
//!
//! Status mapping: `enqueued` accepted; `sent`/`delivered`/`read`/`failed` as named
//! (failure details from `messageStatusPayload.payload`); `deleted` deleted; `mismatch` other.

mod content;

use crate::verify::{Credentials, VerifyOptions};
use super::Ctx;
use crate::ids::{self, Hints};
use crate::model::*;
use crate::read::Obj;

/// Callbell: `event` is a string and `payload` an object (WAHA, which also has `session`, is tried
/// first).
pub const MODULE: super::Module = super::Module {
    provider: Provider::Callbell,
    title: "Callbell",
    shape: "`event` is a string and `payload` an object",
    recognise,
    event_count: super::one,
    normalize,
    shared_with: &[],
    settled_by_headers: super::never,
    agrees_with: &[],
    verification: super::Verification {
        option: "secret",
        needs: "the webhook signing secret (`whsec_...`)",
        options: verify_options,
    },
};

/// This provider's `VerifyOptions` from the `verify` credentials.
fn verify_options(c: Credentials) -> VerifyOptions {
    let o = VerifyOptions::callbell(c.secrets);
    let o = match c.tolerance_ms {
        Some(ms) => o.tolerance_ms(ms),
        None => o,
    };
    match c.now_ms {
        Some(now) => o.at(now),
        None => o,
    }
}

fn recognise<'v, 'a>(root: &'v crate::json::Object<'a>) -> Option<super::Found<'v, 'a>> {
    let event = super::str_field(root, "event")?;
    super::is_object(root, "payload").then(|| super::Found::top(root, event))
}

/// Callbell system events: (event, name, the payload key holding the event time).
const SYSTEM_EVENTS: &[(&str, &str, &str)] = &[
    ("contact_created", "contact.created", "createdAt"),
    ("contact_updated", "contact.updated", "updatedAt"),
    ("contact_deleted", "contact.deleted", "deleted"),
    ("conversation_opened", "conversation.opened", "createdAt"),
    ("conversation_closed", "conversation.closed", "closedAt"),
    ("agent_session_updated", "agent.session_updated", "lastUpdatedAt"),
    ("agent_status_updated", "agent.status_updated", "lastUpdatedAt"),
    ("team_membership_updated", "team.membership_updated", "lastUpdateAt"),
];

pub fn normalize(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Vec<Event> {
    let Some(p) = b.obj("payload") else {
        return vec![cx.unknown(b, provider_event, None, None, "payload")];
    };
    let event = match provider_event {
        "message_created" => message(cx, b, &p, provider_event),
        "message_status_updated" => status(cx, b, &p, provider_event),
        _ => match SYSTEM_EVENTS.iter().find(|(e, _, _)| *e == provider_event) {
            Some((_, name, time_key)) => system(cx, b, &p, provider_event, name, time_key),
            None => cx.unknown(b, provider_event, None, None, "event"),
        },
    };
    vec![event]
}

fn phone_chat(phone: &str) -> Chat {
    ids::chat(phone, Hints::default(), None)
}

/// The contact's phone number (`payload.contact.phoneNumber`).
fn contact_phone(p: &Obj<'_, '_>) -> Option<String> {
    p.obj("contact").and_then(|c| c.non_empty("phoneNumber"))
}

fn message(cx: &Ctx<'_>, b: &Obj<'_, '_>, p: &Obj<'_, '_>, provider_event: &str) -> Event {
    let raw_status = p.non_empty("status");
    let outbound = match raw_status.as_deref() {
        Some("sent") => true,
        Some("received") | None => false,
        Some(other) => {
            p.warn(
                WarningCode::UnknownStatus,
                "status",
                format!("message status `{other}` is neither `received` nor `sent`; taken as inbound"),
            );
            false
        }
    };
    let from = p.non_empty("from");
    let to = p.non_empty("to");
    let chat_phone = if outbound { to.clone() } else { from.clone() }.or_else(|| contact_phone(p));
    let chat = match chat_phone {
        Some(ph) => Some(phone_chat(&ph)),
        None => {
            p.warn(
                WarningCode::MissingField,
                if outbound { "to" } else { "from" },
                "no chat phone number (`from`/`to`/`contact.phoneNumber`)".into(),
            );
            None
        }
    };
    let contact_name = p.obj("contact").and_then(|c| c.non_empty("name"));
    let sender = ids::party(from.as_deref(), None, if outbound { None } else { contact_name });
    // messageContext: the message this one replies to ({ target: {uuid, ...}, text, ... }).
    let reply_to = p.obj("messageContext").and_then(|c| c.obj("target")).and_then(|t| t.first_str(&["uuid", "id", "messageId"]));
    let forwarded = p.obj("messageForward").and_then(|f| f.bool("forwarded"));
    let timestamp = super::required(p, "createdAt", "the message time", p.iso("createdAt"));
    let m = MessageEvent {
        base: cx.base(provider_event, None, timestamp),
        message_id: super::required(p, "uuid", "the message id", p.non_empty("uuid")),
        direction: if outbound { Direction::Outbound } else { Direction::Inbound },
        from_api: None,
        chat,
        sender,
        reply_to_message_id: reply_to,
        forwarded,
        edited: false,
        edited_message_id: None,
        content: content::content(p),
        referral: None,
    };
    cx.finish(Event::Message(m), b.o)
}

/// Callbell `status` values (compared with case, `-`, `_` and space ignored).
const STATUSES: &[(&str, Status)] = &[
    ("enqueued", Status::Accepted),
    ("sent", Status::Sent),
    ("delivered", Status::Delivered),
    ("read", Status::Read),
    ("failed", Status::Failed),
    ("deleted", Status::Deleted),
    ("mismatch", Status::Other),
];

/// A Cloud-API-shaped status that `messageStatusPayload` holds: the first of
/// `messaging.value.statuses[]` (a whole Meta change) or of `statuses[]`.
fn meta_status<'v, 'a>(msp: &Obj<'v, 'a>) -> Option<Obj<'v, 'a>> {
    let value = msp.obj("messaging").and_then(|m| m.obj("value"));
    let from_value = value.and_then(|v| v.objects("statuses").into_iter().next());
    from_value.or_else(|| msp.has("statuses").then(|| msp.objects("statuses").into_iter().next()).flatten())
}

fn status(cx: &Ctx<'_>, b: &Obj<'_, '_>, p: &Obj<'_, '_>, provider_event: &str) -> Event {
    let raw = p.str("status").unwrap_or_default();
    let status = super::lookup(STATUSES, &raw).unwrap_or_else(|| {
        p.warn(WarningCode::UnknownStatus, "status", format!("status `{raw}` is not in the status table; status is `unknown`"));
        Status::Unknown
    });
    let msp = p.obj("messageStatusPayload");
    // Over WhatsApp's Business API, Callbell forwards Meta's status object; else Gupshup's fields.
    let meta = msp.as_ref().and_then(meta_status);
    let inner = msp.as_ref().and_then(|m| m.obj("payload"));
    let timestamp = inner
        .as_ref()
        .and_then(|i| i.has("ts").then(|| i.seconds("ts")).flatten())
        .or_else(|| meta.as_ref().and_then(|m| m.get("timestamp")).and_then(super::seconds_value));
    if timestamp.is_none() {
        p.warn(
            WarningCode::MissingField,
            "messageStatusPayload.payload.ts",
            "the status has no time (`messageStatusPayload.payload.ts`)".into(),
        );
    }
    let error = (status == Status::Failed).then(|| match &meta {
        Some(m) => super::cloud_error(m),
        None => StatusError {
            code: inner.as_ref().and_then(|i| i.id("code")),
            message: inner.as_ref().and_then(|i| i.first_str(&["reason", "message", "error"])),
        },
    });
    let chat = contact_phone(p)
        .or_else(|| msp.as_ref().and_then(|m| m.non_empty("destination")))
        .or_else(|| meta.as_ref().and_then(|m| m.non_empty("recipient_id")))
        .map(|ph| phone_chat(&ph));
    if chat.is_none() {
        p.warn(
            WarningCode::MissingField,
            "contact.phoneNumber",
            "the status names no chat (`contact.phoneNumber`, `messageStatusPayload.destination`)".into(),
        );
    }
    let message_id = super::required(p, "uuid", "the message id", p.non_empty("uuid"));
    let event = Event::Status(StatusEvent {
        base: cx.base(provider_event, None, timestamp),
        message_id,
        status,
        raw_status: raw,
        rank: status.rank(),
        actor: Actor::Recipient,
        chat,
        error,
    });
    cx.finish(event, b.o)
}

fn system(cx: &Ctx<'_>, b: &Obj<'_, '_>, p: &Obj<'_, '_>, provider_event: &str, name: &str, time_key: &str) -> Event {
    let timestamp = match time_key {
        "lastUpdatedAt" if !p.has(time_key) => p.obj("user").and_then(|u| u.iso(time_key)),
        _ => p.iso(time_key),
    };
    let phone = p.non_empty("phoneNumber").or_else(|| contact_phone(p));
    let event = Event::System(SystemEvent {
        base: cx.base(provider_event, None, timestamp),
        name: name.to_string(),
        raw_name: provider_event.to_string(),
        chat: phone.map(|ph| phone_chat(&ph)),
        message_id: None,
        sender: None,
        data: SystemData::Fields(super::object_without(p.o, &[])),
    });
    cx.finish(event, b.o)
}
