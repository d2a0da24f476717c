// `require("wahook/embedded")`: the CommonJS build of the same API with the .wasm inside the
// JavaScript (base64), for single-file server bundles. See embedded.js.
"use strict";
const api = require("./api.cjs");

api.initSync({ module: Buffer.from(require("./wahook_bg.wasm.base64.cjs"), "base64") });

module.exports = {
  parse: api.parse,
  safeParse: api.safeParse,
  detect: api.detect,
  verify: api.verify,
  sign: api.sign,
  fromRequest: api.fromRequest,
  version: api.version,
  WahookError: api.WahookError,
};
