// The package's internals, for the tests and benchmarks that inspect them (wasm memory, learned
// shapes, the raw binding): the unbundled modules of pkg/, with the .wasm initialized here. The
// Node entry ("wahook", pkg/node.js) is one bundled file with its own copy of these modules, so a
// test that reads internals must call the API through this module, not through "wahook".
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/wahook.js";

initSync({ module: readFileSync(new URL("../pkg/wahook_bg.wasm", import.meta.url)) });

export * from "../pkg/api.js";
export * from "../pkg/handler.js";
export { wasmMemory, parseBytes } from "../pkg/wahook.js";
export { learnedShapes, lastPoolUtf16, lastPoolBytes } from "../pkg/tape.js";
export { literals } from "../pkg/shapes.js";
export { readRequestBody } from "../pkg/request.js";
