// Types of the CommonJS entry (`require("wahook")`): the same as the ES module's.
export * from "./index.js";
