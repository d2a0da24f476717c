// CI size guard: the gzip size of the .wasm must stay within its budget. The SPEC target is 80 KB;
// the budget is the shipped size plus a little room, so that growth is a decision, not an accident
// (see BENCHMARKS.md for the figures and what was tried).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { root } from "./helpers.mjs";

const WASM_GZIP_BUDGET = 100 * 1024;
const GLUE_GZIP_BUDGET = 8 * 1024;

test(`wahook_bg.wasm is at most ${WASM_GZIP_BUDGET} bytes gzipped`, () => {
  const gz = gzipSync(readFileSync(join(root, "pkg", "wahook_bg.wasm")), { level: 9 }).length;
  assert.ok(gz <= WASM_GZIP_BUDGET, `${gz} bytes gzipped, budget ${WASM_GZIP_BUDGET}`);
});

test(`the JS glue is at most ${GLUE_GZIP_BUDGET} bytes gzipped`, () => {
  const glue = Buffer.concat(["wahook.js", "api.js", "node.js"].map((f) => readFileSync(join(root, "pkg", f))));
  const gz = gzipSync(glue, { level: 9 }).length;
  assert.ok(gz <= GLUE_GZIP_BUDGET, `${gz} bytes gzipped, budget ${GLUE_GZIP_BUDGET}`);
});
