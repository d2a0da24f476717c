//! The normalized output model (SPEC §2). Every type serializes (serde) to exactly the JSON the
//! JS package returns: camelCase keys, every documented key present (`null` when absent), epoch
//! milliseconds, string ids.

use serde::Serialize;

/// The supported providers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// Z-API (`z-api.io`).
    Zapi,
    /// Plugchat, built on Z-API: the same bodies, plus attendances.
    Plugchat,
    /// Green API (`green-api.com`).
    Greenapi,
    /// Callbell (`callbell.eu`).
    Callbell,
    /// Meta's WhatsApp Cloud API, and the Business Solution Providers that forward its format
    /// unchanged (360dialog, ...).
    Cloudapi,
    /// Evolution API (v2).
    Evolution,
    /// WAHA (WhatsApp HTTP API, `waha.devlike.pro`).
    Waha,
}

impl Provider {
    /// Every provider, in declaration order.
    pub const ALL: [Provider; 7] = [
        Provider::Zapi,
        Provider::Plugchat,
        Provider::Greenapi,
        Provider::Callbell,
        Provider::Cloudapi,
        Provider::Evolution,
        Provider::Waha,
    ];

    /// The name the JS package and JSON use (`"zapi"`, `"greenapi"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Zapi => "zapi",
            Provider::Plugchat => "plugchat",
            Provider::Greenapi => "greenapi",
            Provider::Callbell => "callbell",
            Provider::Cloudapi => "cloudapi",
            Provider::Evolution => "evolution",
            Provider::Waha => "waha",
        }
    }

    /// Parses a provider name as [`Provider::as_str`] writes it.
    pub fn from_name(name: &str) -> Option<Provider> {
        match name {
            "zapi" => Some(Provider::Zapi),
            "plugchat" => Some(Provider::Plugchat),
            "greenapi" => Some(Provider::Greenapi),
            "callbell" => Some(Provider::Callbell),
            "cloudapi" => Some(Provider::Cloudapi),
            "evolution" => Some(Provider::Evolution),
            "waha" => Some(Provider::Waha),
            _ => None,
        }
    }
}

/// What settled the provider: its shape alone, the caller's hint, or the request headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum DetectedBy {
    Hint,
    Shape,
    Headers,
}

/// The result of parsing one webhook body.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ParseResult {
    pub provider: Provider,
    pub detected_by: DetectedBy,
    /// True only when a Z-API-family body could also be Plugchat and nothing settled it.
    pub ambiguous: bool,
    pub events: Vec<Event>,
    pub warnings: Vec<Warning>,
}

/// Something odd in the payload that did not stop the parse.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Warning {
    pub code: WarningCode,
    pub message: String,
    /// Where in the body, as `a.b[0].c` from the top-level object; `null` for the body as a whole.
    pub path: Option<String>,
}

/// Warning codes; the README lists each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    UnknownEvent,
    UnknownStatus,
    UnknownState,
    UnknownPresence,
    UnknownNotification,
    UnsupportedContent,
    /// A milliseconds field held seconds (below 10^11); multiplied by 1000.
    TimestampSeconds,
    /// A seconds field held milliseconds (10^11 or more); taken as milliseconds.
    TimestampMilliseconds,
    /// A field of the wrong JSON type was converted or ignored.
    InvalidType,
    /// A field the event needs was missing.
    MissingField,
    /// A provider error marker such as Green API's `{{SWE001}}` inside a text or URL.
    ProviderMarker,
    /// A `\u` escape held a lone UTF-16 surrogate; it was replaced by U+FFFD.
    LoneSurrogate,
    /// `raw` was left out of some events: a large body fanned out into many events.
    RawOmitted,
}

