// `wahook/wasm`: the raw wahook_bg.wasm, for tools that load it themselves. Imported as a module
// (Wrangler/workerd, esbuild's CompiledWasm), it is a compiled `WebAssembly.Module`: pass it to
// `initSync({ module })` of "wahook/init". Typed structurally, so that no DOM lib is needed: where
// the `WebAssembly` global is typed (DOM, @types/node, workers-types) it is `WebAssembly.Module`.
type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : object;
declare const wasm: WasmModule;
export default wasm;
