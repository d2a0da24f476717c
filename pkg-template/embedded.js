// `wahook/embedded`: the same API with the .wasm inside the JavaScript (base64), for single-file
// server bundles (esbuild --bundle --platform=node, AWS Lambda, ...) that cannot ship a file beside
// them. It costs ~1.4× the .wasm in JS size and a base64 decode at import. Not for Workers, which
// forbid compiling wasm from bytes: there the default entry imports the .wasm as a module.
import { initSync } from "./wahook.js";
import { parse } from "./api.js";
import { warmUp } from "./warmup.js";
import base64 from "./wahook_bg.wasm.base64.cjs";   // CommonJS, shared with embedded.cjs: one copy

initSync({ module: typeof Buffer === "function" ? Buffer.from(base64, "base64") : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) });

// Warm-up when the event loop first turns, as the Node entry does (a Lambda's first invocation
// comes after it); WAHOOK_WARMUP=0 turns it off.
if (typeof setImmediate === "function") setImmediate(() => warmUp(parse)).unref?.();

export * from "./api.js";
export * from "./handler.js";
