// Node entry: compiles the .wasm next to this file synchronously at import.
import { readFileSync } from "node:fs";
import { initSync } from "./wahook.js";

initSync({ module: readFileSync(new URL("./wahook_bg.wasm", import.meta.url)) });

export * from "./api.js";
export * from "./handler.js";
