//! Callbell message contents: the payload's `messageReaction`, `messageLocation`,
//! `messageContactCard`, `attachments`, `messageInteractiveList`, `messageReplyButton` or `text`
//! → [`Content`]. Add a content kind here.

use crate::model::*;
use crate::read::Obj;

/// `reaction` for `messageReaction`; then, in this order, `location` for
/// `messageLocation`, else `contacts` for `messageContactCard`, else a media kind for `attachments`
/// (the first one; kind from its extension; caption = text); then `list` for
/// `messageInteractiveList`, `buttons` for `messageReplyButton`; else `text`.
pub(super) fn content(p: &Obj<'_, '_>) -> Content {
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
        return crate::providers::media_from_url(url, text.filter(|t| !t.is_empty()));
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
        let kind = match c.non_empty("contentType")?.as_str() {
            "image" => HeaderKind::Image,
            "video" => HeaderKind::Video,
            "document" => HeaderKind::Document,
            _ => return None,
        };
        Some(MediaHeader { kind, url: c.non_empty("url"), mime_type: None })
    });
    Content::Buttons {
        text: content.as_ref().and_then(|c| c.str("text")),
        footer: None,
        header,
        buttons: m
            .objects("options")
            .iter()
            .map(|o| Button {
                kind: ButtonKind::Reply,
                id: o.non_empty("postback_text"),
                text: o.str("title"),
                value: o.non_empty("postback_url"),
            })
            .collect(),
    }
}