impl WarningCode {
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::UnknownEvent => "unknown_event",
            WarningCode::UnknownStatus => "unknown_status",
            WarningCode::UnknownState => "unknown_state",
            WarningCode::UnknownPresence => "unknown_presence",
            WarningCode::UnknownNotification => "unknown_notification",
            WarningCode::UnsupportedContent => "unsupported_content",
            WarningCode::TimestampSeconds => "timestamp_seconds",
            WarningCode::TimestampMilliseconds => "timestamp_milliseconds",
            WarningCode::InvalidType => "invalid_type",
            WarningCode::MissingField => "missing_field",
            WarningCode::ProviderMarker => "provider_marker",
            WarningCode::LoneSurrogate => "lone_surrogate",
            WarningCode::RawOmitted => "raw_omitted",
        }
    }
}

/// One normalized event; `type` is the discriminator.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Event {
    Message(MessageEvent),
    Status(StatusEvent),
    Presence(PresenceEvent),
    Connection(ConnectionEvent),
    Call(CallEvent),
    System(SystemEvent),
    Unknown(UnknownEvent),
}

impl Event {
    pub fn base(&self) -> &EventBase {
        match self {
            Event::Message(e) => &e.base,
            Event::Status(e) => &e.base,
            Event::Presence(e) => &e.base,
            Event::Connection(e) => &e.base,
            Event::Call(e) => &e.base,
            Event::System(e) => &e.base,
            Event::Unknown(e) => &e.base,
        }
    }

    pub fn base_mut(&mut self) -> &mut EventBase {
        match self {
            Event::Message(e) => &mut e.base,
            Event::Status(e) => &mut e.base,
            Event::Presence(e) => &mut e.base,
            Event::Connection(e) => &mut e.base,
            Event::Call(e) => &mut e.base,
            Event::System(e) => &mut e.base,
            Event::Unknown(e) => &mut e.base,
        }
    }

    /// The `type` discriminator.
    pub fn type_name(&self) -> &'static str {
        match self {
            Event::Message(_) => "message",
            Event::Status(_) => "status",
            Event::Presence(_) => "presence",
            Event::Connection(_) => "connection",
            Event::Call(_) => "call",
            Event::System(_) => "system",
            Event::Unknown(_) => "unknown",
        }
    }
}

/// Fields every event has.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct EventBase {
    pub provider: Provider,
    /// The provider's own discriminator value (`ReceivedCallback`, `outgoingMessageStatus`, ...).
    pub provider_event: String,
    pub instance_id: Option<String>,
    /// Epoch milliseconds.
    pub timestamp: Option<i64>,
    /// Stable identity of the event; format in the README.
    pub dedupe_key: String,
    /// The source JSON object of the event, only with `include_raw` (numbers as `JSON.parse`
    /// reads them: integers exactly up to 64 bits, others as doubles).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw: Option<Json>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ChatType {
    Direct,
    Group,
    Newsletter,
    Broadcast,
}

/// A conversation, with its canonical JID.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Chat {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: ChatType,
    /// Digits only, for direct chats whose phone number the body gives.
    pub phone: Option<String>,
    /// The contact's `<id>@lid` when the body gives one (Z-API `chatLid`, an id ending in `@lid`).
    pub lid: Option<String>,
    /// Exactly what the provider sent.
    pub raw_id: String,
}

/// A person: any of JID, phone, LID and name the provider gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Party {
    pub id: Option<String>,
    pub phone: Option<String>,
    pub lid: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Inbound,
    Outbound,
}

#[derive(Debug, Clone)]
pub struct MessageEvent {
    pub base: EventBase,
    /// `None` only when the body has none (with a `missing_field` warning).
    pub message_id: Option<String>,
    pub direction: Direction,
    pub from_api: Option<bool>,
    /// `None` only when the body names no chat (with a `missing_field` warning).
    pub chat: Option<Chat>,
    pub sender: Option<Party>,
    pub reply_to_message_id: Option<String>,
    pub forwarded: Option<bool>,
    pub edited: bool,
    pub edited_message_id: Option<String>,
    pub content: Content,
    /// The ad or post the customer came from (Cloud API `referral` of click-to-WhatsApp ads).
    pub referral: Option<Referral>,
}

