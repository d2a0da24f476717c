// CI size guard: the gzip size of the .wasm must stay within its budget (zlib level 9). Growth past
// it is a decision to make in BENCHMARKS.md, not an accident (the figures and what was tried are
// there). The target is 80 000 bytes; the guard is 82 000 since the wire-identity model (Chat.lid,
// LIDs and device parts canonicalized, nullable ids with warnings, system messageId/sender,
// viewOnce/width/height, Meta's status in Callbell; +1.6 KB) and the allocator's page source that
// bounds memory under growing bodies (+0.5 KB) were worth more than the bytes, and nothing cheaper
// was found to take out: BENCHMARKS.md reports the 80 KB target as not met until it is. 84 000 since
// the provider registry (modules called through `providers::ALL`, the three new providers' detection,
// media ids and referrals in the model: +2.3 KB). 137 000 since the three new providers, measured
// one merge at a time (zlib -9): Evolution API +20.2 KB, WAHA +16.9 KB (4.6 KB of it HMAC-SHA512),
// Cloud API +13.4 KB, the verification registry (signature headers for every provider) +2.1 KB. The
// issue's 90 000 for seven providers is not met: opt-level "s" gives 121 KB and "z" 105 KB, at +30%
// and +80% time per webhook on the steady mix (BENCHMARKS.md); V8 compiles only the functions a
// body reaches, so an unused provider costs download bytes, not first-request time. 139 000 since
// issue #18: the Z-API and Green API handlers and their long tail of content kinds are functions
// that are never inlined (+1.7 KB), so that the first body compiles only its own handler (code the
// first Z-API text reaches: 102 -> 85 KB, its first call -0.65 ms; Green API text 92 -> 83 KB);
// SIMD UTF-8 validation +0.3 KB. 140 000 with the UTF-16 string pool (+0.5 KB: V8 decodes UTF-16
// five times faster than non-ASCII UTF-8; a 1 MB text 5.9 -> 3.3 ms, 0.6x JSON.parse). 141 000
// since the JSON reader keeps a spare arena and its stacks between bodies and stores each value
// where it is built, and the tape writes a repeated string value once (+0.9 KB together: native mix
// 1.02 -> ~1.19x serde_json, wasm mix -3..5%, a Plugchat attendance's pool -35%). 142 000 since a
// struct whose shape JS knows crosses without its keys (+1.1 KB: Plugchat attendances -6%, small
// Callbell bodies -10%, the mix -2..3%; 4.2 KB less raw code, but less repetitive for gzip).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { root } from "./helpers.mjs";

const WASM_GZIP_BUDGET = 142_000;
const GLUE_GZIP_BUDGET = 8 * 1024;

test(`wahook_bg.wasm is at most ${WASM_GZIP_BUDGET} bytes gzipped`, () => {
  const gz = gzipSync(readFileSync(join(root, "pkg", "wahook_bg.wasm")), { level: 9 }).length;
  assert.ok(gz <= WASM_GZIP_BUDGET, `${gz} bytes gzipped, budget ${WASM_GZIP_BUDGET}`);
});

// What Node loads: node.js bundles the wasm-bindgen glue, the API, the handler and the tables.
test(`the JS glue is at most ${GLUE_GZIP_BUDGET} bytes gzipped`, () => {
  const glue = Buffer.concat(["wahook.js", "api.js"].map((f) => readFileSync(join(root, "pkg", f))));
  const gz = gzipSync(glue, { level: 9 }).length;
  assert.ok(gz <= GLUE_GZIP_BUDGET, `${gz} bytes gzipped, budget ${GLUE_GZIP_BUDGET}`);
});

// Node's import cost grows with the number of ES modules it loads (each is resolved, read and
// compiled on its own): the Node entry is one file that imports only Node's built-ins.
test("the Node entry is one bundled module", () => {
  const src = readFileSync(join(root, "pkg", "node.js"), "utf8");
  const imports = [...src.matchAll(/^\s*(?:import|export)\b[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
  assert.deepEqual(imports.filter((s) => !s.startsWith("node:")), []);
  const gz = gzipSync(src, { level: 9 }).length;
  assert.ok(gz <= 16 * 1024, `${gz} bytes gzipped`);
});
