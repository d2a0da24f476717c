//! Evolution API message contents: the Baileys `message` object (`data.message`) → [`Content`],
//! with the reply, forward, view-once and edit fields. Add a content kind to [`KINDS`].
//!
//! Evolution passes Baileys' protobuf message through as JSON, with two rewrites of its own
//! (`prepareMessage`): an `extendedTextMessage` becomes `conversation`, and a
//! `documentWithCaptionMessage` becomes `documentMessage`; the `contextInfo` of the content is
//! copied to `data.contextInfo`. Older versions (and `send.message`) keep Baileys' keys, so both
//! are read. Media arrive as WhatsApp's encrypted CDN links, not downloadable as they are:
//! `url` is the S3/MinIO `message.mediaUrl` Evolution adds when storage is configured, else
//! `null`; the inline `message.base64` is never copied.

use crate::json::Value;
use crate::model::*;
use crate::providers::{button, media_from_url, vcard_phones};
use crate::read::Obj;

/// A content kind: the key of the Baileys message object and the function that maps it.
type Mapper = fn(&Obj<'_, '_>, &mut Extras) -> Content;

/// Baileys message keys → content. Wrappers (`ephemeralMessage`, `viewOnceMessage*`,
/// `documentWithCaptionMessage`, `editedMessage`, …) are unwrapped before this table is read.
const KINDS: &[(&str, Mapper)] = &[
    ("conversation", text),
    ("extendedTextMessage", extended_text),
    ("imageMessage", image),
    ("videoMessage", video),
    ("ptvMessage", video),
    ("audioMessage", audio),
    ("documentMessage", document),
    ("stickerMessage", sticker),
    ("locationMessage", location),
    ("liveLocationMessage", location),
    ("contactMessage", contact),
    ("contactsArrayMessage", contacts_array),
    ("reactionMessage", reaction),
    ("pollCreationMessage", poll),
    ("pollCreationMessageV2", poll),
    ("pollCreationMessageV3", poll),
    ("pollUpdateMessage", poll_update),
    ("buttonsResponseMessage", buttons_response),
    ("listResponseMessage", list_response),
    ("templateButtonReplyMessage", template_button_reply),
    ("interactiveResponseMessage", interactive_response),
    ("buttonsMessage", buttons),
    ("listMessage", list),
    ("protocolMessage", protocol),
    ("groupInviteMessage", group_invite),
    ("eventMessage", event),
    ("pinInChatMessage", pin),
    ("orderMessage", order),
    ("productMessage", product),
    ("newsletterAdminInviteMessage", newsletter_admin_invite),
];

/// Wrappers whose `message` holds the real content: `(key, view once)`.
const WRAPPERS: &[(&str, bool)] = &[
    ("ephemeralMessage", false),
    ("viewOnceMessage", true),
    ("viewOnceMessageV2", true),
    ("viewOnceMessageV2Extension", true),
    ("documentWithCaptionMessage", false),
    ("deviceSentMessage", false),
    ("editedMessage", false),
    ("botInvokeMessage", false),
    ("groupMentionedMessage", false),
];

/// Keys of `data.message` that are not the content (Evolution's additions and WhatsApp's
/// metadata).
const NOT_CONTENT: &[&str] = &["messageContextInfo", "mediaUrl", "base64", "speechToText", "senderKeyDistributionMessage"];

/// What a message carries besides its content: reply, forward and edit fields.
#[derive(Default)]
pub(super) struct Extras {
    pub reply_to: Option<String>,
    pub forwarded: Option<bool>,
    pub edited: bool,
    pub edited_id: Option<String>,
}

