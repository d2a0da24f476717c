// A CommonJS TypeScript project (module node16, "type": "commonjs"): `import` compiles to
// require(), so "wahook" must resolve to CommonJS types (index.d.cts), not ESM ones (TS1479).
import { parse, WahookError } from "wahook";
import { parse as parseEmbedded } from "wahook/embedded";
import { initSync } from "wahook/init";
import type { ParseResult } from "wahook";

const r: ParseResult = parse("{}");
try { parseEmbedded("{"); } catch (e) { if (e instanceof WahookError) void e.code; }
void r; void initSync;
