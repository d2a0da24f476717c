//! The normalized output model. Every type serializes (serde) to exactly the JSON the JS package
//! returns: camelCase keys, every documented key present (`null` when absent), times in epoch
//! milliseconds, ids as strings (chats and people as canonical JIDs such as `5511999999999@c.us`).

use serde::Serialize;

/// The supported providers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
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
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum DetectedBy {
    /// The caller's `provider` hint settled a shape several providers send (Z-API vs Plugchat).
    Hint,
    /// The body's shape alone (also when a hint merely agreed with it).
    Shape,
    /// A request header settled it: `z-api-token`, or `origin: https://api.z-api.io`.
    Headers,
}

/// The result of parsing one webhook body.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ParseResult {
    /// The provider that sent the body.
    pub provider: Provider,
    /// What settled `provider`.
    pub detected_by: DetectedBy,
    /// True only when a Z-API-family body could also be Plugchat and nothing settled it.
    pub ambiguous: bool,
    /// The body's events, in order; one body may fan out into several (a Z-API status with several
    /// `ids`).
    pub events: Vec<Event>,
    /// Everything odd in the body that did not stop the parse.
    pub warnings: Vec<Warning>,
}

/// Something odd in the payload that did not stop the parse.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[non_exhaustive]
pub struct Warning {
    /// What kind of oddity.
    pub code: WarningCode,
    /// What was odd and what was done about it, for people.
    pub message: String,
    /// Where in the body, as `a.b[0].c` from the top-level object; `null` for the body as a whole.
    pub path: Option<String>,
}

/// Warning codes; the README lists each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningCode {
    /// A provider event this library does not model; it became an `unknown` event.
    UnknownEvent,
    /// A status value not in the mapping tables; `status` is `unknown`.
    UnknownStatus,
    /// A connection or call state not recognised; `state` is `unknown`.
    UnknownState,
    /// A presence value not recognised; `presence` is `unknown`.
    UnknownPresence,
    /// A Z-API notification not in the table; the system event is named `notification.<value>`.
    UnknownNotification,
    /// A message kind not modelled; the content is `unsupported`, with `provider_kind`.
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
    /// The code as JSON writes it (`"unknown_event"`, ...).
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
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(tag = "type", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Event {
    /// A message received, or sent from the phone or through the API.
    Message(MessageEvent),
    /// A delivery status of a sent message (sent, delivered, read, ...).
    Status(StatusEvent),
    /// A contact's presence in a chat (online, typing, recording, ...).
    Presence(PresenceEvent),
    /// The connection state of the provider's instance changed.
    Connection(ConnectionEvent),
    /// A voice or video call.
    Call(CallEvent),
    /// Any other documented provider event (group changes, contacts, attendances, ...), named by
    /// `name`.
    System(SystemEvent),
    /// A provider event this library does not model yet (with an `unknown_event` warning).
    Unknown(UnknownEvent),
}

impl Event {
    /// The fields every event has.
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

    /// The fields every event has, mutably.
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
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct EventBase {
    /// The provider that sent the event.
    pub provider: Provider,
    /// The provider's own discriminator value (`ReceivedCallback`, `outgoingMessageStatus`, ...).
    pub provider_event: String,
    /// The provider instance that received it (Z-API `instanceId`, Green API
    /// `instanceData.idInstance`, as a string); `None` when the body has none.
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

/// Declares an event struct and, from the same list, everything that reads or writes it: the
/// struct (its [`EventBase`] first), `Serialize` (the base's keys, then the event's own in
/// declaration order: what `#[serde(flatten)]` would write, without the detour through a map that
/// flatten forces on every serializer, slower and larger in the `.wasm`), the JSON Schema
/// (`schema` feature) and `Deserialize` (`deserialize` feature). A field added here reaches the
/// JSON, the schema and (after `make generate`) the TypeScript types, with nothing else to edit.
macro_rules! event_struct {
    // A field written as it is, or through a writer type (`field: Type => "key" as Writer`).
    (@out $e:expr) => { $e };
    (@out $e:expr, $out:ident) => { $out(&$e) };
    ($(#[$meta:meta])* pub struct $ty:ident { $($(#[$fmeta:meta])* $field:ident: $fty:ty => $key:literal $(as $out:ident)?,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub struct $ty {
            /// The fields every event has.
            pub base: EventBase,
            $($(#[$fmeta])* pub $field: $fty,)*
        }

        impl Serialize for $ty {
            // Never inlined into `Event`'s: the first body compiles only its own event's writer
            // (V8 compiles wasm one function at a time, on first call).
            #[inline(never)]
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
                $(st.serialize_field($key, &event_struct!(@out self.$field $(, $out)?))?;)*
                st.end()
            }
        }

        #[cfg(feature = "deserialize")]
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                #[derive(serde::Deserialize)]
                #[serde(rename_all = "camelCase")]
                struct Fields {
                    provider: Provider,
                    provider_event: String,
                    instance_id: Option<String>,
                    timestamp: Option<i64>,
                    dedupe_key: String,
                    #[serde(default)]
                    raw: Option<Json>,
                    $(#[serde(rename = $key)] $field: $fty,)*
                }
                let f = Fields::deserialize(d)?;
                let base = EventBase {
                    provider: f.provider,
                    provider_event: f.provider_event,
                    instance_id: f.instance_id,
                    timestamp: f.timestamp,
                    dedupe_key: f.dedupe_key,
                    raw: f.raw,
                };
                Ok($ty { base, $($field: f.$field,)* })
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
                        $($key: field_schema::<$fty>(g, &[$(stringify!($fmeta)),*]),)*
                    },
                    "required": ["provider", "providerEvent", "instanceId", "timestamp", "dedupeKey", $($key,)*],
                })
            }
        }
    };
}

