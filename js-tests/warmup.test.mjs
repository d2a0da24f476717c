// The entries' warm-up (pkg-template/warmup.js): its bodies reach every provider's common paths,
// Node runs it when the event loop first turns after the import, and WAHOOK_WARMUP=0 turns it off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { parse, providers } from "wahook";
import { BODIES } from "../pkg/warmup.js";
import { root } from "./helpers.mjs";

test("the warm-up bodies parse without error into modelled events of every provider", () => {
  const seen = new Set();
  for (const body of BODIES) {
    const r = parse(body);
    assert.ok(r.events.length > 0, body);
    assert.ok(r.events.every((e) => e.type !== "unknown"), body);
    seen.add(r.provider);
  }
  assert.deepEqual([...seen].sort(), [...providers].sort());
});

// V8 prints one line per wasm function it compiles (Node 20: --trace-wasm-compilation-times).
const compiled = (env) => {
  const r = spawnSync(process.execPath, ["--trace-wasm-compilation-times", "--input-type=module", "-e", 'await import("wahook");'], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
  assert.equal(r.status, 0, r.stderr);
  return (r.stdout.match(/^Compiled function/gm) || []).length;
};

test("Node warms up when the event loop turns after the import, unless WAHOOK_WARMUP=0", () => {
  assert.ok(compiled({}) > 50);
  assert.equal(compiled({ WAHOOK_WARMUP: "0" }), 0);
});
