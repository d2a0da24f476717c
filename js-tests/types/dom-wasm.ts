// With the DOM lib (this folder's tsconfig), wahook/wasm is typed as a WebAssembly.Module.
import wasm from "wahook/wasm";
import { initSync } from "wahook/init";

const module: WebAssembly.Module = wasm;
initSync({ module });