/// The content of `data.message` (and reply, forward, view-once, edit fields into `m`),
/// preferring the key `messageType` names.
pub(super) fn fill(m: &mut Extras, message: &Obj<'_, '_>, message_type: Option<&str>) -> Content {
    let mut msg = message.clone();
    let mut view_once = false;
    // Unwrap nested wrappers (bounded: a hostile body could nest them deeply).
    for _ in 0..4 {
        let wrapped = WRAPPERS.iter().find_map(|(k, once)| msg.obj(k).and_then(|w| w.obj("message")).map(|inner| (inner, *once)));
        match wrapped {
            Some((inner, once)) => {
                view_once |= once;
                msg = inner;
            }
            None => break,
        }
    }
    let named = message_type.filter(|t| msg.has(t)).and_then(|t| KINDS.iter().find(|(k, _)| *k == t));
    let found = named.or_else(|| KINDS.iter().find(|(k, _)| msg.has(k)));
    let mut content = match found {
        Some((key, map)) => match msg.get(key) {
            Some(Value::String(_)) if *key == "conversation" => Content::Text { text: msg.str(key).unwrap_or_default() },
            Some(Value::Object(_)) => match msg.obj(key) {
                Some(o) => {
                    context(m, &o);
                    map(&o, m)
                }
                None => unsupported(&msg, key),
            },
            _ => {
                msg.warn(
                    WarningCode::InvalidType,
                    key,
                    format!("`{}` should be an object; content kind is `unsupported`", msg.key_path(key)),
                );
                Content::Unsupported { provider_kind: (*key).to_string() }
            }
        },
        None => match message.non_empty("mediaUrl") {
            // Evolution's storage link with no typed message (its docs' S3 example).
            Some(url) => media_from_url(url, None),
            None => {
                let kind = message_type
                    .map(str::to_string)
                    .or_else(|| msg.o.entries.iter().map(|(k, _)| *k).find(|k| !NOT_CONTENT.contains(k)).map(str::to_string))
                    .unwrap_or_else(|| "unknown".to_string());
                unsupported(&msg, &kind)
            }
        },
    };
    if view_once {
        set_view_once(&mut content);
    }
    // Evolution's S3 link overrides WhatsApp's encrypted one.
    if let Some(u) = message.non_empty("mediaUrl") {
        set_url(&mut content, u);
    }
    content
}

fn unsupported(o: &Obj<'_, '_>, kind: &str) -> Content {
    o.warn(WarningCode::UnsupportedContent, kind, format!("message kind `{kind}` is not modelled; content kind is `unsupported`"));
    Content::Unsupported { provider_kind: kind.to_string() }
}

/// Reply and forward fields from the content's own `contextInfo` (Baileys), unless
/// `data.contextInfo` (Evolution v2) already set them.
fn context(m: &mut Extras, o: &Obj<'_, '_>) {
    if let Some(c) = o.obj("contextInfo") {
        apply_context(m, &c);
    }
}

/// Sets `replyToMessageId` (`stanzaId`) and `forwarded` (`isForwarded`) when not set yet.
pub(super) fn apply_context(m: &mut Extras, c: &Obj<'_, '_>) {
    if m.reply_to.is_none() && c.has("quotedMessage") {
        m.reply_to = c.non_empty("stanzaId");
    }
    if m.forwarded.is_none() {
        m.forwarded = c.bool("isForwarded");
    }
}

fn set_view_once(c: &mut Content) {
    match c {
        Content::Image { view_once, .. } | Content::Video { view_once, .. } | Content::Audio { view_once, .. } => *view_once = Some(true),
        _ => {}
    }
}

fn set_url(c: &mut Content, u: String) {
    match c {
        Content::Image { url, .. }
        | Content::Video { url, .. }
        | Content::Audio { url, .. }
        | Content::Document { url, .. }
        | Content::Sticker { url, .. } => *url = Some(u),
        _ => {}
    }
}

/// A whole number that Baileys may send as a number, a numeric string or a protobuf `Long`
/// (`{ low, high, unsigned }`).
pub(super) fn long(o: &Obj<'_, '_>, key: &str) -> Option<f64> {
    match o.get(key)? {
        Value::Object(_) => {
            let l = o.obj(key)?;
            let low = l.f64("low")?;
            let high = l.f64("high").unwrap_or(0.0);
            let low = if low < 0.0 { low + 4_294_967_296.0 } else { low };
            Some(high * 4_294_967_296.0 + low)
        }
        Value::String(s) => crate::number::parse_f64(s.trim()),
        _ => o.f64(key),
    }
}

fn whole(o: &Obj<'_, '_>, key: &str) -> Option<u32> {
    long(o, key).filter(|x| *x > 0.0 && *x <= f64::from(u32::MAX) && x.fract() == 0.0).map(|x| x as u32)
}

fn seconds(o: &Obj<'_, '_>, key: &str) -> Option<i64> {
    long(o, key).filter(|x| *x > 0.0).and_then(crate::time::from_seconds_field).map(|(ms, _)| ms)
}

// ---------------------------------------------------------------------------------------------
// Text and media

fn text(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Text { text: o.str("text").unwrap_or_default() }
}

fn extended_text(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Text { text: o.str("text").unwrap_or_default() }
}

fn image(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Image {
        url: None,
        media_id: None,
        mime_type: o.non_empty("mimetype"),
        caption: o.non_empty("caption"),
        thumbnail_url: None,
        view_once: o.bool("viewOnce"),
        width: whole(o, "width"),
        height: whole(o, "height"),
    }
}

