// Types of the wahook package. They describe exactly the objects the functions return: every
// documented key is present (null when the source has no value), times are epoch milliseconds,
// ids are strings. Discriminate events on `type` and message contents on `kind`.

/**
 * Provider names. `cloudapi` (Meta's WhatsApp Cloud API and the BSPs that forward it), `evolution`
 * (Evolution API) and `waha` (WAHA) are detected already; their events are `unknown` until their
 * normalizers land (see the README).
 */
export type Provider = "zapi" | "plugchat" | "greenapi" | "callbell" | "cloudapi" | "evolution" | "waha";
/** Every provider name, in declaration order. */
export declare const providers: readonly Provider[];
/** Each provider's name as people write it (`"Z-API"`, `"Green API"`, ...). */
export declare const providerTitles: Readonly<Record<Provider, string>>;

/** A webhook body: raw bytes (preferred), a string, or an already JSON.parse'd object. */
export type WebhookBody = string | Uint8Array | ArrayBuffer | object;

/** A Fetch `Headers` object, or anything with its `get` and `forEach` (structural: no DOM lib needed). */
export interface HeadersObject { get(name: string): string | null; forEach(callback: (value: string, name: string) => void): void }
/**
 * Request headers; names are case-insensitive: a `Headers`, a record (also Node's `req.headers`,
 * `IncomingHttpHeaders`, whose array values are joined with ", "), or `[name, value]` pairs.
 */
export type HeadersLike = HeadersObject | Record<string, string | readonly string[] | undefined> | Iterable<readonly [string, string]>;
/** A Fetch `Request`, or anything with its `arrayBuffer()` and `headers` (structural: no DOM lib needed). */
export interface RequestLike { arrayBuffer(): Promise<ArrayBuffer>; readonly headers: HeadersLike }

export interface ParseOptions {
  /** The provider the endpoint expects; settles Z-API vs Plugchat. A contradicting shape is `provider_mismatch`. */
  provider?: Provider;
  /** Request headers: `z-api-token` or `origin: https://api.z-api.io` settle Z-API. */
  headers?: HeadersLike;
  /** Attach the source JSON object of each event as `raw`. Default false. */
  includeRaw?: boolean;
  /** Bodies larger than this many UTF-8 bytes are `too_large`. Default 1 048 576. */
  maxBytes?: number;
}

export interface DetectOptions {
  provider?: Provider;
  headers?: HeadersLike;
  maxBytes?: number;
}

export type ErrorCode =
  | "invalid_json"
  | "invalid_encoding"
  | "not_an_object"
  | "unknown_provider"
  | "provider_mismatch"
  | "too_large"
  | "too_deep"
  | "invalid_input"
  | "unauthorized";

/** What went wrong: `line`/`column` (1-based, column in code points) for `invalid_json`; `reason` for `unauthorized`. */
export interface WahookErrorInfo {
  code: ErrorCode;
  message: string;
  line: number | null;
  column: number | null;
  reason: VerifyFailure | null;
}

/** Thrown by `parse` (and rejected by `fromRequest`). */
export declare class WahookError extends Error implements WahookErrorInfo {
  constructor(info: Partial<WahookErrorInfo> & { message: string });
  readonly name: "WahookError";
  code: ErrorCode;
  line: number | null;
  column: number | null;
  reason: VerifyFailure | null;
  toJSON(): WahookErrorInfo;
}

export type WarningCode =
  | "unknown_event"
  | "unknown_status"
  | "unknown_state"
  | "unknown_presence"
  | "unknown_notification"
  | "unsupported_content"
  | "timestamp_seconds"
  | "timestamp_milliseconds"
  | "invalid_type"
  | "missing_field"
  | "provider_marker"
  | "lone_surrogate"
  | "raw_omitted";

export interface Warning {
  code: WarningCode;
  message: string;
  /** Where in the body, as `a.b[0].c`; null for the body as a whole. */
  path: string | null;
}

export interface ParseResult {
  provider: Provider;
  detectedBy: "hint" | "shape" | "headers";
  /** True only when a Z-API-family body could also be Plugchat and nothing settled it. */
  ambiguous: boolean;
  events: WahookEvent[];
  warnings: Warning[];
}

