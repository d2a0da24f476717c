// What a team writes by hand instead of wahook, for the webhook types of the benchmark mix: from the
// parsed JSON to the same fields, with the same values, as wahook's output (js-tests/baselines.test.mjs
// checks that on every body of the mix). Shared by handwritten.mjs (JSON.parse, then this) and
// zod.mjs (JSON.parse, zod validation, then this). Other webhook types become `unknown` events.
const RANK = { accepted: 1, sent: 2, delivered: 3, read: 4, played: 5 };
const ZAPI_STATUS = { SENT: "sent", RECEIVED: "delivered", READ: "read", PLAYED: "played", READ_BY_ME: "read", "READ-SELF": "read" };
const GREEN_STATUS = { sent: "sent", delivered: "delivered", read: "read", pending: "accepted", failed: "failed", noAccount: "failed", notInGroup: "failed", yellowCard: "failed" };
const CALLBELL_STATUS = { enqueued: "accepted", sent: "sent", delivered: "delivered", read: "read", failed: "failed", deleted: "deleted" };
const GREEN_STATE = { authorized: "connected", notAuthorized: "unauthorized", blocked: "blocked", sleepMode: "sleeping", starting: "starting", yellowCard: "restricted" };

const digits = (s) => (/^\d+$/.test(s) ? s : null);

// A LID field (`chatLid`, `senderLid`): `<id>@lid`, or bare digits other than the phone.
const lidOf = (raw, phone) => (raw == null ? null : raw.endsWith("@lid") ? raw : digits(raw) && raw !== phone ? raw + "@lid" : null);

function chat(raw, lid = null) {
  if (raw == null) return null;
  if (raw.endsWith("@g.us")) return { id: raw, type: "group", phone: null, lid: null, rawId: raw };
  if (raw.endsWith("-group")) return { id: raw.slice(0, -6) + "@g.us", type: "group", phone: null, lid: null, rawId: raw };
  if (raw.endsWith("@lid")) return { id: raw, type: "direct", phone: null, lid: raw, rawId: raw };
  const user = raw.endsWith("@c.us") ? raw.slice(0, -5).split(":")[0] : raw;
  const phone = digits(user);
  return { id: user + "@c.us", type: "direct", phone, lid: lidOf(lid, phone), rawId: raw };
}

const millis = (v) => (typeof v !== "number" ? null : v < 1e11 ? v * 1000 : v);
const rank = (status) => RANK[status] ?? null;

function status(provider, providerEvent, instanceId, timestamp, messageId, status, rawStatus, c, error) {
  return {
    type: "status", provider, providerEvent, instanceId, timestamp,
    dedupeKey: `${provider}:status:${instanceId || "-"}:${messageId}:${rawStatus}`,
    messageId, status, rawStatus, rank: error ? null : rank(status), actor: rawStatus === "READ_BY_ME" || rawStatus === "READ-SELF" ? "self" : "recipient",
    chat: c, error,
  };
}

function message(provider, providerEvent, instanceId, timestamp, messageId, direction, c, sender, forwarded, content, hash) {
  return {
    type: "message", provider, providerEvent, instanceId, timestamp,
    dedupeKey: `${provider}:message:${instanceId || "-"}:${c.id}:${messageId || hash}`,
    messageId, direction, fromApi: null, chat: c, sender, replyToMessageId: null, forwarded, edited: false, editedMessageId: null, content, referral: null,
  };
}

const result = (provider, ambiguous, events, warnings = []) => ({ provider, detectedBy: "shape", ambiguous, events, warnings });
const missing = (path, what) => ({ code: "missing_field", message: `\`${path}\` (${what}) is missing`, path });

// FNV-1a over the body text, for messages without an id (wahook hashes the canonical JSON instead,
// so these keys differ in value; the test compares their form).
function hashOf(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return "#" + (h >>> 0).toString(16).padStart(16, "0");
}

function zapi(b) {
  const inst = b.instanceId ?? null, ts = millis(b.momment);
  switch (b.type) {
    case "MessageStatusCallback": {
      const s = ZAPI_STATUS[b.status] ?? "unknown";
      return result("zapi", true, b.ids.map((id) => status("zapi", b.type, inst, ts, String(id), s, b.status, chat(b.phone), null)));
    }
    case "DeliveryCallback": {
      const error = b.error ? { code: "DeliveryCallback", message: b.error } : null;
      return result("zapi", true, [status("zapi", b.type, inst, ts, b.messageId, error ? "failed" : "accepted", b.type, chat(b.phone), error)]);
    }
    case "PresenceChatCallback": {
      const c = chat(b.phone);
      return result("zapi", true, [{
        type: "presence", provider: "zapi", providerEvent: b.type, instanceId: inst, timestamp: ts,
        dedupeKey: `zapi:presence:${inst || "-"}:${c.id}:${b.status}:${ts ?? b.lastSeen ?? "-"}`,
        chat: c, presence: b.status.toLowerCase(), rawPresence: b.status, lastSeen: b.lastSeen ?? null, participant: null,
      }]);
    }
    case "ReceivedCallback": {
      const c = chat(b.phone, b.chatLid ?? (b.fromMe ? null : b.senderLid));
      let sender;
      if (c.type !== "direct") {
        const p = b.participantPhone;
        sender = { id: p ? `${p}@c.us` : null, phone: p ?? null, lid: b.participantLid ?? b.senderLid ?? null, name: b.senderName ?? null };
        if (!sender.id) sender.id = sender.lid;
      } else if (b.fromMe) {
        const p = b.connectedPhone;
        sender = { id: p ? `${p}@c.us` : null, phone: p ?? null, lid: null, name: b.senderName ?? null };
      } else {
        sender = { id: c.id, phone: c.phone, lid: c.lid, name: b.senderName || b.chatName || null };
      }
      const size = (n) => (n > 0 ? n : null);
      let content;
      if (b.text) content = { kind: "text", text: b.text.message };
      else if (b.image) {
        const i = b.image;
        content = { kind: "image", url: i.imageUrl ?? null, mediaId: null, mimeType: i.mimeType ?? null, caption: i.caption ?? null, thumbnailUrl: i.thumbnailUrl ?? null, viewOnce: i.viewOnce ?? null, width: size(i.width), height: size(i.height) };
      } else if (b.audio) {
        const a = b.audio;
        content = { kind: "audio", url: a.audioUrl ?? null, mediaId: null, mimeType: a.mimeType ?? null, seconds: a.seconds ?? null, voice: a.ptt ?? null, viewOnce: a.viewOnce ?? null };
      }
      else content = { kind: "unsupported" };
      return result("zapi", true, [message("zapi", b.type, inst, ts, b.messageId, b.fromMe ? "outbound" : "inbound", c, sender, null, content)]);
    }
    default:
      return result("zapi", true, [{ type: "unknown", provider: "zapi", providerEvent: b.type, instanceId: inst, timestamp: ts }]);
  }
}

