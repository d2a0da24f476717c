//! Z-API (and Plugchat) message contents: the content key a `ReceivedCallback` carries (`text`,
//! `image`, `audio`, … `newsletterAdminInvite`) → [`Content`]. Add a content kind here.

use super::ENVELOPE;
use crate::json::Value;
use crate::model::*;
use crate::providers::{button, vcard_phones};
use crate::read::Obj;

/// The content of a received message, from whichever content key it has.
pub(super) fn content(b: &Obj<'_, '_>) -> Content {
    if let Some(t) = b.obj("text") {
        return Content::Text { text: t.str("message").unwrap_or_default() };
    }
    other(b)
}

/// Every content but text, in a function of its own: V8 compiles wasm one function at a time on
/// first call, so a text message (most of them) does not compile the long tail of kinds.
#[inline(never)]
fn other(b: &Obj<'_, '_>) -> Content {
    if let Some(i) = b.obj("image") {
        return Content::Image {
            url: i.non_empty("imageUrl"),
            media_id: None,
            mime_type: i.first_str(&["mimeType", "mimetype"]),
            caption: i.str("caption"),
            thumbnail_url: i.non_empty("thumbnailUrl"),
            view_once: i.bool("viewOnce"),
            width: i.u32("width").filter(|&n| n > 0),
            height: i.u32("height").filter(|&n| n > 0),
        };
    }
    if let Some(a) = b.obj("audio") {
        return Content::Audio {
            url: a.non_empty("audioUrl"),
            media_id: None,
            mime_type: a.first_str(&["mimeType", "mimetype"]),
            seconds: a.u32("seconds"),
            voice: a.bool("ptt"),
            view_once: a.bool("viewOnce"),
        };
    }
    if let Some(v) = b.obj("video") {
        return Content::Video {
            url: v.non_empty("videoUrl"),
            media_id: None,
            mime_type: v.first_str(&["mimeType", "mimetype"]),
            caption: v.str("caption"),
            seconds: v.u32("seconds"),
            view_once: v.bool("viewOnce"),
            width: v.u32("width").filter(|&n| n > 0),
            height: v.u32("height").filter(|&n| n > 0),
        };
    }
    if let Some(d) = b.obj("document") {
        return Content::Document {
            url: d.non_empty("documentUrl"),
            media_id: None,
            mime_type: d.first_str(&["mimeType", "mimetype"]),
            file_name: d.non_empty("fileName"),
            title: d.non_empty("title"),
            caption: d.str("caption"),
            page_count: d.u32("pageCount"),
        };
    }
    if let Some(s) = b.obj("sticker") {
        return Content::Sticker {
            url: s.non_empty("stickerUrl"),
            media_id: None,
            mime_type: s.first_str(&["mimeType", "mimetype"]),
            animated: s.bool("isAnimated"),
        };
    }
    if let Some(l) = b.obj("location") {
        return Content::Location {
            latitude: l.f64("latitude"),
            longitude: l.f64("longitude"),
            name: l.non_empty("name"),
            address: l.non_empty("address"),
            url: l.non_empty("url"),
        };
    }
    if let Some(c) = b.obj("contact") {
        let mut phones = c.str_list("phones");
        let vcard = c.first_str(&["vCard", "vcard"]);
        if phones.is_empty() {
            phones = vcard.as_deref().map(vcard_phones).unwrap_or_default();
        }
        return Content::Contacts { contacts: vec![ContactCard { name: c.non_empty("displayName"), vcard, phones }] };
    }
    if let Some(r) = b.obj("reaction") {
        let target = r.obj("referencedMessage").and_then(|m| m.non_empty("messageId"));
        return Content::Reaction { emoji: r.str("value").unwrap_or_default(), target_message_id: target };
    }
    if let Some(r) = b.obj("buttonsResponseMessage") {
        return Content::ButtonReply { id: r.str("buttonId"), text: r.str("message") };
    }
    if let Some(r) = b.obj("listResponseMessage") {
        return Content::ListReply { id: r.str("selectedRowId"), title: r.str("title"), description: r.non_empty("message") };
    }
    if let Some(p) = b.obj("poll") {
        let options = p.objects("options").iter().filter_map(|o| o.str("name")).collect();
        let max = p.u32("pollMaxOptions").filter(|&n| n > 0);
        return Content::Poll { question: p.str("question"), options, max_selections: max };
    }
    if let Some(v) = b.obj("pollVote") {
        let options = v.objects("options").iter().filter_map(|o| o.str("name")).collect();
        return Content::PollVote { poll_message_id: v.non_empty("pollMessageId"), options };
    }
    if let Some(t) = b.obj("hydratedTemplate") {
        return Content::Template {
            template_id: t.non_empty("templateId"),
            title: t.non_empty("title"),
            text: t.str("message"),
            footer: t.non_empty("footer"),
            header: t.obj("header").and_then(|h| media_header(&h)),
            buttons: t.objects("hydratedButtons").iter().map(button).collect(),
        };
    }
    if let Some(m) = b.obj("buttonsMessage") {
        let header = if let Some(url) = m.non_empty("imageUrl") {
            Some(MediaHeader { kind: HeaderKind::Image, url: Some(url), mime_type: None })
        } else {
            m.non_empty("videoUrl").map(|url| MediaHeader { kind: HeaderKind::Video, url: Some(url), mime_type: None })
        };
        return Content::Buttons {
            text: m.str("message"),
            footer: m.non_empty("footer"),
            header,
            buttons: m.objects("buttons").iter().map(button).collect(),
        };
    }
    if let Some(p) = b.obj("pinMessage") {
        return Content::Pin {
            action: p.non_empty("action"),
            target_message_id: p.obj("referencedMessage").and_then(|m| m.non_empty("messageId")),
            duration_seconds: p.u32("pinDurationInSecs"),
        };
    }
    if let Some(e) = b.obj("event") {
        return Content::Event {
            name: e.non_empty("name"),
            description: e.non_empty("description"),
            canceled: e.bool("canceled"),
            join_link: e.non_empty("joinLink"),
            start_time: e.seconds("scheduleTime"),
            location: e.obj("location").and_then(|l| l.first_str(&["name", "address"])),
        };
    }
    if let Some(r) = b.obj("eventResponse") {
        return Content::EventResponse {
            response: r.non_empty("response"),
            target_message_id: r.obj("referencedMessage").and_then(|m| m.non_empty("messageId")),
            responded_at: r.millis("time"),
        };
    }
    if let Some(c) = b.obj("carouselMessage") {
        let cards = c
            .objects("cards")
            .iter()
            .map(|card| CarouselCard {
                title: card.non_empty("title"),
                text: card.non_empty("message"),
                footer: card.non_empty("footer"),
                header: card.obj("header").and_then(|h| media_header(&h)),
                buttons: card.objects("hydratedButtons").iter().chain(card.objects("buttons").iter()).map(button).collect(),
            })
            .collect();
        return Content::Carousel { text: c.non_empty("text"), cards };
    }
    if let Some(p) = b.obj("pixKeyMessage") {
        return Content::PixKey {
            key: p.non_empty("key"),
            key_type: p.non_empty("keyType"),
            merchant_name: p.non_empty("merchantName"),
            currency: p.non_empty("currency"),
            reference_id: p.non_empty("referenceId"),
        };
    }
    if let Some(r) = b.obj("requestPayment") {
        let info = r.obj("paymentInfo");
        return Content::PaymentRequest {
            amount: r.f64("value"),
            currency: r.non_empty("currencyCode"),
            expiration: r.millis("expiration"),
            requester_phone: r.non_empty("requestPhone"),
            status: info.and_then(|i| i.non_empty("status")),
        };
    }
    if let Some(s) = b.obj("sendPayment") {
        let info = s.obj("paymentInfo").unwrap_or_else(|| s.clone());
        return Content::Payment {
            amount: info.f64("value"),
            currency: info.non_empty("currencyCode"),
            status: info.non_empty("status"),
            transaction_status: info.non_empty("transactionStatus"),
            receiver_phone: info.non_empty("receiverPhone"),
        };
    }
    if let Some(p) = b.obj("product") {
        return Content::Product {
            product_id: p.non_empty("productId"),
            title: p.non_empty("title"),
            description: p.non_empty("description"),
            price: p.f64("price"),
            currency: p.non_empty("currencyCode"),
            image_url: p.non_empty("productImage"),
            url: p.non_empty("url"),
            retailer_id: p.non_empty("retailerId"),
            owner_phone: p.non_empty("businessOwnerJid"),
        };
    }
    if let Some(o) = b.obj("order") {
        return Content::Order {
            order_id: o.non_empty("orderId"),
            title: o.non_empty("orderTitle"),
            text: o.non_empty("message"),
            item_count: o.u32("itemCount"),
            total: o.f64("total"),
            subtotal: o.f64("subTotal"),
            currency: o.non_empty("currency"),
            thumbnail_url: o.non_empty("thumbnailUrl"),
            seller_phone: o.non_empty("sellerJid"),
            items: order_items(&o),
        };
    }
    for (key, stage) in [("reviewAndPay", OrderStage::ReviewAndPay), ("reviewOrder", OrderStage::ReviewOrder)] {
        if let Some(o) = b.obj(key) {
            return Content::OrderDetails {
                stage,
                reference_id: o.non_empty("referenceId"),
                order_request_id: o.non_empty("orderRequestId"),
                order_status: o.non_empty("orderStatus"),
                payment_status: o.non_empty("paymentStatus"),
                currency: o.non_empty("currency"),
                total: o.f64("total"),
                subtotal: o.f64("subTotal"),
                discount: o.f64("discount"),
                shipping: o.f64("shipping"),
                tax: o.f64("tax"),
                items: order_items(&o),
            };
        }
    }
    if let Some(n) = b.obj("newsletterAdminInvite") {
        return Content::NewsletterAdminInvite {
            newsletter_id: n.non_empty("newsletterId"),
            newsletter_name: n.non_empty("newsletterName"),
            text: n.non_empty("text"),
            expiration: n.seconds("inviteExpiration"),
        };
    }
    unsupported(b)
}

