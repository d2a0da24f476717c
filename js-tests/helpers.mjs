// Shared by the JS test files: the fixture corpus and the expectations of tests/expected.json.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const fixturesDir = join(root, "tests", "fixtures");
export const expected = JSON.parse(readFileSync(join(root, "tests", "expected.json"), "utf8"));

/**
 * [relative name, bytes] of every fixture, sorted: the documented payloads (`<provider>/x.json`)
 * and the bodies captured in the field (`wire/<provider>/x.json`).
 */
export function fixtures() {
  const out = [];
  const walk = (rel) => {
    for (const name of readdirSync(join(fixturesDir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(fixturesDir, path)).isDirectory()) walk(path);
      else if (name.endsWith(".json")) out.push([path, readFileSync(join(fixturesDir, path))]);
    }
  };
  walk("");
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The result as tests/expected.json spells it: no dedupe keys, warnings as "code @path". */
export function comparable(result) {
  const copy = structuredClone(result);
  for (const e of copy.events) delete e.dedupeKey;
  copy.warnings = result.warnings.map((w) => (w.path ? `${w.code} @${w.path}` : w.code));
  return copy;
}
