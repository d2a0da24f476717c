//! Z-API, and Plugchat which sends the same bodies: `type` is `ReceivedCallback`,
//! `MessageStatusCallback`, `DeliveryCallback`, `PresenceChatCallback`, `ConnectedCallback` or
//! `DisconnectedCallback` (compared case-insensitively: the docs also spell `ReceivedCallBack`).
//!
//! Status mapping: `SENT` sent, `RECEIVED` delivered, `READ` read, `PLAYED` played,
//! `READ_BY_ME`/`READ-SELF` read by self; `DeliveryCallback` accepted, or failed with `error`.

mod content;

use crate::verify::{Credentials, VerifyOptions};
use super::{lookup, to_json, Ctx};
use crate::ids::{self, Hints};
use crate::model::*;
use crate::read::Obj;

/// Z-API: `type` ends in `Callback` (any case). Plugchat sends the same bodies: the hint, or a
/// `z-api-token` / `origin: https://api.z-api.io` header, settles which; otherwise `ambiguous`.
pub const MODULE: super::Module = super::Module {
    provider: Provider::Zapi,
    title: "Z-API",
    shape: "`type` ends in `Callback`",
    recognise,
    event_count: |body| super::len_of(body, "ids").max(1),
    normalize,
    shared_with: &[Provider::Plugchat],
    settled_by_headers,
    agrees_with: &[],
    verification: super::Verification {
        option: "token",
        needs: "the token Z-API sends in its header (`z-api-token` unless `header` names another)",
        options: verify_options,
    },
};

/// This provider's `VerifyOptions` from the `verify` credentials.
pub fn verify_options(c: Credentials) -> VerifyOptions {
    let o = VerifyOptions::token_header(c.secrets);
    match c.header {
        Some(h) if !h.is_empty() => o.header(h),
        _ => o,
    }
}

fn recognise<'v, 'a>(root: &'v crate::json::Object<'a>) -> Option<super::Found<'v, 'a>> {
    let t = super::str_field(root, "type")?;
    let callback = t.len() >= 8 && t.get(t.len() - 8..).is_some_and(|end| end.eq_ignore_ascii_case("callback"));
    callback.then(|| super::Found::top(root, t))
}

fn settled_by_headers(headers: &crate::Headers) -> bool {
    headers.get("z-api-token").is_some_and(|v| !v.is_empty())
        || headers.get("origin").is_some_and(|v| v.trim().trim_end_matches('/').eq_ignore_ascii_case("https://api.z-api.io"))
}

/// Keys of a `ReceivedCallback` body that describe the message rather than hold its content.
pub(super) const ENVELOPE: &[&str] = &[
    "type",
    "instanceId",
    "momment",
    "moment",
    "phone",
    "isGroup",
    "isNewsletter",
    "fromMe",
    "status",
    "chatName",
    "senderPhoto",
    "senderName",
    "photo",
    "broadcast",
    "messageId",
    "waitingMessage",
    "isStatusReply",
    "connectedPhone",
    "isEdit",
    "senderLid",
    "chatLid",
    "participantPhone",
    "participantLid",
    "referenceMessageId",
    "forwarded",
    "fromApi",
    "messageExpirationSeconds",
    "externalAdReply",
    "notification",
    "notificationParameters",
    "callId",
    "code",
    "expiresAt",
    "viewOnce",
    "broadcastRecipients",
    "zaapId",
    "isAutomaticMessage",
    "requestMethod",
    "linkMode",
    "profileName",
    "updatedPhoto",
    "statusImage",
];

/// The body's instance id and timestamp (`momment`, also spelled `moment`).
fn envelope(b: &Obj<'_, '_>) -> (Option<String>, Option<i64>) {
    (b.non_empty("instanceId"), b.millis(time_key(b)))
}

/// The key of the body's time: `momment` as documented, `moment` where a body spells it so.
fn time_key(b: &Obj<'_, '_>) -> &'static str {
    if !b.has("momment") && b.has("moment") {
        "moment"
    } else {
        "momment"
    }
}

