// Types of `wahook/embedded`: the same API as "wahook" (the .wasm is inside the JavaScript).
export * from "./index.js";
