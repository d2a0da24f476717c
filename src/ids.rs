//! Canonical chat and user ids (JIDs).
//!
//! `<digits>@c.us` (user by phone), `<id>@lid` (user by LID), `<id>@g.us` (group),
//! `<id>@newsletter`, `<id>@broadcast`. Z-API sends bare ids: `5544999999999`,
//! `120363019502650977-group`, legacy groups `5511999999999-1623281429`, `<n>-broadcast`.
//! Ids that already carry `@…` keep it.

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

fn is_legacy_group(s: &str) -> bool {
    match s.split_once('-') {
        Some((a, b)) => !a.is_empty() && !b.is_empty() && a.bytes().all(|c| c.is_ascii_digit()) && b.bytes().all(|c| c.is_ascii_digit()),
        None => false,
    }
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

/// What the provider says about a bare id that its form alone does not tell.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hints {
    pub group: bool,
    pub newsletter: bool,
}

/// The canonical chat for an id as the provider sent it.
pub fn chat(raw: &str, hints: Hints) -> Chat {
    let t = raw.trim();
    // `phone` is set for direct chats with a phone-number user part.
    let (id, kind, phone) = if let Some((user, server)) = t.rsplit_once('@') {
        match server {
            "s.whatsapp.net" => (with_suffix(user, "@c.us"), ChatType::Direct, phone_digits(user)),
            "c.us" => (t.to_string(), ChatType::Direct, phone_digits(user)),
            _ => (t.to_string(), kind_of_jid(server), None),
        }
    } else if let Some(g) = t.strip_suffix("-group") {
        (with_suffix(g, "@g.us"), ChatType::Group, None)
    } else if let Some(b) = t.strip_suffix("-broadcast") {
        (with_suffix(b, "@broadcast"), ChatType::Broadcast, None)
    } else if is_legacy_group(t) {
        (with_suffix(t, "@g.us"), ChatType::Group, None)
    } else if hints.newsletter {
        (with_suffix(t, "@newsletter"), ChatType::Newsletter, None)
    } else if let Some(d) = phone_digits(t) {
        if hints.group {
            (with_suffix(&d, "@g.us"), ChatType::Group, None)
        } else {
            (with_suffix(&d, "@c.us"), ChatType::Direct, Some(d))
        }
    } else {
        (t.to_string(), ChatType::Direct, None)
    };
    Chat { id, kind, phone, raw_id: raw.to_string() }
}

/// A person from a phone number or a JID (`...@c.us`, `...@s.whatsapp.net`, `...@lid`), an
/// optional LID and name. `None` when nothing is known.
pub fn party(phone_or_jid: Option<&str>, lid: Option<&str>, name: Option<String>) -> Option<Party> {
    let mut p = Party { id: None, phone: None, lid: lid.map(str::to_string).filter(|s| !s.is_empty()), name };
    if let Some(raw) = phone_or_jid.map(str::trim).filter(|s| !s.is_empty()) {
        if raw.ends_with("@lid") {
            p.lid = Some(raw.to_string());
        } else if let Some(user) = raw.strip_suffix("@c.us").or_else(|| raw.strip_suffix("@s.whatsapp.net")) {
            p.phone = phone_digits(user);
            p.id = Some(with_suffix(user, "@c.us"));
        } else if raw.contains('@') {
            p.id = Some(raw.to_string());
        } else if let Some(d) = phone_digits(raw) {
            p.id = Some(with_suffix(&d, "@c.us"));
            p.phone = Some(d);
        }
    }
    if let Some(lid) = &p.lid {
        if !lid.contains('@') {
            p.lid = Some(with_suffix(lid, "@lid"));
        }
        if p.id.is_none() {
            p.id = p.lid.clone();
        }
    }
    if p.id.is_none() && p.phone.is_none() && p.lid.is_none() && p.name.is_none() {
        None
    } else {
        Some(p)
    }
}

#[cfg(test)]
#[path = "tests/ids_tests.rs"]
mod tests;