/// The timestamp of a message or status event, with a `missing_field` warning when there is none.
fn required_time(b: &Obj<'_, '_>, timestamp: Option<i64>) -> Option<i64> {
    super::required(b, time_key(b), "the event time", timestamp)
}

pub fn normalize(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Vec<Event> {
    // Event names compare case-insensitively (Z-API and Plugchat differ in case).
    let is = |name: &str| provider_event.eq_ignore_ascii_case(name);
    if is("ReceivedCallback") {
        vec![received(cx, b, provider_event)]
    } else if is("MessageStatusCallback") {
        statuses(cx, b, provider_event)
    } else if is("DeliveryCallback") {
        vec![delivery(cx, b, provider_event)]
    } else if is("PresenceChatCallback") {
        vec![presence(cx, b, provider_event)]
    } else if is("ConnectedCallback") || is("DisconnectedCallback") {
        vec![connection(cx, b, provider_event)]
    } else {
        let (instance_id, timestamp) = envelope(b);
        vec![cx.unknown(b, provider_event, instance_id, timestamp, "type")]
    }
}

fn hints(b: &Obj<'_, '_>) -> Hints {
    Hints { group: b.bool("isGroup") == Some(true), newsletter: b.bool("isNewsletter") == Some(true) }
}

/// The chat the body addresses: `phone` (a phone number, a group id, or a LID on self-sync
/// bodies) with the contact's `chatLid`. `None`, with a `missing_field` warning, without `phone`.
fn chat_of(b: &Obj<'_, '_>) -> Option<Chat> {
    let phone = super::required(b, "phone", "the chat id", b.non_empty_text("phone"))?;
    Some(ids::chat(&phone, hints(b), b.non_empty_text("chatLid").as_deref()))
}

/// Whether the body's chat is a direct one (from the chat, else from `isGroup`/`isNewsletter`).
fn is_direct(b: &Obj<'_, '_>, chat: Option<&Chat>) -> bool {
    match chat {
        Some(c) => c.kind == ChatType::Direct,
        None => {
            let h = hints(b);
            !h.group && !h.newsletter
        }
    }
}

/// The author of a message: in groups, newsletters and broadcasts the participant
/// (`participantPhone`, `participantLid`/`senderLid`); on messages sent from the connected number
/// the account itself (`connectedPhone`, `senderName`); else the chat's contact, named
/// `senderName`, else `chatName`.
fn author(b: &Obj<'_, '_>, chat: Option<&Chat>, from_me: bool) -> Option<Party> {
    let name = b.non_empty("senderName");
    if !is_direct(b, chat) {
        let lid = b.first_str(&["participantLid", "senderLid"]);
        ids::party(b.non_empty("participantPhone").as_deref(), lid.as_deref(), name)
    } else if from_me {
        ids::party(b.non_empty("connectedPhone").as_deref(), None, name)
    } else {
        let name = name.or_else(|| b.non_empty("chatName"));
        let lid = b.non_empty("senderLid");
        match chat {
            Some(c) => Some(ids::contact(c, lid.as_deref(), name)),
            None => ids::party(None, lid.as_deref(), name),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// ReceivedCallback: messages, notifications (system events and calls), waiting messages.

/// Normalizes one received message body (also used for Plugchat attendance `chat` entries).
/// Each kind of webhook is a function of its own that is never inlined into `normalize`: V8
/// compiles wasm one function at a time on first call, so the first body compiles only the
/// handler it reaches (bench/cold.mjs).
#[inline(never)]
pub fn received(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Event {
    let (instance_id, timestamp) = envelope(b);
    let mut chat = chat_of(b);
    if let Some(notification) = b.non_empty("notification") {
        return notification_event(cx, b, provider_event, instance_id, timestamp, chat, &notification);
    }
    let from_me = b.bool("fromMe").unwrap_or(false);
    if !from_me {
        // A direct chat's contact is the sender of what it receives: its `senderLid` is the chat's LID.
        if let Some(c) = chat.as_mut().filter(|c| c.kind == ChatType::Direct && c.lid.is_none()) {
            c.lid = b.non_empty_text("senderLid").and_then(|l| ids::lid(&l, c.phone.as_deref()));
        }
    }
    let sender = author(b, chat.as_ref(), from_me);
    let message_id = super::required(b, "messageId", "the message id", b.non_empty("messageId"));
    let timestamp = required_time(b, timestamp);
    let content = if b.bool("waitingMessage") == Some(true) { Content::Waiting {} } else { content::content(b) };
    // An edit (`isEdit`) carries the id of the message it replaces.
    let edited = b.bool("isEdit").unwrap_or(false);
    let event = Event::Message(MessageEvent {
        base: cx.base(provider_event, instance_id, timestamp),
        edited_message_id: if edited { message_id.clone() } else { None },
        message_id,
        direction: if from_me { Direction::Outbound } else { Direction::Inbound },
        from_api: b.bool("fromApi"),
        chat,
        sender,
        reply_to_message_id: b.non_empty("referenceMessageId"),
        forwarded: b.bool("forwarded"),
        edited,
        content,
        referral: None,
    });
    cx.finish(event, b.o)
}

/// Z-API notification names → system event names. `CALL_*` become call events instead.
fn notification_name(raw: &str) -> Option<&'static str> {
    Some(match raw {
        "GROUP_CREATE" => "group.created",
        "GROUP_PARTICIPANT_ADD" => "group.participant_added",
        "GROUP_PARTICIPANT_REMOVE" => "group.participant_removed",
        "GROUP_PARTICIPANT_LEAVE" => "group.participant_left",
        "GROUP_PARTICIPANT_PROMOTE" => "group.participant_promoted",
        "GROUP_PARTICIPANT_DEMOTE" => "group.participant_demoted",
        "GROUP_PARTICIPANT_INVITE" => "group.participant_invited",
        "GROUP_CHANGE_SUBJECT" => "group.subject_changed",
        "GROUP_CHANGE_DESCRIPTION" => "group.description_changed",
        "GROUP_CHANGE_ICON" => "group.icon_changed",
        "GROUP_CHANGE_RESTRICT" => "group.restrict_changed",
        "GROUP_CHANGE_ANNOUNCE" => "group.announce_changed",
        "GROUP_CHANGE_INVITE_LINK" => "group.invite_link_changed",
        "GROUP_MEMBER_LINK_PROPERTY_UPDATE" => "group.link_mode_changed",
        "MEMBERSHIP_APPROVAL_REQUEST" => "group.join_requested",
        "REVOKED_MEMBERSHIP_REQUESTS" => "group.join_request_revoked",
        "E2E_ENCRYPTED" => "chat.e2e_encrypted",
        "CIPHERTEXT" => "message.ciphertext",
        "REVOKE" => "message.revoked",
        "BLUE_MSG_SELF_PREMISE_UNVERIFIED" => "business.unverified",
        "BLUE_MSG_SELF_PREMISE_VERIFIED" => "business.verified",
        "BIZ_MOVE_TO_CONSUMER_APP" => "business.moved_to_consumer_app",
        "PAYMENT_ACTION_REQUEST_DECLINED" => "payment.request_declined",
        "NEWSLETTER_ADMIN_PROMOTE" => "newsletter.admin_promoted",
        "NEWSLETTER_ADMIN_DEMOTE" => "newsletter.admin_demoted",
        "CHAT_LABEL_ASSOCIATION" => "chat.label_association",
        "PROFILE_NAME_UPDATED" => "profile.name_updated",
        "PROFILE_PICTURE_UPDATED" => "profile.picture_updated",
        _ => return None,
    })
}

#[inline(never)]
fn notification_event(
    cx: &Ctx<'_>,
    b: &Obj<'_, '_>,
    provider_event: &str,
    instance_id: Option<String>,
    timestamp: Option<i64>,
    chat: Option<Chat>,
    raw: &str,
) -> Event {
    let call = match raw {
        "CALL_VOICE" => Some((CallState::Offer, false)),
        "CALL_VIDEO" => Some((CallState::Offer, true)),
        "CALL_MISSED_VOICE" => Some((CallState::Missed, false)),
        "CALL_MISSED_VIDEO" => Some((CallState::Missed, true)),
        _ => None,
    };
    if let Some((state, video)) = call {
        let from = author(b, chat.as_ref(), false);
        let event = Event::Call(CallEvent {
            base: cx.base(provider_event, instance_id, timestamp),
            call_id: b.non_empty("callId"),
            chat,
            from,
            state,
            raw_state: Some(raw.to_string()),
            video: Some(video),
        });
        return cx.finish(event, b.o);
    }
    let name = match notification_name(raw) {
        Some(n) => n.to_string(),
        None => {
            b.warn(
                WarningCode::UnknownNotification,
                "notification",
                format!("notification `{raw}` is not in this library's table; named `notification.{}`", raw.to_ascii_lowercase()),
            );
            format!("notification.{}", raw.to_ascii_lowercase())
        }
    };
    let mut data = super::object_without(b.o, ENVELOPE);
    data.insert("notificationParameters", b.get("notificationParameters").map_or(Json::Array(Vec::new()), to_json));
    for key in
        ["participantPhone", "participantLid", "requestMethod", "linkMode", "profileName", "updatedPhoto", "callId", "code", "expiresAt"]
    {
        if let Some(v) = b.get(key) {
            data.insert(key, to_json(v));
        }
    }
    // Who did it: the participant the body names, else a direct chat's contact.
    let participant_lid = b.non_empty("participantLid");
    let sender = ids::party(b.non_empty("participantPhone").as_deref(), participant_lid.as_deref(), None).or_else(|| {
        chat.as_ref()
            .filter(|c| c.kind == ChatType::Direct)
            .map(|c| ids::contact(c, b.non_empty_text("senderLid").as_deref(), b.non_empty("senderName")))
    });
    let event = Event::System(SystemEvent {
        base: cx.base(provider_event, instance_id, timestamp),
        name,
        raw_name: raw.to_string(),
        chat,
        message_id: b.non_empty("messageId"),
        sender,
        data: SystemData::Fields(data),
    });
    cx.finish(event, b.o)
}

// ---------------------------------------------------------------------------------------------
// Message status, delivery, presence, connection.

/// Z-API/Plugchat status values → (status, actor), compared case-insensitively.
const STATUSES: &[(&str, (Status, Actor))] = &[
    ("SENT", (Status::Sent, Actor::Recipient)),
    ("RECEIVED", (Status::Delivered, Actor::Recipient)),
    ("READ", (Status::Read, Actor::Recipient)),
    ("PLAYED", (Status::Played, Actor::Recipient)),
    ("READ_BY_ME", (Status::Read, Actor::SelfActor)),
    ("READ_SELF", (Status::Read, Actor::SelfActor)),
    // Sent on the wire, beyond the documented list.
    ("DELIVERED", (Status::Delivered, Actor::Recipient)),
    ("PENDING", (Status::Accepted, Actor::Recipient)),
    ("FAILED", (Status::Failed, Actor::Recipient)),
    ("ERROR", (Status::Failed, Actor::Recipient)),
    ("DELETED", (Status::Deleted, Actor::Recipient)),
    ("REVOKED", (Status::Deleted, Actor::Recipient)),
];

/// Z-API/Plugchat presence values, compared case-insensitively.
const PRESENCES: &[(&str, Presence)] = &[
    ("AVAILABLE", Presence::Available),
    ("UNAVAILABLE", Presence::Unavailable),
    ("COMPOSING", Presence::Composing),
    ("RECORDING", Presence::Recording),
    ("PAUSED", Presence::Paused),
];

/// `MessageStatusCallback`: one status event per id in `ids`, in order.
#[inline(never)]
fn statuses(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Vec<Event> {
    let (mut instance_id, timestamp) = envelope(b);
    let timestamp = required_time(b, timestamp);
    let mut raw_status = b.str("status").unwrap_or_else(|| {
        b.warn(WarningCode::MissingField, "status", "`status` is missing".into());
        String::new()
    });
    let (status, actor) = lookup(STATUSES, &raw_status).unwrap_or_else(|| {
        b.warn(WarningCode::UnknownStatus, "status", format!("status `{raw_status}` is not in the status table; status is `unknown`"));
        (Status::Unknown, Actor::Recipient)
    });
    let mut chat = chat_of(b);
    let mut error = (status == Status::Failed).then(|| failure(b));
    let mut ids: Vec<Option<String>> = b.str_list("ids").into_iter().map(|id| Some(id).filter(|s| !s.is_empty())).collect();
    if ids.is_empty() {
        let id = b.first_str(&["id", "messageId"]);
        if id.is_none() {
            b.warn(WarningCode::MissingField, "ids", "`ids` is missing or empty; one status event without a message id".into());
        }
        ids.push(id);
    }
    let n = ids.len();
    ids.into_iter()
        .enumerate()
        .map(|(i, message_id)| {
            // The last event takes the shared fields; the others copy them.
            let last = i + 1 == n;
            let event = Event::Status(StatusEvent {
                base: cx.base(provider_event, if last { instance_id.take() } else { instance_id.clone() }, timestamp),
                message_id,
                status,
                raw_status: if last { std::mem::take(&mut raw_status) } else { raw_status.clone() },
                rank: status.rank(),
                actor,
                chat: if last { chat.take() } else { chat.clone() },
                error: if last { error.take() } else { error.clone() },
            });
            cx.finish(event, b.o)
        })
        .collect()
}

/// `DeliveryCallback`: the message was handed to WhatsApp (`accepted`) or failed with `error`.
#[inline(never)]
fn delivery(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Event {
    let (instance_id, timestamp) = envelope(b);
    let message_id = b.first_str(&["messageId", "zaapId", "id"]);
    let message_id = super::required(b, "messageId", "the message id", message_id);
    let timestamp = required_time(b, timestamp);
    // `error` holds the failure's text; `false`, `null` or `""` is no failure.
    let error = failure(b);
    let failed = error.message.is_some() || error.code.is_some();
    let status = if failed { Status::Failed } else { Status::Accepted };
    let event = Event::Status(StatusEvent {
        base: cx.base(provider_event, instance_id, timestamp),
        message_id,
        status,
        raw_status: provider_event.to_string(),
        rank: status.rank(),
        actor: Actor::Recipient,
        chat: chat_of(b),
        error: failed.then_some(error),
    });
    cx.finish(event, b.o)
}

/// The failure details a status body gives: `error` (text) and `errorCode`/`code`; both `null`
/// when it gives none.
fn failure(b: &Obj<'_, '_>) -> StatusError {
    StatusError { code: b.first_str(&["errorCode", "code"]), message: b.non_empty("error") }
}

#[inline(never)]
fn presence(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Event {
    let (instance_id, timestamp) = envelope(b);
    let raw = b.str("status").unwrap_or_default();
    let presence = lookup(PRESENCES, &raw).unwrap_or_else(|| {
        b.warn(WarningCode::UnknownPresence, "status", format!("presence `{raw}` is not known; presence is `unknown`"));
        Presence::Unknown
    });
    let event = Event::Presence(PresenceEvent {
        base: cx.base(provider_event, instance_id, timestamp),
        chat: chat_of(b).unwrap_or_else(|| ids::chat("", Hints::default(), None)),
        presence,
        raw_presence: raw,
        last_seen: b.millis("lastSeen"),
        participant: None,
    });
    cx.finish(event, b.o)
}

#[inline(never)]
fn connection(cx: &Ctx<'_>, b: &Obj<'_, '_>, provider_event: &str) -> Event {
    let (instance_id, timestamp) = envelope(b);
    let connected = provider_event.eq_ignore_ascii_case("ConnectedCallback");
    let event = Event::Connection(ConnectionEvent {
        base: cx.base(provider_event, instance_id, timestamp),
        state: if connected { ConnectionState::Connected } else { ConnectionState::Disconnected },
        raw_state: provider_event.to_string(),
        reason: b.non_empty("error"),
        phone: b.str("phone").as_deref().and_then(ids::phone_digits),
    });
    cx.finish(event, b.o)
}
