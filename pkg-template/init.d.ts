// `wahook/init`: the same API, for custom loaders. Call `await init()` or `initSync({ module })`
// once before any other function. Typed structurally, so that no DOM lib is needed.
export * from "./index.js";

/** A compiled `WebAssembly.Module` where the `WebAssembly` global is typed, else any object. */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : object;
/** Bytes of the .wasm. */
export type WasmBytes = ArrayBuffer | ArrayBufferView;
/** A URL (string or `URL`), a fetch `Response` or `Request`, bytes or a compiled module. */
export type InitInput = string | { readonly href: string } | { arrayBuffer(): Promise<ArrayBuffer> } | WasmBytes | WasmModule;

/** Fetches (or takes) and instantiates the .wasm. Without arguments, loads `wahook_bg.wasm` next to the module (browsers). */
export default function init(options?: { module_or_path?: InitInput | Promise<InitInput> }): Promise<unknown>;
export declare function init(options?: { module_or_path?: InitInput | Promise<InitInput> }): Promise<unknown>;
/** Instantiates synchronously from bytes or a compiled WebAssembly.Module. */
export declare function initSync(options: { module: WasmBytes | WasmModule }): unknown;
