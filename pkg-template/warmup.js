// Warm-up: V8 compiles wasm lazily, one function at a time, on its first call, so the first webhook
// a fresh isolate or process parses pays for compiling all the code it reaches (~100 KB of wasm for
// a Z-API text: 4–9 ms, bench/cold.mjs and bench/cold-workerd.mjs). Parsing one small body of each
// provider's commonest webhooks (a text message and a delivery status; a Plugchat attendance, whose
// message webhooks are Z-API's) compiles most of it ahead. The entries decide when: workerd at
// module scope (start-up has its own CPU limit); Node, Bun and Deno when the event loop first turns
// after the import (before a server's first request arrives). That turn comes in any process that
// imports the package, one that never parses included: WAHOOK_WARMUP=0 turns it off in Node and
// Bun (the CLI does).
export const BODIES = [
  '{"type":"ReceivedCallback","phone":"1","messageId":"m","momment":1700000000000,"text":{"message":"x"}}',
  '{"type":"MessageStatusCallback","status":"READ","ids":["m"],"momment":1700000000000,"phone":"1"}',
  '{"typeWebhook":"incomingMessageReceived","instanceData":{"idInstance":1},"timestamp":1,"idMessage":"m","senderData":{"chatId":"1@c.us","sender":"1@c.us"},"messageData":{"typeMessage":"textMessage","textMessageData":{"textMessage":"x"}}}',
  '{"typeWebhook":"outgoingMessageStatus","instanceData":{"idInstance":1},"timestamp":1,"idMessage":"m","status":"read","chatId":"1@c.us"}',
  '{"event":"message_created","payload":{"uuid":"u","from":"1","status":"received","text":"x","createdAt":"2024-01-01T00:00:00Z"}}',
  '{"event":"message_status_updated","payload":{"uuid":"u","status":"read","contact":{"phoneNumber":"1"},"messageStatusPayload":{"payload":{"ts":1700000000}}}}',
  '{"attendance":{"status":"PROGRESS","customer":{"name":"x","phone":"1"}},"chat":{"m":{"fromMe":false,"messageId":"m","momment":1700000000000,"phone":"1","text":{"message":"x"}}}}',
  '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"1"},"messages":[{"from":"1","id":"m","timestamp":"1","type":"text","text":{"body":"x"}}]}}]}]}',
  '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"1"},"statuses":[{"id":"m","status":"read","timestamp":"1","recipient_id":"1"}]}}]}]}',
  '{"event":"message","session":"s","payload":{"id":"m","timestamp":1,"from":"1@c.us","fromMe":false,"body":"x"}}',
  '{"event":"message.ack","session":"s","payload":{"id":"m","from":"1@c.us","to":"1@c.us","fromMe":true,"ack":3,"ackName":"READ","timestamp":1}}',
  '{"event":"messages.upsert","instance":"i","data":{"key":{"remoteJid":"1@s.whatsapp.net","fromMe":false,"id":"m"},"message":{"conversation":"x"},"messageTimestamp":1}}',
  '{"event":"messages.update","instance":"i","data":{"keyId":"m","remoteJid":"1@s.whatsapp.net","fromMe":true,"status":"READ"}}',
];

/** WAHOOK_WARMUP=0 in Node's or Bun's environment (Deno asks permission to read it: never there). */
function turnedOff() {
  try {
    return typeof Deno === "undefined" && typeof process === "object" && process !== null && process.env?.WAHOOK_WARMUP === "0";
  } catch {
    return false;
  }
}

/** Parses the warm-up bodies with `parse`; never throws. Nothing when WAHOOK_WARMUP is "0". */
export function warmUp(parse) {
  if (turnedOff()) return;
  for (const body of BODIES) {
    try {
      parse(body);
    } catch {
      // A warm-up never stops the module from loading.
    }
  }
}
