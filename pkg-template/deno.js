// Deno entry: reads the .wasm next to this file (also from Deno's npm cache) at import.
import { initSync } from "./wahook.js";

initSync({ module: Deno.readFileSync(new URL("./wahook_bg.wasm", import.meta.url)) });

export * from "./api.js";
export * from "./handler.js";