fn video(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Video {
        url: None,
        media_id: None,
        mime_type: o.non_empty("mimetype"),
        caption: o.non_empty("caption"),
        seconds: whole(o, "seconds"),
        view_once: o.bool("viewOnce"),
        width: whole(o, "width"),
        height: whole(o, "height"),
    }
}

fn audio(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Audio {
        url: None,
        media_id: None,
        mime_type: o.non_empty("mimetype"),
        seconds: whole(o, "seconds"),
        voice: o.bool("ptt"),
        view_once: o.bool("viewOnce"),
    }
}

fn document(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Document {
        url: None,
        media_id: None,
        mime_type: o.non_empty("mimetype"),
        file_name: o.non_empty("fileName"),
        title: o.non_empty("title"),
        caption: o.non_empty("caption"),
        page_count: whole(o, "pageCount"),
    }
}

fn sticker(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Sticker { url: None, media_id: None, mime_type: o.non_empty("mimetype"), animated: o.bool("isAnimated") }
}

fn location(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Location {
        latitude: o.f64("degreesLatitude"),
        longitude: o.f64("degreesLongitude"),
        name: o.non_empty("name"),
        address: o.non_empty("address"),
        url: o.non_empty("url"),
    }
}

fn card(o: &Obj<'_, '_>) -> ContactCard {
    let vcard = o.non_empty("vcard");
    ContactCard { name: o.non_empty("displayName"), phones: vcard.as_deref().map(vcard_phones).unwrap_or_default(), vcard }
}

fn contact(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Contacts { contacts: vec![card(o)] }
}

fn contacts_array(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Contacts { contacts: o.objects("contacts").iter().map(card).collect() }
}

// ---------------------------------------------------------------------------------------------
// Reactions, polls, replies to interactive messages

fn reaction(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Reaction { emoji: o.str("text").unwrap_or_default(), target_message_id: o.obj("key").and_then(|k| k.non_empty("id")) }
}

fn poll(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Poll {
        question: o.non_empty("name"),
        options: o.objects("options").iter().filter_map(|x| x.non_empty("optionName")).collect(),
        // 0 (or absent) lets each voter choose any number of options.
        max_selections: whole(o, "selectableOptionsCount"),
    }
}

/// A vote: WhatsApp encrypts the chosen options (`vote.encPayload`), so only the poll is known.
fn poll_update(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::PollVote { poll_message_id: o.obj("pollCreationMessageKey").and_then(|k| k.non_empty("id")), options: Vec::new() }
}

fn buttons_response(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::ButtonReply { id: o.non_empty("selectedButtonId"), text: o.non_empty("selectedDisplayText") }
}

fn list_response(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::ListReply {
        id: o.obj("singleSelectReply").and_then(|s| s.non_empty("selectedRowId")),
        title: o.non_empty("title"),
        description: o.non_empty("description"),
    }
}

fn template_button_reply(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::ButtonReply { id: o.non_empty("selectedId"), text: o.non_empty("selectedDisplayText") }
}

/// A native-flow button tap: the button's id sits inside the `paramsJson` string.
fn interactive_response(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    let params = o.obj("nativeFlowResponseMessage").and_then(|n| n.non_empty("paramsJson"));
    Content::ButtonReply { id: params.as_deref().and_then(json_id), text: o.obj("body").and_then(|b| b.non_empty("text")) }
}

