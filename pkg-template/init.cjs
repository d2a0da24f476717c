// `require("wahook/init")`: for custom loaders, as init.js. Call `initSync({ module })` (bytes or a
// WebAssembly.Module) or `await init({ module_or_path })` once before using the API.
"use strict";
const api = require("./api.cjs");

module.exports = {
  default: api.init,
  init: api.init,
  initSync: api.initSync,
  parse: api.parse,
  safeParse: api.safeParse,
  detect: api.detect,
  verify: api.verify,
  sign: api.sign,
  fromRequest: api.fromRequest,
  version: api.version,
  WahookError: api.WahookError,
};
