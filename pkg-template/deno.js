// Deno entry: reads the .wasm next to this file (also from Deno's npm cache) at import.
import { initSync } from "./wahook.js";
import { parse } from "./api.js";
import { warmUp } from "./warmup.js";

initSync({ module: Deno.readFileSync(new URL("./wahook_bg.wasm", import.meta.url)) });

// Warm-up (warmup.js) when the event loop first turns, as the Node entry does: a server's (Deno
// Deploy, Supabase Edge Functions) first request finds the common paths compiled; the timer does
// not keep a script alive.
const warm = setTimeout(() => warmUp(parse), 0);
if (typeof Deno.unrefTimer === "function") Deno.unrefTimer(warm);

export * from "./api.js";
export * from "./handler.js";
