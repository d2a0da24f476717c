//! Canonical chat and user ids (JIDs), in one place for every provider.
//!
//! `<digits>@c.us` (user by phone), `<id>@lid` (user by LID), `<id>@g.us` (group),
//! `<id>@newsletter`, `<id>@broadcast`. Z-API sends bare ids: `5544999999999`,
//! `120363019502650977-group`, legacy groups `5511999999999-1623281429`, `<n>-broadcast`.
//! Ids that already carry `@…` keep their server, with two rewrites: `@s.whatsapp.net` is
//! `@c.us`, and a device-qualified user `<user>:<device>` (multi-device JIDs such as
//! `71111111111:3@c.us`) loses its device part. `rawId` always keeps what was sent.
//!
//! A contact may be addressed by phone number or by LID, and one body may give both: [`chat`] and
//! [`party`] take the LID another field carries (Z-API `chatLid`, `senderLid`) and surface every
//! identifier. A LID of bare digits equal to the phone number is the phone, not a LID.

use crate::model::{Chat, ChatType, Party};

/// Digits of a phone number written as digits with an optional leading `+` and spaces.
pub fn phone_digits(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t.strip_prefix('+').unwrap_or(t);
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit() || b == b' ') {
        return None;
    }
    if !t.contains(' ') {
        return Some(t.to_string());
    }
    let d: String = t.chars().filter(char::is_ascii_digit).collect();
    (!d.is_empty()).then_some(d)
}

/// `user` + `suffix` in one allocation.
fn with_suffix(user: &str, suffix: &str) -> String {
    let mut s = String::with_capacity(user.len() + suffix.len());
    s.push_str(user);
    s.push_str(suffix);
    s
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit())
}

fn is_legacy_group(s: &str) -> bool {
    s.split_once('-').is_some_and(|(a, b)| all_digits(a) && all_digits(b))
}

/// The kind of chat a JID names, from its server part.
fn kind_of_jid(server: &str) -> ChatType {
    match server {
        "g.us" => ChatType::Group,
        "newsletter" => ChatType::Newsletter,
        "broadcast" => ChatType::Broadcast,
        _ => ChatType::Direct,
    }
}

/// A JID's user and server: the device part (`:<digits>`, and Baileys' agent `.<digits>` before
/// it) dropped from the user, `s.whatsapp.net` read as `c.us`. `None` for an id without `@`.
fn split_jid(t: &str) -> Option<(&str, &str)> {
    let (user, server) = t.rsplit_once('@')?;
    let user = match user.split_once(':') {
        Some((u, device)) if !u.is_empty() && all_digits(device) => u,
        _ => user,
    };
    let user = match user.split_once('.') {
        Some((u, agent)) if all_digits(u) && all_digits(agent) => u,
        _ => user,
    };
    Some((user, if server == "s.whatsapp.net" { "c.us" } else { server }))
}

/// A canonical `<id>@lid` from a field documented to hold a LID (`chatLid`, `senderLid`, …):
/// `<id>@lid` (device part dropped) or bare digits. Bare digits equal to `phone` are that phone,
/// not a LID (Z-API sends them so); anything else is no LID.
pub fn lid(raw: &str, phone: Option<&str>) -> Option<String> {
    let t = raw.trim();
    match split_jid(t) {
        Some((user, "lid")) if !user.is_empty() => Some(with_suffix(user, "@lid")),
        Some(_) => None,
        None if all_digits(t) && phone != Some(t) => Some(with_suffix(t, "@lid")),
        None => None,
    }
}

/// What the provider says about a bare id that its form alone does not tell.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints {
    pub group: bool,
    pub newsletter: bool,
}

