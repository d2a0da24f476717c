//! Cloud API message contents: `messages[].type` → [`Content`] ([`KINDS`]), and the reply, forward,
//! edit and referral fields of a message. Add a content kind here.
//!
//! Media come by **id** (`mediaId`: fetch them with the Graph API `GET /<media id>`); `url` is set
//! only when the body gives one (newer bodies add a lookaside URL that also needs the access token).

use crate::json::Value;
use crate::model::*;
use crate::read::Obj;

/// A content reader: the message object and its `type`.
type Reader = fn(&Obj<'_, '_>, &str) -> Content;

/// `type` → reader. `edit` is handled by [`fill_message`] (it wraps another message); `system` and
/// `request_welcome` are system events (see `mod.rs`).
const KINDS: &[(&str, Reader)] = &[
    ("text", text),
    ("image", media),
    ("video", media),
    ("audio", media),
    ("voice", media),
    ("document", media),
    ("sticker", media),
    ("location", location),
    ("contacts", contacts),
    ("reaction", reaction),
    ("interactive", interactive),
    ("button", button),
    ("order", order),
    ("revoke", revoke),
    ("unsupported", unavailable),
    ("unknown", unavailable),
];

/// Sets content, reply, forward, edit and referral fields from a message object of type `ty`.
pub(super) fn fill_message(m: &mut MessageEvent, msg: &Obj<'_, '_>, ty: &str) {
    set_context(m, msg);
    m.referral = msg.obj("referral").map(|r| referral(&r));
    if ty == "edit" {
        m.edited = true;
        let Some(edit) = msg.obj("edit") else {
            m.content = missing(msg, "edit", ty);
            return;
        };
        m.edited_message_id = edit.non_empty("original_message_id");
        // The new version is a message of its own (`edit.message`, with its `type`).
        m.content = match edit.obj("message") {
            Some(inner) => {
                if m.reply_to_message_id.is_none() {
                    set_context(m, &inner);
                }
                let inner_ty = inner.str("type").unwrap_or_default();
                content(&inner, &inner_ty)
            }
            None => missing(&edit, "message", ty),
        };
        return;
    }
    m.content = content(msg, ty);
    if matches!(m.content, Content::Reaction { .. }) {
        // A reaction names its message in `reaction.message_id`; it replies to nothing.
        m.reply_to_message_id = None;
    }
}

/// `context`: the message replied to (`id`), or a forward (`forwarded`, `frequently_forwarded`).
fn set_context(m: &mut MessageEvent, msg: &Obj<'_, '_>) {
    let Some(c) = msg.obj("context") else { return };
    m.reply_to_message_id = c.non_empty("id");
    let (f, ff) = (c.bool("forwarded"), c.bool("frequently_forwarded"));
    if f.is_some() || ff.is_some() {
        m.forwarded = Some(f == Some(true) || ff == Some(true));
    }
}

fn content(msg: &Obj<'_, '_>, ty: &str) -> Content {
    match KINDS.iter().find(|(k, _)| *k == ty) {
        Some((_, read)) => read(msg, ty),
        None => {
            let shown = if ty.is_empty() { "(none)" } else { ty };
            msg.warn(
                WarningCode::UnsupportedContent,
                "type",
                format!("message type `{shown}` is not modelled; content kind is `unsupported`"),
            );
            Content::Unsupported { provider_kind: ty.to_string() }
        }
    }
}

/// A `type` whose object is missing: unsupported, with a warning naming the key.
fn missing(o: &Obj<'_, '_>, key: &str, ty: &str) -> Content {
    o.warn(WarningCode::MissingField, key, format!("message type `{ty}` without `{}`; content kind is `unsupported`", o.key_path(key)));
    Content::Unsupported { provider_kind: ty.to_string() }
}

fn text(msg: &Obj<'_, '_>, ty: &str) -> Content {
    match msg.obj("text") {
        Some(t) => Content::Text { text: t.str("body").unwrap_or_default() },
        None => missing(msg, "text", ty),
    }
}

fn media(msg: &Obj<'_, '_>, ty: &str) -> Content {
    let Some(o) = msg.obj(ty) else { return missing(msg, ty, ty) };
    let url = o.non_empty("url");
    let media_id = o.id("id");
    if media_id.is_none() && url.is_none() {
        o.warn(WarningCode::MissingField, "id", format!("`{}` (the media id) is missing", o.key_path("id")));
    }
    let mime_type = o.non_empty("mime_type");
    let caption = o.non_empty("caption");
    match ty {
        "image" => Content::Image { url, media_id, mime_type, caption, thumbnail_url: None, view_once: None, width: None, height: None },
        "video" => Content::Video { url, media_id, mime_type, caption, seconds: None, view_once: None, width: None, height: None },
        "audio" | "voice" => Content::Audio {
            url,
            media_id,
            mime_type,
            seconds: None,
            voice: o.bool("voice").or((ty == "voice").then_some(true)),
            view_once: None,
        },
        "sticker" => Content::Sticker { url, media_id, mime_type, animated: o.bool("animated") },
        _ => Content::Document { url, media_id, mime_type, file_name: o.non_empty("filename"), title: None, caption, page_count: None },
    }
}

