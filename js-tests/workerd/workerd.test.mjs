// workerd (Cloudflare's runtime, npm package `workerd`): the worker is bundled the way Wrangler does
// (esbuild, conditions workerd/worker/browser, the .wasm kept as a CompiledWasm module), served on
// 127.0.0.1, and real fixture bodies are POSTed to it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { sign } from "wahook";
import { fixtures, expected, comparable, root } from "../helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
let proc, base, output = "";

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on("error", reject);
  });
}

before(async () => {
  const out = mkdtempSync(join(tmpdir(), "wahook-workerd-"));
  await esbuild.build({
    entryPoints: [join(here, "worker.js")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    loader: { ".wasm": "copy" },
    outdir: out,
    logLevel: "error",
  });
  const wasm = readdirSync(out).find((f) => f.endsWith(".wasm"));
  assert.ok(wasm, "esbuild kept the .wasm as a module file");
  const port = await freePort();
  writeFileSync(join(out, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "${wasm}", wasm = embed "${wasm}"),
  ],
  compatibilityDate = "2025-01-01",
);
`);
  proc = spawn(join(root, "node_modules", ".bin", "workerd"), ["serve", join(out, "config.capnp"), "--verbose"], { stdio: ["ignore", "pipe", "pipe"] });
  proc.stdout.on("data", (d) => (output += d));
  proc.stderr.on("data", (d) => (output += d));
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { await fetch(base, { method: "POST", body: "{}" }); return; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  throw new Error(`workerd did not start:\n${output}`);
});

after(() => proc && proc.kill());

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
