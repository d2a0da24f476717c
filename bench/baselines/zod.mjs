// The schema-validating baseline, as many TypeScript teams write it: JSON.parse, zod schemas per
// provider and webhook type (discriminated unions, coercions, optional fields), then the same
// mapping as the hand-written baseline (mapping.mjs), on the validated data.
import { z } from "zod";
import { mapWebhook } from "./mapping.mjs";

const decoder = new TextDecoder();
const str = z.string();
const optStr = z.string().nullish();

const instanceData = z.object({ idInstance: z.coerce.string(), wid: str.optional(), typeInstance: str.optional() });
const green = z.discriminatedUnion("typeWebhook", [
  z.object({ typeWebhook: z.literal("outgoingMessageStatus"), instanceData, timestamp: z.number(), idMessage: str, status: str, chatId: str.optional(), description: str.optional(), sendByApi: z.boolean().optional() }),
  z.object({
    typeWebhook: z.literal("incomingMessageReceived"), instanceData, timestamp: z.number(), idMessage: str,
    senderData: z.object({ chatId: str, sender: str, senderName: str.optional(), chatName: str.optional() }),
    messageData: z.discriminatedUnion("typeMessage", [
      z.object({ typeMessage: z.literal("textMessage"), textMessageData: z.object({ textMessage: str }) }),
      z.object({ typeMessage: z.literal("imageMessage"), fileMessageData: z.object({ downloadUrl: str, mimeType: str.optional(), caption: str.optional(), isForwarded: z.boolean().optional(), isViewOnce: z.boolean().optional() }) }),
    ]),
  }),
  z.object({ typeWebhook: z.literal("stateInstanceChanged"), instanceData, timestamp: z.number(), stateInstance: str }),
]);

const contact = z.object({ name: optStr, phoneNumber: optStr }).optional();
const callbell = z.discriminatedUnion("event", [
  z.object({
    event: z.literal("message_status_updated"),
    payload: z.object({ uuid: str, status: str, contact, messageStatusPayload: z.object({ payload: z.object({ ts: z.number().optional() }).optional() }).optional() }),
  }),
  z.object({
    event: z.literal("message_created"),
    payload: z.object({
      uuid: str.optional(), to: str, from: str, text: optStr, status: z.enum(["received", "sent"]), createdAt: z.iso.datetime({ offset: true }), contact,
      messageLocation: z.object({ coordinates: z.object({ x: z.number(), y: z.number() }), googleMapsLocation: str.optional() }).optional(),
    }),
  }),
]);

const zapiBase = { instanceId: str.optional(), momment: z.number().optional(), phone: str };
const zapi = z.discriminatedUnion("type", [
  z.object({ type: z.literal("MessageStatusCallback"), ...zapiBase, status: str, ids: z.array(z.coerce.string()) }),
  z.object({ type: z.literal("DeliveryCallback"), ...zapiBase, messageId: str, error: str.optional() }),
  z.object({ type: z.literal("PresenceChatCallback"), ...zapiBase, status: str, lastSeen: z.number().nullish() }),
  z.object({
    type: z.literal("ReceivedCallback"), ...zapiBase, messageId: str, fromMe: z.boolean().default(false),
    senderName: optStr, participantPhone: optStr, participantLid: optStr, senderLid: optStr, chatLid: optStr, connectedPhone: optStr, chatName: optStr,
    text: z.object({ message: str }).optional(),
    image: z.object({ imageUrl: str, mimeType: str.optional(), caption: str.optional(), thumbnailUrl: str.optional(), viewOnce: z.boolean().optional(), width: z.number().optional(), height: z.number().optional() }).optional(),
    audio: z.object({ audioUrl: str, mimeType: str.optional(), seconds: z.number().optional(), ptt: z.boolean().optional(), viewOnce: z.boolean().optional() }).optional(),
  }),
]);

export function normalize(bytes) {
  const text = decoder.decode(bytes);
  const raw = JSON.parse(text);
  const schema = typeof raw.typeWebhook === "string" ? green : typeof raw.event === "string" ? callbell : zapi;
  return mapWebhook(schema.parse(raw), text);
}
