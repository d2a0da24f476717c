// Node entry for CommonJS (`require("wahook")`): the same API, bundled to CJS at build time
// (api.cjs), with the .wasm next to this file (or next to the bundle that contains it) compiled
// synchronously at require.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const api = require("./api.cjs");

const path = join(__dirname, "wahook_bg.wasm");
let bytes;
try {
  bytes = readFileSync(path);
} catch {
  throw new Error(`wahook: wahook_bg.wasm not found (looked at ${path}). In a bundle, copy node_modules/wahook/wahook_bg.wasm next to it, or require "wahook/embedded" (the .wasm inside the JS).`);
}
api.initSync({ module: bytes });
// Warm-up when the event loop first turns (see node.js); WAHOOK_WARMUP=0 turns it off.
setImmediate(() => api.warmUp(api.parse)).unref();

// Everything api.cjs exports (the API of api.js and handler.js) but the loader functions.
const { init, initSync, warmUp, ...publicApi } = api;
module.exports = publicApi;
