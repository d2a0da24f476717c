// The published file list holds every module the entries import.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";

const pkg = new URL("../pkg/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", pkg), "utf8"));

test("every relative import of a published module is published too", () => {
  const files = new Set(manifest.files);
  for (const f of manifest.files.filter((f) => /\.(m?js|cjs)$/.test(f))) {
    assert.ok(existsSync(new URL(f, pkg)), `${f} is built`);
    const source = readFileSync(new URL(f, pkg), "utf8");
    for (const [, spec] of source.matchAll(/(?:from|import|require)\s*\(?\s*["']\.\/([^"']+)["']/g)) {
      assert.ok(files.has(spec), `${f} imports ./${spec}, which "files" leaves out`);
    }
  }
});

test("every file the exports map, main, types and bin name is published and built", () => {
  const files = new Set(manifest.files);
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(manifest.exports);
  targets.push(manifest.main, manifest.types, ...Object.values(manifest.bin));
  for (const t of targets) {
    const f = t.replace(/^\.\//, "");
    if (f === "package.json") continue;
    assert.ok(files.has(f), `${t} is in "files"`);
    assert.ok(existsSync(new URL(f, pkg)), `${t} is built`);
  }
  for (const f of manifest.files) assert.ok(existsSync(new URL(f, pkg)), `${f} (in "files") is built`);
});

test("each condition of the main entry names its own types: .d.ts for import, .d.cts for require", () => {
  const main = manifest.exports["."];
  assert.deepEqual(main.node.import, { types: "./index.d.ts", default: "./node.js" });
  assert.deepEqual(main.node.require, { types: "./index.d.cts", default: "./node.cjs" });
  for (const c of ["workerd", "deno", "browser", "default"]) assert.equal(Object.keys(main[c])[0], "types", `${c}: types first`);
  const cts = readFileSync(new URL("index.d.cts", pkg), "utf8");
  assert.doesNotMatch(cts, /from "\.\/index\.js"/, "index.d.cts re-exports no ESM file");
  assert.equal(cts.replace(/"\.\/([a-z-]+)\.cjs"/g, '"./$1.js"'), readFileSync(new URL("index.d.ts", pkg), "utf8"), "index.d.cts is the twin of index.d.ts");
  for (const f of manifest.files.filter((f) => f.endsWith(".d.cts"))) {
    assert.doesNotMatch(readFileSync(new URL(f, pkg), "utf8"), /from "\.\/[a-z-]+\.js"/, `${f} imports no ESM declaration file`);
  }
});
