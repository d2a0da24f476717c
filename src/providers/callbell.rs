//! Callbell: `{ event, payload }`. `message_created` and `message_status_updated` are messages and
//! statuses; contact, conversation, agent and team events are system events.
//!
//! Status mapping (SPEC §2): `enqueued` accepted; `sent`/`delivered`/`read`/`failed` as named
//! (failure details from `messageStatusPayload.payload`); `deleted` deleted; `mismatch` other.

use super::Ctx;
use crate::ids::{self, Hints};
use crate::model::*;
use crate::read::Obj;

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
        content: content(p),
    };
    cx.finish(Event::Message(m), b.o)
}

/// `reaction` for `messageReaction`; then, as the SPEC orders them, `location` for
/// `messageLocation`, else `contacts` for `messageContactCard`, else a media kind for `attachments`
/// (the first one; kind from its extension; caption = text); then `list` for
/// `messageInteractiveList`, `buttons` for `messageReplyButton`; else `text`.
fn content(p: &Obj<'_, '_>) -> Content {
    let text = p.str("text");
    if let Some(r) = p.obj("messageReaction") {
        return Content::Reaction {
            emoji: r.str("emoji").unwrap_or_default(),
            target_message_id: r.obj("target").and_then(|t| t.first_str(&["uuid", "id", "messageId"])),
        };
    }
    if let Some(l) = p.obj("messageLocation") {
        let coords = l.obj("coordinates");
        return Content::Location {
            latitude: coords.as_ref().and_then(|c| c.f64("x").or_else(|| c.f64("latitude"))),
            longitude: coords.as_ref().and_then(|c| c.f64("y").or_else(|| c.f64("longitude"))),
            name: l.non_empty("name"),
            address: l.non_empty("address"),
            url: l.non_empty("googleMapsLocation"),
        };
    }
    if let Some(card) = p.obj("messageContactCard") {
        let contacts = card
            .objects("contactsInfo")
            .iter()
            .map(|c| ContactCard {
                name: c.non_empty("name"),
                vcard: c.non_empty("vcard"),
                phones: c.objects("phones").iter().filter_map(|ph| ph.first_str(&["phone", "wa_id"])).collect(),
            })
            .collect();
        return Content::Contacts { contacts };
    }
    let first_attachment = p.arr("attachments").and_then(|a| a.first()).and_then(|v| match v {
        crate::json::Value::String(s) => Some(s.to_string()),
        crate::json::Value::Object(o) => o.get("url").and_then(|u| u.as_str()).map(str::to_string),
        _ => None,
    });
    if let Some(url) = first_attachment {
        return media_from_url(url, text.filter(|t| !t.is_empty()));
    }
    if let Some(list) = p.obj("messageInteractiveList") {
        if let Some(content) = with_metadata(&list, interactive_list) {
            return content;
        }
    }
    if let Some(buttons) = p.obj("messageReplyButton") {
        if let Some(content) = with_metadata(&buttons, reply_buttons) {
            return content;
        }
    }
    Content::Text { text: text.unwrap_or_default() }
}

/// Calls `f` with the object's `metadata`, which Callbell sends as an object or as a JSON string.
fn with_metadata(o: &Obj<'_, '_>, f: fn(&Obj<'_, '_>) -> Content) -> Option<Content> {
    match o.get("metadata")? {
        crate::json::Value::String(s) => {
            let arena = crate::json::arena_for(s.as_bytes());
            let parsed = match crate::json::parse(s, &arena) {
                Ok(p) => p,
                Err(_) => {
                    o.warn(WarningCode::InvalidType, "metadata", format!("`{}` is a string but not JSON; ignored", o.key_path("metadata")));
                    return None;
                }
            };
            let inner = parsed.value.as_object()?;
            let path = o.key_path("metadata");
            Some(f(&Obj::new(inner, &path, o.w)))
        }
        crate::json::Value::Object(_) => o.obj("metadata").map(|m| f(&m)),
        _ => None,
    }
}

/// `{ header, body, buttons: [{title}], sections: [{title, items: [{header, description}]}] }`.
fn interactive_list(m: &Obj<'_, '_>) -> Content {
    Content::List {
        title: m.non_empty("header"),
        text: m.str("body"),
        footer: m.non_empty("footer"),
        button_text: m.objects("buttons").first().and_then(|b| b.non_empty("title")),
        sections: m
            .objects("sections")
            .iter()
            .map(|s| ListSection {
                title: s.non_empty("title"),
                rows: s
                    .objects("items")
                    .iter()
                    .map(|i| ListRow {
                        id: i.first_str(&["id", "postback_text"]),
                        title: i.first_str(&["header", "title"]),
                        description: i.non_empty("description"),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// `{ type, content: {text, header, caption, url, filename, contentType}, options: [{type, title, postback_text}] }`.
fn reply_buttons(m: &Obj<'_, '_>) -> Content {
    let content = m.obj("content");
    let header = content.as_ref().and_then(|c| {
        let kind = c.non_empty("contentType")?;
        matches!(kind.as_str(), "image" | "video" | "document").then(|| MediaHeader { kind, url: c.non_empty("url"), mime_type: None })
    });
    Content::Buttons {
        text: content.as_ref().and_then(|c| c.str("text")),
        footer: None,
        header,
        buttons: m
            .objects("options")
            .iter()
            .map(|o| Button {
                kind: "reply".into(),
                id: o.non_empty("postback_text"),
                text: o.str("title"),
                value: o.non_empty("postback_url"),
            })
            .collect(),
    }
}

/// The media kind of an attachment URL, from its file extension.
fn media_from_url(url: String, caption: Option<String>) -> Content {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let file_name = path.rsplit('/').next().filter(|s| !s.is_empty()).map(str::to_string);
    let ext = file_name.as_deref().and_then(|f| f.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" | "png" | "gif" | "bmp" | "heic" | "heif" => {
            Content::Image { url: Some(url), mime_type: None, caption, thumbnail_url: None, view_once: None, width: None, height: None }
        }
        "webp" => Content::Sticker { url: Some(url), mime_type: Some("image/webp".into()), animated: None },
        "mp4" | "mov" | "3gp" | "webm" | "mkv" | "avi" | "m4v" => {
            Content::Video { url: Some(url), mime_type: None, caption, seconds: None, view_once: None, width: None, height: None }
        }
        "mp3" | "ogg" | "oga" | "opus" | "m4a" | "aac" | "amr" | "wav" => {
            Content::Audio { url: Some(url), mime_type: None, seconds: None, voice: None, view_once: None }
        }
        _ => Content::Document { url: Some(url), mime_type: None, file_name, title: None, caption, page_count: None },
    }
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

/// Meta's failure: the first `errors[]`' `code` (as a string) and its `error_data.details`, else
/// `message`, else `title`.
fn meta_error(status: &Obj<'_, '_>) -> StatusError {
    let first = status.objects("errors").into_iter().next();
    StatusError {
        code: first.as_ref().and_then(|e| e.id("code")),
        message: first.as_ref().and_then(|e| {
            e.obj("error_data").and_then(|d| d.non_empty("details")).or_else(|| e.first_str(&["message", "title"]))
        }),
    }
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
        p.warn(WarningCode::MissingField, "messageStatusPayload.payload.ts", "the status has no time (`messageStatusPayload.payload.ts`)".into());
    }
    let error = (status == Status::Failed).then(|| match &meta {
        Some(m) => meta_error(m),
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
        p.warn(WarningCode::MissingField, "contact.phoneNumber", "the status names no chat (`contact.phoneNumber`, `messageStatusPayload.destination`)".into());
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