function greenapi(b) {
  const inst = String(b.instanceData.idInstance), ts = b.timestamp * 1000, ev = b.typeWebhook;
  switch (ev) {
    case "outgoingMessageStatus": {
      const s = GREEN_STATUS[b.status] ?? "unknown";
      const error = s === "failed" ? { code: b.status, message: b.description ?? null } : null;
      const warnings = b.chatId ? [] : [missing("chatId", "the chat id")];
      return result("greenapi", false, [status("greenapi", ev, inst, ts, b.idMessage, s, b.status, chat(b.chatId), error)], warnings);
    }
    case "incomingMessageReceived": {
      const sd = b.senderData, md = b.messageData;
      const sender = { id: sd.sender, phone: digits(sd.sender.replace(/@c\.us$/, "")), lid: null, name: sd.senderName ?? null };
      let content, forwarded = null;
      if (md.typeMessage === "textMessage") content = { kind: "text", text: md.textMessageData.textMessage };
      else if (md.typeMessage === "imageMessage") {
        const f = md.fileMessageData;
        content = { kind: "image", url: f.downloadUrl, mediaId: null, mimeType: f.mimeType ?? null, caption: f.caption ?? null, thumbnailUrl: null, viewOnce: f.isViewOnce ?? null, width: null, height: null };
        forwarded = f.isForwarded ?? null;
      } else content = { kind: "unsupported" };
      return result("greenapi", false, [message("greenapi", ev, inst, ts, b.idMessage, "inbound", chat(sd.chatId), sender, forwarded, content)]);
    }
    case "stateInstanceChanged":
      return result("greenapi", false, [{
        type: "connection", provider: "greenapi", providerEvent: ev, instanceId: inst, timestamp: ts,
        dedupeKey: `greenapi:connection:${inst}:${b.stateInstance}:${ts}`,
        state: GREEN_STATE[b.stateInstance] ?? "unknown", rawState: b.stateInstance, reason: null, phone: null,
      }]);
    default:
      return result("greenapi", false, [{ type: "unknown", provider: "greenapi", providerEvent: ev, instanceId: inst, timestamp: ts }]);
  }
}

function callbell(b, text) {
  const p = b.payload;
  if (b.event === "message_status_updated") {
    const s = CALLBELL_STATUS[p.status] ?? "unknown";
    const ts = p.messageStatusPayload?.payload?.ts;
    return result("callbell", false, [status("callbell", b.event, null, ts == null ? null : ts * 1000, p.uuid, s, p.status, chat(p.contact?.phoneNumber), null)]);
  }
  if (b.event === "message_created") {
    const inbound = p.status === "received";
    const c = chat(inbound ? p.from : p.to);
    const sender = inbound ? { id: c.id, phone: c.phone, lid: null, name: p.contact?.name ?? null } : { id: null, phone: null, lid: null, name: null };
    const loc = p.messageLocation;
    const content = loc
      ? { kind: "location", latitude: loc.coordinates.x, longitude: loc.coordinates.y, name: null, address: null, url: loc.googleMapsLocation ?? null }
      : { kind: "text", text: p.text ?? "" };
    const warnings = p.uuid ? [] : [missing("payload.uuid", "the message id")];
    return result("callbell", false, [message("callbell", b.event, null, Date.parse(p.createdAt), p.uuid ?? null, inbound ? "inbound" : "outbound", c, sender, null, content, hashOf(text))], warnings);
  }
  return result("callbell", false, [{ type: "unknown", provider: "callbell", providerEvent: b.event, instanceId: null, timestamp: null }]);
}

/** `b`: the parsed (and, for zod, validated) body; `text`: the body text (for id-less hashes). */
export function mapWebhook(b, text) {
  if (b === null || typeof b !== "object") throw new Error("not a JSON object");
  if (typeof b.typeWebhook === "string") return greenapi(b);
  if (typeof b.event === "string" && b.payload) return callbell(b, text);
  if (typeof b.type === "string" && b.type.endsWith("Callback")) return zapi(b);
  throw new Error("unknown provider");
}
