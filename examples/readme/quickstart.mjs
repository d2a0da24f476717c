import { parse, isNewer } from "wahook";

const statuses = new Map();   // message id → { status, rank } applied last (your database)

export function handle(body) {   // Uint8Array (preferred), ArrayBuffer, string or parsed object
  const { provider, events } = parse(body);   // throws a WahookError for a body no provider sent
  for (const e of events) {
    if (e.type === "message" && e.content.kind === "text") console.log(provider, e.chat?.id, e.sender?.name, e.content.text);
    // Statuses arrive out of order: isNewer applies a higher rank, failed or deleted; never regresses.
    if (e.type === "status" && e.messageId && isNewer(statuses.get(e.messageId) ?? null, e)) statuses.set(e.messageId, { status: e.status, rank: e.rank });
  }
}

handle('{"type":"ReceivedCallback","phone":"5544999999999","messageId":"3EB0A1","momment":1700000000000,"senderName":"Ana","text":{"message":"Olá"}}');