fn location(msg: &Obj<'_, '_>, ty: &str) -> Content {
    match msg.obj("location") {
        Some(l) => Content::Location {
            latitude: l.f64("latitude"),
            longitude: l.f64("longitude"),
            name: l.non_empty("name"),
            address: l.non_empty("address"),
            url: l.non_empty("url"),
        },
        None => missing(msg, "location", ty),
    }
}

/// Shared contact cards: `name.formatted_name` (else first + last name) and each phone's `wa_id`,
/// else the digits of `phone` (`+1 (415) 555-0829`).
fn contacts(msg: &Obj<'_, '_>, ty: &str) -> Content {
    if !msg.has("contacts") {
        return missing(msg, "contacts", ty);
    }
    let mut cards = Vec::new();
    for c in msg.objects("contacts") {
        let n = c.obj("name");
        let name = n.as_ref().and_then(|n| {
            n.non_empty("formatted_name").or_else(|| {
                let parts: Vec<String> = ["first_name", "last_name"].iter().filter_map(|k| n.non_empty(k)).collect();
                (!parts.is_empty()).then(|| parts.join(" "))
            })
        });
        let mut phones: Vec<String> = Vec::new();
        for p in c.objects("phones") {
            let phone = p.non_empty("wa_id").or_else(|| {
                p.non_empty("phone").map(|x| x.chars().filter(char::is_ascii_digit).collect::<String>()).filter(|d| !d.is_empty())
            });
            if let Some(x) = phone.filter(|x| !phones.contains(x)) {
                phones.push(x);
            }
        }
        cards.push(ContactCard { name, vcard: None, phones });
    }
    Content::Contacts { contacts: cards }
}

/// A reaction; `emoji` is omitted when the reaction was removed (`""`).
fn reaction(msg: &Obj<'_, '_>, ty: &str) -> Content {
    match msg.obj("reaction") {
        Some(r) => Content::Reaction { emoji: r.str("emoji").unwrap_or_default(), target_message_id: r.non_empty("message_id") },
        None => missing(msg, "reaction", ty),
    }
}

/// Replies to interactive messages: `button_reply`, `list_reply`, and Flows' `nfm_reply`.
fn interactive(msg: &Obj<'_, '_>, ty: &str) -> Content {
    let Some(i) = msg.obj("interactive") else { return missing(msg, "interactive", ty) };
    let kind = i.str("type").unwrap_or_default();
    let modelled = matches!(kind.as_str(), "button_reply" | "list_reply" | "nfm_reply");
    match i.obj(&kind).filter(|_| modelled) {
        Some(r) => match kind.as_str() {
            "button_reply" => Content::ButtonReply { id: r.str("id"), text: r.str("title") },
            "list_reply" => Content::ListReply { id: r.str("id"), title: r.str("title"), description: r.non_empty("description") },
            _ => flow_reply(&r),
        },
        None if modelled => missing(&i, &kind, ty),
        None => {
            i.warn(
                WarningCode::UnsupportedContent,
                "type",
                format!("interactive type `{kind}` is not modelled; content kind is `unsupported`"),
            );
            Content::Unsupported { provider_kind: format!("interactive.{kind}") }
        }
    }
}

/// A Flow's answer: `response_json` is a JSON text (of an object sent instead, only `flow_token` is read).
fn flow_reply(r: &Obj<'_, '_>) -> Content {
    let (response_json, flow_token) = match r.get("response_json") {
        Some(Value::String(s)) => (Some(s.to_string()), flow_token_of(s)),
        Some(Value::Object(o)) => {
            r.warn(
                WarningCode::InvalidType,
                "response_json",
                format!("`{}` should be a JSON text but is an object; only its `flow_token` is read", r.key_path("response_json")),
            );
            (None, o.get("flow_token").and_then(Value::as_str).map(str::to_string))
        }
        Some(other) => {
            r.warn(
                WarningCode::InvalidType,
                "response_json",
                format!("`{}` should be a JSON text but is a {}; ignored", r.key_path("response_json"), other.type_name()),
            );
            (None, None)
        }
        None => (None, None),
    };
    Content::FlowReply { name: r.non_empty("name"), body: r.str("body"), response_json, flow_token }
}

