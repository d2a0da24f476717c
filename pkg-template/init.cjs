// `require("wahook/init")`: for custom loaders, as init.js. Call `initSync({ module })` (bytes or a
// WebAssembly.Module) or `await init({ module_or_path })` once before using the API.
"use strict";
const api = require("./api.cjs");

module.exports = { ...api };
module.exports.default = api.init;