export type WahookEvent = MessageEvent | StatusEvent | PresenceEvent | ConnectionEvent | CallEvent | SystemEvent | UnknownEvent;

export interface EventBase {
  type: WahookEvent["type"];
  provider: Provider;
  /** The provider's own discriminator: "ReceivedCallback", "outgoingMessageStatus", "message_status_updated", ... */
  providerEvent: string;
  /** Z-API instanceId; Green API instanceData.idInstance as a string; null when the payload has none. */
  instanceId: string | null;
  /** Epoch milliseconds. */
  timestamp: number | null;
  /** Stable identity of the event (format in the README). */
  dedupeKey: string;
  /** The source JSON object of the event; only with `includeRaw`. */
  raw?: Record<string, unknown>;
}

export type ChatType = "direct" | "group" | "newsletter" | "broadcast";

export interface Chat {
  /**
   * Canonical JID of what the provider addressed the chat by: `<digits>@c.us` (a phone number),
   * `<id>@lid` (a LID), `<id>@g.us`, `<id>@newsletter`, `<id>@broadcast`. Device parts
   * (`5511…:3@c.us`) are dropped and `@s.whatsapp.net` is `@c.us`. To key a contact across
   * events, prefer `lid` when set, else `phone` (README: "Identities").
   */
  id: string;
  type: ChatType;
  /** Digits only, for direct chats whose phone number the body gives. */
  phone: string | null;
  /** The contact's `<id>@lid` when the body gives one (Z-API `chatLid`/`senderLid`, an id ending in `@lid`). */
  lid: string | null;
  /** Exactly what the provider sent. */
  rawId: string;
}

/** A person: every identifier the body gives for them. */
export interface Party {
  /** `<digits>@c.us` when the phone is known, else the `@lid` JID. */
  id: string | null;
  /** Digits only. */
  phone: string | null;
  /** `<id>@lid`. */
  lid: string | null;
  name: string | null;
}

export interface MessageEvent extends EventBase {
  type: "message";
  /** null only when the body has none (with a `missing_field` warning). */
  messageId: string | null;
  direction: "inbound" | "outbound";
  fromApi: boolean | null;
  /** null only when the body names no chat (with a `missing_field` warning). */
  chat: Chat | null;
  /** The author: in groups the participant, not the group; on outbound messages the connected account. */
  sender: Party | null;
  replyToMessageId: string | null;
  forwarded: boolean | null;
  edited: boolean;
  /** The message this edit replaces, when the provider says (Z-API `isEdit`: the `messageId` itself). */
  editedMessageId: string | null;
  content: Content;
  /** The ad or post the customer came from (Cloud API `referral` of click-to-WhatsApp ads); null otherwise. */
  referral: Referral | null;
}

/** Where a message came from: a click-to-WhatsApp ad or post. */
export interface Referral {
  /** `ad` or `post`, as sent. */ sourceType: string | null; sourceId: string | null; sourceUrl: string | null;
  headline: string | null; body: string | null;
  /** `image` or `video`, as sent. */ mediaType: string | null; mediaUrl: string | null; thumbnailUrl: string | null;
  /** Click-to-WhatsApp click id (`ctwa_clid`). */ clickId: string | null;
}

