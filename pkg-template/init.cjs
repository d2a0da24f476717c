// `require("wahook/init")`: for custom loaders, as init.js. Call `initSync({ module })` (bytes or a
// WebAssembly.Module) or `await init({ module_or_path })` once before using the API.
"use strict";
const api = require("./api.cjs");

const { warmUp, ...publicApi } = api;
module.exports = publicApi;
module.exports.default = api.init;
