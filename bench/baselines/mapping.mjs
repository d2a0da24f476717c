// What a team writes by hand instead of wahook, for the webhook types of the benchmark corpora: from
// the parsed JSON to the same fields, with the same values, as wahook's output (js-tests/baselines.test.mjs
// checks that on every body of the mix and of the scaling corpora). Shared by handwritten.mjs
// (JSON.parse, then this) and zod.mjs (JSON.parse, zod validation, then this; only on the mix).
// Other webhook types become `unknown` events.
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

function message(provider, providerEvent, instanceId, timestamp, messageId, direction, c, sender, forwarded, content, hash, fromApi = null, replyTo = null) {
  return {
    type: "message", provider, providerEvent, instanceId, timestamp,
    dedupeKey: `${provider}:message:${instanceId || "-"}:${c.id}:${messageId || hash}`,
    messageId, direction, fromApi, chat: c, sender, replyToMessageId: replyTo, forwarded, edited: false, editedMessageId: null, content, referral: null,
  };
}

// A media attachment known only by its URL: the kind from the file's extension (Callbell).
const EXT_KIND = {
  jpg: "image", jpeg: "image", png: "image", gif: "image", bmp: "image", heic: "image", heif: "image", webp: "sticker",
  mp4: "video", mov: "video", "3gp": "video", webm: "video", mkv: "video", avi: "video", m4v: "video",
  mp3: "audio", ogg: "audio", oga: "audio", opus: "audio", m4a: "audio", aac: "audio", amr: "audio", wav: "audio",
};
function mediaFromUrl(url, caption) {
  const fileName = url.split(/[?#]/)[0].split("/").pop() || null;
  const dot = fileName ? fileName.lastIndexOf(".") : -1;
  const kind = (dot >= 0 && EXT_KIND[fileName.slice(dot + 1).toLowerCase()]) || "document";
  switch (kind) {
    case "image": return { kind, url, mediaId: null, mimeType: null, caption, thumbnailUrl: null, viewOnce: null, width: null, height: null };
    case "sticker": return { kind, url, mediaId: null, mimeType: "image/webp", animated: null };
    case "video": return { kind, url, mediaId: null, mimeType: null, caption, seconds: null, viewOnce: null, width: null, height: null };
    case "audio": return { kind, url, mediaId: null, mimeType: null, seconds: null, voice: null, viewOnce: null };
    default: return { kind, url, mediaId: null, mimeType: null, fileName, title: null, caption, pageCount: null };
  }
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

// A Z-API received message (also each message of a Plugchat attendance's `chat`).
function received(b, provider, providerEvent) {
  const c = chat(b.phone, b.chatLid ?? (b.fromMe ? null : b.senderLid));
  let sender;
  if (c.type !== "direct") {
    const p = b.participantPhone;
    sender = { id: p ? `${p}@c.us` : null, phone: p ?? null, lid: b.participantLid ?? b.senderLid ?? null, name: b.senderName ?? null };
    if (!sender.id) sender.id = sender.lid;
  } else if (b.fromMe) {
    const p = b.connectedPhone;
    // Nothing known about the sending account: no sender.
    sender = p || b.senderName ? { id: p ? `${p}@c.us` : null, phone: p ?? null, lid: null, name: b.senderName ?? null } : null;
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
  return message(provider, providerEvent, b.instanceId || null, millis(b.momment), b.messageId, b.fromMe ? "outbound" : "inbound", c, sender,
    b.forwarded ?? null, content, null, b.fromApi ?? null, b.referenceMessageId || null);
}

// A Plugchat attendance (`{ attendance, chat }`): one system event whose `data.messages` are the
// `chat` messages in time order.
function plugchat(b) {
  const a = b.attendance;
  const finished = a.status === "FINISH";
  const ev = finished ? "finishAttendance" : "startAttendance";
  const messages = Object.values(b.chat)
    .sort((x, y) => (x.momment ?? Infinity) - (y.momment ?? Infinity))
    .map((m) => received(m, "plugchat", m.type || "ReceivedCallback"));
  const phone = a.customer?.phone || null;
  const startTime = millis(a.startTime), endTime = millis(a.endTime);
  const number = a.attendanceNumber == null ? null : String(a.attendanceNumber);
  const categories = (a.attendanceCategories ?? (a.attendanceCategory ? [a.attendanceCategory] : [])).map((c) => ({
    id: c.categoryId || c.id || null, name: c.categoryName || c.name || null, color: c.color || null, itemId: c.itemId || null, itemName: c.itemName || null,
  }));
  return result("plugchat", false, [{
    type: "system", provider: "plugchat", providerEvent: ev, instanceId: null,
    timestamp: finished ? endTime ?? startTime : millis(a.momment) ?? startTime,
    dedupeKey: `plugchat:system:-:${a.status}:${number}`,
    name: finished ? "attendance.finished" : "attendance.started", rawName: a.status,
    chat: phone ? chat(phone) : null, messageId: null, sender: null,
    data: {
      attendanceNumber: number, status: a.status,
      customer: { name: a.customer?.name || null, phone: phone && digits(phone) },
      department: a.departament ?? a.department ?? null, operator: a.operator ?? a.finishBy ?? null,
      categories, requestTime: millis(a.requestTime), startTime, endTime,
      // Plugchat's example spells the key with a trailing space.
      operatorReport: a.operatorReport || a["operatorReport "] || null, ratingObservation: a.ratingObservation || null,
      messages,
    },
  }]);
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
    case "ReceivedCallback":
      return result("zapi", true, [received(b, "zapi", b.type)]);
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
    // Content: a location, else the first attachment (a URL, or an object with `url`), else the text.
    const loc = p.messageLocation, first = p.attachments?.[0];
    const url = typeof first === "string" ? first : first?.url;
    const content = loc
      ? { kind: "location", latitude: loc.coordinates.x, longitude: loc.coordinates.y, name: null, address: null, url: loc.googleMapsLocation ?? null }
      : typeof url === "string"
        ? mediaFromUrl(url, p.text || null)
        : { kind: "text", text: p.text ?? "" };
    const warnings = p.uuid ? [] : [missing("payload.uuid", "the message id")];
    return result("callbell", false, [message("callbell", b.event, null, Date.parse(p.createdAt), p.uuid ?? null, inbound ? "inbound" : "outbound", c, sender, null, content, p.uuid ? null : hashOf(text))], warnings);
  }
  return result("callbell", false, [{ type: "unknown", provider: "callbell", providerEvent: b.event, instanceId: null, timestamp: null }]);
}

/** `b`: the parsed (and, for zod, validated) body; `text`: the body text (for id-less hashes). */
export function mapWebhook(b, text) {
  if (b === null || typeof b !== "object") throw new Error("not a JSON object");
  if (typeof b.typeWebhook === "string") return greenapi(b);
  if (typeof b.event === "string" && b.payload) return callbell(b, text);
  if (b.attendance && typeof b.attendance === "object" && b.chat && typeof b.chat === "object") return plugchat(b);
  if (typeof b.type === "string" && b.type.endsWith("Callback")) return zapi(b);
  throw new Error("unknown provider");
}
