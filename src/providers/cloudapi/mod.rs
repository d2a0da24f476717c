//! Meta's WhatsApp Cloud API (and the Business Solution Providers that forward it unchanged, such
//! as 360dialog): `{ object: "whatsapp_business_account", entry: [{ id, changes: [{ field, value }] }] }`.
//!
//! One body fans out: every `entry[].changes[]` of field `messages` gives one message event per
//! `value.messages[]` and one status event per `value.statuses[]`, in that order; a `user_preferences`
//! change gives one system event per `value.user_preferences[]`; `smb_message_echoes` one outbound
//! message event per `value.message_echoes[]` (sent from the WhatsApp Business app); any other
//! documented field gives one system event ([`FIELDS`]; `history` too: its messages are past ones,
//! not to be answered). `instanceId` is `value.metadata.phone_number_id` (the business
//! number the change is about), `null` for account-level fields that have no `metadata`.
//!
//! Identities: inbound messages come from the customer: `from` (a WhatsApp id = phone digits) is the
//! chat (`<digits>@c.us`) and the sender, whose name is the `value.contacts[]` entry with the same
//! `wa_id` (`profile.name`). Group messages (`group_id`) have the group as chat. A status's chat is
//! its `recipient_id`. Business-scoped user ids (BSUIDs: `from_user_id`, `recipient_user_id`,
//! `user_id`, `US.…`) are no phone and no LID: when the body has no phone number, the BSUID is the
//! chat's and the sender's `id` (as sent, without a server); when it has one, the BSUID stays in
//! `raw` (system events about a BSUID change keep it in `data`).
//!
//! Status mapping: `sent`, `delivered`, `read`, `played`, `failed`, `deleted` as named, `warning`
//! other; failures carry the first `errors[]` (see [`super::cloud_error`]). `conversation` and
//! `pricing` have no place in the model: they stay in `raw`.
//!
//! Timestamps are strings of epoch seconds; a value that is not a number (the placeholders of
//! 360dialog's examples) is `null` with an `invalid_type` warning.

mod content;
pub mod verify;

use crate::verify::{Credentials, VerifyOptions};
use super::{lookup, object_without, required, Ctx};
use crate::ids;
use crate::json::{Object, Value};
use crate::model::*;
use crate::read::Obj;

/// Cloud API: `object` is `whatsapp_business_account` and `entry` an array.
pub const MODULE: super::Module = super::Module {
    provider: Provider::Cloudapi,
    title: "Cloud API",
    shape: "`object` is `whatsapp_business_account` and `entry` an array",
    recognise,
    event_count,
    normalize,
    shared_with: &[],
    settled_by_headers: super::never,
    agrees_with: &[],
    verification: super::Verification {
        option: "secret",
        needs: "the Meta app secret (App Dashboard > App settings > Basic), which signs X-Hub-Signature-256",
        options: verify_options,
    },
};

/// This provider's `VerifyOptions` from the `verify` credentials.
fn verify_options(c: Credentials) -> VerifyOptions {
    VerifyOptions::cloud_api(c.secrets)
}

/// The provider event named by detection: the `field` of the first entry's first change
/// (`messages`, `account_update`, …), else the `object`.
fn recognise<'v, 'a>(root: &'v Object<'a>) -> Option<super::Found<'v, 'a>> {
    let object = super::str_field(root, "object")?;
    if object != "whatsapp_business_account" {
        return None;
    }
    let Some(Value::Array(entries)) = root.get("entry") else { return None };
    let first_field =
        objects_in_values(entries).next().and_then(|e| objects_in(e, "changes").next()).and_then(|c| super::str_field(c, "field"));
    Some(super::Found::top(root, first_field.unwrap_or(object)))
}

