// Serves a Worker in workerd (npm `workerd`) on 127.0.0.1 for the workerd tier: the entry is bundled
// the way Wrangler does (esbuild, conditions workerd/worker/browser, the .wasm kept as a
// CompiledWasm module), then `workerd serve` runs it. Shared by the tier's tests.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { root } from "../helpers.mjs";

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on("error", reject);
  });
}

/**
 * Bundles `entry` and serves it; resolves once `probe(base)` succeeds. Returns `{ base, proc,
 * output(), stop() }` (`output`: what workerd printed).
 */
export async function serveWorker(entry, { probe = (base) => fetch(base, { method: "POST", body: "{}" }), verbose = true } = {}) {
  const out = mkdtempSync(join(tmpdir(), "wahook-workerd-"));
  await esbuild.build({
    entryPoints: [entry], bundle: true, format: "esm", platform: "neutral", target: "es2022",
    conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"], loader: { ".wasm": "copy" },
    outdir: out, entryNames: "worker", logLevel: "error",
  });
  const wasm = readdirSync(out).find((f) => f.endsWith(".wasm"));
  if (!wasm) throw new Error("esbuild did not keep the .wasm as a module file");
  const port = await freePort();
  writeFileSync(join(out, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js"), (name = "${wasm}", wasm = embed "${wasm}")],
  compatibilityDate = "2025-01-01",
);
`);
  const args = ["serve", join(out, "config.capnp"), ...(verbose ? ["--verbose"] : [])];
  const proc = spawn(join(root, "node_modules", ".bin", "workerd"), args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  proc.stdout.on("data", (d) => (output += d));
  proc.stderr.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const stop = () => { proc.kill(); rmSync(out, { recursive: true, force: true }); };
  for (let i = 0; i < 100; i++) {
    try {
      await probe(base);
      return { base, proc, output: () => output, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  stop();
  throw new Error(`workerd did not start:\n${output}`);
}
