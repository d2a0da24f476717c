// Cloudflare Workers (workerd) entry: Workers forbid compiling wasm from bytes at run time, so the
// .wasm is imported as a module (Wrangler and esbuild bundle it as a CompiledWasm module).
import wasmModule from "./wahook_bg.wasm";
import { initSync } from "./wahook.js";

initSync({ module: wasmModule });

export * from "./api.js";
export * from "./handler.js";
