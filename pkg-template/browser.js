// Browser and bundler entry: fetches and instantiates the .wasm next to this file with top-level
// await, so every function is synchronous once the import has resolved.
import init from "./wahook.js";

await init({ module_or_path: new URL("./wahook_bg.wasm", import.meta.url) });

export * from "./api.js";
export * from "./handler.js";