/// Other `field`s of the `whatsapp_business_account` object: (field, system event name).
const FIELDS: &[(&str, &str)] = &[
    ("account_alerts", "account.alert"),
    ("account_review_update", "account.review_updated"),
    ("account_update", "account.updated"),
    ("business_capability_update", "account.capability_updated"),
    ("security", "account.security"),
    ("message_template_status_update", "template.status_updated"),
    ("message_template_quality_update", "template.quality_updated"),
    ("message_template_components_update", "template.components_updated"),
    ("template_category_update", "template.category_updated"),
    ("phone_number_quality_update", "phone.quality_updated"),
    ("phone_number_name_update", "phone.name_updated"),
    ("flows", "flow.updated"),
    ("history", "history.synced"),
    ("smb_app_state_sync", "contacts.synced"),
    ("partner_solutions", "partner.solution_updated"),
    ("payment_configuration_update", "payment.configuration_updated"),
];

/// Keys of a change's `value` that every `messages`-like field has, left out of system events' `data`
/// (`metadata.phone_number_id` is the `instanceId`).
const ENVELOPE: &[&str] = &["messaging_product", "metadata"];

/// The Groups API fields: each `value.groups[]` item is one system event, named by its `type`
/// ([`GROUP_TYPES`]).
const GROUP_FIELDS: &[&str] = &["group_lifecycle_update", "group_participants_update", "group_settings_update", "group_status_update"];

/// `groups[].type`: (type, system event name).
const GROUP_TYPES: &[(&str, &str)] = &[
    ("group_create", "group.created"),
    ("group_delete", "group.deleted"),
    ("group_participants_add", "group.participant_added"),
    ("group_participants_remove", "group.participant_removed"),
    ("group_join_request_created", "group.join_requested"),
    ("group_join_request_revoked", "group.join_request_revoked"),
    ("group_settings_update", "group.settings_changed"),
    ("group_suspend", "group.suspended"),
    ("group_suspend_cleared", "group.suspension_cleared"),
];

/// A participant who removed themself (`initiated_by: "participant"`).
const GROUP_LEFT: (&str, &str) = ("participant", "group.participant_left");

/// Names outside the tables: (what the body says, system event name).
const REQUEST_WELCOME: (&str, &str) = ("request_welcome", "chat.welcome_requested");
const USER_PREFERENCES: (&str, &str) = ("user_preferences", "contact.preferences_updated");

/// The object items of an array field (what fans out).
fn objects_in<'v, 'a>(o: &'v Object<'a>, key: &str) -> impl Iterator<Item = &'v Object<'a>> {
    objects_in_values(o.get(key).and_then(Value::as_array).unwrap_or(&[]))
}

fn objects_in_values<'v, 'a>(items: &'v [Value<'a>]) -> impl Iterator<Item = &'v Object<'a>> {
    items.iter().filter_map(Value::as_object)
}

/// How many events one `changes[]` item gives (as [`change`] builds them).
fn change_count(change: &Object<'_>) -> usize {
    let Some(value) = change.get("value").and_then(Value::as_object) else { return 1 };
    let n = match super::str_field(change, "field") {
        Some("messages") => objects_in(value, "messages").count() + objects_in(value, "statuses").count(),
        Some("user_preferences") => objects_in(value, "user_preferences").count(),
        Some(f) if GROUP_FIELDS.contains(&f) => objects_in(value, "groups").count(),
        Some("calls") => objects_in(value, "calls").count() + objects_in(value, "statuses").count(),
        Some("smb_message_echoes") => objects_in(value, "message_echoes").count(),
        _ => 1,
    };
    n.max(1)
}

fn event_count(root: &Object<'_>) -> usize {
    objects_in(root, "entry").flat_map(|e| objects_in(e, "changes")).map(change_count).sum()
}

pub fn normalize(cx: &Ctx<'_>, b: &Obj<'_, '_>, _provider_event: &str) -> Vec<Event> {
    let mut out = Vec::new();
    let entries = b.objects("entry");
    if entries.is_empty() {
        b.warn(WarningCode::MissingField, "entry", "`entry` holds no entry object: the body gives no event".into());
    }
    for e in &entries {
        // `entry[].time` (seconds, a number) dates account-level changes.
        let entry_time = e.get("time").and_then(super::seconds_value);
        let changes = e.objects("changes");
        if changes.is_empty() {
            e.warn(WarningCode::MissingField, "changes", format!("`{}` holds no change", e.key_path("changes")));
        }
        // A change that is one event of its own is identified by its entry (id and time) when the
        // entry holds only it: the same account update sent again later is another event.
        let whole = (changes.len() == 1).then_some(e.o);
        for ch in &changes {
            change(cx, ch, whole, entry_time, &mut out);
        }
    }
    out
}

