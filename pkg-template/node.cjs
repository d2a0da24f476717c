// Node entry for CommonJS (`require("wahook")`): the same API, bundled to CJS at build time
// (api.cjs), with the .wasm next to this file compiled synchronously at require.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const api = require("./api.cjs");

api.initSync({ module: readFileSync(join(__dirname, "wahook_bg.wasm")) });

module.exports = {
  parse: api.parse,
  safeParse: api.safeParse,
  detect: api.detect,
  verify: api.verify,
  sign: api.sign,
  fromRequest: api.fromRequest,
  version: api.version,
  WahookError: api.WahookError,
  createHandler: api.createHandler, toNodeListener: api.toNodeListener, isNewer: api.isNewer, eventNames: api.eventNames,
};
