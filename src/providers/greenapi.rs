//! Green API: `typeWebhook` selects the event; messages carry `messageData.typeMessage`.
//!
//! Status mapping (SPEC §2): `sent`/`delivered`/`read` as named, `pending` accepted, and
//! `failed`, `noAccount`, `noActiveSession`, `notInGroup`, `yellowCard` failed with the `SWE…`
//! code of `description` (or the raw status) as `error.code`.

use super::{button, check_marker, lookup, object_without, Ctx};
use crate::ids::{self, Hints};
use crate::json::Value;
use crate::model::*;
use crate::read::Obj;

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
    };
    if let Some(md) = &md {
        fill_message(&mut m, md, &type_message);
    }
    cx.finish(Event::Message(m), b.o)
}

/// Sets content, reply, forward and edit fields from `messageData`.
fn fill_message(m: &mut MessageEvent, md: &Obj<'_, '_>, type_message: &str) {
    let quoted = md.obj("quotedMessage");
    let quoted_id = quoted.as_ref().and_then(|q| q.non_empty("stanzaId"));
    let ext = md.obj("extendedTextMessageData");
    // Whichever typed data object the message has says whether it was forwarded.
    m.forwarded =
        md.o.entries
            .iter()
            .filter(|(k, v)| *k != "quotedMessage" && matches!(v, Value::Object(o) if o.get("isForwarded").is_some()))
            .find_map(|(k, _)| md.obj(k).and_then(|d| d.bool("isForwarded")));
    m.reply_to_message_id = quoted_id.clone();
    let file = || md.obj("fileMessageData");
    m.content = match type_message {
        "textMessage" => {
            let t = md.obj("textMessageData");
            let text = t.as_ref().and_then(|t| t.str("textMessage"));
            if let Some(t) = &t {
                check_marker(t, "textMessage", text.as_deref());
            }
            Content::Text { text: text.unwrap_or_default() }
        }
        "extendedTextMessage" | "quotedMessage" => {
            let text = ext.as_ref().and_then(|e| e.str("text"));
            if let Some(e) = &ext {
                check_marker(e, "text", text.as_deref());
                if m.reply_to_message_id.is_none() && type_message == "quotedMessage" {
                    m.reply_to_message_id = e.non_empty("stanzaId");
                }
            }
            Content::Text { text: text.unwrap_or_default() }
        }
        "imageMessage" | "videoMessage" | "audioMessage" | "documentMessage" | "stickerMessage" => match file() {
            Some(f) => file_content(&f, type_message),
            None => missing(md, "fileMessageData", type_message),
        },
        "locationMessage" | "liveLocationMessage" => match md.obj("locationMessageData") {
            Some(l) => Content::Location {
                latitude: l.f64("latitude"),
                longitude: l.f64("longitude"),
                name: l.non_empty("nameLocation"),
                address: l.non_empty("address"),
                url: None,
            },
            None => missing(md, "locationMessageData", type_message),
        },
        "contactMessage" => match md.obj("contactMessageData") {
            Some(c) => Content::Contacts { contacts: vec![contact_card(&c)] },
            None => missing(md, "contactMessageData", type_message),
        },
        "contactsArrayMessage" => {
            let holder = md.obj("messageData").or_else(|| md.obj("contactsArrayMessageData"));
            match holder {
                Some(h) => Content::Contacts { contacts: h.objects("contacts").iter().map(contact_card).collect() },
                None => missing(md, "messageData", type_message),
            }
        }
        "reactionMessage" => {
            m.reply_to_message_id = None;
            Content::Reaction { emoji: ext.as_ref().and_then(|e| e.str("text")).unwrap_or_default(), target_message_id: quoted_id }
        }
        "deletedMessage" => Content::Delete { target_message_id: md.obj("deletedMessageData").and_then(|d| d.non_empty("stanzaId")) },
        "editedMessage" => {
            let e = md.obj("editedMessageData");
            m.edited = true;
            m.edited_message_id = e.as_ref().and_then(|e| e.non_empty("stanzaId"));
            Content::Text { text: e.as_ref().and_then(|e| e.str("textMessage")).unwrap_or_default() }
        }
        "pollMessage" => match md.obj("pollMessageData").or_else(|| md.obj("pollCreationMessage")) {
            Some(p) => {
                let options = p.objects("options").iter().filter_map(|o| o.str("optionName")).collect();
                let max_selections = match p.bool("multipleAnswers") {
                    Some(true) => None,
                    Some(false) => Some(1),
                    None => p.u32("selectableOptionsCount").filter(|&n| n > 0),
                };
                Content::Poll { question: p.str("name"), options, max_selections }
            }
            None => missing(md, "pollMessageData", type_message),
        },
        "pollUpdateMessage" => match md.obj("pollMessageData") {
            Some(p) => {
                // The update carries every option's voters; the vote is what the sender chose.
                let voter = m.sender.as_ref().and_then(|s| s.id.clone());
                let options = p
                    .objects("votes")
                    .iter()
                    .filter(|v| voter.as_ref().is_some_and(|id| v.str_list("optionVoters").iter().any(|x| x == id)))
                    .filter_map(|v| v.str("optionName"))
                    .collect();
                Content::PollVote { poll_message_id: p.non_empty("stanzaId"), options }
            }
            None => missing(md, "pollMessageData", type_message),
        },
        "buttonsResponseMessage" => match md.obj("buttonsResponseMessage") {
            Some(r) => {
                m.reply_to_message_id = r.non_empty("stanzaId").or(m.reply_to_message_id.take());
                Content::ButtonReply { id: r.str("selectedButtonId"), text: r.str("selectedButtonText") }
            }
            None => missing(md, "buttonsResponseMessage", type_message),
        },
        "listResponseMessage" => match md.obj("listResponseMessage") {
            Some(r) => {
                m.reply_to_message_id = r.non_empty("stanzaId").or(m.reply_to_message_id.take());
                Content::ListReply { id: r.str("singleSelectReply"), title: r.str("title"), description: r.non_empty("description") }
            }
            None => missing(md, "listResponseMessage", type_message),
        },
        "templateButtonReplyMessage" | "templateButtonsReplyMessage" => {
            match md.obj("templateButtonReplyMessage").or_else(|| md.obj("templateButtonsReplyMessage")) {
                Some(r) => {
                    m.reply_to_message_id = r.non_empty("stanzaId").or(m.reply_to_message_id.take());
                    Content::ButtonReply { id: r.str("selectedId"), text: r.str("selectedDisplayText") }
                }
                None => missing(md, type_message, type_message),
            }
        }
        "buttonsMessage" => match md.obj("buttonsMessage") {
            Some(x) => buttons(&x, "contentText"),
            None => missing(md, "buttonsMessage", type_message),
        },
        // Newer (beta) interactive buttons; the reply variant carries the same object.
        "interactiveButtons" | "interactiveButtonsReply" => {
            match md.obj("interactiveButtons").or_else(|| md.obj("interactiveButtonsReply")) {
                Some(x) => buttons(&x, "body"),
                None => missing(md, "interactiveButtons", type_message),
            }
        }
        "listMessage" => match md.obj("listMessage") {
            Some(x) => Content::List {
                title: x.non_empty("title"),
                text: x.str("contentText"),
                footer: x.non_empty("footer"),
                button_text: x.non_empty("buttonText"),
                sections: x
                    .objects("sections")
                    .iter()
                    .map(|s| ListSection {
                        title: s.non_empty("title"),
                        rows: s
                            .objects("rows")
                            .iter()
                            .map(|r| ListRow { id: r.str("rowId"), title: r.str("title"), description: r.non_empty("description") })
                            .collect(),
                    })
                    .collect(),
            },
            None => missing(md, "listMessage", type_message),
        },
        "templateMessage" => match md.obj("templateMessage") {
            Some(x) => Content::Template {
                template_id: x.non_empty("templateId"),
                title: x.non_empty("title"),
                text: x.str("contentText"),
                footer: x.non_empty("footer"),
                header: None,
                buttons: x.objects("buttons").iter().map(button).collect(),
            },
            None => missing(md, "templateMessage", type_message),
        },
        "groupInviteMessage" => match md.obj("groupInviteMessageData") {
            Some(g) => Content::GroupInvite {
                group_id: g.non_empty("groupJid"),
                group_name: g.non_empty("groupName"),
                invite_code: g.non_empty("inviteCode"),
                // Documented as a string of epoch seconds; "0" means it does not expire.
                expiration: g.get("inviteExpiration").and_then(super::seconds_value).filter(|&ms| ms > 0),
                caption: g.non_empty("caption"),
            },
            None => missing(md, "groupInviteMessageData", type_message),
        },
        other => {
            md.warn(
                WarningCode::UnsupportedContent,
                "typeMessage",
                format!("typeMessage `{other}` is not modelled; content kind is `unsupported`"),
            );
            Content::Unsupported { provider_kind: other.to_string() }
        }
    };
}