export interface TextContent { kind: "text"; text: string }
export interface ImageContent {
  kind: "image"; url: string | null;
  /** The provider's media id, for providers that send ids instead of URLs (Cloud API); null otherwise. */ mediaId: string | null;
  mimeType: string | null; caption: string | null; thumbnailUrl: string | null;
  /** Sent as "view once" (Z-API `viewOnce`, Green API `isViewOnce`). */ viewOnce: boolean | null;
  /** Pixels, when given (0 is taken as not given). */ width: number | null; height: number | null;
}
export interface VideoContent {
  kind: "video"; url: string | null; mediaId: string | null; mimeType: string | null; caption: string | null; seconds: number | null;
  viewOnce: boolean | null; width: number | null; height: number | null;
}
export interface AudioContent {
  kind: "audio"; url: string | null; mediaId: string | null; mimeType: string | null; seconds: number | null; /** Push-to-talk voice note. */ voice: boolean | null;
  viewOnce: boolean | null;
}
export interface DocumentContent { kind: "document"; url: string | null; mediaId: string | null; mimeType: string | null; fileName: string | null; title: string | null; caption: string | null; pageCount: number | null }
export interface StickerContent { kind: "sticker"; url: string | null; mediaId: string | null; mimeType: string | null; animated: boolean | null }
export interface LocationContent { kind: "location"; latitude: number | null; longitude: number | null; name: string | null; address: string | null; url: string | null }
export interface ContactCard { name: string | null; vcard: string | null; phones: string[] }
export interface ContactsContent { kind: "contacts"; contacts: ContactCard[] }
export interface ReactionContent { kind: "reaction"; /** "" when the reaction was removed. */ emoji: string; targetMessageId: string | null }
export interface ButtonReplyContent { kind: "buttonReply"; id: string | null; text: string | null }
export interface ListReplyContent { kind: "listReply"; id: string | null; title: string | null; description: string | null }
/** The answer to a WhatsApp Flow (Cloud API `interactive.nfm_reply`). `responseJson` is the answers' JSON text as sent (`JSON.parse` it); `flowToken` is its `flow_token`. */
export interface FlowReplyContent { kind: "flowReply"; name: string | null; body: string | null; responseJson: string | null; flowToken: string | null }
export interface PollContent { kind: "poll"; question: string | null; options: string[]; /** 1 for single choice; null when any number may be chosen. */ maxSelections: number | null }
export interface PollVoteContent { kind: "pollVote"; pollMessageId: string | null; options: string[] }
export interface DeleteContent { kind: "delete"; targetMessageId: string | null }
/** Z-API `waitingMessage`: the content is not decrypted yet. */
export interface WaitingContent { kind: "waiting" }
export interface Button {
  type: "reply" | "url" | "call" | "copy" | "other";
  id: string | null;
  text: string | null;
  /** The URL of a url/copy button, the phone number of a call button. */
  value: string | null;
}
export interface MediaHeader { kind: "image" | "video" | "document" | "location"; url: string | null; mimeType: string | null }
export interface ButtonsContent { kind: "buttons"; text: string | null; footer: string | null; header: MediaHeader | null; buttons: Button[] }
export interface ListRow { id: string | null; title: string | null; description: string | null }
export interface ListSection { title: string | null; rows: ListRow[] }
export interface ListContent { kind: "list"; title: string | null; text: string | null; footer: string | null; buttonText: string | null; sections: ListSection[] }
export interface TemplateContent { kind: "template"; templateId: string | null; title: string | null; text: string | null; footer: string | null; header: MediaHeader | null; buttons: Button[] }
export interface GroupInviteContent { kind: "groupInvite"; groupId: string | null; groupName: string | null; inviteCode: string | null; /** Epoch ms; null when it does not expire. */ expiration: number | null; caption: string | null }
export interface PinContent { kind: "pin"; /** "pin" or "unpin". */ action: string | null; targetMessageId: string | null; durationSeconds: number | null }
export interface EventContent { kind: "event"; name: string | null; description: string | null; canceled: boolean | null; joinLink: string | null; /** Epoch ms. */ startTime: number | null; location: string | null }
export interface EventResponseContent { kind: "eventResponse"; /** As sent: "GOING", "NOT_GOING", "MAYBE". */ response: string | null; targetMessageId: string | null; /** Epoch ms. */ respondedAt: number | null }
export interface CarouselCard { title: string | null; text: string | null; footer: string | null; header: MediaHeader | null; buttons: Button[] }
export interface CarouselContent { kind: "carousel"; text: string | null; cards: CarouselCard[] }
export interface PixKeyContent { kind: "pixKey"; key: string | null; keyType: string | null; merchantName: string | null; currency: string | null; referenceId: string | null }
export interface PaymentRequestContent { kind: "paymentRequest"; /** As sent. */ amount: number | null; currency: string | null; /** Epoch ms. */ expiration: number | null; requesterPhone: string | null; status: string | null }
export interface PaymentContent { kind: "payment"; amount: number | null; currency: string | null; status: string | null; transactionStatus: string | null; receiverPhone: string | null }
export interface ProductContent { kind: "product"; productId: string | null; title: string | null; description: string | null; price: number | null; currency: string | null; imageUrl: string | null; url: string | null; retailerId: string | null; ownerPhone: string | null }
export interface OrderItem { productId: string | null; name: string | null; quantity: number | null; /** Unit price as sent. */ price: number | null; currency: string | null; retailerId: string | null }
export interface OrderContent { kind: "order"; orderId: string | null; title: string | null; text: string | null; itemCount: number | null; total: number | null; subtotal: number | null; currency: string | null; thumbnailUrl: string | null; sellerPhone: string | null; items: OrderItem[] }
/** Order details sent for review and payment ("reviewAndPay") or an order update ("reviewOrder"). */
export interface OrderDetailsContent { kind: "orderDetails"; stage: "reviewAndPay" | "reviewOrder"; referenceId: string | null; orderRequestId: string | null; orderStatus: string | null; paymentStatus: string | null; currency: string | null; total: number | null; subtotal: number | null; discount: number | null; shipping: number | null; tax: number | null; items: OrderItem[] }
export interface NewsletterAdminInviteContent { kind: "newsletterAdminInvite"; newsletterId: string | null; newsletterName: string | null; text: string | null; /** Epoch ms. */ expiration: number | null }
/** A kind not modelled yet; `providerKind` names the key or typeMessage seen (a warning says so too). */
export interface UnsupportedContent { kind: "unsupported"; providerKind: string }

