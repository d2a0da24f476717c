//! WAHA message contents: a `WAMessage` payload (`body`, `hasMedia` + `media`, `location`,
//! `vCards`, engine data `_data`) → [`Content`]. Add a content kind here.
//!
//! Which kind, in order: `location` → location; non-empty `vCards` → contacts; a poll creation in
//! `_data` → poll; media (`hasMedia: true`, or a `media` object) → a media kind; else text (`body`).
//!
//! The media kind comes from the engine's own type when `_data` gives it — WEBJS `_data.type`
//! (`image`, `video`, `audio`, `ptt` = voice note, `document`, `sticker`), NOWEB `_data.message` /
//! GOWS `_data.Message` (`imageMessage`, `videoMessage`, `ptvMessage`, `audioMessage` with `ptt`,
//! `documentMessage`, `stickerMessage`) — else from `media.mimetype`: `image/webp` sticker,
//! `image/*` image, `video/*` video, `audio/*` audio, anything else document. Media without any of
//! these is `unsupported` (`providerKind: "media"`). The caption is `body`.

use super::{quiet_obj, quiet_str};
use crate::json::Value;
use crate::model::*;
use crate::providers::vcard_phones;
use crate::read::Obj;

/// A content kind this module maps, by the names the engines use for it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MediaKind {
    Image,
    Video,
    Audio { voice: bool },
    Document,
    Sticker,
}

/// WEBJS `_data.type` values of media.
const WEBJS_TYPES: &[(&str, MediaKind)] = &[
    ("image", MediaKind::Image),
    ("video", MediaKind::Video),
    ("gif", MediaKind::Video),
    ("audio", MediaKind::Audio { voice: false }),
    ("ptt", MediaKind::Audio { voice: true }),
    ("document", MediaKind::Document),
    ("sticker", MediaKind::Sticker),
];

/// Keys of a WhatsApp protocol message (NOWEB `_data.message`, GOWS `_data.Message`) that hold media.
const PROTO_KEYS: &[(&str, MediaKind)] = &[
    ("imageMessage", MediaKind::Image),
    ("videoMessage", MediaKind::Video),
    ("ptvMessage", MediaKind::Video),
    ("audioMessage", MediaKind::Audio { voice: false }),
    ("documentMessage", MediaKind::Document),
    ("stickerMessage", MediaKind::Sticker),
];

/// Wrappers around a protocol message, opened one level.
const PROTO_WRAPPERS: &[&str] =
    &["ephemeralMessage", "viewOnceMessage", "viewOnceMessageV2", "viewOnceMessageV2Extension", "documentWithCaptionMessage"];

/// The protocol message of `_data` (NOWEB `message`, GOWS `Message`), one wrapper opened.
fn proto<'v, 'a>(p: &Obj<'v, 'a>) -> Option<Obj<'v, 'a>> {
    let d = quiet_obj(p, "_data")?;
    let m = quiet_obj(&d, "message").or_else(|| quiet_obj(&d, "Message"))?;
    for w in PROTO_WRAPPERS {
        if let Some(inner) = quiet_obj(&m, w).and_then(|x| quiet_obj(&x, "message")) {
            return Some(inner);
        }
    }
    Some(m)
}

/// The content of a `message` / `message.any` payload.
pub(super) fn content(p: &Obj<'_, '_>) -> Content {
    if let Some(l) = super::quiet_obj(p, "location") {
        return location(&l);
    }
    let vcards = match p.get("vCards") {
        Some(Value::Array(a)) if !a.is_empty() => p.str_list("vCards"),
        _ => Vec::new(),
    };
    if !vcards.is_empty() {
        return Content::Contacts { contacts: vcards.into_iter().map(card).collect() };
    }
    if let Some(poll) = poll(p) {
        return poll;
    }
    let media = p.obj("media");
    if p.bool("hasMedia") == Some(true) || media.is_some() {
        return self::media(p, media.as_ref());
    }
    Content::Text { text: p.str("body").unwrap_or_default() }
}

