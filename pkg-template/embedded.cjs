// `require("wahook/embedded")`: the CommonJS build of the same API with the .wasm inside the
// JavaScript (base64), for single-file server bundles. See embedded.js.
"use strict";
const api = require("./api.cjs");

api.initSync({ module: Buffer.from(require("./wahook_bg.wasm.base64.cjs"), "base64") });
// Warm-up when the event loop first turns (see node.js).
setImmediate(() => api.warmUp(api.parse)).unref();

// Everything api.cjs exports (the API of api.js and handler.js) but the loader functions.
const { init, initSync, warmUp, ...publicApi } = api;
module.exports = publicApi;
