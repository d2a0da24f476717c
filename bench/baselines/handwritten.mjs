// What a team writes by hand instead of wahook: JSON.parse, then a straightforward normalizer for the
// same fields (provider detection, statuses with ranks, text/media messages, chat ids, ms times).
const RANK = { accepted: 1, sent: 2, delivered: 3, read: 4, played: 5 };
const ZAPI_STATUS = { SENT: "sent", RECEIVED: "delivered", READ: "read", PLAYED: "played", READ_BY_ME: "read", "READ-SELF": "read" };
const GREEN_STATUS = { sent: "sent", delivered: "delivered", read: "read", pending: "accepted", failed: "failed", noAccount: "failed" };
const CALLBELL_STATUS = { enqueued: "accepted", sent: "sent", delivered: "delivered", read: "read", failed: "failed", deleted: "deleted", mismatch: "other" };
const decoder = new TextDecoder();

function chatOf(raw) {
  if (raw.includes("@")) return { id: raw, type: raw.endsWith("@g.us") ? "group" : "direct", phone: raw.endsWith("@c.us") ? raw.slice(0, -5) : null, rawId: raw };
  if (raw.endsWith("-group")) return { id: raw.slice(0, -6) + "@g.us", type: "group", phone: null, rawId: raw };
  return { id: raw + "@c.us", type: "direct", phone: raw, rawId: raw };
}
const ms = (v) => (v == null ? null : v < 1e11 ? v * 1000 : v);

function zapiContent(b) {
  if (b.text) return { kind: "text", text: b.text.message };
  if (b.image) return { kind: "image", url: b.image.imageUrl ?? null, mimeType: b.image.mimeType ?? null, caption: b.image.caption ?? null, thumbnailUrl: b.image.thumbnailUrl ?? null };
  if (b.audio) return { kind: "audio", url: b.audio.audioUrl ?? null, mimeType: b.audio.mimeType ?? null, seconds: b.audio.seconds ?? null, voice: b.audio.ptt ?? null };
  return { kind: "unsupported" };
}

export function normalize(bytes) {
  const b = JSON.parse(decoder.decode(bytes));
  if (typeof b.typeWebhook === "string") {
    const base = { provider: "greenapi", providerEvent: b.typeWebhook, instanceId: String(b.instanceData?.idInstance ?? ""), timestamp: b.timestamp * 1000 };
    if (b.typeWebhook === "outgoingMessageStatus") {
      const status = GREEN_STATUS[b.status] ?? "unknown";
      return { provider: "greenapi", events: [{ type: "status", ...base, messageId: b.idMessage, status, rawStatus: b.status, rank: RANK[status] ?? null, chat: b.chatId ? chatOf(b.chatId) : null, error: status === "failed" ? { code: b.status, message: b.description ?? null } : null }] };
    }
    if (b.typeWebhook === "incomingMessageReceived") {
      const md = b.messageData;
      const content = md.typeMessage === "textMessage" ? { kind: "text", text: md.textMessageData.textMessage }
        : md.typeMessage === "imageMessage" ? { kind: "image", url: md.fileMessageData.downloadUrl, mimeType: md.fileMessageData.mimeType, caption: md.fileMessageData.caption ?? null, thumbnailUrl: null }
        : { kind: "unsupported" };
      return { provider: "greenapi", events: [{ type: "message", ...base, messageId: b.idMessage, direction: "inbound", chat: chatOf(b.senderData.chatId), sender: { id: b.senderData.sender, name: b.senderData.senderName ?? null }, content }] };
    }
    if (b.typeWebhook === "stateInstanceChanged") return { provider: "greenapi", events: [{ type: "connection", ...base, rawState: b.stateInstance }] };
    return { provider: "greenapi", events: [{ type: "unknown", ...base }] };
  }
  if (typeof b.event === "string" && b.payload) {
    const p = b.payload;
    if (b.event === "message_status_updated") {
      const status = CALLBELL_STATUS[p.status] ?? "unknown";
      return { provider: "callbell", events: [{ type: "status", provider: "callbell", messageId: p.uuid, status, rawStatus: p.status, rank: RANK[status] ?? null, timestamp: p.messageStatusPayload?.payload?.ts ? p.messageStatusPayload.payload.ts * 1000 : null }] };
    }
    const inbound = p.status === "received";
    return { provider: "callbell", events: [{ type: "message", provider: "callbell", messageId: p.uuid ?? null, direction: inbound ? "inbound" : "outbound", chat: chatOf(inbound ? p.from : p.to), timestamp: Date.parse(p.createdAt), content: { kind: "text", text: p.text } }] };
  }
  if (typeof b.type === "string" && b.type.toLowerCase().endsWith("callback")) {
    const base = { provider: "zapi", providerEvent: b.type, instanceId: b.instanceId ?? null, timestamp: ms(b.momment) };
    if (b.type === "MessageStatusCallback") {
      const status = ZAPI_STATUS[b.status] ?? "unknown";
      return { provider: "zapi", events: b.ids.map((id) => ({ type: "status", ...base, messageId: id, status, rawStatus: b.status, rank: RANK[status] ?? null, actor: b.status === "READ_BY_ME" || b.status === "READ-SELF" ? "self" : "recipient", chat: chatOf(b.phone) })) };
    }
    if (b.type === "DeliveryCallback") return { provider: "zapi", events: [{ type: "status", ...base, messageId: b.messageId, status: b.error ? "failed" : "accepted", rank: b.error ? null : 1 }] };
    if (b.type === "ReceivedCallback") {
      return { provider: "zapi", events: [{ type: "message", ...base, messageId: b.messageId, direction: b.fromMe ? "outbound" : "inbound", chat: chatOf(b.phone), sender: { phone: b.participantPhone ?? b.phone, name: b.senderName ?? null }, content: zapiContent(b) }] };
    }
    if (b.type === "PresenceChatCallback") return { provider: "zapi", events: [{ type: "presence", ...base, chat: chatOf(b.phone), presence: b.status.toLowerCase() }] };
    return { provider: "zapi", events: [{ type: "unknown", ...base }] };
  }
  throw new Error("unknown provider");
}