fn media(p: &Obj<'_, '_>, media: Option<&Obj<'_, '_>>) -> Content {
    let mime_type = media.and_then(|m| m.non_empty("mimetype"));
    let url = media.and_then(|m| m.non_empty("url")).or_else(|| p.non_empty("mediaUrl"));
    let file_name = media.and_then(|m| m.non_empty("filename"));
    let caption = p.non_empty("body");
    let proto = proto(p);
    let proto_media = proto.as_ref().and_then(|m| PROTO_KEYS.iter().find_map(|(k, kind)| quiet_obj(m, k).map(|o| (*kind, o))));
    let webjs = quiet_obj(p, "_data").and_then(|d| quiet_str(&d, "type")).and_then(|t| super::lookup(WEBJS_TYPES, &t));
    let kind = webjs.or_else(|| proto_media.as_ref().map(|(k, _)| *k)).or_else(|| mime_type.as_deref().map(kind_of_mime));
    // Numbers of the protocol message, read quietly (engine data).
    let num = |key: &str| -> Option<u32> {
        let (_, o) = proto_media.as_ref()?;
        match o.get(key) {
            Some(Value::Number(n)) => n.parse::<u32>().ok(),
            _ => None,
        }
    };
    let flag = |key: &str| -> Option<bool> {
        let (_, o) = proto_media.as_ref()?;
        match o.get(key) {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        }
    };
    match kind {
        Some(MediaKind::Image) => Content::Image {
            url,
            media_id: None,
            mime_type,
            caption,
            thumbnail_url: None,
            view_once: flag("viewOnce"),
            width: num("width").filter(|&n| n > 0),
            height: num("height").filter(|&n| n > 0),
        },
        Some(MediaKind::Video) => Content::Video {
            url,
            media_id: None,
            mime_type,
            caption,
            seconds: num("seconds"),
            view_once: flag("viewOnce"),
            width: num("width").filter(|&n| n > 0),
            height: num("height").filter(|&n| n > 0),
        },
        Some(MediaKind::Audio { voice }) => Content::Audio {
            url,
            media_id: None,
            mime_type,
            seconds: num("seconds"),
            voice: if voice { Some(true) } else { flag("ptt").or(webjs.map(|_| false)) },
            view_once: flag("viewOnce"),
        },
        Some(MediaKind::Document) => Content::Document {
            url,
            media_id: None,
            mime_type,
            title: proto_media.as_ref().and_then(|(_, o)| quiet_str(o, "title")),
            file_name: file_name.or_else(|| proto_media.as_ref().and_then(|(_, o)| quiet_str(o, "fileName"))),
            caption,
            page_count: num("pageCount"),
        },
        Some(MediaKind::Sticker) => Content::Sticker { url, media_id: None, mime_type, animated: flag("isAnimated") },
        None => {
            p.warn(
                WarningCode::UnsupportedContent,
                "hasMedia",
                format!(
                    "`{}` is true but neither `media.mimetype` nor `_data` says which media; content is `unsupported`",
                    p.key_path("hasMedia")
                ),
            );
            Content::Unsupported { provider_kind: "media".into() }
        }
    }
}

fn kind_of_mime(mime: &str) -> MediaKind {
    let m = mime.trim().to_ascii_lowercase();
    if m.starts_with("image/webp") {
        MediaKind::Sticker
    } else if m.starts_with("image/") {
        MediaKind::Image
    } else if m.starts_with("video/") {
        MediaKind::Video
    } else if m.starts_with("audio/") {
        MediaKind::Audio { voice: false }
    } else {
        MediaKind::Document
    }
}

/// A coordinate WAHA documents as a string (`WALocation.latitude: string`), also accepted as a
/// number, without a warning either way.
fn coordinate(l: &Obj<'_, '_>, key: &str) -> Option<f64> {
    let x = match l.get(key)? {
        Value::Number(n) => crate::number::parse_f64(n),
        Value::String(s) => crate::number::parse_f64(s.trim()),
        other => {
            l.warn(
                WarningCode::InvalidType,
                key,
                format!("`{}` should be a number but is a {}; ignored", l.key_path(key), other.type_name()),
            );
            None
        }
    };
    x.filter(|v| v.is_finite())
}

