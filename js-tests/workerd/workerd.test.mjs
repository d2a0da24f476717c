// workerd (Cloudflare's runtime, npm package `workerd`): the worker is bundled the way Wrangler does
// (esbuild, conditions workerd/worker/browser, the .wasm kept as a CompiledWasm module), served on
// 127.0.0.1, and real fixture bodies are POSTed to it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { sign } from "wahook";
import { fixtures, expected, comparable, root } from "../helpers.mjs";
import { serveWorker } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
let base;

let worker;
before(async () => {
  worker = await serveWorker(join(here, "worker.js"));
  base = worker.base;
});

after(() => worker && worker.stop());

const post = async (path, body, headers) => {
  const res = await fetch(base + path, { method: "POST", body, headers });
  return { status: res.status, json: await res.json() };
};

test("every fixture POSTed to a Worker matches tests/expected.json", async () => {
  const corpus = fixtures();
  for (const [name, bytes] of corpus) {
    const { status, json } = await post("/", bytes);
    if (expected[name].error) {
      assert.equal(status, 400, name);
      assert.equal(json.code, expected[name].error, name);
    } else {
      assert.equal(status, 200, `${name}: ${JSON.stringify(json)}`);
      assert.deepEqual(comparable(json), expected[name], name);
    }
  }
});

test("hint, headers and errors in the Worker", async () => {
  const body = readFileSync(join(root, "tests/fixtures/zapi/message-status-read.json"));
  assert.equal((await post("/?provider=plugchat", body)).json.provider, "plugchat");
  const h = await post("/", body, { "z-api-token": "t" });
  assert.equal(h.json.detectedBy, "headers");
  const bad = await post("/", "{\n  oops");
  assert.deepEqual([bad.status, bad.json.code, bad.json.isWahookError], [400, "invalid_json", true]);
});

test("fromRequest with verify: signed bodies pass, others get 401", async () => {
  const body = readFileSync(join(root, "tests/fixtures/callbell/message-status-updated.json"));
  const header = sign(body, { secret: "whsec_workerd", timestamp: Math.floor(Date.now() / 1000) });
  const ok = await post("/verified", body, { "X-Callbell-Signature": header });
  assert.equal(ok.status, 200);
  assert.equal(ok.json.events[0].status, "read");
  const forged = await post("/verified", body, { "X-Callbell-Signature": header.replace(/v1=(.)/, (_, c) => `v1=${c === "0" ? "1" : "0"}`) });
  assert.deepEqual([forged.status, forged.json.reason], [401, "mismatch"]);
  const missing = await post("/verified", body);
  assert.deepEqual([missing.status, missing.json.reason], [401, "missing_header"]);
});
