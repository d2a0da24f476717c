// CI size guard: the gzip size of the .wasm must stay within its budget: the issue #7 target, 80 KB
// (80 000 bytes, zlib level 9). Growth past it is a decision to make in BENCHMARKS.md, not an accident
// (the figures and what was tried are there).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { root } from "./helpers.mjs";

const WASM_GZIP_BUDGET = 80_000;
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
