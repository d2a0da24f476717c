import { parse } from "wahook";

const lastRank = new Map();   // message id → rank of the last status applied (your database)

export function handle(body) {   // Uint8Array (preferred), ArrayBuffer, string or parsed object
  const { provider, events } = parse(body);   // throws a WahookError for a body no provider sent
  for (const e of events) {
    if (e.type === "message" && e.content.kind === "text") console.log(provider, e.chat?.id, e.sender?.name, e.content.text);
    // Statuses arrive out of order: apply one only when its rank is higher (failed/deleted: always).
    if (e.type === "status" && e.messageId && e.rank !== null && e.rank > (lastRank.get(e.messageId) ?? 0)) lastRank.set(e.messageId, e.rank);
  }
}

handle('{"type":"ReceivedCallback","phone":"5544999999999","messageId":"3EB0A1","momment":1700000000000,"senderName":"Ana","text":{"message":"Olá"}}');
