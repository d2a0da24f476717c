// wahook/testing: what tests of a webhook handler need. Not loaded by the runtime entries.
//
//   examples                          every documented and field-captured body, as data
//   zapi / plugchat / greenapi / callbell   builders: provider-shaped bodies from a short intent
//   signedRequest(body, options)      a Fetch Request that passes `verify`
//   forgedRequest / expiredRequest / unsignedRequest   the ones that fail it
//
// Builders take `(intent, overrides)`: the intent in wahook's own terms (times in epoch
// milliseconds, statuses as wahook names them), and optional overrides of the provider body that
// merge deeply (objects merge key by key; arrays and other values replace). Every field the
// provider documents has a realistic default, taken from its documentation's examples.
import { signatureHeaders as headersFor } from "wahook";
import { examples } from "./examples.js";

export { examples };

/** The example `name` of `provider`, or undefined. */
export function example(provider, name) {
  return examples.find((e) => e.provider === provider && e.name === name);
}

const isPlain = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Deep merge: plain objects merge key by key, anything else in `b` replaces. */
export function merge(a, b) {
  if (b === undefined) return a;
  if (!isPlain(a) || !isPlain(b)) return structuredClone(b);
  const out = { ...a };
  for (const k of Object.keys(b)) out[k] = k in a ? merge(a[k], b[k]) : structuredClone(b[k]);
  return out;
}

const build = (body, overrides) => merge(body, overrides || {});
const digits = (v) => String(v).replace(/\D/g, "");
const seconds = (ms) => Math.floor(ms / 1000);
const iso = (ms) => new Date(ms).toISOString().replace(".000Z", "Z");
const pick = (table, status, what) => {
  const v = table[status];
  if (v === undefined) throw new TypeError(`${what}: status must be one of ${Object.keys(table).join(", ")}, not ${JSON.stringify(status)}`);
  return v;
};

// ---------------------------------------------------------------------------------------------
// Z-API (and Plugchat, which sends the same callbacks)

const ZAPI_INSTANCE = "3C4A2D1E9F8B7A6C5D4E3F2A1B0C9D8E";
const ZAPI_TIME = 1632228638000;

function zapiReceived(i, extra) {
  const phone = digits(i.from ?? i.phone ?? "5544999999999");
  const group = i.group != null;
  return {
    isStatusReply: false,
    senderLid: i.lid ?? "81896604192873@lid",
    connectedPhone: digits(i.connectedPhone ?? "554499999999"),
    waitingMessage: false,
    isEdit: false,
    isGroup: group,
    isNewsletter: false,
    instanceId: i.instanceId ?? ZAPI_INSTANCE,
    messageId: i.id ?? "3EB0C767D097B8E4B1F2",
    phone: group ? digits(i.group) + "-group" : phone,
    fromMe: i.fromMe ?? false,
    momment: i.timestamp ?? ZAPI_TIME,
    status: "RECEIVED",
    chatName: i.chatName ?? i.name ?? "Maria Silva",
    senderPhoto: "https://pps.whatsapp.net/v/t61.24694-24/photo.jpg",
    senderName: i.name ?? "Maria Silva",
    participantPhone: group ? phone : null,
    participantLid: null,
    photo: "https://pps.whatsapp.net/v/t61.24694-24/photo.jpg",
    broadcast: false,
    referenceMessageId: i.replyTo ?? null,
    forwarded: false,
    fromApi: i.fromApi ?? false,
    type: "ReceivedCallback",
    ...extra,
  };
}

const ZAPI_STATUS = { sent: "SENT", delivered: "RECEIVED", read: "READ", played: "PLAYED", readBySelf: "READ_BY_ME" };
const ZAPI_PRESENCE = { available: "AVAILABLE", unavailable: "UNAVAILABLE", composing: "COMPOSING", recording: "RECORDING", paused: "PAUSED" };

