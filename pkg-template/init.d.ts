// `wahook/init`: the same API, for custom loaders. Call `await init()` or `initSync({ module })`
// once before any other function.
export * from "./index.js";

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Fetches (or takes) and instantiates the .wasm. Without arguments, loads `wahook_bg.wasm` next to the module. */
export default function init(options?: { module_or_path?: InitInput | Promise<InitInput> }): Promise<unknown>;
export declare function init(options?: { module_or_path?: InitInput | Promise<InitInput> }): Promise<unknown>;
/** Instantiates synchronously from bytes or a compiled WebAssembly.Module. */
export declare function initSync(options: { module: BufferSource | WebAssembly.Module }): unknown;
