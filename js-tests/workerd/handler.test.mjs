// The shared createHandler scenarios run inside workerd (js-tests/workerd/handler-worker.js), on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { fixtures, expected, root } from "../helpers.mjs";
import { scenarios } from "../handler-scenarios.mjs";
import { serveWorker } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
let worker, base;

before(async () => {
  worker = await serveWorker(join(here, "handler-worker.js"));
  base = worker.base;
});

after(() => worker && worker.stop());

test("workerd: every createHandler scenario passes inside a Worker", async () => {
  const body = JSON.stringify({ fixtures: fixtures().map(([n, b]) => [n, Buffer.from(b).toString("base64")]), expected });
  const r = await fetch(base, { method: "POST", body });
  assert.equal(r.status, 200, worker.output());
  const results = await r.json();
  assert.deepEqual(results.map((x) => x.name), Object.keys(scenarios({ wahook: {}, serve: null, fixtures: [], expected: {} })));
  for (const x of results) assert.ok(x.ok, `${x.name}\n${x.error}`);
});