function zapiFamily(name) {
  return {
    /** A received (or, with `fromMe`, sent) text: `{ from, text, id, timestamp, name, group, instanceId }`. */
    text: (i = {}, o) => build(zapiReceived(i, { text: { message: i.text ?? "Olá! Gostaria de saber o horário de atendimento." } }), o),
    /** An image: `{ from, url, caption, mimeType, width, height, ... }`. */
    image: (i = {}, o) => build(zapiReceived(i, {
      image: {
        mimeType: i.mimeType ?? "image/jpeg",
        imageUrl: i.url ?? "https://f004.backblazeb2.com/file/temp-file-download/instances/image.jpeg",
        thumbnailUrl: i.thumbnailUrl ?? "https://f004.backblazeb2.com/file/temp-file-download/instances/thumb.jpeg",
        downloadError: null,
        caption: i.caption ?? "",
        width: i.width ?? 600,
        height: i.height ?? 315,
        viewOnce: i.viewOnce ?? false,
      },
    }), o),
    /** A status of sent messages: `{ ids, status: "sent" | "delivered" | "read" | "played" | "readBySelf", phone, timestamp }`. */
    status: (i = {}, o) => build({
      instanceId: i.instanceId ?? ZAPI_INSTANCE,
      status: pick(ZAPI_STATUS, i.status ?? "read", `${name}.status`),
      ids: i.ids ?? (i.id != null ? [i.id] : ["3EB0C767D097B8E4B1F2"]),
      momment: i.timestamp ?? 1632234645000,
      phoneDevice: 0,
      phone: digits(i.phone ?? "5544999999999"),
      type: "MessageStatusCallback",
      isGroup: false,
    }, o),
    /** The callback of a message sent through the API: `{ id, phone, error }`. */
    delivery: (i = {}, o) => build({
      phone: digits(i.phone ?? "5544999999999"),
      zaapId: i.zaapId ?? "A20DA9C0183A2D35A260F53F5D2B9244",
      messageId: i.id ?? "3EB0C767D097B8E4B1F2",
      momment: i.timestamp ?? ZAPI_TIME,
      type: "DeliveryCallback",
      instanceId: i.instanceId ?? ZAPI_INSTANCE,
      ...(i.error != null ? { error: i.error } : {}),
    }, o),
    /** A chat presence: `{ phone, presence: "available" | "unavailable" | "composing" | "recording" | "paused", lastSeen }`. */
    presence: (i = {}, o) => build({
      type: "PresenceChatCallback",
      phone: digits(i.phone ?? "5544999999999"),
      status: pick(ZAPI_PRESENCE, i.presence ?? "composing", `${name}.presence`),
      lastSeen: i.lastSeen ?? null,
      instanceId: i.instanceId ?? ZAPI_INSTANCE,
    }, o),
    /** The instance connected: `{ phone, timestamp }`. */
    connected: (i = {}, o) => build({
      type: "ConnectedCallback",
      connected: true,
      momment: i.timestamp ?? ZAPI_TIME,
      instanceId: i.instanceId ?? ZAPI_INSTANCE,
      phone: digits(i.phone ?? "5544999999999"),
    }, o),
    /** The instance disconnected: `{ error, timestamp }`. */
    disconnected: (i = {}, o) => build({
      momment: i.timestamp ?? ZAPI_TIME,
      error: i.error ?? "Device has been disconnected",
      disconnected: true,
      type: "DisconnectedCallback",
      instanceId: i.instanceId ?? ZAPI_INSTANCE,
    }, o),
    /** A notification message (`CALL_MISSED_VOICE`, `GROUP_PARTICIPANT_ADD`, ...): `{ notification, parameters, from, id, callId }`. */
    notification: (i = {}, o) => build(zapiReceived(i, {
      notification: i.notification ?? "CALL_MISSED_VOICE",
      notificationParameters: i.parameters ?? [],
      ...(i.callId !== undefined || (i.notification ?? "CALL_MISSED_VOICE").startsWith("CALL_") ? { callId: i.callId ?? "F44E0E2011E7C784BB9A4AC11749C436" } : {}),
    }), o),
  };
}

export const zapi = zapiFamily("zapi");

// Plugchat: Z-API's callbacks plus attendances.
function attendanceChat(i) {
  const phone = digits(i.customer?.phone ?? "554499999999");
  const messages = i.messages ?? [
    { id: "3EB0C767D097B8E4B1F2", text: "Olá, preciso de ajuda com meu pedido", fromMe: false, timestamp: 1651065478000 },
    { id: "3EB0A1B2C3D4E5F60718", text: "Só um momento, por favor", fromMe: true, timestamp: 1651065479380 },
  ];
  const chat = {};
  for (const m of messages) {
    chat[m.id] = m.fromMe
      ? { fromMe: true, isAutomaticMessage: false, messageId: m.id, momment: m.timestamp, phone, status: "READ", text: { message: m.text } }
      : { broadcast: false, chatName: i.customer?.name ?? "Maria Silva", forwarded: false, fromMe: false, instanceId: i.instanceId ?? ZAPI_INSTANCE, isGroup: false,
          messageId: m.id, momment: m.timestamp, phone, photo: "https://pps.whatsapp.net/v/t61.24694-24/photo.jpg", senderName: i.customer?.name ?? "Maria Silva",
          status: "RECEIVED", text: { message: m.text }, type: "ReceivedCallback", waitingMessage: false };
  }
  return chat;
}