export type Content =
  | TextContent
  | ImageContent
  | VideoContent
  | AudioContent
  | DocumentContent
  | StickerContent
  | LocationContent
  | ContactsContent
  | ReactionContent
  | ButtonReplyContent
  | ListReplyContent
  | FlowReplyContent
  | PollContent
  | PollVoteContent
  | DeleteContent
  | WaitingContent
  | ButtonsContent
  | ListContent
  | TemplateContent
  | GroupInviteContent
  | PinContent
  | EventContent
  | EventResponseContent
  | CarouselContent
  | PixKeyContent
  | PaymentRequestContent
  | PaymentContent
  | ProductContent
  | OrderContent
  | OrderDetailsContent
  | NewsletterAdminInviteContent
  | UnsupportedContent;

export type Status = "accepted" | "sent" | "delivered" | "read" | "played" | "failed" | "deleted" | "other" | "unknown";

export interface StatusEvent extends EventBase {
  type: "status";
  /** null only when the body has none (with a `missing_field` warning). */
  messageId: string | null;
  status: Status;
  rawStatus: string;
  /** accepted 1, sent 2, delivered 3, read 4, played 5; null otherwise. Apply a status only when its rank is higher (failed/deleted always apply). */
  rank: 1 | 2 | 3 | 4 | 5 | null;
  /** "self": the connected number itself read the chat (Z-API READ_BY_ME). */
  actor: "recipient" | "self";
  chat: Chat | null;
  /** Set whenever status is "failed" (`{ code: null, message: null }` when the provider gives no detail); null otherwise. */
  error: { code: string | null; message: string | null } | null;
}

export interface PresenceEvent extends EventBase {
  type: "presence";
  chat: Chat;
  presence: "available" | "unavailable" | "composing" | "recording" | "paused" | "unknown";
  rawPresence: string;
  lastSeen: number | null;
}

export interface ConnectionEvent extends EventBase {
  type: "connection";
  state: "connected" | "disconnected" | "unauthorized" | "blocked" | "starting" | "suspended" | "sleeping" | "unknown";
  rawState: string;
  reason: string | null;
  /** The connected number, digits only, when the provider says. */
  phone: string | null;
}

export interface CallEvent extends EventBase {
  type: "call";
  callId: string | null;
  chat: Chat | null;
  from: Party | null;
  state: "offer" | "accepted" | "rejected" | "missed" | "ended" | "unknown";
  rawState: string | null;
  video: boolean | null;
}

export interface SystemEvent extends EventBase {
  type: "system";
  /** Stable lower-case dotted name, e.g. "group.participant_added", "attendance.started", "contact.created" (README lists all). */
  name: string;
  rawName: string;
  chat: Chat | null;
  /** The message the notification is about, when the body names one (Z-API notifications: e.g. the revoked message). */
  messageId: string | null;
  /** Who did it or who it is about (Z-API `participantPhone`/`participantLid`, else a direct chat's contact). */
  sender: Party | null;
  /** The provider's fields; for Plugchat attendances an `AttendanceData`. */
  data: Record<string, unknown> | AttendanceData;
}