fn change(cx: &Ctx<'_>, ch: &Obj<'_, '_>, entry: Option<&Object<'_>>, entry_time: Option<i64>, out: &mut Vec<Event>) {
    let field = required(ch, "field", "the change's field", ch.str("field")).unwrap_or_default();
    let Some(v) = ch.obj("value") else {
        required(ch, "value", "the change's value", None::<()>);
        out.push(cx.unknown(ch, &field, None, entry_time, "value"));
        return;
    };
    let instance_id = v.obj("metadata").and_then(|m| m.id("phone_number_id"));
    match field.as_str() {
        "messages" | "smb_message_echoes" => {
            // Echoes are messages the business sent from the WhatsApp Business app (coexistence).
            let echoes = field != "messages";
            let contacts = if echoes { Vec::new() } else { v.objects("contacts") };
            let before = out.len();
            let messages = v.objects(if echoes { "message_echoes" } else { "messages" });
            let sole = messages.len() == 1;
            for m in &messages {
                out.push(message(cx, m, &contacts, sole, &field, instance_id.clone(), echoes));
            }
            for s in v.objects("statuses") {
                out.push(status(cx, &s, &field, instance_id.clone()));
            }
            if out.len() == before {
                out.push(cx.unknown(ch, &field, instance_id, entry_time, "value"));
            }
        }
        "user_preferences" => {
            let contacts = v.objects("contacts");
            let before = out.len();
            let items = v.objects("user_preferences");
            let sole = items.len() == 1;
            for p in &items {
                out.push(user_preference(cx, p, &contacts, sole, &field, instance_id.clone()));
            }
            if out.len() == before {
                out.push(system(cx, entry.unwrap_or(ch.o), v, &field, USER_PREFERENCES.1, instance_id, entry_time));
            }
        }
        "calls" => {
            let contacts = v.objects("contacts");
            let before = out.len();
            for c in v.objects("calls").iter().chain(v.objects("statuses").iter()) {
                out.push(call(cx, c, &contacts, &field, instance_id.clone()));
            }
            if out.len() == before {
                out.push(cx.unknown(ch, &field, instance_id, entry_time, "value"));
            }
        }
        f if GROUP_FIELDS.contains(&f) => {
            let before = out.len();
            for g in v.objects("groups") {
                out.push(group(cx, &g, &field, instance_id.clone()));
            }
            if out.len() == before {
                out.push(cx.unknown(ch, &field, instance_id, entry_time, "value"));
            }
        }
        _ => match lookup(FIELDS, &field) {
            Some(name) => out.push(system(cx, entry.unwrap_or(ch.o), v, &field, name, instance_id, entry_time)),
            None => out.push(cx.unknown(ch, &field, instance_id, entry_time, "field")),
        },
    }
}

/// A time in epoch seconds, documented as a string (`"1749416383"`; numbers are read too). A value
/// that is no number warns `invalid_type`; an absent one `missing_field`.
fn seconds(o: &Obj<'_, '_>, key: &str) -> Option<i64> {
    match o.get(key) {
        None => required(o, key, "the event time", None),
        Some(v) => {
            let ms = super::seconds_value(v);
            if ms.is_none() {
                o.warn(WarningCode::InvalidType, key, format!("`{}` is not epoch seconds; ignored", o.key_path(key)));
            }
            ms
        }
    }
}

/// A person known by a phone number (a WhatsApp id) or, without one, by a BSUID.
fn person(wa_id: Option<&str>, bsuid: Option<&str>, name: Option<String>) -> Option<Party> {
    let mut p = ids::party(wa_id, None, name);
    if let Some(u) = bsuid.filter(|u| !u.is_empty()) {
        match &mut p {
            Some(p) if p.id.is_none() => p.id = Some(u.to_string()),
            Some(_) => {}
            None => p = Some(Party { id: Some(u.to_string()), phone: None, lid: None, name: None }),
        }
    }
    p
}

