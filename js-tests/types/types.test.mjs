// The TypeScript types against the package: usage.ts must type-check (narrowing on `type` and
// `kind`, @ts-expect-error on wrong uses), and every fixture's real output, written out as an object
// literal typed `ParseResult`, must type-check too: a key missing from, added to or typed
// differently from the .d.ts fails here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, safeParse } from "wahook";
import { fixtures, root } from "../helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const tsc = join(root, "node_modules", ".bin", "tsc");

test("usage.ts and the real outputs of every fixture type-check against index.d.ts", () => {
  const lines = ['import type { ParseResult, WahookErrorInfo } from "wahook";'];
  let i = 0;
  const extra = [
    ['{"type":"ReceivedCallback","phone":"1","text":{"message":"x"},"momment":"5"}', { includeRaw: true }],
    ['{"typeWebhook":"brandNew","instanceData":{"idInstance":1}}', {}],
  ];
  for (const [name, bytes] of fixtures()) {
    const r = safeParse(bytes, { includeRaw: true });
    lines.push(r.ok ? `// ${name}\nexport const r${i++}: ParseResult = ${JSON.stringify(r.value)};` : `export const e${i++}: WahookErrorInfo = ${JSON.stringify(r.error)};`);
  }
  for (const [body, opts] of extra) lines.push(`export const r${i++}: ParseResult = ${JSON.stringify(parse(body, opts))};`);
  lines.push(`export const bad: WahookErrorInfo = ${JSON.stringify(safeParse("{\n oops").error)};`);
  const generated = join(here, "outputs.generated.ts");
  writeFileSync(generated, lines.join("\n") + "\n");
  try {
    execFileSync(tsc, ["-p", join(here, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail(`tsc reported errors:\n${e.stdout}${e.stderr}`);
  } finally {
    rmSync(generated, { force: true });
  }
});
