// The shared createHandler scenarios run inside workerd (js-tests/workerd/handler-worker.js), on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { fixtures, expected, root } from "../helpers.mjs";
import { scenarios } from "../handler-scenarios.mjs";

const here = dirname(fileURLToPath(import.meta.url));
let proc, out, base, output = "";

before(async () => {
  out = mkdtempSync(join(tmpdir(), "wahook-workerd-handler-"));
  await esbuild.build({
    entryPoints: [join(here, "handler-worker.js")], bundle: true, format: "esm", platform: "neutral", target: "es2022",
    conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"], loader: { ".wasm": "copy" }, outdir: out, logLevel: "error",
  });
  const wasm = readdirSync(out).find((f) => f.endsWith(".wasm"));
  const port = await new Promise((resolve) => { const s = createServer(); s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
  writeFileSync(join(out, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "handler-worker.js", esModule = embed "handler-worker.js"), (name = "${wasm}", wasm = embed "${wasm}")],
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

after(() => { if (proc) proc.kill(); if (out) rmSync(out, { recursive: true, force: true }); });

test("workerd: every createHandler scenario passes inside a Worker", async () => {
  const body = JSON.stringify({ fixtures: fixtures().map(([n, b]) => [n, Buffer.from(b).toString("base64")]), expected });
  const r = await fetch(base, { method: "POST", body });
  assert.equal(r.status, 200, output);
  const results = await r.json();
  assert.deepEqual(results.map((x) => x.name), Object.keys(scenarios({ wahook: {}, serve: null, fixtures: [], expected: {} })));
  for (const x of results) assert.ok(x.ok, `${x.name}\n${x.error}`);
});