/// `location: { latitude, longitude, description?, name?, address?, url? }`. WEBJS puts the
/// place's name and address in `description` (two lines): the first line is the name, the rest the
/// address, when `name`/`address` are absent.
fn location(l: &Obj<'_, '_>) -> Content {
    let description = l.non_empty("description");
    let (d_name, d_address) = match description.as_deref().map(|d| d.split_once('\n')) {
        Some(Some((n, a))) => (Some(n.trim().to_string()), Some(a.trim().to_string())),
        Some(None) => (description.clone(), None),
        None => (None, None),
    };
    Content::Location {
        latitude: coordinate(l, "latitude"),
        longitude: coordinate(l, "longitude"),
        name: l.non_empty("name").or(d_name).filter(|s| !s.is_empty()),
        address: l.non_empty("address").or(d_address).filter(|s| !s.is_empty()),
        url: l.non_empty("url"),
    }
}

/// A contact card from a vCard: its `FN` as the name, its `waid`/`TEL` numbers as phones.
fn card(vcard: String) -> ContactCard {
    let name = vcard.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        let key = key.split(';').next()?.trim();
        (key.eq_ignore_ascii_case("FN") && !value.trim().is_empty()).then(|| value.trim().to_string())
    });
    ContactCard { name, phones: vcard_phones(&vcard), vcard: Some(vcard) }
}

/// A poll the message creates: WEBJS `_data.type: "poll_creation"` with `pollName`, `pollOptions`
/// (`[{ name }]`), `pollSelectableOptionsCount`; NOWEB/GOWS `pollCreationMessage[V2|V3]` with
/// `name`, `options` (`[{ optionName }]`), `selectableOptionsCount`. `maxSelections` is `null`
/// when any number may be chosen (a count of 0).
fn poll(p: &Obj<'_, '_>) -> Option<Content> {
    let count = |o: &Obj<'_, '_>, key: &str| match o.get(key) {
        Some(Value::Number(n)) => n.parse::<u32>().ok().filter(|&n| n > 0),
        _ => None,
    };
    let d = quiet_obj(p, "_data");
    if let Some(d) = d.as_ref().filter(|d| quiet_str(d, "type").as_deref() == Some("poll_creation")) {
        let options = match d.get("pollOptions") {
            Some(Value::Array(_)) => d.objects("pollOptions").iter().filter_map(|o| quiet_str(o, "name")).collect(),
            _ => Vec::new(),
        };
        return Some(Content::Poll {
            question: quiet_str(d, "pollName").or_else(|| p.non_empty("body")),
            options,
            max_selections: count(d, "pollSelectableOptionsCount"),
        });
    }
    let m = proto(p)?;
    let c = ["pollCreationMessage", "pollCreationMessageV2", "pollCreationMessageV3"].iter().find_map(|k| quiet_obj(&m, k))?;
    let options = match c.get("options") {
        Some(Value::Array(_)) => c.objects("options").iter().filter_map(|o| quiet_str(o, "optionName")).collect(),
        _ => Vec::new(),
    };
    Some(Content::Poll { question: quiet_str(&c, "name"), options, max_selections: count(&c, "selectableOptionsCount") })
}

/// `message.reaction`: `reaction: { text, messageId }` (`text` empty when the reaction was removed).
pub(super) fn reaction(p: &Obj<'_, '_>) -> Content {
    match p.obj("reaction") {
        Some(r) => Content::Reaction {
            emoji: r.str("text").unwrap_or_default(),
            target_message_id: crate::providers::required(&r, "messageId", "the message reacted to", r.non_empty("messageId")),
        },
        None => {
            crate::providers::required(p, "reaction", "the reaction", None::<()>);
            Content::Reaction { emoji: String::new(), target_message_id: None }
        }
    }
}

/// `event.response`: an answer to an event invitation, `eventResponse: { response, timestampMs }`
/// to the event `eventCreationKey.id`.
pub(super) fn event_response(p: &Obj<'_, '_>) -> Content {
    let r = p.obj("eventResponse");
    Content::EventResponse {
        response: r.as_ref().and_then(|r| r.non_empty("response")),
        target_message_id: p.obj("eventCreationKey").and_then(|k| k.non_empty("id")),
        responded_at: r.as_ref().and_then(|r| r.millis("timestampMs")),
    }
}
