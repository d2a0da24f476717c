// Runs the createHandler scenarios in Bun (npm package `bun`, a devDependency) and checks that each passed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { root } from "./helpers.mjs";
import { scenarios } from "./handler-scenarios.mjs";

test("Bun: the createHandler scenarios pass behind Bun.serve and behind Express (toNodeListener)", () => {
  const bun = join(root, "node_modules", ".bin", "bun");
  const r = spawnSync(bun, [join(root, "js-tests", "bun", "handler-runtime.mjs")], { cwd: root, encoding: "utf8", timeout: 120000 });
  const n = Object.keys(scenarios({ wahook: {}, serve: null, fixtures: [], expected: {} })).length * 2;
  assert.equal(r.status, 0, `bun exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, new RegExp(`: ${n} passed, 0 failed`), r.stdout);
});