/// The `products` of an order: `{productId, name, quantity, price | value, currencyCode, retailerId}`.
fn order_items(o: &Obj<'_, '_>) -> Vec<OrderItem> {
    o.objects("products")
        .iter()
        .map(|p| OrderItem {
            product_id: p.non_empty("productId"),
            name: p.non_empty("name"),
            quantity: p.f64("quantity"),
            price: p.f64("price").or_else(|| p.f64("value")),
            currency: p.non_empty("currencyCode"),
            retailer_id: p.non_empty("retailerId"),
        })
        .collect()
}

/// The media header of a hydrated template: `{image|video|document|location: {...}}`.
fn media_header(h: &Obj<'_, '_>) -> Option<MediaHeader> {
    for (key, kind, url_key) in [
        ("image", HeaderKind::Image, "imageUrl"),
        ("video", HeaderKind::Video, "videoUrl"),
        ("document", HeaderKind::Document, "documentUrl"),
        ("location", HeaderKind::Location, "url"),
    ] {
        if let Some(m) = h.obj(key) {
            return Some(MediaHeader { kind, url: m.non_empty(url_key), mime_type: m.first_str(&["mimeType", "mimetype"]) });
        }
    }
    None
}

/// A message kind we do not model: name the first key that is not part of the envelope.
fn unsupported(b: &Obj<'_, '_>) -> Content {
    let key = b.o.entries.iter().find(|(k, v)| !ENVELOPE.contains(k) && !matches!(v, Value::Null)).map(|(k, _)| k.to_string());
    let provider_kind = key.clone().unwrap_or_else(|| "none".to_string());
    b.warn(
        WarningCode::UnsupportedContent,
        key.as_deref().unwrap_or(""),
        match &key {
            Some(k) => format!("message content `{k}` is not modelled; content kind is `unsupported`"),
            None => "the message has no content key this library knows; content kind is `unsupported`".to_string(),
        },
    );
    Content::Unsupported { provider_kind }
}