/// A buttons message (`buttonsMessage`, `interactiveButtons`): its text is under `text_key`.
fn buttons(x: &Obj<'_, '_>, text_key: &str) -> Content {
    Content::Buttons {
        text: x.str(text_key),
        footer: x.non_empty("footer"),
        header: None,
        buttons: x.objects("buttons").iter().map(button).collect(),
    }
}

/// A `typeMessage` whose data object is missing: unsupported, with a warning naming the key.
fn missing(md: &Obj<'_, '_>, key: &str, type_message: &str) -> Content {
    md.warn(
        WarningCode::MissingField,
        key,
        format!("typeMessage `{type_message}` without `{}`; content kind is `unsupported`", md.key_path(key)),
    );
    Content::Unsupported { provider_kind: type_message.to_string() }
}

fn file_content(f: &Obj<'_, '_>, type_message: &str) -> Content {
    let url = f.non_empty("downloadUrl");
    check_marker(f, "downloadUrl", url.as_deref());
    let mime_type = f.non_empty("mimeType");
    let caption = f.str("caption");
    let view_once = f.bool("isViewOnce");
    let (width, height) = (f.u32("width").filter(|&n| n > 0), f.u32("height").filter(|&n| n > 0));
    match type_message {
        "imageMessage" => Content::Image { url, mime_type, caption, thumbnail_url: None, view_once, width, height },
        "videoMessage" => Content::Video { url, mime_type, caption, seconds: f.u32("seconds"), view_once, width, height },
        "audioMessage" => {
            Content::Audio { url, mime_type, seconds: f.u32("seconds"), voice: f.bool("isVoice").or_else(|| f.bool("ptt")), view_once }
        }
        "stickerMessage" => Content::Sticker { url, mime_type, animated: f.bool("isAnimated") },
        _ => Content::Document {
            url,
            mime_type,
            file_name: f.non_empty("fileName"),
            title: f.non_empty("title"),
            caption,
            page_count: f.u32("pageCount"),
        },
    }
}

fn contact_card(c: &Obj<'_, '_>) -> ContactCard {
    let vcard = c.non_empty("vcard");
    ContactCard { name: c.non_empty("displayName"), phones: vcard.as_deref().map(super::zapi::vcard_phones).unwrap_or_default(), vcard }
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
