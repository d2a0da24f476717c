// Every snippet of README.md runs here, unchanged, in its runtime. Each lives as a file
// (examples/readme/*, examples/readme_rust.rs) shown in the README after a `<!-- file: PATH -->`
// marker: the first test checks the README's block equals the file, so they cannot drift. Then the
// packed tarball (npm pack pkg/) is installed into a fresh project, as a user would, and each file
// runs there: Node (ESM, CommonJS with Express), Deno (`deno serve`, nodeModulesDir "manual"),
// workerd (bundled as Wrangler does), Bun, Chromium (the importmap page), and tsc type-checks the
// JS ones (strict). Servers listen on 127.0.0.1 only (loopback-*.js, a harness detail).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, copyFileSync, symlinkSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createHmac } from "node:crypto";
import { root } from "../helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const bin = (name) => join(root, "node_modules", ".bin", name);
const readme = readFileSync(join(root, "README.md"), "utf8");
const snippetDir = join(root, "examples", "readme");
let app;
const procs = [];

/** `<!-- file: PATH -->` followed by a fenced block: [path, block text]. */
function blocks() {
  const out = [];
  for (const m of readme.matchAll(/<!-- file: (\S+) -->\n(`{3,})[^\n]*\n([\s\S]*?)\n\2\n/g)) out.push([m[1], m[3] + "\n"]);
  return out;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
    s.on("error", reject);
  });
}

/** Starts a server process, waits until it answers on 127.0.0.1:port, returns { base, output() }. */
async function start(cmd, args, env, port, path = "/") {
  let output = "";
  const p = spawn(cmd, args, { cwd: app, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  procs.push(p);
  p.stdout.on("data", (d) => (output += d));
  p.stderr.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}${path}`;
  for (let i = 0; i < 150; i++) {
    if (p.exitCode !== null) break;
    try { await fetch(base, { method: "POST", body: "{}" }); return { base, output: () => output, proc: p }; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  throw new Error(`${cmd} ${args.join(" ")} did not start:\n${output}`);
}

const post = async (url, body, headers) => {
  const res = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
  return [res.status, await res.text()];
};
const waitFor = async (fn, what) => {
  for (let i = 0; i < 50; i++) { if (fn()) return; await new Promise((r) => setTimeout(r, 100)); }
  assert.fail(`timed out waiting for ${what}`);
};

const zapiBody = readFileSync(join(root, "tests/fixtures/zapi/received-text.json"));
const greenBody = readFileSync(join(root, "tests/fixtures/greenapi/incoming-text.json"));
const callbellBody = readFileSync(join(root, "tests/fixtures/callbell/message-status-updated.json"));

/** A token-checked server: right token → 200 and the event logged; wrong or no token → 401; bad JSON → 400. */
async function checkTokenServer(server, body, header, value) {
  assert.equal((await post(server.base, body, { [header]: value }))[0], 200);
  await waitFor(() => /\bmessage \S+:message:/.test(server.output()), `the logged event in:\n${server.output()}`);
  assert.equal((await post(server.base, body, { [header]: value + "x" }))[0], 401);
  assert.equal((await post(server.base, body))[0], 401);
  assert.equal((await post(server.base, "{ oops", { [header]: value }))[0], 400);
}

before(() => {
  const dir = mkdtempSync(join(tmpdir(), "wahook-readme-"));
  execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", dir, "--silent"], { stdio: "pipe" });
  const tgz = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  app = join(dir, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  writeFileSync(join(app, "deno.json"), JSON.stringify({ nodeModulesDir: "manual" }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", join(dir, tgz)], { cwd: app, stdio: "pipe" });
  symlinkSync(join(root, "node_modules", "express"), join(app, "node_modules", "express"));
  for (const f of readdirSync(snippetDir)) copyFileSync(join(snippetDir, f), join(app, f));
});

after(() => { for (const p of procs) p.kill(); });

test("the README shows each snippet file unchanged, and every snippet file", () => {
  const shown = blocks();
  assert.ok(shown.length >= 8, `only ${shown.length} file blocks`);
  for (const [path, text] of shown) assert.equal(text, readFileSync(join(root, path), "utf8"), `README block of ${path} differs from the file`);
  const paths = new Set(shown.map(([p]) => p));
  for (const f of readdirSync(snippetDir)) assert.ok(paths.has(`examples/readme/${f}`), `examples/readme/${f} is not shown in the README`);
  assert.ok(paths.has("examples/readme_rust.rs"));
  assert.ok(paths.has("examples/readme_rust_verify.rs"));
});

test("the snippets type-check (tsc --strict, checkJs)", () => {
  try {
    execFileSync(bin("tsc"), ["-p", join(here, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail(`tsc reported errors:\n${e.stdout}${e.stderr}`);
  }
});

test("quickstart.mjs (Node ESM) prints the text message", () => {
  const out = execFileSync("node", ["quickstart.mjs"], { cwd: app, encoding: "utf8" });
  assert.equal(out, "zapi 5544999999999@c.us Ana Olá\n");
});

test("node-http.mjs: node:http server with Z-API token verification", async () => {
  const port = await freePort();
  const s = await start("node", ["--import", join(here, "loopback-node.mjs"), "node-http.mjs"], { PORT: String(port), ZAPI_TOKEN: "tok-node" }, port);
  await checkTokenServer(s, zapiBody, "z-api-token", "tok-node");
});

test("express.cjs: Express (CommonJS) with express.raw and Green API token", async () => {
  const port = await freePort();
  const s = await start("node", ["--import", join(here, "loopback-node.mjs"), "express.cjs"], { PORT: String(port), GREENAPI_TOKEN: "tok-express" }, port, "/webhook");
  await checkTokenServer(s, greenBody, "authorization", "Bearer tok-express");
});

test("deno.js: deno serve with Green API token", async () => {
  const port = await freePort();
  const s = await start(bin("deno"), ["serve", "--quiet", "--allow-read", "--allow-env", "--host", "127.0.0.1", "--port", String(port), "deno.js"], { GREENAPI_TOKEN: "tok-deno", DENO_NO_UPDATE_CHECK: "1" }, port);
  await checkTokenServer(s, greenBody, "authorization", "Bearer tok-deno");
});

test("bun.js: Bun.serve with Plugchat token", async () => {
  const port = await freePort();
  const s = await start(bin("bun"), ["--preload", join(here, "loopback-bun.js"), "bun.js"], { PORT: String(port), PLUGCHAT_TOKEN: "tok-bun" }, port);
  await checkTokenServer(s, zapiBody, "z-api-token", "tok-bun");
});

test("worker.js: a Cloudflare Worker (bundled as Wrangler does) with Callbell signatures, in workerd", async () => {
  const esbuild = await import("esbuild");
  const out = join(app, "worker-dist");
  await esbuild.build({
    entryPoints: [join(app, "worker.js")], bundle: true, format: "esm", platform: "neutral", target: "es2022",
    conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"], loader: { ".wasm": "copy" }, outdir: out, logLevel: "error",
  });
  const wasm = readdirSync(out).find((f) => f.endsWith(".wasm"));
  const port = await freePort();
  const secret = "whsec_readme";
  writeFileSync(join(out, "config.capnp"), `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js"), (name = "${wasm}", wasm = embed "${wasm}")],
  bindings = [(name = "CALLBELL_SECRET", text = "${secret}")],
  compatibilityDate = "2025-01-01",
);
`);
  const s = await start(bin("workerd"), ["serve", join(out, "config.capnp"), "--verbose"], {}, port);
  const t = Math.floor(Date.now() / 1000);
  const sig = createHmac("sha256", secret).update(`${t}.`).update(callbellBody).digest("hex");
  assert.deepEqual(await post(s.base, callbellBody, { "x-callbell-signature": `t=${t},v1=${sig}` }), [200, "ok"]);
  await waitFor(() => /status callbell:status:/.test(s.output()), "the logged status event");
  const forged = `t=${t},v1=${sig.slice(0, -1)}${sig.endsWith("0") ? "1" : "0"}`;
  assert.deepEqual(await post(s.base, callbellBody, { "x-callbell-signature": forged }), [401, "unauthorized"]);
  assert.deepEqual(await post(s.base, callbellBody), [401, "unauthorized"]);
});

test("browser.html: the importmap page in Chromium shows the events", { skip: !existsSync(process.env.CHROMIUM || "/usr/bin/chromium") && "no chromium (make bootstrap-browser)" }, async () => {
  const { chromium } = await import("playwright-core");
  const { createServer: http } = await import("node:http");
  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
  const server = http((req, res) => {
    const path = join(app, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!path.startsWith(app) || !existsSync(path)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[path.slice(path.lastIndexOf("."))] || "application/octet-stream" }).end(readFileSync(path));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/browser.html`);
    await page.waitForFunction(() => document.querySelector("#out").textContent.length > 0, null, { timeout: 30000 });
    const events = JSON.parse(await page.textContent("#out"));
    assert.deepEqual(errors, []);
    assert.deepEqual([events[0].type, events[0].chat.id, events[0].sender.name, events[0].content], ["message", "79001234567@c.us", "Ana", { kind: "text", text: "Olá" }]);
  } finally {
    await browser.close();
    server.close();
  }
});
