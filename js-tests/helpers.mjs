// Shared by the JS test files: the fixture corpus and the expectations of tests/expected.json.
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const fixturesDir = join(root, "tests", "fixtures");
export const expected = JSON.parse(readFileSync(join(root, "tests", "expected.json"), "utf8"));

/** [relative name, bytes] of every fixture, sorted. */
export function fixtures() {
  const out = [];
  for (const provider of readdirSync(fixturesDir).sort()) {
    if (provider.endsWith(".md")) continue;
    for (const f of readdirSync(join(fixturesDir, provider)).sort()) {
      if (f.endsWith(".json")) out.push([`${provider}/${f}`, readFileSync(join(fixturesDir, provider, f))]);
    }
  }
  return out;
}

/** The result as tests/expected.json spells it: no dedupe keys, warnings as "code @path". */
export function comparable(result) {
  const copy = structuredClone(result);
  for (const e of copy.events) delete e.dedupeKey;
  copy.warnings = result.warnings.map((w) => (w.path ? `${w.code} @${w.path}` : w.code));
  return copy;
}
