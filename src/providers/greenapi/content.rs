//! Green API message contents: `messageData.typeMessage` → [`Content`], and the reply, forward
//! and edit fields of `messageData`. Add a content kind here.

use crate::json::Value;
use crate::model::*;
use crate::providers::{button, vcard_phones};
use crate::read::Obj;

/// Sets content, reply, forward and edit fields from `messageData`.
pub(super) fn fill_message(m: &mut MessageEvent, md: &Obj<'_, '_>, type_message: &str) {
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
        _ => other(m, md, type_message, ext.as_ref(), quoted_id),
    };
}

/// Every content but text, in a function of its own: V8 compiles wasm one function at a time on
/// first call, so a text message (most of them) does not compile the long tail of kinds.
#[inline(never)]
fn other(m: &mut MessageEvent, md: &Obj<'_, '_>, type_message: &str, ext: Option<&Obj<'_, '_>>, quoted_id: Option<String>) -> Content {
    let file = || md.obj("fileMessageData");
    match type_message {
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
                expiration: g.get("inviteExpiration").and_then(crate::providers::seconds_value).filter(|&ms| ms > 0),
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
    }
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
        "imageMessage" => Content::Image { url, media_id: None, mime_type, caption, thumbnail_url: None, view_once, width, height },
        "videoMessage" => Content::Video { url, media_id: None, mime_type, caption, seconds: f.u32("seconds"), view_once, width, height },
        "audioMessage" => {
            Content::Audio { url, media_id: None, mime_type, seconds: f.u32("seconds"), voice: f.bool("isVoice").or_else(|| f.bool("ptt")), view_once }
        }
        "stickerMessage" => Content::Sticker { url, media_id: None, mime_type, animated: f.bool("isAnimated") },
        _ => Content::Document {
            url,
            media_id: None,
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
    ContactCard { name: c.non_empty("displayName"), phones: vcard.as_deref().map(vcard_phones).unwrap_or_default(), vcard }
}

/// Finds Green API style error markers (`{{SWE001}}`) in a text or URL and warns.
pub fn check_marker(o: &Obj<'_, '_>, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        if let Some(start) = crate::text::find(v, "{{SWE") {
            let marker: String = v.get(start..).unwrap_or("").chars().take_while(|&c| c != '}').chain("}}".chars()).collect();
            o.warn(
                WarningCode::ProviderMarker,
                key,
                format!(
                    "`{}` holds the provider error marker {marker} instead of content (Green API could not decrypt or download it)",
                    o.key_path(key)
                ),
            );
        }
    }
}