/// The top-level `"id"` string of a small JSON object text.
fn json_id(params: &str) -> Option<String> {
    let tree = crate::json::arena_for(params.as_bytes());
    match crate::json::parse(params, &tree).ok()?.value {
        Value::Object(o) => o.get("id").and_then(|v| match v {
            Value::String(s) => Some(s.to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }),
        _ => None,
    }
}

fn buttons(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Buttons {
        text: o.non_empty("contentText"),
        footer: o.non_empty("footerText"),
        header: None,
        buttons: o.objects("buttons").iter().map(button).collect(),
    }
}

fn list(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::List {
        title: o.non_empty("title"),
        text: o.non_empty("description"),
        footer: o.non_empty("footerText"),
        button_text: o.non_empty("buttonText"),
        sections: o
            .objects("sections")
            .iter()
            .map(|s| ListSection {
                title: s.non_empty("title"),
                rows: s
                    .objects("rows")
                    .iter()
                    .map(|r| ListRow { id: r.non_empty("rowId"), title: r.non_empty("title"), description: r.non_empty("description") })
                    .collect(),
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------------
// Protocol messages: revoke and edit

/// Baileys `ProtocolMessage.Type`: 0 `REVOKE`, 14 `MESSAGE_EDIT` (as a number, or its name).
pub(super) fn protocol_type(o: &Obj<'_, '_>) -> Option<&'static str> {
    match o.get("type")? {
        Value::Number("0") => Some("REVOKE"),
        Value::Number("14") => Some("MESSAGE_EDIT"),
        Value::String(s) if s.eq_ignore_ascii_case("REVOKE") => Some("REVOKE"),
        Value::String(s) if s.eq_ignore_ascii_case("MESSAGE_EDIT") => Some("MESSAGE_EDIT"),
        _ => None,
    }
}

/// `REVOKE` → `delete`; `MESSAGE_EDIT` → the new content, `edited` with `editedMessageId`.
fn protocol(o: &Obj<'_, '_>, m: &mut Extras) -> Content {
    let target = o.obj("key").and_then(|k| k.non_empty("id"));
    match protocol_type(o) {
        Some("REVOKE") => Content::Delete { target_message_id: target },
        Some(_) => edit(o, m, target),
        None => unsupported(o, "protocolMessage"),
    }
}

/// An edit: `editedMessage` holds the new message.
pub(super) fn edit(o: &Obj<'_, '_>, m: &mut Extras, target: Option<String>) -> Content {
    m.edited = true;
    m.edited_id = target;
    match o.obj("editedMessage") {
        // The new message's own reply/forward fields do not change the edit's.
        Some(new) => fill(&mut Extras::default(), &new, None),
        None => {
            o.warn(WarningCode::MissingField, "editedMessage", format!("`{}` (the new content) is missing", o.key_path("editedMessage")));
            Content::Unsupported { provider_kind: "protocolMessage".into() }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Invites, events, pins, commerce

fn group_invite(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::GroupInvite {
        group_id: o.non_empty("groupJid"),
        group_name: o.non_empty("groupName"),
        invite_code: o.non_empty("inviteCode"),
        expiration: seconds(o, "inviteExpiration"),
        caption: o.non_empty("caption"),
    }
}

fn event(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Event {
        name: o.non_empty("name"),
        description: o.non_empty("description"),
        canceled: o.bool("isCanceled"),
        join_link: o.non_empty("joinLink"),
        start_time: seconds(o, "startTime"),
        location: o.obj("location").and_then(|l| l.non_empty("name")),
    }
}

fn pin(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    // `PinInChatMessage.Type`: 1 pin for all, 2 unpin for all.
    let action = match o.get("type") {
        Some(Value::Number("1")) => Some("pin".to_string()),
        Some(Value::Number("2")) => Some("unpin".to_string()),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("PIN_FOR_ALL") => Some("pin".to_string()),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("UNPIN_FOR_ALL") => Some("unpin".to_string()),
        _ => None,
    };
    Content::Pin { action, target_message_id: o.obj("key").and_then(|k| k.non_empty("id")), duration_seconds: None }
}

/// Prices in thousandths (`priceAmount1000`, `totalAmount1000`).
fn thousandths(o: &Obj<'_, '_>, key: &str) -> Option<f64> {
    long(o, key).map(|x| x / 1000.0)
}

fn phone_of_jid(o: &Obj<'_, '_>, key: &str) -> Option<String> {
    o.non_empty(key).and_then(|j| crate::ids::party(Some(&j), None, None)).and_then(|p| p.phone)
}

fn order(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::Order {
        order_id: o.non_empty("orderId"),
        title: o.non_empty("orderTitle"),
        text: o.non_empty("message"),
        item_count: whole(o, "itemCount"),
        total: thousandths(o, "totalAmount1000"),
        subtotal: None,
        currency: o.non_empty("totalCurrencyCode"),
        thumbnail_url: None,
        seller_phone: phone_of_jid(o, "sellerJid"),
        items: Vec::new(),
    }
}

fn product(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    let p = o.obj("product");
    let p = p.as_ref();
    Content::Product {
        product_id: p.and_then(|p| p.non_empty("productId")),
        title: p.and_then(|p| p.non_empty("title")),
        description: p.and_then(|p| p.non_empty("description")),
        price: p.and_then(|p| thousandths(p, "priceAmount1000")),
        currency: p.and_then(|p| p.non_empty("currencyCode")),
        image_url: None,
        url: p.and_then(|p| p.non_empty("url")),
        retailer_id: p.and_then(|p| p.non_empty("retailerId")),
        owner_phone: phone_of_jid(o, "businessOwnerJid"),
    }
}

fn newsletter_admin_invite(o: &Obj<'_, '_>, _: &mut Extras) -> Content {
    Content::NewsletterAdminInvite {
        newsletter_id: o.non_empty("newsletterJid"),
        newsletter_name: o.non_empty("newsletterName"),
        text: o.non_empty("caption"),
        expiration: seconds(o, "inviteExpiration"),
    }
}