/// The canonical chat for an id as the provider sent it, with the contact's LID from another
/// field (`lid`, e.g. Z-API `chatLid`) for direct chats.
pub fn chat(raw: &str, hints: Hints, other_lid: Option<&str>) -> Chat {
    let t = raw.trim();
    // `phone` is set for direct chats with a phone-number user part; `lid` for chats by LID.
    let (id, kind, phone, lid) = if let Some((user, server)) = split_jid(t) {
        match server {
            "c.us" => (with_suffix(user, "@c.us"), ChatType::Direct, phone_digits(user), None),
            "lid" => {
                let id = with_suffix(user, "@lid");
                (id.clone(), ChatType::Direct, None, Some(id))
            }
            _ => (t.to_string(), kind_of_jid(server), None, None),
        }
    } else if let Some(g) = t.strip_suffix("-group") {
        (with_suffix(g, "@g.us"), ChatType::Group, None, None)
    } else if let Some(b) = t.strip_suffix("-broadcast") {
        (with_suffix(b, "@broadcast"), ChatType::Broadcast, None, None)
    } else if is_legacy_group(t) {
        (with_suffix(t, "@g.us"), ChatType::Group, None, None)
    } else if hints.newsletter {
        (with_suffix(t, "@newsletter"), ChatType::Newsletter, None, None)
    } else if let Some(d) = phone_digits(t) {
        if hints.group {
            (with_suffix(&d, "@g.us"), ChatType::Group, None, None)
        } else {
            (with_suffix(&d, "@c.us"), ChatType::Direct, Some(d), None)
        }
    } else {
        (t.to_string(), ChatType::Direct, None, None)
    };
    let lid = match (lid, kind) {
        (None, ChatType::Direct) => other_lid.and_then(|l| self::lid(l, phone.as_deref())),
        (lid, _) => lid,
    };
    Chat { id, kind, phone, lid, raw_id: raw.to_string() }
}

/// A group the provider names by an opaque id without a server (Cloud API `group_id`):
/// `<id>@g.us`; an id that already carries `@…` is read as [`chat`] reads it.
pub fn group(raw: &str) -> Chat {
    let t = raw.trim();
    if t.contains('@') {
        return chat(raw, Hints { group: true, newsletter: false }, None);
    }
    Chat { id: with_suffix(t, "@g.us"), kind: ChatType::Group, phone: None, lid: None, raw_id: raw.to_string() }
}

/// A person from a phone number or a JID (`…@c.us`, `…@s.whatsapp.net`, `…@lid`, device parts
/// dropped), a LID from another field and a name. `id` is the phone's `@c.us` JID, else the LID.
/// `None` when nothing is known.
pub fn party(phone_or_jid: Option<&str>, other_lid: Option<&str>, name: Option<String>) -> Option<Party> {
    let mut p = Party { id: None, phone: None, lid: None, name };
    if let Some(raw) = phone_or_jid.map(str::trim).filter(|s| !s.is_empty()) {
        match split_jid(raw) {
            Some((user, "c.us")) => {
                p.phone = phone_digits(user);
                p.id = Some(with_suffix(user, "@c.us"));
            }
            Some((user, "lid")) => p.lid = Some(with_suffix(user, "@lid")),
            Some(_) => p.id = Some(raw.to_string()),
            None => {
                if let Some(d) = phone_digits(raw) {
                    p.id = Some(with_suffix(&d, "@c.us"));
                    p.phone = Some(d);
                }
            }
        }
    }
    if p.lid.is_none() {
        p.lid = other_lid.and_then(|l| lid(l, p.phone.as_deref()));
    }
    if p.id.is_none() {
        p.id.clone_from(&p.lid);
    }
    if p.id.is_none() && p.phone.is_none() && p.lid.is_none() && p.name.is_none() {
        None
    } else {
        Some(p)
    }
}

/// The contact of a direct chat as a person: its JID, phone and LID (or `other_lid` when the
/// chat has none), and a name.
pub fn contact(chat: &Chat, other_lid: Option<&str>, name: Option<String>) -> Party {
    let lid = chat.lid.clone().or_else(|| other_lid.and_then(|l| lid(l, chat.phone.as_deref())));
    Party { id: Some(chat.id.clone()), phone: chat.phone.clone(), lid, name }
}

#[cfg(test)]
#[path = "tests/ids_tests.rs"]
mod tests;
