// Cloudflare Workers (workerd) entry: Workers forbid compiling wasm from bytes at run time, so the
// .wasm is imported as a module (Wrangler and esbuild bundle it as a CompiledWasm module).
import wasmModule from "./wahook_bg.wasm";
import { initSync } from "./wahook.js";
import { parse } from "./api.js";

initSync({ module: wasmModule });

// Warm-up at module scope: V8 compiles wasm lazily, so the first webhook would pay for compiling
// all the code it reaches (measured in workerd: 9.2 ms of CPU for a Z-API text, against 2.8 ms for
// a hand-written JS normalizer — close to the free plan's 10 ms per request). Parsing one small
// body of each provider's common shapes here moves that into the isolate's start-up (+8 ms), which
// Workers bill against the separate start-up limit, not a request: the first request then costs
// 3.2 ms (bench/cold-workerd.mjs).
for (const body of [
  '{"type":"ReceivedCallback","phone":"1","messageId":"m","momment":1,"text":{"message":"x"}}',
  '{"type":"MessageStatusCallback","status":"READ","ids":["m"],"momment":1,"phone":"1"}',
  '{"typeWebhook":"incomingMessageReceived","instanceData":{"idInstance":1},"timestamp":1,"idMessage":"m","senderData":{"chatId":"1@c.us","sender":"1@c.us"},"messageData":{"typeMessage":"textMessage","textMessageData":{"textMessage":"x"}}}',
  '{"typeWebhook":"outgoingMessageStatus","instanceData":{"idInstance":1},"timestamp":1,"idMessage":"m","status":"read","chatId":"1@c.us"}',
  '{"event":"message_created","payload":{"uuid":"u","from":"1","status":"received","text":"x","createdAt":"2024-01-01T00:00:00Z"}}',
]) {
  try {
    parse(body);
  } catch {
    // A warm-up never stops the Worker from loading.
  }
}

export * from "./api.js";
export * from "./handler.js";