/// The `value.contacts[]` entry of a WhatsApp id or BSUID; when none matches and the change has
/// one item (`sole`) and one contact, that contact (the placeholders of 360dialog's examples differ
/// between `from` and `wa_id`).
fn contact_of<'c, 'v, 'a>(contacts: &'c [Obj<'v, 'a>], wa_id: Option<&str>, bsuid: Option<&str>, sole: bool) -> Option<&'c Obj<'v, 'a>> {
    let by = |key: &str, want: Option<&str>| want.and_then(|w| contacts.iter().find(|c| c.non_empty_text(key).is_some_and(|x| x == w)));
    by("wa_id", wa_id).or_else(|| by("user_id", bsuid)).or(match contacts {
        [only] if sole => Some(only),
        _ => None,
    })
}

fn profile_name(c: Option<&Obj<'_, '_>>) -> Option<String> {
    c.and_then(|c| c.obj("profile")).and_then(|p| p.non_empty("name"))
}

// ---------------------------------------------------------------------------------------------
// Messages

/// A message: inbound from the customer (`value.messages[]`), or `echo`ed — sent by the business
/// from the WhatsApp Business app (`value.message_echoes[]`: outbound, `fromApi: false`, the customer
/// in `to`).
fn message(
    cx: &Ctx<'_>,
    m: &Obj<'_, '_>,
    contacts: &[Obj<'_, '_>],
    sole: bool,
    field: &str,
    instance_id: Option<String>,
    echo: bool,
) -> Event {
    let from = m.non_empty("from");
    let from_user = m.non_empty("from_user_id");
    let (customer_key, customer) = if echo {
        ("to", m.non_empty("to").or_else(|| m.non_empty("to_user_id")))
    } else {
        ("from", from.clone().or_else(|| from_user.clone()))
    };
    let contact = contact_of(contacts, from.as_deref(), from_user.as_deref(), sole);
    let sender = person(from.as_deref(), from_user.as_deref(), profile_name(contact));
    let chat = match m.non_empty("group_id") {
        Some(g) => Some(ids::group(&g)),
        None => required(m, customer_key, "the customer", customer.map(|c| ids::chat(&c, ids::Hints::default(), None))),
    };
    let timestamp = seconds(m, "timestamp");
    let message_id = required(m, "id", "the message id", m.non_empty("id"));
    let ty = required(m, "type", "the message type", m.str("type")).unwrap_or_default();
    let base = cx.base(field, instance_id, timestamp);
    if ty == "system" || ty == REQUEST_WELCOME.0 {
        return system_message(cx, m, base, &ty, message_id, chat, sender);
    }
    let mut e = MessageEvent {
        base,
        message_id,
        direction: if echo { Direction::Outbound } else { Direction::Inbound },
        from_api: echo.then_some(false),
        chat,
        sender,
        reply_to_message_id: None,
        forwarded: None,
        edited: false,
        edited_message_id: None,
        content: Content::Unsupported { provider_kind: String::new() },
        referral: None,
    };
    content::fill_message(&mut e, m, &ty);
    cx.finish(Event::Message(e), m.o)
}

/// `type: "system"` messages: (system.type, name).
const SYSTEM_TYPES: &[(&str, &str)] = &[
    ("user_changed_number", "contact.number_changed"),
    ("customer_changed_number", "contact.number_changed"),
    ("user_changed_user_id", "contact.user_id_changed"),
    ("customer_identity_changed", "contact.identity_changed"),
];