const customer = (i) => ({ name: i.customer?.name ?? "Maria Silva", phone: digits(i.customer?.phone ?? "554499999999") });

export const plugchat = {
  ...zapiFamily("plugchat"),
  /** An attendance started: `{ number, customer: { name, phone }, department, operator, requestTime, startTime, messages: [{ id, text, fromMe, timestamp }] }`. */
  attendanceStarted: (i = {}, o) => build({
    attendance: {
      attendanceNumber: i.number ?? 1492,
      customer: customer(i),
      departament: i.department ?? "Suporte",
      operator: i.operator ?? "João Souza",
      momment: i.requestTime ?? 1651065472000,
      startTime: i.startTime ?? 1651065471166,
      status: "PROGRESS",
    },
    chat: attendanceChat(i),
  }, o),
  /** An attendance finished: also `{ finishBy, endTime, category: { id, name, color }, report, rating }`. */
  attendanceFinished: (i = {}, o) => build({
    attendance: {
      attendanceCategory: { color: i.category?.color ?? "#4CAF50", id: i.category?.id ?? "5f1b2c3d4e5f6a7b8c9d0e1f", name: i.category?.name ?? "Dúvida resolvida" },
      attendanceNumber: i.number ?? 1492,
      customer: customer(i),
      departament: i.department ?? "Suporte",
      endTime: i.endTime ?? 1651065481865,
      finishBy: i.finishBy ?? i.operator ?? "João Souza",
      "operatorReport ": i.report ?? "Cliente orientado sobre o prazo de entrega",
      ratingObservation: i.rating ?? "Atendimento rápido",
      requestTime: i.requestTime ?? 1651065472000,
      startTime: i.startTime ?? 1651065471166,
      status: "FINISH",
    },
    chat: attendanceChat(i),
  }, o),
};

// ---------------------------------------------------------------------------------------------
// Green API

const GREEN_INSTANCE = 1101000001;
const GREEN_TIME = 1588091580000;
const jid = (v, fallback) => {
  const s = String(v ?? fallback);
  return s.includes("@") ? s : `${digits(s)}@c.us`;
};
const instanceData = (i) => ({ idInstance: i.instanceId ?? GREEN_INSTANCE, wid: jid(i.wid, "79001234567"), typeInstance: "whatsapp" });

function greenIncoming(i, messageData) {
  const from = jid(i.from, "79001234568");
  return {
    typeWebhook: "incomingMessageReceived",
    instanceData: instanceData(i),
    timestamp: seconds(i.timestamp ?? GREEN_TIME),
    idMessage: i.id ?? "F7AEC1B7086ECDC7E6E45923F5EDB825",
    senderData: {
      chatId: i.chatId != null ? jid(i.chatId) : from,
      chatName: i.chatName ?? i.name ?? "Ivan Petrov",
      sender: from,
      senderName: i.name ?? "Ivan Petrov",
      senderContactName: i.contactName ?? "",
    },
    messageData,
  };
}

const GREEN_STATUS = { sent: "sent", delivered: "delivered", read: "read", failed: "failed", noAccount: "noAccount", notInGroup: "notInGroup", yellowCard: "yellowCard" };
const GREEN_CALL = { offer: "offer", pickUp: "pickUp", hangUp: "hangUp", missed: "missed", declined: "declined" };