/// Where a message came from: a click-to-WhatsApp ad or post.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Referral {
    /// `ad` or `post`, as sent.
    pub source_type: Option<String>,
    pub source_id: Option<String>,
    pub source_url: Option<String>,
    pub headline: Option<String>,
    pub body: Option<String>,
    /// `image` or `video`, as sent.
    pub media_type: Option<String>,
    /// The ad's image or video URL.
    pub media_url: Option<String>,
    pub thumbnail_url: Option<String>,
    /// Click-to-WhatsApp click id (`ctwa_clid`).
    pub click_id: Option<String>,
}

/// One contact card of a `contacts` message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ContactCard {
    pub name: Option<String>,
    pub vcard: Option<String>,
    pub phones: Vec<String>,
}

/// A button of an interactive message (`buttons`, `template`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Button {
    /// `reply`, `url`, `call`, `copy` or `other`.
    #[serde(rename = "type")]
    pub kind: String,
    pub id: Option<String>,
    pub text: Option<String>,
    /// The URL of a `url` button, the phone number of a `call` button.
    pub value: Option<String>,
}

/// A row of a `list` message section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ListRow {
    pub id: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ListSection {
    pub title: Option<String>,
    pub rows: Vec<ListRow>,
}

/// A card of a `carousel` message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CarouselCard {
    pub title: Option<String>,
    pub text: Option<String>,
    pub footer: Option<String>,
    pub header: Option<MediaHeader>,
    pub buttons: Vec<Button>,
}

/// An item of an `order` or `orderDetails` message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrderItem {
    pub product_id: Option<String>,
    pub name: Option<String>,
    pub quantity: Option<f64>,
    /// The unit price as sent.
    pub price: Option<f64>,
    pub currency: Option<String>,
    pub retailer_id: Option<String>,
}

/// The media header of a `template` or `buttons` message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct MediaHeader {
    /// `image`, `video`, `document` or `location`.
    pub kind: String,
    pub url: Option<String>,
    pub mime_type: Option<String>,
}

