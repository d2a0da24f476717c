// A schema-validating normalizer as many TypeScript teams write it: zod schemas per provider and
// webhook type (discriminated unions, coercions, defaults), then the same mapping as handwritten.mjs.
import { z } from "zod";

const decoder = new TextDecoder();
const RANK = { accepted: 1, sent: 2, delivered: 3, read: 4, played: 5 };
const ZAPI_STATUS = { SENT: "sent", RECEIVED: "delivered", READ: "read", PLAYED: "played", READ_BY_ME: "read", "READ-SELF": "read" };
const GREEN_STATUS = { sent: "sent", delivered: "delivered", read: "read", pending: "accepted", failed: "failed", noAccount: "failed" };
const CALLBELL_STATUS = { enqueued: "accepted", sent: "sent", delivered: "delivered", read: "read", failed: "failed", deleted: "deleted", mismatch: "other" };

const chat = (raw) => (raw.includes("@") ? { id: raw, phone: null } : raw.endsWith("-group") ? { id: raw.slice(0, -6) + "@g.us", phone: null } : { id: raw + "@c.us", phone: raw });
const millis = z.coerce.number().transform((v) => (v < 1e11 ? v * 1000 : v));

const instanceData = z.object({ idInstance: z.coerce.string(), wid: z.string().optional(), typeInstance: z.string().optional() });
const greenStatus = z.object({ typeWebhook: z.literal("outgoingMessageStatus"), instanceData, timestamp: z.number(), idMessage: z.string(), status: z.string(), chatId: z.string().optional(), description: z.string().optional(), sendByApi: z.boolean().optional() });
const greenMessage = z.object({
  typeWebhook: z.literal("incomingMessageReceived"), instanceData, timestamp: z.number(), idMessage: z.string(),
  senderData: z.object({ chatId: z.string(), sender: z.string(), senderName: z.string().optional(), chatName: z.string().optional() }),
  messageData: z.discriminatedUnion("typeMessage", [
    z.object({ typeMessage: z.literal("textMessage"), textMessageData: z.object({ textMessage: z.string() }) }),
    z.object({ typeMessage: z.literal("imageMessage"), fileMessageData: z.object({ downloadUrl: z.string(), mimeType: z.string(), caption: z.string().optional() }) }),
  ]),
});
const greenState = z.object({ typeWebhook: z.literal("stateInstanceChanged"), instanceData, timestamp: z.number(), stateInstance: z.string() });
const green = z.discriminatedUnion("typeWebhook", [greenStatus, greenMessage, greenState]);

const callbellStatus = z.object({ event: z.literal("message_status_updated"), payload: z.object({ uuid: z.string(), status: z.string(), messageStatusPayload: z.object({ payload: z.object({ ts: z.number().optional() }).passthrough().optional() }).passthrough().optional() }).passthrough() });
const callbellMessage = z.object({ event: z.literal("message_created"), payload: z.object({ uuid: z.string().optional(), to: z.string(), from: z.string(), text: z.string().optional(), status: z.enum(["received", "sent"]), createdAt: z.string() }).passthrough() });
const callbell = z.discriminatedUnion("event", [callbellStatus, callbellMessage]);

const zapiBase = { instanceId: z.string().optional(), momment: millis.optional(), phone: z.string() };
const zapiStatus = z.object({ type: z.literal("MessageStatusCallback"), ...zapiBase, status: z.string(), ids: z.array(z.coerce.string()) });
const zapiDelivery = z.object({ type: z.literal("DeliveryCallback"), ...zapiBase, messageId: z.string(), error: z.string().optional() });
const zapiPresence = z.object({ type: z.literal("PresenceChatCallback"), ...zapiBase, status: z.string() });
const zapiReceived = z.object({
  type: z.literal("ReceivedCallback"), ...zapiBase, messageId: z.string(), fromMe: z.boolean().default(false), senderName: z.string().nullish(), participantPhone: z.string().nullish(),
  text: z.object({ message: z.string() }).optional(),
  image: z.object({ imageUrl: z.string(), mimeType: z.string(), caption: z.string().optional(), thumbnailUrl: z.string().optional() }).optional(),
  audio: z.object({ audioUrl: z.string(), mimeType: z.string(), seconds: z.number().optional(), ptt: z.boolean().optional() }).optional(),
});
const zapi = z.discriminatedUnion("type", [zapiStatus, zapiDelivery, zapiPresence, zapiReceived]);

export function normalize(bytes) {
  const raw = JSON.parse(decoder.decode(bytes));
  if (typeof raw.typeWebhook === "string") {
    const b = green.parse(raw);
    const base = { provider: "greenapi", providerEvent: b.typeWebhook, instanceId: b.instanceData.idInstance, timestamp: b.timestamp * 1000 };
    if (b.typeWebhook === "outgoingMessageStatus") {
      const status = GREEN_STATUS[b.status] ?? "unknown";
      return { provider: "greenapi", events: [{ type: "status", ...base, messageId: b.idMessage, status, rank: RANK[status] ?? null, chat: b.chatId ? chat(b.chatId) : null }] };
    }
    if (b.typeWebhook === "stateInstanceChanged") return { provider: "greenapi", events: [{ type: "connection", ...base, rawState: b.stateInstance }] };
    const md = b.messageData;
    const content = md.typeMessage === "textMessage" ? { kind: "text", text: md.textMessageData.textMessage } : { kind: "image", url: md.fileMessageData.downloadUrl, caption: md.fileMessageData.caption ?? null };
    return { provider: "greenapi", events: [{ type: "message", ...base, messageId: b.idMessage, chat: chat(b.senderData.chatId), content }] };
  }
  if (typeof raw.event === "string") {
    const b = callbell.parse(raw);
    if (b.event === "message_status_updated") {
      const status = CALLBELL_STATUS[b.payload.status] ?? "unknown";
      return { provider: "callbell", events: [{ type: "status", messageId: b.payload.uuid, status, rank: RANK[status] ?? null }] };
    }
    const inbound = b.payload.status === "received";
    return { provider: "callbell", events: [{ type: "message", direction: inbound ? "inbound" : "outbound", chat: chat(inbound ? b.payload.from : b.payload.to), timestamp: Date.parse(b.payload.createdAt), content: { kind: "text", text: b.payload.text ?? "" } }] };
  }
  const b = zapi.parse(raw);
  const base = { provider: "zapi", providerEvent: b.type, instanceId: b.instanceId ?? null, timestamp: b.momment ?? null };
  switch (b.type) {
    case "MessageStatusCallback": {
      const status = ZAPI_STATUS[b.status] ?? "unknown";
      return { provider: "zapi", events: b.ids.map((id) => ({ type: "status", ...base, messageId: id, status, rank: RANK[status] ?? null, chat: chat(b.phone) })) };
    }
    case "DeliveryCallback": return { provider: "zapi", events: [{ type: "status", ...base, messageId: b.messageId, status: b.error ? "failed" : "accepted" }] };
    case "PresenceChatCallback": return { provider: "zapi", events: [{ type: "presence", ...base, presence: b.status.toLowerCase() }] };
    default: {
      const content = b.text ? { kind: "text", text: b.text.message } : b.image ? { kind: "image", url: b.image.imageUrl } : b.audio ? { kind: "audio", url: b.audio.audioUrl } : { kind: "unsupported" };
      return { provider: "zapi", events: [{ type: "message", ...base, messageId: b.messageId, direction: b.fromMe ? "outbound" : "inbound", chat: chat(b.phone), content }] };
    }
  }
}
