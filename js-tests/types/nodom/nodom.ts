// The declarations compile with lib es2022 alone (no DOM, no @types/node): HeadersLike and
// RequestLike are structural, wahook/wasm and wahook/init need no WebAssembly global.
import { parse, verify, fromRequest } from "wahook";
import type { HeadersLike, RequestLike, ParseResult } from "wahook";
import { initSync } from "wahook/init";
import wasm from "wahook/wasm";
import { parse as parseEmbedded } from "wahook/embedded";

// @ts-expect-error: no DOM here, so there is no Headers global: the package must not need it
const dom = new Headers();
void dom;

const headers: HeadersLike = { "z-api-token": "t", "set-cookie": ["a", "b"], absent: undefined };
const pairs: HeadersLike = [["z-api-token", "t"]];
const getter: HeadersLike = { get: (n: string) => (n === "z-api-token" ? "t" : null), forEach(cb: (v: string, n: string) => void) { cb("t", "z-api-token"); } };
const request: RequestLike = { arrayBuffer: async () => new ArrayBuffer(0), headers };
const r: ParseResult = parse(new Uint8Array(), { headers: pairs });
const v = verify("{}", getter, { provider: "zapi", token: "t" });
const p: Promise<ParseResult> = fromRequest(request, { verify: { provider: "greenapi", token: "t" } });
const m: object = wasm;
initSync({ module: new Uint8Array() });
initSync({ module: m });
parseEmbedded("{}");
void r; void v; void p;