export const greenapi = {
  /** A received text: `{ from, text, id, timestamp, name, chatId, instanceId }` (a number or a JID). */
  text: (i = {}, o) => build(greenIncoming(i, { typeMessage: "textMessage", textMessageData: { textMessage: i.text ?? "I use Green-API to send this message to you!" } }), o),
  /** A received image: `{ from, url, caption, mimeType, fileName, ... }`. */
  image: (i = {}, o) => build(greenIncoming(i, {
    typeMessage: "imageMessage",
    fileMessageData: {
      downloadUrl: i.url ?? "https://do-media-7103.fra1.digitaloceanspaces.com/7103000001/4b0a8d3e-image.jpg",
      caption: i.caption ?? "Image",
      fileName: i.fileName ?? "4b0a8d3e-image.jpg",
      jpegThumbnail: "",
      isAnimated: false,
      mimeType: i.mimeType ?? "image/jpeg",
      forwardingScore: 0,
      isForwarded: false,
    },
  }), o),
  /** The status of a sent message: `{ id, status: "sent" | "delivered" | "read" | "failed" | "noAccount" | ..., chatId, timestamp, description }`. */
  status: (i = {}, o) => build({
    typeWebhook: "outgoingMessageStatus",
    chatId: jid(i.chatId, "79001234568"),
    instanceData: instanceData(i),
    timestamp: seconds(i.timestamp ?? 1707200807000),
    idMessage: i.id ?? "BAE5F4886F6F2D05",
    status: pick(GREEN_STATUS, i.status ?? "delivered", "greenapi.status"),
    ...(i.description != null ? { description: i.description } : {}),
    sendByApi: i.sendByApi ?? true,
  }, o),
  /** The instance's authorization state changed: `{ state: "authorized" | "notAuthorized" | "blocked" | "sleepMode" | "starting" | "yellowCard", timestamp }`. */
  stateChanged: (i = {}, o) => build({
    typeWebhook: "stateInstanceChanged",
    instanceData: instanceData(i),
    timestamp: seconds(i.timestamp ?? 1586700690000),
    stateInstance: i.state ?? "authorized",
  }, o),
  /** An incoming call: `{ from, id, status: "offer" | "pickUp" | "hangUp" | "missed" | "declined", timestamp }`. */
  call: (i = {}, o) => build({
    from: jid(i.from, "79001234568"),
    typeWebhook: "incomingCall",
    instanceData: instanceData(i),
    status: pick(GREEN_CALL, i.status ?? "offer", "greenapi.call"),
    timestamp: seconds(i.timestamp ?? 1617691757000),
    idMessage: i.id ?? "104179EDB7F5328988D8834107EEBE50",
  }, o),
};

// ---------------------------------------------------------------------------------------------
// Callbell

const CALLBELL_TIME = Date.UTC(2022, 9, 18, 10, 6, 29);
const contact = (i) => ({
  href: `https://dash.callbell.eu/contacts/${i.contactUuid ?? "eb2b914a977e4ab896e7b886698b3eac"}`,
  conversationHref: "https://dash.callbell.eu/chat/f3670b13446b412796238b1cd78899f9",
  name: i.name ?? "John Doe",
  tags: i.tags ?? ["Lead"],
  uuid: i.contactUuid ?? "eb2b914a977e4ab896e7b886698b3eac",
  source: "whatsapp",
  avatarUrl: null,
  createdAt: iso(i.contactCreatedAt ?? Date.UTC(2022, 9, 12, 15, 57, 16)),
  phoneNumber: digits(i.phone ?? i.from ?? "331122334455"),
  customFields: i.customFields ?? {},
});

export const callbell = {
  /** A message: `{ from, to, text, uuid, status: "received" | "sent" | ..., timestamp, name }`. */
  messageCreated: (i = {}, o) => {
    const inbound = (i.status ?? "received") === "received";
    const from = digits(i.from ?? (inbound ? "335544332211" : "331122334455"));
    const to = digits(i.to ?? (inbound ? "331122334455" : "335544332211"));
    return build({
      event: "message_created",
      payload: {
        uuid: i.uuid ?? "6b9ac1f2bf9e4e0f9a0d2a2c8a7b1e11",
        to,
        from,
        text: i.text ?? "Hello",
        status: i.status ?? "received",
        channel: "whatsapp",
        attachments: i.attachments ?? [],
        contact: contact({ ...i, phone: i.phone ?? (inbound ? from : to) }),
        createdAt: iso(i.timestamp ?? CALLBELL_TIME),
      },
    }, o);
  },
  /** A status of a sent message: `{ uuid, status: "sent" | "delivered" | "read" | "failed", phone, timestamp }`. */
  messageStatusUpdated: (i = {}, o) => build({
    event: "message_status_updated",
    payload: {
      uuid: i.uuid ?? "adf3d1216d4c4dcd908199d6700f2381",
      status: i.status ?? "read",
      contact: contact(i),
      messageStatusPayload: {
        id: i.whatsappId ?? "gBGGM2MSRxl_Aglqmg5KQXU7ABC",
        gsId: "2b34bfb7-2631-4763-89fb-1b3c65a4babc",
        type: i.status ?? "read",
        payload: { ts: seconds(i.timestamp ?? 1686563913000) },
        destination: digits(i.phone ?? "331122334455"),
      },
    },
  }, o),
  /** A contact created: `{ uuid, name, phone, tags, timestamp }`. */
  contactCreated: (i = {}, o) => build({
    event: "contact_created",
    payload: contact({ ...i, contactUuid: i.uuid ?? i.contactUuid, contactCreatedAt: i.timestamp ?? i.contactCreatedAt }),
  }, o),
};