/// What a message holds; `kind` is the discriminator. Media URLs are always `url`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Content {
    Text {
        text: String,
    },
    Image {
        url: Option<String>,
        /// The provider's media id, for providers that send ids instead of URLs (Cloud API: fetch
        /// it with the Graph API).
        media_id: Option<String>,
        mime_type: Option<String>,
        caption: Option<String>,
        thumbnail_url: Option<String>,
        /// Sent as "view once" (Z-API `viewOnce`, Green API `isViewOnce`).
        view_once: Option<bool>,
        /// Pixels, when the provider gives them (`0` is taken as not given).
        width: Option<u32>,
        height: Option<u32>,
    },
    Video {
        url: Option<String>,
        media_id: Option<String>,
        mime_type: Option<String>,
        caption: Option<String>,
        seconds: Option<u32>,
        view_once: Option<bool>,
        width: Option<u32>,
        height: Option<u32>,
    },
    Audio {
        url: Option<String>,
        media_id: Option<String>,
        mime_type: Option<String>,
        seconds: Option<u32>,
        /// Push-to-talk (a voice note).
        voice: Option<bool>,
        view_once: Option<bool>,
    },
    Document {
        url: Option<String>,
        media_id: Option<String>,
        mime_type: Option<String>,
        file_name: Option<String>,
        title: Option<String>,
        caption: Option<String>,
        page_count: Option<u32>,
    },
    Sticker {
        url: Option<String>,
        media_id: Option<String>,
        mime_type: Option<String>,
        animated: Option<bool>,
    },
    Location {
        latitude: Option<f64>,
        longitude: Option<f64>,
        name: Option<String>,
        address: Option<String>,
        url: Option<String>,
    },
    Contacts {
        contacts: Vec<ContactCard>,
    },
    Reaction {
        /// `""` when the reaction was removed.
        emoji: String,
        target_message_id: Option<String>,
    },
    ButtonReply {
        id: Option<String>,
        text: Option<String>,
    },
    ListReply {
        id: Option<String>,
        title: Option<String>,
        description: Option<String>,
    },
    /// The answer to a WhatsApp Flow (Cloud API `interactive.nfm_reply`).
    FlowReply {
        /// `flow` for Flows; other native-flow names as sent.
        name: Option<String>,
        /// The text shown in the chat (`Sent`).
        body: Option<String>,
        /// The Flow's answers: a JSON text, exactly as sent (`JSON.parse` it).
        response_json: Option<String>,
        /// `flow_token` of `response_json`, when it is a JSON object that has one.
        flow_token: Option<String>,
    },
    Poll {
        question: Option<String>,
        options: Vec<String>,
        /// 1 for single choice; `null` when any number of options may be chosen.
        max_selections: Option<u32>,
    },
    PollVote {
        poll_message_id: Option<String>,
        options: Vec<String>,
    },
    Delete {
        target_message_id: Option<String>,
    },
    /// Z-API `waitingMessage`: the content is not decrypted yet.
    Waiting {},
    /// An interactive message with reply/URL/call buttons.
    Buttons {
        text: Option<String>,
        footer: Option<String>,
        header: Option<MediaHeader>,
        buttons: Vec<Button>,
    },
    /// An interactive list message.
    List {
        title: Option<String>,
        text: Option<String>,
        footer: Option<String>,
        button_text: Option<String>,
        sections: Vec<ListSection>,
    },
    /// A business template (hydrated template) message.
    Template {
        template_id: Option<String>,
        title: Option<String>,
        text: Option<String>,
        footer: Option<String>,
        header: Option<MediaHeader>,
        buttons: Vec<Button>,
    },
    /// An invitation to join a group.
    GroupInvite {
        group_id: Option<String>,
        group_name: Option<String>,
        invite_code: Option<String>,
        /// Epoch milliseconds; `null` when it does not expire.
        expiration: Option<i64>,
        caption: Option<String>,
    },
    /// A message pinned or unpinned.
    Pin {
        /// `pin` or `unpin`.
        action: Option<String>,
        target_message_id: Option<String>,
        duration_seconds: Option<u32>,
    },
    /// A WhatsApp event (scheduled meeting).
    Event {
        name: Option<String>,
        description: Option<String>,
        canceled: Option<bool>,
        join_link: Option<String>,
        /// Epoch milliseconds.
        start_time: Option<i64>,
        location: Option<String>,
    },
    /// An answer to an event invitation.
    EventResponse {
        /// As sent: `GOING`, `NOT_GOING`, `MAYBE`.
        response: Option<String>,
        target_message_id: Option<String>,
        /// Epoch milliseconds.
        responded_at: Option<i64>,
    },
    /// A carousel of cards, each with a media header and buttons.
    Carousel {
        text: Option<String>,
        cards: Vec<CarouselCard>,
    },
    /// A PIX key to pay to (Brazil).
    PixKey {
        key: Option<String>,
        key_type: Option<String>,
        merchant_name: Option<String>,
        currency: Option<String>,
        reference_id: Option<String>,
    },
    /// A payment request.
    PaymentRequest {
        /// As sent by the provider.
        amount: Option<f64>,
        currency: Option<String>,
        /// Epoch milliseconds.
        expiration: Option<i64>,
        requester_phone: Option<String>,
        status: Option<String>,
    },
    /// A payment sent.
    Payment {
        amount: Option<f64>,
        currency: Option<String>,
        status: Option<String>,
        transaction_status: Option<String>,
        receiver_phone: Option<String>,
    },
    /// A catalog product.
    Product {
        product_id: Option<String>,
        title: Option<String>,
        description: Option<String>,
        price: Option<f64>,
        currency: Option<String>,
        image_url: Option<String>,
        url: Option<String>,
        retailer_id: Option<String>,
        owner_phone: Option<String>,
    },
    /// An order (cart) sent from a catalog.
    Order {
        order_id: Option<String>,
        title: Option<String>,
        text: Option<String>,
        item_count: Option<u32>,
        total: Option<f64>,
        subtotal: Option<f64>,
        currency: Option<String>,
        thumbnail_url: Option<String>,
        seller_phone: Option<String>,
        items: Vec<OrderItem>,
    },
    /// Order details sent for review and payment (`stage: "reviewAndPay"`) or an order update
    /// (`stage: "reviewOrder"`).
    OrderDetails {
        stage: String,
        reference_id: Option<String>,
        order_request_id: Option<String>,
        order_status: Option<String>,
        payment_status: Option<String>,
        currency: Option<String>,
        total: Option<f64>,
        subtotal: Option<f64>,
        discount: Option<f64>,
        shipping: Option<f64>,
        tax: Option<f64>,
        items: Vec<OrderItem>,
    },
    /// An invitation to administer a channel (newsletter).
    NewsletterAdminInvite {
        newsletter_id: Option<String>,
        newsletter_name: Option<String>,
        text: Option<String>,
        /// Epoch milliseconds.
        expiration: Option<i64>,
    },
    /// A kind not modelled yet: `provider_kind` names the key or `typeMessage` seen.
    Unsupported {
        provider_kind: String,
    },
}

