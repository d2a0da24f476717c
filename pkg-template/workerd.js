// Cloudflare Workers (workerd) entry: Workers forbid compiling wasm from bytes at run time, so the
// .wasm is imported as a module (Wrangler and esbuild bundle it as a CompiledWasm module).
import wasmModule from "./wahook_bg.wasm";
import { initSync } from "./wahook.js";
import { parse } from "./api.js";
import { warmUp } from "./warmup.js";

initSync({ module: wasmModule });

// Warm-up at module scope (warmup.js): the compile moves into the isolate's start-up, which Workers
// bill against the separate start-up limit, not a request (bench/cold-workerd.mjs against
// `wahook-no-warmup`: the first request's CPU goes from ~7 ms to ~3 ms, start-up grows by ~17 ms).
warmUp(parse);

export * from "./api.js";
export * from "./handler.js";
