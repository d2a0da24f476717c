// Node entry: compiles the .wasm next to this module synchronously at import. Bundled
// (esbuild --platform=node), "next to this module" is next to the bundle: copy wahook_bg.wasm there,
// or import "wahook/embedded" for a single file.
import { readFileSync } from "node:fs";
import { initSync } from "./wahook.js";
import { parse } from "./api.js";
import { warmUp } from "./warmup.js";

// import.meta is empty in a CommonJS bundle, whose __dirname is then the bundle's folder.
const paths = [typeof import.meta.url === "string" && new URL("./wahook_bg.wasm", import.meta.url), typeof __dirname === "string" && `${__dirname}/wahook_bg.wasm`].filter(Boolean);
let bytes;
for (const p of paths) { try { bytes = readFileSync(p); break; } catch {} }
if (!bytes) throw new Error(`wahook: wahook_bg.wasm not found (looked at ${paths.join(", ")}). In a bundle, copy node_modules/wahook/wahook_bg.wasm next to it, or import "wahook/embedded" (the .wasm inside the JS).`);
initSync({ module: bytes });

// Warm-up (warmup.js) when the event loop first turns, not at import: a script that parses at once
// compiles only what it reaches first. A server's first request, or a Lambda's first invocation,
// comes after that turn and finds the common paths compiled (bench/cold.mjs: "first call after a
// turn"). A process that imports and exits without parsing still pays it (~10 ms of CPU) unless
// WAHOOK_WARMUP=0.
setImmediate(() => warmUp(parse)).unref();

export * from "./api.js";
export * from "./handler.js";