impl Content {
    /// The `kind` discriminator.
    pub fn kind(&self) -> &'static str {
        match self {
            Content::Text { .. } => "text",
            Content::Image { .. } => "image",
            Content::Video { .. } => "video",
            Content::Audio { .. } => "audio",
            Content::Document { .. } => "document",
            Content::Sticker { .. } => "sticker",
            Content::Location { .. } => "location",
            Content::Contacts { .. } => "contacts",
            Content::Reaction { .. } => "reaction",
            Content::ButtonReply { .. } => "buttonReply",
            Content::ListReply { .. } => "listReply",
            Content::FlowReply { .. } => "flowReply",
            Content::Poll { .. } => "poll",
            Content::PollVote { .. } => "pollVote",
            Content::Delete { .. } => "delete",
            Content::Waiting {} => "waiting",
            Content::Buttons { .. } => "buttons",
            Content::List { .. } => "list",
            Content::Template { .. } => "template",
            Content::GroupInvite { .. } => "groupInvite",
            Content::Pin { .. } => "pin",
            Content::Event { .. } => "event",
            Content::EventResponse { .. } => "eventResponse",
            Content::Carousel { .. } => "carousel",
            Content::PixKey { .. } => "pixKey",
            Content::PaymentRequest { .. } => "paymentRequest",
            Content::Payment { .. } => "payment",
            Content::Product { .. } => "product",
            Content::Order { .. } => "order",
            Content::OrderDetails { .. } => "orderDetails",
            Content::NewsletterAdminInvite { .. } => "newsletterAdminInvite",
            Content::Unsupported { .. } => "unsupported",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Accepted,
    Sent,
    Delivered,
    Read,
    Played,
    Failed,
    Deleted,
    Other,
    Unknown,
}

impl Status {
    /// accepted 1, sent 2, delivered 3, read 4, played 5; `None` otherwise.
    pub fn rank(self) -> Option<u8> {
        match self {
            Status::Accepted => Some(1),
            Status::Sent => Some(2),
            Status::Delivered => Some(3),
            Status::Read => Some(4),
            Status::Played => Some(5),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::Sent => "sent",
            Status::Delivered => "delivered",
            Status::Read => "read",
            Status::Played => "played",
            Status::Failed => "failed",
            Status::Deleted => "deleted",
            Status::Other => "other",
            Status::Unknown => "unknown",
        }
    }
}

/// Who caused a status: the recipient, or the connected number itself (`READ_BY_ME`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Actor {
    Recipient,
    #[serde(rename = "self")]
    SelfActor,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StatusError {
    pub code: Option<String>,
    pub message: Option<String>,
}

#[derive(Debug, Clone)]
pub struct StatusEvent {
    pub base: EventBase,
    /// `None` only when the body has none (with a `missing_field` warning).
    pub message_id: Option<String>,
    pub status: Status,
    pub raw_status: String,
    pub rank: Option<u8>,
    pub actor: Actor,
    pub chat: Option<Chat>,
    /// Set when `status` is `failed`.
    pub error: Option<StatusError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Presence {
    Available,
    Unavailable,
    Composing,
    Recording,
    Paused,
    Unknown,
}

#[derive(Debug, Clone)]
pub struct PresenceEvent {
    pub base: EventBase,
    pub chat: Chat,
    pub presence: Presence,
    pub raw_presence: String,
    pub last_seen: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ConnectionState {
    Connected,
    Disconnected,
    Unauthorized,
    Blocked,
    Starting,
    Suspended,
    Sleeping,
    Unknown,
}

#[derive(Debug, Clone)]
pub struct ConnectionEvent {
    pub base: EventBase,
    pub state: ConnectionState,
    pub raw_state: String,
    pub reason: Option<String>,
    /// The connected number, digits only, when the provider says.
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum CallState {
    Offer,
    Accepted,
    Rejected,
    Missed,
    Ended,
    Unknown,
}

#[derive(Debug, Clone)]
pub struct CallEvent {
    pub base: EventBase,
    pub call_id: Option<String>,
    pub chat: Option<Chat>,
    pub from: Option<Party>,
    pub state: CallState,
    pub raw_state: Option<String>,
    pub video: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct SystemEvent {
    pub base: EventBase,
    /// Stable lower-case dotted name (`group.participant_added`, `contact.created`, ...).
    pub name: String,
    pub raw_name: String,
    pub chat: Option<Chat>,
    /// The message the notification is about, when the body names one (Z-API notifications).
    pub message_id: Option<String>,
    /// Who the notification comes from or is about, when the body names them.
    pub sender: Option<Party>,
    /// The provider's fields.
    pub data: SystemData,
}

/// The `data` of a system event: the provider's fields, or a Plugchat attendance.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum SystemData {
    Fields(JsonObject),
    Attendance(Box<Attendance>),
}

/// A Plugchat attendance (`attendance.started` / `attendance.finished`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Attendance {
    pub attendance_number: Option<String>,
    /// As sent: `PROGRESS`, `FINISH`.
    pub status: String,
    pub customer: AttendanceCustomer,
    pub department: Option<String>,
    /// `operator`, or `finishBy` when it finished.
    pub operator: Option<String>,
    pub categories: Vec<AttendanceCategory>,
    /// Epoch milliseconds.
    pub request_time: Option<i64>,
    pub start_time: Option<i64>,
    pub end_time: Option<i64>,
    pub operator_report: Option<String>,
    pub rating_observation: Option<String>,
    /// The attendance's `chat` messages, each normalized as a message event, in `momment` order.
    pub messages: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AttendanceCustomer {
    pub name: Option<String>,
    /// Digits only.
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct AttendanceCategory {
    pub id: Option<String>,
    pub name: Option<String>,
    pub color: Option<String>,
    pub item_id: Option<String>,
    pub item_name: Option<String>,
}

#[derive(Debug, Clone)]
pub struct UnknownEvent {
    pub base: EventBase,
}

/// `Serialize` for an event struct: the [`EventBase`] fields first, then the event's own — what
/// `#[serde(flatten)]` wrote, without the detour through a map that flatten forces on every
/// serializer (slower, and larger code in the `.wasm`).
macro_rules! event_serialize {
    ($ty:ident { $($field:ident => $key:literal),* $(,)? }) => {
        impl Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let b = &self.base;
                let len = 5 + usize::from(b.raw.is_some()) $(+ { let _ = $key; 1 })*;
                let mut st = s.serialize_struct(stringify!($ty), len)?;
                st.serialize_field("provider", &b.provider)?;
                st.serialize_field("providerEvent", &b.provider_event)?;
                st.serialize_field("instanceId", &b.instance_id)?;
                st.serialize_field("timestamp", &b.timestamp)?;
                st.serialize_field("dedupeKey", &b.dedupe_key)?;
                match &b.raw {
                    Some(raw) => st.serialize_field("raw", raw)?,
                    None => st.skip_field("raw")?,
                }
                $(st.serialize_field($key, &self.$field)?;)*
                st.end()
            }
        }

        /// The schema of exactly what `serialize` writes: the base fields, then the event's own.
        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }
            // Inlined into `Event`'s variants, where the `type` tag joins these properties.
            fn inline_schema() -> bool {
                true
            }
            fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "object",
                    "properties": {
                        "provider": g.subschema_for::<Provider>(),
                        "providerEvent": g.subschema_for::<String>(),
                        "instanceId": g.subschema_for::<Option<String>>(),
                        "timestamp": g.subschema_for::<Option<i64>>(),
                        "dedupeKey": g.subschema_for::<String>(),
                        "raw": g.subschema_for::<Json>(),
                        $($key: schema_of(g, |e: &$ty| &e.$field),)*
                    },
                    "required": ["provider", "providerEvent", "instanceId", "timestamp", "dedupeKey", $($key,)*],
                })
            }
        }
    };
}