/** `data` of `attendance.started` / `attendance.finished` (Plugchat). */
export interface AttendanceData {
  attendanceNumber: string | null;
  /** As sent: "PROGRESS", "FINISH". */
  status: string;
  customer: { name: string | null; /** Digits only. */ phone: string | null };
  department: string | null;
  /** `operator`, or `finishBy` when it finished. */
  operator: string | null;
  categories: { id: string | null; name: string | null; color: string | null; itemId: string | null; itemName: string | null }[];
  /** Epoch ms. */
  requestTime: number | null;
  startTime: number | null;
  endTime: number | null;
  operatorReport: string | null;
  ratingObservation: string | null;
  /** The attendance's chat messages, normalized, in `momment` order. */
  messages: MessageEvent[];
}

/** A provider event not modelled yet (a warning `unknown_event` says so). */
export interface UnknownEvent extends EventBase {
  type: "unknown";
}

export interface Detection {
  provider: Provider | null;
  ambiguous: boolean;
  detectedBy: "hint" | "shape" | "headers" | null;
  providerEvent: string | null;
  /** Which keys decided, or the error code and why nothing matched. */
  reason: string;
}

/** `secret`/`token` lists are rotation lists: any entry may match; empty entries are ignored. */
export type VerifyOptions = (
  | { provider: "callbell"; secret: string | string[]; /** Default 300; exact to the millisecond. */ toleranceSeconds?: number; /** Epoch ms; default Date.now(). */ now?: number }
  | { provider: "greenapi"; token: string | string[] }
  | { provider: "cloudapi"; /** The Meta app secret; several for rotation. Checks X-Hub-Signature-256. */ secret: string | string[] }
  | { provider: "zapi" | "plugchat"; token: string | string[]; /** Default "z-api-token". */ header?: string }
) & {
  /** Default 1_048_576 (as parse). A larger body is refused with reason "too_large" before it is copied into wasm. */
  maxBytes?: number;
};

/**
 * Why verification failed. The header is checked first (missing_header, malformed_header), then the
 * size (too_large), then the signature or token (mismatch), then Callbell's time (expired). A header
 * sent twice is read joined with ", " (as Fetch's Headers does) in every headers form: a doubled
 * token header is "mismatch", a doubled Callbell signature "malformed_header".
 */
export type VerifyFailure = "missing_header" | "malformed_header" | "too_large" | "expired" | "mismatch" | "invalid_options";
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

export type SafeParseResult = { ok: true; value: ParseResult } | { ok: false; error: WahookErrorInfo };

/** Detects the provider and normalizes the body. Throws WahookError. */
export declare function parse(body: WebhookBody, options?: ParseOptions): ParseResult;
/** Like parse, but never throws. */
export declare function safeParse(body: WebhookBody, options?: ParseOptions): SafeParseResult;
/** Detects the provider only. Never throws. */
export declare function detect(body: WebhookBody, options?: DetectOptions): Detection;
/** Checks a request's signature or token on the raw bytes. Never throws. */
export declare function verify(body: string | Uint8Array | ArrayBuffer, headers: HeadersLike, options: VerifyOptions): VerifyResult;
/** A valid X-Callbell-Signature value for tests. */
export declare function sign(body: string | Uint8Array, options: { secret: string; timestamp: number }): string;
/**
 * Reads a Fetch API Request once as bytes, at most `maxBytes` (default 1 MiB: a larger
 * `Content-Length` is refused unread, and the stream is cancelled as soon as it passes the limit —
 * code "too_large"), and parses it with its headers. With `verify`, rejects with code "unauthorized"
 * (and `reason`) first when verification fails, and with "invalid_input" naming the option when the
 * verify options lack a secret or token. Every rejection is a `WahookError`.
 */
export declare function fromRequest(request: RequestLike, options?: ParseOptions & { verify?: VerifyOptions }): Promise<ParseResult>;
export declare const version: string;

export * from "./handler.js";
