// The example Worker in workerd (npm `workerd`), offline on 127.0.0.1, bundled as Wrangler does, with
// a real KV namespace: workerd's bundled KV Worker (/workerd/kv.js) on a temporary disk. Run by
// `make test-workerd` (js-tests/workerd/handler-example.test.mjs imports this file).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { parse } from "wahook";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
let proc, out, open, verified, output = "";

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on("error", reject);
  });
}

const app = (name, namespace, secret) => `const ${name} :Workerd.Worker = (
  modules = [
    (name = "index.js", esModule = embed "index.js"),
    (name = "WASM", wasm = embed "WASM"),
  ],
  compatibilityDate = "2025-01-01",
  bindings = [
    (name = "EVENTS", kvNamespace = (name = "kv", props = (json = "{\\"namespace\\":\\"${namespace}\\"}"))),
    (name = "WEBHOOK_PROVIDER", text = "${secret ? "zapi" : ""}"),
    ${secret ? `(name = "WEBHOOK_SECRET", text = "${secret}"),` : ""}
  ],
);
`;

before(async () => {
  out = mkdtempSync(join(tmpdir(), "wahook-example-"));
  await esbuild.build({
    entryPoints: [join(here, "..", "src", "index.js")],
    bundle: true, format: "esm", platform: "neutral", target: "es2022",
    conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"],
    loader: { ".wasm": "copy" }, outdir: out, logLevel: "error",
  });
  const wasm = readdirSync(out).find((f) => f.endsWith(".wasm"));
  assert.ok(wasm, "esbuild kept the .wasm as a module file");
  for (const d of ["kv-state", "kv-blobs"]) mkdirSync(join(out, d));
  const [p1, p2] = [await freePort(), await freePort()];
  writeFileSync(join(out, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "open", worker = .openWorker),
    (name = "verified", worker = .verifiedWorker),
    (name = "kv", worker = .kvWorker),
    (name = "kv-state", disk = (path = "${join(out, "kv-state")}", writable = true)),
    (name = "kv-blobs", disk = (path = "${join(out, "kv-blobs")}", writable = true)),
  ],
  sockets = [
    (name = "open", address = "127.0.0.1:${p1}", http = (), service = "open"),
    (name = "verified", address = "127.0.0.1:${p2}", http = (), service = "verified"),
  ],
);
${app("openWorker", "events", "").replaceAll("WASM", wasm)}
${app("verifiedWorker", "events-verified", "test-token").replaceAll("WASM", wasm)}
const kvWorker :Workerd.Worker = (
  modules = [(name = "kv.js", bundled = "/workerd/kv.js")],
  compatibilityDate = "2025-01-01",
  durableObjectNamespaces = [(className = "KVNamespace", uniqueKey = "wahook-example-kv", enableSql = true)],
  durableObjectStorage = (localDisk = "kv-state"),
  bindings = [
    (name = "SHARD", durableObjectNamespace = "KVNamespace"),
    (name = "BLOBS", service = "kv-blobs"),
  ],
);
`);
  proc = spawn(join(root, "node_modules", ".bin", "workerd"), ["serve", join(out, "config.capnp"), "--verbose", "--experimental"], { stdio: ["ignore", "pipe", "pipe"] });
  proc.stdout.on("data", (d) => (output += d));
  proc.stderr.on("data", (d) => (output += d));
  open = `http://127.0.0.1:${p1}`;
  verified = `http://127.0.0.1:${p2}`;
  for (let i = 0; i < 100; i++) {
    try { await fetch(`${open}/webhook`); await fetch(`${verified}/webhook`); return; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  throw new Error(`workerd did not start:\n${output}`);
});

after(() => { if (proc) proc.kill(); if (out) rmSync(out, { recursive: true, force: true }); });

const post = async (base, body, headers) => {
  const r = await fetch(`${base}/webhook`, { method: "POST", body, headers });
  return { status: r.status, json: await r.json() };
};
const get = async (path) => {
  const r = await fetch(open + path);
  return r.status === 200 ? (r.headers.get("content-type").startsWith("application/json") ? r.json() : r.text()) : null;
};
const fixture = (name) => readFileSync(join(root, "tests", "fixtures", name));
const statusBody = (status, id, momment) => JSON.stringify({ instanceId: "i", status, ids: [id], momment, phone: "5544999999999", type: "MessageStatusCallback" });

test("example Worker: every event of a fixture is stored in KV under its dedupeKey; a duplicate delivery is skipped", async () => {
  const body = fixture("zapi/received-text.json");
  const [event] = parse(body).events;
  const first = await post(open, body);
  assert.deepEqual([first.status, first.json.events, first.json.skipped], [200, 1, 0], JSON.stringify(first.json) + output);
  assert.deepEqual(await get(`/event/${encodeURIComponent(event.dedupeKey)}`), JSON.parse(JSON.stringify(event)));
  assert.equal(await get(`/text/${encodeURIComponent(event.messageId)}`), event.content.text);
  const again = await post(open, body);
  assert.deepEqual([again.status, again.json.skipped], [200, 1]);
  // Every fixture: 200 (or 400 with its code), each event stored.
  for (const provider of ["callbell", "greenapi", "plugchat", "zapi"]) {
    for (const f of readdirSync(join(root, "tests", "fixtures", provider)).filter((f) => f.endsWith(".json"))) {
      const bytes = fixture(`${provider}/${f}`);
      const r = await post(open, bytes);
      const expected = (() => { try { return parse(bytes).events; } catch { return null; } })();
      if (!expected) { assert.equal(r.status, 400, f); continue; }
      assert.equal(r.status, 200, `${provider}/${f}: ${JSON.stringify(r.json)}`);
      for (const e of expected) assert.ok(await get(`/event/${encodeURIComponent(e.dedupeKey)}`), `${provider}/${f}: ${e.dedupeKey} stored`);
    }
  }
});

test("example Worker: statuses arriving out of order never downgrade (isNewer); failed always applies", async () => {
  const id = "MSG-ORDER-1";
  for (const [status, t] of [["SENT", 1], ["READ", 3], ["RECEIVED", 2]]) {
    assert.equal((await post(open, statusBody(status, id, 1700000000000 + t))).status, 200);
  }
  assert.equal((await get(`/status/${id}`)).status, "read");
  assert.equal((await post(open, statusBody("PLAYED", id, 1700000000004))).status, 200);
  assert.equal((await get(`/status/${id}`)).status, "played");
  assert.equal((await post(open, statusBody("FAILED", id, 1700000000005))).status, 200);
  assert.equal((await get(`/status/${id}`)).status, "failed");
  assert.equal((await post(open, statusBody("READ", id, 1700000000006))).status, 200);
  assert.equal((await get(`/status/${id}`)).status, "failed");
});

test("example Worker with WEBHOOK_SECRET: the Z-API token header is required", async () => {
  const body = fixture("zapi/message-status-read.json");
  assert.equal((await post(verified, body, { "z-api-token": "test-token" })).status, 200);
  const wrong = await post(verified, body, { "z-api-token": "guess" });
  assert.deepEqual([wrong.status, wrong.json.error.reason], [401, "mismatch"]);
  assert.equal((await post(verified, body)).status, 401);
  assert.equal((await post(verified, "{oops", { "z-api-token": "test-token" })).status, 400);
});