/// `flow_token` of a JSON object text.
fn flow_token_of(text: &str) -> Option<String> {
    let arena = crate::json::arena_for(text.as_bytes());
    let parsed = crate::json::parse(text, &arena).ok()?;
    let o = parsed.value.as_object()?;
    match o.get("flow_token")? {
        Value::String(s) => Some(s.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A tap on a template's quick-reply button: `payload` is the button's id.
fn button(msg: &Obj<'_, '_>, ty: &str) -> Content {
    match msg.obj("button") {
        Some(b) => Content::ButtonReply { id: b.str("payload"), text: b.str("text") },
        None => missing(msg, "button", ty),
    }
}

/// An order (cart) from a catalog. `itemCount` is the sum of the quantities and `total` the sum of
/// quantity × `item_price` when every item gives both in one currency; `catalog_id` has no field.
fn order(msg: &Obj<'_, '_>, ty: &str) -> Content {
    let Some(o) = msg.obj("order") else { return missing(msg, "order", ty) };
    let items: Vec<OrderItem> = o
        .objects("product_items")
        .iter()
        .map(|p| OrderItem {
            product_id: None,
            name: None,
            quantity: p.f64("quantity"),
            price: p.f64("item_price"),
            currency: p.non_empty("currency"),
            retailer_id: p.non_empty("product_retailer_id"),
        })
        .collect();
    let currency = items.first().and_then(|i| i.currency.clone()).filter(|c| items.iter().all(|i| i.currency.as_ref() == Some(c)));
    let complete = !items.is_empty() && items.iter().all(|i| i.quantity.is_some() && i.price.is_some());
    let item_count = complete
        .then(|| items.iter().map(|i| i.quantity.unwrap_or(0.0)).sum::<f64>())
        .filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX))
        .map(|n| n as u32);
    let total = (complete && currency.is_some())
        .then(|| items.iter().map(|i| i.quantity.unwrap_or(0.0) * i.price.unwrap_or(0.0)).sum::<f64>())
        .filter(|t| t.is_finite());
    Content::Order {
        order_id: None,
        title: None,
        text: o.non_empty("text"),
        item_count,
        total,
        subtotal: None,
        currency,
        thumbnail_url: None,
        seller_phone: None,
        items,
    }
}

/// The customer deleted a message for everyone.
fn revoke(msg: &Obj<'_, '_>, ty: &str) -> Content {
    match msg.obj("revoke") {
        Some(r) => Content::Delete { target_message_id: r.non_empty("original_message_id") },
        None => missing(msg, "revoke", ty),
    }
}

/// `unsupported` / `unknown`: Cloud API could not deliver the content (a type it does not support,
/// such as an edit or a poll, or a message the customer deleted). `providerKind` is what Meta names
/// (`unsupported.type`, else the message type); the warning carries `errors[0]`.
fn unavailable(msg: &Obj<'_, '_>, ty: &str) -> Content {
    let inner = msg.obj("unsupported").and_then(|u| u.non_empty("type"));
    let first = msg.objects("errors").into_iter().next();
    let detail = first.as_ref().map(|e| {
        let code = e.id("code").unwrap_or_else(|| "?".into());
        let text = e
            .obj("error_data")
            .and_then(|d| d.non_empty("details"))
            .or_else(|| e.first_str(&["details", "message", "title"]))
            .unwrap_or_default();
        format!(" (error {code}: {text})")
    });
    let kind = inner.unwrap_or_else(|| ty.to_string());
    msg.warn(
        WarningCode::UnsupportedContent,
        "type",
        format!(
            "Cloud API delivered a message of type `{ty}` without its content{}; content kind is `unsupported`",
            detail.unwrap_or_default()
        ),
    );
    Content::Unsupported { provider_kind: kind }
}

/// A click-to-WhatsApp ad or post (`referral`); `mediaUrl` is `video_url` for videos, else
/// `image_url`.
fn referral(r: &Obj<'_, '_>) -> Referral {
    let media_type = r.non_empty("media_type");
    let media_url = if media_type.as_deref() == Some("video") {
        r.first_str(&["video_url", "image_url"])
    } else {
        r.first_str(&["image_url", "video_url"])
    };
    Referral {
        source_type: r.non_empty("source_type"),
        source_id: r.id("source_id"),
        source_url: r.non_empty("source_url"),
        headline: r.non_empty("headline"),
        body: r.non_empty("body"),
        media_type,
        media_url,
        thumbnail_url: r.non_empty("thumbnail_url"),
        click_id: r.non_empty("ctwa_clid"),
    }
}