/// The schema of a field's type, named through an accessor (the macro knows fields, not types).
#[cfg(feature = "schema")]
fn schema_of<S, T: schemars::JsonSchema>(g: &mut schemars::SchemaGenerator, _field: fn(&S) -> &T) -> schemars::Schema {
    g.subschema_for::<T>()
}

event_serialize!(MessageEvent { message_id => "messageId", direction => "direction", from_api => "fromApi", chat => "chat", sender => "sender", reply_to_message_id => "replyToMessageId", forwarded => "forwarded", edited => "edited", edited_message_id => "editedMessageId", content => "content", referral => "referral" });
event_serialize!(StatusEvent { message_id => "messageId", status => "status", raw_status => "rawStatus", rank => "rank", actor => "actor", chat => "chat", error => "error" });
event_serialize!(PresenceEvent { chat => "chat", presence => "presence", raw_presence => "rawPresence", last_seen => "lastSeen" });
event_serialize!(ConnectionEvent { state => "state", raw_state => "rawState", reason => "reason", phone => "phone" });
event_serialize!(CallEvent { call_id => "callId", chat => "chat", from => "from", state => "state", raw_state => "rawState", video => "video" });
event_serialize!(SystemEvent { name => "name", raw_name => "rawName", chat => "chat", message_id => "messageId", sender => "sender", data => "data" });
event_serialize!(UnknownEvent {});

/// A JSON value copied from the body (`data`, `raw`), with `JSON.parse`'s semantics: a repeated key
/// keeps its first position and its last value; numbers are integers when they fit 64 bits and
/// doubles otherwise.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    String(String),
    Array(Vec<Json>),
    Object(JsonObject),
}

/// A JSON object: keys unique, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JsonObject(pub Vec<(String, Json)>);

impl JsonObject {
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Sets `key`, in place when it is there, else at the end.
    pub fn insert(&mut self, key: &str, value: Json) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key.to_string(), value)),
        }
    }
}

/// Any JSON value (`raw`, values of `data`).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Json {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Json".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "description": "Any JSON value, copied from the body." })
    }
}

/// A JSON object copied from the body.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for JsonObject {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "JsonObject".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "object", "additionalProperties": g.subschema_for::<Json>() })
    }
}

impl Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Int(i) => s.serialize_i64(*i),
            Json::UInt(u) => s.serialize_u64(*u),
            Json::Float(f) => s.serialize_f64(*f),
            Json::String(x) => s.serialize_str(x),
            Json::Array(a) => s.collect_seq(a),
            Json::Object(o) => o.serialize(s),
        }
    }
}

impl Serialize for JsonObject {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}
