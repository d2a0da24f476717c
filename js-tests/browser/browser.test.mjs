// Headless Chromium (Debian's, driven by playwright-core): the package's browser entry on a page
// (top-level await load), and an esbuild bundle of a small app that imports "wahook".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile, mkdtemp, copyFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, extname, normalize } from "node:path";
import { chromium } from "playwright-core";
import * as esbuild from "esbuild";
import { fixtures, expected, comparable, root } from "../helpers.mjs";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".wasm": "application/wasm" };
let server, browser, base, bundleDir;

function serve(dirs) {
  return createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    for (const [prefix, dir] of dirs) {
      if (!path.startsWith(prefix)) continue;
      try {
        const body = await readFile(join(dir, path.slice(prefix.length)));
        res.writeHead(200, { "content-type": TYPES[extname(path)] || "application/octet-stream" });
        return res.end(body);
      } catch {}
    }
    res.writeHead(404).end();
  });
}

before(async () => {
  bundleDir = await mkdtemp(join(tmpdir(), "wahook-bundle-"));
  await esbuild.build({
    entryPoints: [join(root, "js-tests", "bundler", "app.js")],
    bundle: true, format: "esm", platform: "browser", target: "es2022", outdir: bundleDir, logLevel: "error",
  });
  // esbuild keeps `new URL("./wahook_bg.wasm", import.meta.url)` as written: ship the file beside
  // the bundle (Vite copies it by itself).
  await copyFile(join(root, "pkg", "wahook_bg.wasm"), join(bundleDir, "wahook_bg.wasm"));
  await copyFile(join(root, "js-tests", "bundler", "index.html"), join(bundleDir, "index.html"));
  await writeFile(join(root, "js-tests", "browser", "fixture-list.json"), JSON.stringify(fixtures().map(([n]) => n)));
  server = serve([["/bundle/", bundleDir], ["/", root]]);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("the browser entry on a page: every fixture, errors, detection, verification", async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/js-tests/browser/page.html`);
  // The module awaits the .wasm (top-level await): the load event can come first.
  await page.waitForFunction(() => window.wahookReady, null, { timeout: 30000 });
  const out = await page.evaluate(() => window.wahookReady);
  assert.deepEqual(errors, []);
  const names = Object.keys(out.results);
  assert.ok(names.length >= 120);
  for (const name of names) {
    const r = out.results[name];
    if (expected[name].error) assert.equal(r.error, expected[name].error, name);
    else assert.deepEqual(comparable(r), expected[name], name);
  }
  assert.deepEqual(out.thrown, { isWahookError: true, code: "invalid_json", line: 2, column: 2 });
  assert.equal(out.detect.detectedBy, "headers");
  assert.deepEqual(out.verified, { ok: true });
  await page.close();
});

test("an esbuild bundle of an app importing wahook runs in Chromium", async () => {
  const page = await browser.newPage();
  await page.goto(`${base}/bundle/index.html`);
  await page.waitForFunction(() => window.bundled);
  const b = await page.evaluate(() => window.bundled);
  assert.deepEqual(b, { version: b.version, status: "failed", code: "SWE004", chat: "120363039326117111@g.us", timestamp: 1707200807000 });
  assert.match(b.version, /^\d+\.\d+\.\d+/);
  assert.equal(await page.textContent("body"), "failed SWE004");
  await page.close();
});