/// How [`MessageEvent`] writes its `content`: a text (most messages) by hand, every other kind
/// through the derived `Serialize` in a function of its own. V8 compiles wasm one function at a
/// time, on first call: the first text body then compiles a few hundred bytes of writer instead of
/// the writer of every kind (13.5 KB). It writes exactly what the derive writes, `{"kind": "text",
/// "text": …}` (`content_out_writes_what_the_derive_writes`, and every fixture's expected output).
struct ContentOut<'a>(&'a Content);

impl Serialize for ContentOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        match self.0 {
            Content::Text { text } => {
                let mut st = s.serialize_struct("Content", 2)?;
                st.serialize_field("kind", self.0.kind())?;
                st.serialize_field("text", text)?;
                st.end()
            }
            other => derived_content(other, s),
        }
    }
}

#[inline(never)]
fn derived_content<S: serde::Serializer>(c: &Content, s: S) -> Result<S::Ok, S::Error> {
    c.serialize(s)
}

/// A field's schema, with its doc comment as `description` (schemars' derive does the same for
/// the other model types).
#[cfg(feature = "schema")]
fn field_schema<T: schemars::JsonSchema>(g: &mut schemars::SchemaGenerator, metas: &[&str]) -> schemars::Schema {
    let mut schema = g.subschema_for::<T>();
    let doc: Vec<String> = metas
        .iter()
        .filter_map(|m| m.trim().strip_prefix("doc")?.trim_start().strip_prefix('='))
        .map(|d| d.trim().trim_start_matches('r').trim_matches('"').trim().to_string())
        .collect();
    if !doc.is_empty() {
        schema.insert("description".into(), doc.join("\n").into());
    }
    schema
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
/// The kind of chat, from its JID's server part.
pub enum ChatType {
    /// A one-to-one chat with a user (`@c.us` or `@lid`).
    Direct,
    /// A group (`@g.us`).
    Group,
    /// A channel (`@newsletter`).
    Newsletter,
    /// A broadcast list or the status feed (`@broadcast`, including `status@broadcast`).
    Broadcast,
}

/// A conversation, with its canonical JID.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Chat {
    /// Canonical JID of what the provider addressed the chat by: `<digits>@c.us` (a phone number),
    /// `<id>@lid` (a LID), `<id>@g.us`, `<id>@newsletter`, `<id>@broadcast`. Device parts
    /// (`5511...:3@c.us`) are dropped and `@s.whatsapp.net` is `@c.us`. To key a contact across
    /// events, prefer `lid` when set, else `phone` (README: "Identities").
    pub id: String,
    #[serde(rename = "type")]
    /// Direct, group, newsletter or broadcast (`type` in JSON).
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
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[non_exhaustive]
pub struct Party {
    /// Canonical JID: the phone's `5511999999999@c.us`, else the `<id>@lid`.
    pub id: Option<String>,
    /// Digits only, when the body gives a phone number.
    pub phone: Option<String>,
    /// The person's `<id>@lid` when the body gives one.
    pub lid: Option<String>,
    /// Display name, as the provider gave it.
    pub name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
/// Whether a message was received or sent by the connected number.
pub enum Direction {
    /// Received from a contact.
    Inbound,
    /// Sent by the connected number, from the phone or through the API.
    Outbound,
}

event_struct! {
    /// A message received, or sent from the phone or through the API (`type` `message`).
    pub struct MessageEvent {
        /// The message's id as the provider gives it; `None` only when the body has none (with a
        /// `missing_field` warning).
        message_id: Option<String> => "messageId",
        /// Inbound (received from a contact) or outbound (sent by the connected number).
        direction: Direction => "direction",
        /// True when sent through the provider's API, false when sent from the phone; `None` when
        /// the body does not say.
        from_api: Option<bool> => "fromApi",
        /// `None` only when the body names no chat (with a `missing_field` warning).
        chat: Option<Chat> => "chat",
        /// The author: in groups the participant, not the group; for outbound messages the
        /// connected account.
        sender: Option<Party> => "sender",
        /// The id of the message this one quotes or replies to.
        reply_to_message_id: Option<String> => "replyToMessageId",
        /// Whether the message was forwarded; `None` when the body does not say.
        forwarded: Option<bool> => "forwarded",
        /// Whether this edits an earlier message (Z-API `isEdit`, Green API `editedMessage`).
        edited: bool => "edited",
        /// The id of the message this edit replaces, when the provider says.
        edited_message_id: Option<String> => "editedMessageId",
        /// What the message holds; `kind` says which.
        content: Content => "content" as ContentOut,
        /// The ad or post the customer came from (Cloud API `referral` of click-to-WhatsApp ads).
        referral: Option<Referral> => "referral",
    }
}

/// Where a message came from: a click-to-WhatsApp ad or post.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Referral {
    /// `ad` or `post`, as sent.
    pub source_type: Option<String>,
    /// The id of the ad or post.
    pub source_id: Option<String>,
    /// The URL of the ad or post the customer clicked.
    pub source_url: Option<String>,
    /// The ad's headline.
    pub headline: Option<String>,
    /// The ad's text.
    pub body: Option<String>,
    /// `image` or `video`, as sent.
    pub media_type: Option<String>,
    /// The ad's image or video URL.
    pub media_url: Option<String>,
    /// The ad's thumbnail URL.
    pub thumbnail_url: Option<String>,
    /// Click-to-WhatsApp click id (`ctwa_clid`).
    pub click_id: Option<String>,
}

/// One contact card of a `contacts` message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[non_exhaustive]
pub struct ContactCard {
    /// The contact's display name.
    pub name: Option<String>,
    /// The vCard text, as sent.
    pub vcard: Option<String>,
    /// The card's phone numbers; read from the vCard's `TEL` lines (digits only) when the provider
    /// lists none.
    pub phones: Vec<String>,
}

/// A button of an interactive message (`buttons`, `template`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[non_exhaustive]
pub struct Button {
    /// What the button does.
    #[serde(rename = "type")]
    pub kind: ButtonKind,
    /// The button's id (reply buttons).
    pub id: Option<String>,
    /// The label shown.
    pub text: Option<String>,
    /// The URL of a `url` button, the phone number of a `call` button.
    pub value: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
/// What a button does.
pub enum ButtonKind {
    /// Sends its `id`/`text` back as a reply.
    Reply,
    /// Opens the URL in `value`.
    Url,
    /// Calls the phone number in `value`.
    Call,
    /// Copies a code (`value`) to the clipboard.
    Copy,
    /// A button of no kind above.
    Other,
}

/// A row of a `list` message section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[non_exhaustive]
pub struct ListRow {
    /// The row's id (what a `listReply` carries back).
    pub id: Option<String>,
    /// The row's title.
    pub title: Option<String>,
    /// The row's description.
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[non_exhaustive]
/// A section of a `list` message: a title and its rows.
pub struct ListSection {
    /// The section's title.
    pub title: Option<String>,
    /// The section's rows, in order.
    pub rows: Vec<ListRow>,
}

/// A card of a `carousel` message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[non_exhaustive]
pub struct CarouselCard {
    /// The card's title.
    pub title: Option<String>,
    /// The card's body text.
    pub text: Option<String>,
    /// The card's footer.
    pub footer: Option<String>,
    /// The card's media.
    pub header: Option<MediaHeader>,
    /// The card's buttons, in order.
    pub buttons: Vec<Button>,
}

/// An item of an `order` or `orderDetails` message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct OrderItem {
    /// The catalog product's id.
    pub product_id: Option<String>,
    /// The product's name.
    pub name: Option<String>,
    /// Units ordered.
    pub quantity: Option<f64>,
    /// The unit price as sent.
    pub price: Option<f64>,
    /// Currency code, as sent.
    pub currency: Option<String>,
    /// The business's own id for the product (`retailerId`).
    pub retailer_id: Option<String>,
}

/// The media header of a `template` or `buttons` message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MediaHeader {
    /// What the header shows.
    pub kind: HeaderKind,
    /// The media's URL.
    pub url: Option<String>,
    /// MIME type, as sent.
    pub mime_type: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
/// What a media header shows.
pub enum HeaderKind {
    /// An image.
    Image,
    /// A video.
    Video,
    /// A document.
    Document,
    /// A location.
    Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
/// The stage of an `orderDetails` message.
pub enum OrderStage {
    /// Sent for the customer to review and pay.
    ReviewAndPay,
    /// An update of an order to review.
    ReviewOrder,
}

/// What a message holds; `kind` is the discriminator. Media URLs are always `url`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
#[non_exhaustive]
pub enum Content {
    #[non_exhaustive]
    /// A text message.
    Text {
        /// The text; `""` when the body has none.
        text: String,
    },
    #[non_exhaustive]
    /// An image.
    Image {
        /// Download URL, whatever the provider called it (`imageUrl`, `downloadUrl`, an attachment).
        url: Option<String>,
        /// The provider's media id, for providers that send ids instead of URLs (Cloud API: fetch
        /// it with the Graph API).
        media_id: Option<String>,
        /// MIME type, as sent (`image/jpeg`).
        mime_type: Option<String>,
        /// The caption, as sent.
        caption: Option<String>,
        /// A thumbnail's URL, when the provider gives one.
        thumbnail_url: Option<String>,
        /// Sent as "view once" (Z-API `viewOnce`, Green API `isViewOnce`).
        view_once: Option<bool>,
        /// Width in pixels, when the provider gives it (`0` is taken as not given).
        width: Option<u32>,
        /// Height in pixels, when the provider gives it (`0` is taken as not given).
        height: Option<u32>,
    },
    #[non_exhaustive]
    /// A video (also GIFs and round video notes).
    Video {
        /// Download URL, whatever the provider called it.
        url: Option<String>,
        /// The provider's media id, for providers that send ids instead of URLs.
        media_id: Option<String>,
        /// MIME type, as sent.
        mime_type: Option<String>,
        /// The caption, as sent.
        caption: Option<String>,
        /// Duration in seconds.
        seconds: Option<u32>,
        /// Sent as "view once".
        view_once: Option<bool>,
        /// Width in pixels, when the provider gives it (`0` is taken as not given).
        width: Option<u32>,
        /// Height in pixels, when the provider gives it (`0` is taken as not given).
        height: Option<u32>,
    },
    #[non_exhaustive]
    /// An audio file or a voice note.
    Audio {
        /// Download URL, whatever the provider called it.
        url: Option<String>,
        /// The provider's media id, for providers that send ids instead of URLs.
        media_id: Option<String>,
        /// MIME type, as sent.
        mime_type: Option<String>,
        /// Duration in seconds.
        seconds: Option<u32>,
        /// Push-to-talk (a voice note).
        voice: Option<bool>,
        /// Sent as "view once".
        view_once: Option<bool>,
    },
    #[non_exhaustive]
    /// A document (any file).
    Document {
        /// Download URL, whatever the provider called it.
        url: Option<String>,
        /// The provider's media id, for providers that send ids instead of URLs.
        media_id: Option<String>,
        /// MIME type, as sent.
        mime_type: Option<String>,
        /// The file name, as sent.
        file_name: Option<String>,
        /// The document's title, as sent.
        title: Option<String>,
        /// The caption, as sent.
        caption: Option<String>,
        /// Number of pages, when the provider says.
        page_count: Option<u32>,
    },
    #[non_exhaustive]
    /// A sticker.
    Sticker {
        /// Download URL, whatever the provider called it.
        url: Option<String>,
        /// The provider's media id, for providers that send ids instead of URLs.
        media_id: Option<String>,
        /// MIME type, as sent.
        mime_type: Option<String>,
        /// Whether the sticker is animated.
        animated: Option<bool>,
    },
    #[non_exhaustive]
    /// A shared location.
    Location {
        /// Latitude in decimal degrees.
        latitude: Option<f64>,
        /// Longitude in decimal degrees.
        longitude: Option<f64>,
        /// The place's name.
        name: Option<String>,
        /// The place's address.
        address: Option<String>,
        /// A link to the place, when the provider gives one.
        url: Option<String>,
    },
    #[non_exhaustive]
    /// One or more shared contact cards.
    Contacts {
        /// The cards, in order.
        contacts: Vec<ContactCard>,
    },
    #[non_exhaustive]
    /// A reaction to a message, added or removed.
    Reaction {
        /// `""` when the reaction was removed.
        emoji: String,
        /// The message reacted to.
        target_message_id: Option<String>,
    },
    #[non_exhaustive]
    /// A tap on a reply button of a buttons or template message.
    ButtonReply {
        /// The chosen button's id.
        id: Option<String>,
        /// The chosen button's text.
        text: Option<String>,
    },
    #[non_exhaustive]
    /// A row chosen from a list message.
    ListReply {
        /// The chosen row's id.
        id: Option<String>,
        /// The chosen row's title.
        title: Option<String>,
        /// The chosen row's description.
        description: Option<String>,
    },
    #[non_exhaustive]
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
    #[non_exhaustive]
    /// A poll.
    Poll {
        /// The poll's question.
        question: Option<String>,
        /// The options' texts, in order.
        options: Vec<String>,
        /// 1 for single choice; `null` when any number of options may be chosen.
        max_selections: Option<u32>,
    },
    #[non_exhaustive]
    /// A vote in a poll.
    PollVote {
        /// The id of the poll message voted in.
        poll_message_id: Option<String>,
        /// The texts of the options the voter chose.
        options: Vec<String>,
    },
    #[non_exhaustive]
    /// A notice that a message was deleted.
    Delete {
        /// The id of the message deleted.
        target_message_id: Option<String>,
    },
    /// Z-API `waitingMessage`: the content is not decrypted yet.
    #[non_exhaustive]
    Waiting {},
    /// An interactive message with reply/URL/call buttons.
    #[non_exhaustive]
    Buttons {
        /// The message's body text.
        text: Option<String>,
        /// The footer text.
        footer: Option<String>,
        /// The media header, when there is one.
        header: Option<MediaHeader>,
        /// The buttons, in order.
        buttons: Vec<Button>,
    },
    /// An interactive list message.
    #[non_exhaustive]
    List {
        /// The list's title.
        title: Option<String>,
        /// The message's body text.
        text: Option<String>,
        /// The footer text.
        footer: Option<String>,
        /// The label of the button that opens the list.
        button_text: Option<String>,
        /// The list's sections, in order.
        sections: Vec<ListSection>,
    },
    /// A business template (hydrated template) message.
    #[non_exhaustive]
    Template {
        /// The template's id, as sent.
        template_id: Option<String>,
        /// The template's title.
        title: Option<String>,
        /// The message's body text.
        text: Option<String>,
        /// The footer text.
        footer: Option<String>,
        /// The media header, when there is one.
        header: Option<MediaHeader>,
        /// The buttons, in order.
        buttons: Vec<Button>,
    },
    /// An invitation to join a group.
    #[non_exhaustive]
    GroupInvite {
        /// The group's JID, as sent.
        group_id: Option<String>,
        /// The group's name.
        group_name: Option<String>,
        /// The invite code, as sent.
        invite_code: Option<String>,
        /// Epoch milliseconds; `null` when it does not expire.
        expiration: Option<i64>,
        /// The invitation's text.
        caption: Option<String>,
    },
    /// A message pinned or unpinned.
    #[non_exhaustive]
    Pin {
        /// `pin` or `unpin`.
        action: Option<String>,
        /// The id of the message pinned or unpinned.
        target_message_id: Option<String>,
        /// How long the pin lasts, in seconds.
        duration_seconds: Option<u32>,
    },
    /// A WhatsApp event (scheduled meeting).
    #[non_exhaustive]
    Event {
        /// The event's name.
        name: Option<String>,
        /// The event's description.
        description: Option<String>,
        /// Whether the event was canceled.
        canceled: Option<bool>,
        /// The link to join the event's call, when it has one.
        join_link: Option<String>,
        /// Epoch milliseconds.
        start_time: Option<i64>,
        /// The place's name, else its address.
        location: Option<String>,
    },
    /// An answer to an event invitation.
    #[non_exhaustive]
    EventResponse {
        /// As sent: `GOING`, `NOT_GOING`, `MAYBE`.
        response: Option<String>,
        /// The id of the event message answered.
        target_message_id: Option<String>,
        /// Epoch milliseconds.
        responded_at: Option<i64>,
    },
    /// A carousel of cards, each with a media header and buttons.
    #[non_exhaustive]
    Carousel {
        /// The text above the cards.
        text: Option<String>,
        /// The cards, in order.
        cards: Vec<CarouselCard>,
    },
    /// A PIX key to pay to (Brazil).
    #[non_exhaustive]
    PixKey {
        /// The PIX key.
        key: Option<String>,
        /// The key's type, as sent.
        key_type: Option<String>,
        /// The name of who receives the payment.
        merchant_name: Option<String>,
        /// Currency code, as sent.
        currency: Option<String>,
        /// The payment reference, as sent.
        reference_id: Option<String>,
    },
    /// A payment request.
    #[non_exhaustive]
    PaymentRequest {
        /// As sent by the provider.
        amount: Option<f64>,
        /// Currency code, as sent.
        currency: Option<String>,
        /// Epoch milliseconds.
        expiration: Option<i64>,
        /// Who requests the payment, as sent (Z-API `requestPhone`).
        requester_phone: Option<String>,
        /// The request's status, as sent.
        status: Option<String>,
    },
    /// A payment sent.
    #[non_exhaustive]
    Payment {
        /// As sent by the provider.
        amount: Option<f64>,
        /// Currency code, as sent.
        currency: Option<String>,
        /// The payment's status, as sent.
        status: Option<String>,
        /// The transaction's status, as sent.
        transaction_status: Option<String>,
        /// Who receives the payment, as sent (Z-API `receiverPhone`).
        receiver_phone: Option<String>,
    },
    /// A catalog product.
    #[non_exhaustive]
    Product {
        /// The catalog product's id.
        product_id: Option<String>,
        /// The product's name.
        title: Option<String>,
        /// The product's description.
        description: Option<String>,
        /// As sent by the provider.
        price: Option<f64>,
        /// Currency code, as sent.
        currency: Option<String>,
        /// The product image's URL.
        image_url: Option<String>,
        /// A link to the product, as sent.
        url: Option<String>,
        /// The business's own id for the product (`retailerId`).
        retailer_id: Option<String>,
        /// The catalog owner's phone or JID, as sent (Z-API `businessOwnerJid`).
        owner_phone: Option<String>,
    },
    /// An order (cart) sent from a catalog.
    #[non_exhaustive]
    Order {
        /// The order's id.
        order_id: Option<String>,
        /// The order's title.
        title: Option<String>,
        /// The message sent with the order.
        text: Option<String>,
        /// Number of items ordered.
        item_count: Option<u32>,
        /// As sent by the provider.
        total: Option<f64>,
        /// As sent by the provider.
        subtotal: Option<f64>,
        /// Currency code, as sent.
        currency: Option<String>,
        /// The order thumbnail's URL.
        thumbnail_url: Option<String>,
        /// The seller's phone or JID, as sent (Z-API `sellerJid`).
        seller_phone: Option<String>,
        /// The products ordered, when the body lists them.
        items: Vec<OrderItem>,
    },
    /// Order details sent for review and payment (`stage: "reviewAndPay"`) or an order update
    /// (`stage: "reviewOrder"`).
    #[non_exhaustive]
    OrderDetails {
        /// Review and pay, or an order update.
        stage: OrderStage,
        /// The order's reference, as sent.
        reference_id: Option<String>,
        /// The order request's id, as sent.
        order_request_id: Option<String>,
        /// The order's status, as sent.
        order_status: Option<String>,
        /// The payment's status, as sent.
        payment_status: Option<String>,
        /// Currency code, as sent.
        currency: Option<String>,
        /// As sent by the provider, as are the other amounts.
        total: Option<f64>,
        /// As sent by the provider.
        subtotal: Option<f64>,
        /// As sent by the provider.
        discount: Option<f64>,
        /// As sent by the provider.
        shipping: Option<f64>,
        /// As sent by the provider.
        tax: Option<f64>,
        /// The products ordered.
        items: Vec<OrderItem>,
    },
    /// An invitation to administer a channel (newsletter).
    #[non_exhaustive]
    NewsletterAdminInvite {
        /// The channel's id, as sent.
        newsletter_id: Option<String>,
        /// The channel's name.
        newsletter_name: Option<String>,
        /// The invitation's text.
        text: Option<String>,
        /// Epoch milliseconds.
        expiration: Option<i64>,
    },
    /// A kind not modelled yet: `provider_kind` names the key or `typeMessage` seen.
    #[non_exhaustive]
    Unsupported {
        /// The provider's key or `typeMessage` for this kind (`none` when the body has no content key).
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
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
/// A message's delivery status, the same for every provider; `rank` orders the delivery steps.
pub enum Status {
    /// Accepted for sending: queued by the provider or handed to WhatsApp (Z-API `DeliveryCallback`,
    /// Green API `pending`, Callbell `enqueued`).
    Accepted,
    /// Sent to WhatsApp's servers (one grey tick).
    Sent,
    /// Delivered to the recipient's device (two grey ticks); Z-API calls it `RECEIVED`.
    Delivered,
    /// Read (two blue ticks): by the recipient, or by the connected number itself when `actor` is
    /// `self`.
    Read,
    /// A voice or video message was played by the recipient.
    Played,
    /// Could not be sent or delivered; `error` says why when the provider does.
    Failed,
    /// The message was deleted (Callbell `deleted`, Z-API `DELETED`/`REVOKED`).
    Deleted,
    /// A documented value outside the delivery steps (Callbell `mismatch`).
    Other,
    /// A value not recognised; `raw_status` holds it (with an `unknown_status` warning).
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

    /// The status as JSON writes it (`"delivered"`, ...).
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
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
pub enum Actor {
    /// The message's recipient (every status except a self-read).
    Recipient,
    #[serde(rename = "self")]
    /// The connected number itself read the chat (Z-API `READ_BY_ME`, `READ-SELF`); `"self"` in JSON.
    SelfActor,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[non_exhaustive]
/// Why a status is `failed`: both fields `None` when the provider gives no detail.
pub struct StatusError {
    /// The provider's error code, as a string (Z-API `errorCode`, Green API's `SWE…` code or raw
    /// status).
    pub code: Option<String>,
    /// The provider's error description.
    pub message: Option<String>,
}

event_struct! {
    /// A delivery status of a sent message (`type` `status`). A Z-API status with several `ids`
    /// yields one event per id, in order.
    pub struct StatusEvent {
        /// The id of the message the status is about (for Callbell its `uuid`); `None` only when
        /// the body has none (with a `missing_field` warning).
        message_id: Option<String> => "messageId",
        /// The status, the same whatever the provider.
        status: Status => "status",
        /// The provider's status value as sent (for a Z-API `DeliveryCallback`, the callback type).
        raw_status: String => "rawStatus",
        /// Accepted 1, sent 2, delivered 3, read 4, played 5, else `None`: apply a status only over a
        /// lower rank (providers do not guarantee order); `failed` and `deleted` always apply.
        rank: Option<u8> => "rank",
        /// Who caused the status: the recipient, or the connected number itself.
        actor: Actor => "actor",
        /// The chat of the message, when the body names it.
        chat: Option<Chat> => "chat",
        /// Set whenever `status` is `failed` (code and message `None` when the provider gives no
        /// detail); `None` otherwise.
        error: Option<StatusError> => "error",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
/// A contact's presence in a chat.
pub enum Presence {
    /// Online.
    Available,
    /// Offline.
    Unavailable,
    /// Typing.
    Composing,
    /// Recording a voice message.
    Recording,
    /// Stopped typing or recording.
    Paused,
    /// A value not recognised; `raw_presence` holds it (with an `unknown_presence` warning).
    Unknown,
}

event_struct! {
    /// A contact's presence in a chat: online, offline, typing, recording (`type` `presence`).
    pub struct PresenceEvent {
        /// The chat whose contact's presence this is.
        chat: Chat => "chat",
        /// The presence, the same whatever the provider.
        presence: Presence => "presence",
        /// The provider's presence value as sent.
        raw_presence: String => "rawPresence",
        /// When the contact was last online, epoch milliseconds, when the provider says.
        last_seen: Option<i64> => "lastSeen",
        /// Whose presence it is, when the body names the person (WAHA `presences[].participant`):
        /// in a group, the member typing or recording; `null` when the body names only the chat.
        participant: Option<Party> => "participant",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
/// The state of the provider instance's connection to WhatsApp.
pub enum ConnectionState {
    /// Connected (Z-API `ConnectedCallback`, Green API `authorized`/`online`).
    Connected,
    /// Disconnected (Z-API `DisconnectedCallback`, Green API `offline`).
    Disconnected,
    /// Not logged in to WhatsApp: the instance needs authorizing again (Green API `notAuthorized`).
    Unauthorized,
    /// The account is blocked (Green API `blocked`).
    Blocked,
    /// The instance is starting (Green API `starting`).
    Starting,
    /// Sending is suspended by WhatsApp (Green API `yellowCard`).
    Suspended,
    /// The instance is in sleep mode (Green API `sleepMode`).
    Sleeping,
    /// A value not recognised; `raw_state` holds it (with an `unknown_state` warning).
    Unknown,
}

event_struct! {
    /// The connection of the provider's instance to WhatsApp changed (`type` `connection`).
    pub struct ConnectionEvent {
        /// The new state, the same whatever the provider.
        state: ConnectionState => "state",
        /// The provider's value as sent (Green API `stateInstance`/`statusInstance`; for Z-API the
        /// callback type).
        raw_state: String => "rawState",
        /// Why, when the provider says (Z-API `error` of a disconnection).
        reason: Option<String> => "reason",
        /// The connected number, digits only, when the provider says.
        phone: Option<String> => "phone",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
/// Where a call is.
pub enum CallState {
    /// Ringing: a call offered (Green API `offer`, Z-API `CALL_VOICE`/`CALL_VIDEO`).
    Offer,
    /// Answered (Green API `pickUp`).
    Accepted,
    /// Declined (Green API `declined`).
    Rejected,
    /// Not answered (Green API `missed`, Z-API `CALL_MISSED_VOICE`/`CALL_MISSED_VIDEO`).
    Missed,
    /// Hung up (Green API `hangUp`).
    Ended,
    /// No state, or one not recognised (with an `unknown_state` warning when there was one).
    Unknown,
}

event_struct! {
    /// A voice or video call (`type` `call`).
    pub struct CallEvent {
        /// The provider's id of the call (Green API `idMessage`, Z-API `callId`).
        call_id: Option<String> => "callId",
        /// The chat the call belongs to.
        chat: Option<Chat> => "chat",
        /// Who called.
        from: Option<Party> => "from",
        /// Where the call is, the same whatever the provider.
        state: CallState => "state",
        /// The provider's value as sent (Green API `status`, the Z-API notification); `None` when
        /// the body has none.
        raw_state: Option<String> => "rawState",
        /// Whether it is a video call; `None` when the provider does not say.
        video: Option<bool> => "video",
    }
}

event_struct! {
    /// Any other documented provider event: group changes, contacts, conversations, attendances...
    /// (`type` `system`), named by `name`.
    pub struct SystemEvent {
        /// Stable lower-case dotted name (`group.participant_added`, `contact.created`, ...).
        name: String => "name",
        /// The provider's event or notification name as sent (for Plugchat attendances, the value
        /// of `attendance.status`).
        raw_name: String => "rawName",
        /// The chat concerned, when the body names one.
        chat: Option<Chat> => "chat",
        /// The message the notification is about, when the body names one (Z-API notifications).
        message_id: Option<String> => "messageId",
        /// Who the notification comes from or is about, when the body names them.
        sender: Option<Party> => "sender",
        /// The provider's fields (the body without its envelope), or a typed Plugchat attendance.
        data: SystemData => "data",
    }
}

/// The `data` of a system event: the provider's fields, or a Plugchat attendance.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(untagged)]
#[non_exhaustive]
pub enum SystemData {
    /// A Plugchat attendance (`attendance.started`, `attendance.finished`).
    // First, so that deserializing tries it before the catch-all `Fields`.
    Attendance(Box<Attendance>),
    /// The provider's fields, as sent.
    Fields(JsonObject),
}

/// A Plugchat attendance (`attendance.started` / `attendance.finished`).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Attendance {
    /// Plugchat's attendance number, as a string.
    pub attendance_number: Option<String>,
    /// As sent: `PROGRESS`, `FINISH`.
    pub status: String,
    /// The customer attended.
    pub customer: AttendanceCustomer,
    /// The department, as sent (Plugchat spells it `departament`).
    pub department: Option<String>,
    /// `operator`, or `finishBy` when it finished.
    pub operator: Option<String>,
    /// The categories assigned (`attendanceCategories`, or the one `attendanceCategory`).
    pub categories: Vec<AttendanceCategory>,
    /// When the attendance was requested, epoch milliseconds.
    pub request_time: Option<i64>,
    /// When it started, epoch milliseconds.
    pub start_time: Option<i64>,
    /// When it finished, epoch milliseconds.
    pub end_time: Option<i64>,
    /// The operator's report, as sent.
    pub operator_report: Option<String>,
    /// The rating's observation, as sent (`ratingObservation`).
    pub rating_observation: Option<String>,
    /// The attendance's `chat` messages, each normalized as a message event, in `momment` order.
    pub messages: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[non_exhaustive]
/// The customer of a Plugchat attendance.
pub struct AttendanceCustomer {
    /// The customer's name.
    pub name: Option<String>,
    /// Digits only.
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "deserialize", derive(serde::Deserialize))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
/// A category assigned to a Plugchat attendance, as sent.
pub struct AttendanceCategory {
    /// The category's id (`categoryId`).
    pub id: Option<String>,
    /// The category's name (`categoryName`).
    pub name: Option<String>,
    /// The category's color, as sent.
    pub color: Option<String>,
    /// The id of the category's item (`itemId`).
    pub item_id: Option<String>,
    /// The name of the category's item (`itemName`).
    pub item_name: Option<String>,
}

event_struct! {
    /// A provider event this library does not model yet (`type` `unknown`), with an
    /// `unknown_event` warning; only the fields every event has.
    pub struct UnknownEvent {
    }
}

/// A JSON value copied from the body (`data`, `raw`), with `JSON.parse`'s semantics: a repeated key
/// keeps its first position and its last value; numbers are integers when they fit 64 bits and
/// doubles otherwise.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// An integer above `i64::MAX` that fits `u64`.
    UInt(u64),
    /// Any other number (a fraction, an exponent, or beyond 64 bits), as a double.
    Float(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in order.
    Object(JsonObject),
}

/// A JSON object: keys unique, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JsonObject(pub Vec<(String, Json)>);

impl JsonObject {
    /// The value of `key`, if the object has it.
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

/// Reads any JSON value, keeping object keys in order (a repeated key keeps its first position and
/// its last value, as [`JsonObject::insert`] does).
#[cfg(feature = "deserialize")]
impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_none<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Bool(b))
            }
            fn visit_i64<E>(self, i: i64) -> Result<Json, E> {
                Ok(Json::Int(i))
            }
            fn visit_u64<E>(self, u: u64) -> Result<Json, E> {
                Ok(i64::try_from(u).map_or(Json::UInt(u), Json::Int))
            }
            fn visit_f64<E>(self, f: f64) -> Result<Json, E> {
                Ok(Json::Float(f))
            }
            fn visit_str<E>(self, s: &str) -> Result<Json, E> {
                Ok(Json::String(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Json, E> {
                Ok(Json::String(s))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Json, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Json::Array(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, a: A) -> Result<Json, A::Error> {
                ObjectVisitor.visit_map(a).map(Json::Object)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(feature = "deserialize")]
struct ObjectVisitor;

#[cfg(feature = "deserialize")]
impl<'de> serde::de::Visitor<'de> for ObjectVisitor {
    type Value = JsonObject;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<JsonObject, A::Error> {
        let mut o = JsonObject::default();
        while let Some((k, v)) = a.next_entry::<String, Json>()? {
            o.insert(&k, v);
        }
        Ok(o)
    }
}

/// Reads a JSON object, keys in order.
#[cfg(feature = "deserialize")]
impl<'de> serde::Deserialize<'de> for JsonObject {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ObjectVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_out_writes_what_the_derive_writes() {
        let kinds = [
            Content::Text { text: "añ \"x\"".to_string() },
            Content::Text { text: String::new() },
            Content::Waiting {},
            Content::Unsupported { provider_kind: "k".to_string() },
        ];
        for c in &kinds {
            let by_hand = serde_json::to_string(&ContentOut(c)).expect("json");
            assert_eq!(by_hand, serde_json::to_string(c).expect("json"));
        }
        assert_eq!(serde_json::to_string(&ContentOut(&kinds[0])).expect("json"), r#"{"kind":"text","text":"añ \"x\""}"#);
    }
}
