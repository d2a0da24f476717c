// Cold cost in workerd (issue #18): for each contender, a fresh workerd process serves a worker
// bundled the way Wrangler does; the CPU time of workerd's threads is read from
// /proc/<pid>/task/*/schedstat (first field: ns on CPU) after start-up, after the first POST of a
// Z-API text body and after 9 more. Medians of N fresh starts, contenders alternating.
// `node bench/cold-workerd.mjs [runs]` (needs `make pkg`). Loopback only.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, readdirSync, readFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const runs = Number(process.argv[2] || 9);
const body = readFileSync(join(root, "tests/fixtures/zapi/received-text.json"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const freePort = () => new Promise((resolve) => { const s = createServer(); s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
const listening = (port) => new Promise((resolve) => { const c = connect(port, "127.0.0.1", () => { c.destroy(); resolve(true); }); c.on("error", () => resolve(false)); });

/** CPU ms of the process's main thread and of all its threads. */
function cpu(pid) {
  let main = 0, all = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    all += ns;
    if (Number(tid) === pid) main = ns;
  }
  return { main: main / 1e6, all: all / 1e6 };
}

async function bundle(name) {
  const out = mkdtempSync(join(tmpdir(), `wahook-cold-${name}-`));
  await esbuild.build({ entryPoints: [join(here, "workerd", `${name}.js`)], bundle: true, format: "esm", platform: "neutral", target: "es2022",
    conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"], loader: { ".wasm": "copy" }, outdir: out, logLevel: "error" });
  const wasm = readdirSync(out).find((f) => f.endsWith(".wasm"));
  return { out, wasm };
}

async function once({ out, wasm }, name) {
  const port = await freePort();
  const modules = [`(name = "${name}.js", esModule = embed "${name}.js")`, ...(wasm ? [`(name = "${wasm}", wasm = embed "${wasm}")`] : [])];
  writeFileSync(join(out, `${port}.capnp`), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = ( services = [(name = "main", worker = .w)], sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")] );
const w :Workerd.Worker = ( modules = [${modules.join(", ")}], compatibilityDate = "2025-01-01" );
`);
  const proc = spawn(join(root, "node_modules", ".bin", "workerd"), ["serve", join(out, `${port}.capnp`)], { stdio: "ignore" });
  try {
    for (let i = 0; i < 200 && !(await listening(port)); i++) await sleep(25);
    await sleep(300);
    const c0 = cpu(proc.pid);
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body });
    if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
    await res.arrayBuffer();
    await sleep(50);
    const c1 = cpu(proc.pid);
    for (let i = 0; i < 9; i++) await (await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body })).arrayBuffer();
    await sleep(50);
    const c2 = cpu(proc.pid);
    return { startup: c0.main, first: c1.main - c0.main, firstAll: c1.all - c0.all, next9: c2.main - c1.main };
  } finally {
    proc.kill();
  }
}

const names = (process.argv[3] || "wahook,wahook-no-warmup,handwritten,json-parse").split(",");
const bundles = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await bundle(n)])));
const results = Object.fromEntries(names.map((n) => [n, []]));
for (let r = 0; r < runs; r++) for (const n of names) results[n].push(await once(bundles[n], n));
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
const rows = names.map((n) => ({ name: n, ...Object.fromEntries(["startup", "first", "firstAll", "next9"].map((k) => [k, median(results[n].map((x) => x[k]))])) }));
console.log(JSON.stringify(rows));
for (const r of rows) console.log(`${r.name.padEnd(12)} start-up ${r.startup.toFixed(1)} ms  first request ${r.first.toFixed(2)} ms (all threads ${r.firstAll.toFixed(2)})  next 9 ${r.next9.toFixed(2)} ms  (main-thread CPU)`);
