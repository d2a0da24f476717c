// `wahook/init`: for custom loaders. Call `await init()` (optionally with a URL, Response, bytes or
// WebAssembly.Module) or `initSync({ module })` once before using the API.
export { default, default as init, initSync } from "./wahook.js";
export * from "./api.js";
export * from "./handler.js";