/// A `system` message (a customer changed number or user id) or a `request_welcome` (a customer
/// opened the chat for the first time): system events about the customer.
fn system_message(
    cx: &Ctx<'_>,
    m: &Obj<'_, '_>,
    base: EventBase,
    ty: &str,
    message_id: Option<String>,
    chat: Option<Chat>,
    sender: Option<Party>,
) -> Event {
    let (name, raw_name, data) = if ty == REQUEST_WELCOME.0 {
        (REQUEST_WELCOME.1.to_string(), ty.to_string(), object_without(m.o, &["from", "id", "timestamp", "type"]))
    } else {
        let sys = m.obj("system");
        let raw = sys.as_ref().and_then(|s| s.non_empty("type")).unwrap_or_else(|| "system".into());
        let name = match lookup(SYSTEM_TYPES, &raw) {
            Some(n) => n.to_string(),
            None => {
                let name = format!("system.{}", raw.to_ascii_lowercase());
                m.warn(
                    WarningCode::UnknownNotification,
                    "system.type",
                    format!("system message type `{raw}` is not in this library's table; named `{name}`"),
                );
                name
            }
        };
        (name, raw, sys.map(|s| object_without(s.o, &[])).unwrap_or_default())
    };
    let event = SystemEvent { base, name, raw_name, chat, message_id, sender, data: SystemData::Fields(data) };
    cx.finish(Event::System(event), m.o)
}

// ---------------------------------------------------------------------------------------------
// Statuses

/// Cloud API `status` values (compared with case, `-`, `_` and space ignored).
const STATUSES: &[(&str, Status)] = &[
    ("sent", Status::Sent),
    ("delivered", Status::Delivered),
    ("read", Status::Read),
    ("played", Status::Played),
    ("failed", Status::Failed),
    ("deleted", Status::Deleted),
    ("warning", Status::Other),
];

fn status(cx: &Ctx<'_>, s: &Obj<'_, '_>, field: &str, instance_id: Option<String>) -> Event {
    let raw = s.str("status").unwrap_or_default();
    let status = lookup(STATUSES, &raw).unwrap_or_else(|| {
        s.warn(WarningCode::UnknownStatus, "status", format!("status `{raw}` is not in the status table; status is `unknown`"));
        Status::Unknown
    });
    let recipient = s.non_empty("recipient_id");
    let chat = match recipient {
        Some(r) if s.text("recipient_type").as_deref() == Some("group") => Some(ids::group(&r)),
        r => r.or_else(|| s.non_empty("recipient_user_id")).map(|r| ids::chat(&r, ids::Hints::default(), None)),
    };
    let chat = required(s, "recipient_id", "the chat", chat);
    let timestamp = seconds(s, "timestamp");
    let message_id = required(s, "id", "the message id", s.non_empty("id"));
    let event = StatusEvent {
        base: cx.base(field, instance_id, timestamp),
        message_id,
        status,
        raw_status: raw,
        rank: status.rank(),
        actor: Actor::Recipient,
        chat,
        error: (status == Status::Failed).then(|| super::cloud_error(s)),
    };
    cx.finish(Event::Status(event), s.o)
}

// ---------------------------------------------------------------------------------------------
// Other fields

fn system(
    cx: &Ctx<'_>,
    source: &Object<'_>,
    v: Obj<'_, '_>,
    field: &str,
    name: &str,
    instance_id: Option<String>,
    entry_time: Option<i64>,
) -> Event {
    let timestamp = entry_time.or_else(|| v.get("timestamp").and_then(super::seconds_value));
    let event = SystemEvent {
        base: cx.base(field, instance_id, timestamp),
        name: name.to_string(),
        raw_name: field.to_string(),
        chat: None,
        message_id: None,
        sender: None,
        data: SystemData::Fields(object_without(v.o, ENVELOPE)),
    };
    cx.finish(Event::System(event), source)
}

/// One `user_preferences[]` item: a customer stopped or resumed marketing messages.
fn user_preference(cx: &Ctx<'_>, p: &Obj<'_, '_>, contacts: &[Obj<'_, '_>], sole: bool, field: &str, instance_id: Option<String>) -> Event {
    let wa_id = p.non_empty("wa_id");
    let bsuid = p.non_empty("user_id");
    let contact = contact_of(contacts, wa_id.as_deref(), bsuid.as_deref(), sole);
    let chat = wa_id.as_deref().or(bsuid.as_deref()).map(|c| ids::chat(c, ids::Hints::default(), None));
    let event = SystemEvent {
        base: cx.base(field, instance_id, p.get("timestamp").and_then(super::seconds_value)),
        name: USER_PREFERENCES.1.into(),
        raw_name: field.to_string(),
        chat,
        message_id: None,
        sender: person(wa_id.as_deref(), bsuid.as_deref(), profile_name(contact)),
        data: SystemData::Fields(object_without(p.o, &[])),
    };
    cx.finish(Event::System(event), p.o)
}

