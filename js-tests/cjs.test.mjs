// `require("wahook")` (CommonJS, Node's "require" condition): the same API and results.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as esm from "wahook";
import { fixtures, expected, comparable, root } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const cjs = require("wahook");

test("require('wahook') resolves the CommonJS entry with the same exports", () => {
  assert.equal(require.resolve("wahook"), join(root, "pkg", "node.cjs"));   // through the node_modules/wahook link
  assert.deepEqual(Object.keys(cjs).sort(), Object.keys(esm).sort());
  assert.equal(cjs.version, esm.version);
});

test("CommonJS results equal the expectations for every fixture", () => {
  for (const [name, bytes] of fixtures()) {
    const r = cjs.safeParse(bytes);
    if (expected[name].error) assert.equal(r.error.code, expected[name].error, name);
    else assert.deepEqual(comparable(r.value), expected[name], name);
  }
  assert.throws(() => cjs.parse("{"), (e) => e instanceof cjs.WahookError && e.code === "invalid_json" && e.line === 1);
  const body = readFileSync(join(root, "tests/fixtures/callbell/message-status-updated.json"));
  const header = cjs.sign(body, { secret: "whsec_cjs", timestamp: 1790000000 });
  assert.deepEqual(cjs.verify(body, { "x-callbell-signature": header }, { provider: "callbell", secret: "whsec_cjs", now: 1790000000000 }), { ok: true });
});

test("WahookError is recognized by instanceof across the ESM, CommonJS and other entries' copies", async () => {
  const init = await import("wahook/init");
  const embedded = require("wahook/embedded");
  let thrown;
  try {
    esm.parse("{");
  } catch (e) {
    thrown = e;
  }
  for (const Class of [esm.WahookError, cjs.WahookError, init.WahookError, embedded.WahookError]) {
    assert.ok(thrown instanceof Class);
    assert.ok(!(new Error("x") instanceof Class));
    assert.ok(!({ code: "invalid_json" } instanceof Class));
  }
  assert.equal(thrown.code, "invalid_json");
  assert.ok(thrown instanceof Error);
  assert.ok(!(null instanceof esm.WahookError));
});
