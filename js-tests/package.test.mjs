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
    for (const [, spec] of source.matchAll(/(?:from|import)\s*\(?\s*["']\.\/([^"']+)["']/g)) {
      assert.ok(files.has(spec), `${f} imports ./${spec}, which "files" leaves out`);
    }
  }
});