/// One `groups[]` item of a Groups API field: the group is the chat; a join request's customer
/// (`wa_id`) the sender; `data` the item (participants, settings, `errors` of a failed request).
fn group(cx: &Ctx<'_>, g: &Obj<'_, '_>, field: &str, instance_id: Option<String>) -> Event {
    let raw = g.non_empty("type").unwrap_or_default();
    let name = match lookup(GROUP_TYPES, &raw) {
        _ if raw == "group_participants_remove" && g.text("initiated_by").as_deref() == Some(GROUP_LEFT.0) => GROUP_LEFT.1.to_string(),
        Some(n) => n.to_string(),
        None => {
            let name = format!("group.{}", raw.to_ascii_lowercase());
            g.warn(WarningCode::UnknownNotification, "type", format!("group type `{raw}` is not in this library's table; named `{name}`"));
            name
        }
    };
    let event = SystemEvent {
        base: cx.base(field, instance_id, seconds(g, "timestamp")),
        name,
        raw_name: raw,
        chat: required(g, "group_id", "the group", g.non_empty("group_id")).map(|id| ids::group(&id)),
        message_id: None,
        sender: person(g.non_empty("wa_id").as_deref(), g.non_empty("user_id").as_deref(), None),
        data: SystemData::Fields(object_without(g.o, &[])),
    };
    cx.finish(Event::System(event), g.o)
}

/// A Calling API webhook: a `calls[]` item (`event` `connect`: a user's call offered, or the user
/// accepted the business's call; `terminate`: ended) or a business-initiated call's `statuses[]`
/// item (`RINGING`, `ACCEPTED`, `REJECTED`). The chat is the customer; `from` the caller.
fn call(cx: &Ctx<'_>, c: &Obj<'_, '_>, contacts: &[Obj<'_, '_>], field: &str, instance_id: Option<String>) -> Event {
    let status = c.non_empty("status");
    let event = c.non_empty("event");
    // A status item (`type: "call"`) is about a call the business made.
    let business_side = event.is_none() || c.text("direction").as_deref() == Some("BUSINESS_INITIATED");
    let (user_key, bsuid_key) = if business_side { ("to", "to_user_id") } else { ("from", "from_user_id") };
    let user = if event.is_none() { c.non_empty("recipient_id") } else { c.non_empty(user_key) };
    let bsuid = c.non_empty(if event.is_none() { "recipient_user_id" } else { bsuid_key });
    let contact = contact_of(contacts, user.as_deref(), bsuid.as_deref(), false);
    let customer = person(user.as_deref(), bsuid.as_deref(), profile_name(contact));
    let raw = event.clone().or(status.clone());
    let state = match (event.as_deref(), status.as_deref()) {
        (Some("connect"), _) if business_side => CallState::Accepted,
        (Some("connect"), _) => CallState::Offer,
        (Some("terminate"), _) => CallState::Ended,
        (None, Some(s)) if s.eq_ignore_ascii_case("RINGING") => CallState::Offer,
        (None, Some(s)) if s.eq_ignore_ascii_case("ACCEPTED") => CallState::Accepted,
        (None, Some(s)) if s.eq_ignore_ascii_case("REJECTED") => CallState::Rejected,
        _ => {
            let shown = raw.as_deref().unwrap_or("");
            c.warn(WarningCode::UnknownState, "event", format!("call event `{shown}` is not known; state is `unknown`"));
            CallState::Unknown
        }
    };
    let event = CallEvent {
        base: cx.base(field, instance_id, seconds(c, "timestamp")),
        call_id: required(c, "id", "the call id", c.non_empty("id")),
        chat: user.or(bsuid).map(|u| ids::chat(&u, ids::Hints::default(), None)),
        from: if business_side { person(c.non_empty("from").as_deref(), None, None).filter(|_| event.is_some()) } else { customer },
        state,
        raw_state: raw,
        video: None,
    };
    cx.finish(Event::Call(event), c.o)
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