// ---------------------------------------------------------------------------------------------
// Requests

const encoder = new TextEncoder();
import { providers as PROVIDERS, verification } from "./names.js";

function bodyText(body) {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body !== null && typeof body === "object") return JSON.stringify(body);
  throw new TypeError(`the body must be a string, bytes or a JSON-serializable object, not ${body === null ? "null" : typeof body}`);
}

function requestParts(body, options, what) {
  if (!options || typeof options !== "object") throw new TypeError(`${what}: options { provider, secret | token | apikey } are required`);
  const { provider } = options;
  if (!PROVIDERS.includes(provider)) throw new TypeError(`${what}: options.provider must be one of ${PROVIDERS.join(", ")}, not ${JSON.stringify(provider)}`);
  const key = verification[provider].option;
  const credential = options[key];
  if (typeof credential !== "string" || credential.length === 0) {
    throw new TypeError(`${what}: options.${key} must be a non-empty string for ${provider}: ${verification[provider].needs}`);
  }
  const text = bodyText(body);
  return { provider, key, credential, text, bytes: typeof text === "string" ? encoder.encode(text) : text };
}

function makeRequest(text, headers, options) {
  const h = new Headers({ "content-type": "application/json", ...(options.headers || {}) });
  for (const [k, v] of Object.entries(headers)) h.set(k, v);
  return new Request(options.url ?? "http://127.0.0.1/webhook", { method: options.method ?? "POST", headers: h, body: text });
}

/**
 * The headers that authenticate `body` as coming from the provider, as `verify` checks them:
 * Callbell's `X-Callbell-Signature` (signed at `timestamp`, unix seconds, default now), Cloud API's
 * `X-Hub-Signature-256`, WAHA's `X-Webhook-Hmac`, Green API's `Authorization: Bearer <token>`,
 * Z-API/Plugchat's `z-api-token` and Evolution's `apikey` (or `options.header`).
 */
export function signatureHeaders(body, options) {
  const { bytes } = requestParts(body, options, "signatureHeaders");
  const now = options.timestamp != null ? options.timestamp * 1000 : Date.now();
  return headersFor(bytes, { ...options, now });
}

/** A POST `Request` (default url http://127.0.0.1/webhook) carrying `body` and headers that pass `verify`. */
export function signedRequest(body, options) {
  const { text } = requestParts(body, options, "signedRequest");
  return makeRequest(text, signatureHeaders(text, options), options);
}

/** Like `signedRequest`, with a well-formed credential that is wrong: `verify` says `mismatch`. */
export function forgedRequest(body, options) {
  const { key, credential, text } = requestParts(body, options, "forgedRequest");
  const wrong = `${credential}-forged`;
  return makeRequest(text, signatureHeaders(text, { ...options, [key]: wrong }), options);
}

/** Callbell only: a request correctly signed an hour before `timestamp` (default now): `verify` says `expired`. */
export function expiredRequest(body, options) {
  const { provider, text } = requestParts(body, options, "expiredRequest");
  if (provider !== "callbell") throw new TypeError(`expiredRequest: only Callbell signatures carry a time; ${provider} tokens do not expire`);
  const now = options.timestamp ?? Math.floor(Date.now() / 1000);
  return makeRequest(text, signatureHeaders(text, { ...options, timestamp: now - 3600 }), options);
}

/** A request without the authentication header: `verify` says `missing_header`. */
export function unsignedRequest(body, options) {
  const { text } = requestParts(body, options, "unsignedRequest");
  return makeRequest(text, {}, options);
}
