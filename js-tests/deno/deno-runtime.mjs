// Deno: the built package resolved by name ("wahook" → node_modules → exports "deno" condition).
// Run: deno test --allow-read js-tests/deno/deno-runtime.mjs (named so that node --test skips it)
import { parse, safeParse, detect, verify, sign, version } from "wahook";

const root = new URL("../../", import.meta.url);
const read = (name) => Deno.readFileSync(new URL(`tests/fixtures/${name}`, root));
const expected = JSON.parse(Deno.readTextFileSync(new URL("tests/expected.json", root)));

/** JSON with sorted keys, so that key order does not matter. */
const canonical = (v) => JSON.stringify(v, (_, x) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

function assertEquals(actual, exp, msg) {
  const a = canonical(actual), e = canonical(exp);
  if (a !== e) throw new Error(`${msg || "not equal"}:\n  actual   ${a}\n  expected ${e}`);
}

function comparable(result) {
  const copy = structuredClone(result);
  for (const e of copy.events) delete e.dedupeKey;
  copy.warnings = result.warnings.map((w) => (w.path ? `${w.code} @${w.path}` : w.code));
  return copy;
}

Deno.test("loads the deno entry and parses Green API bytes", () => {
  const r = parse(read("greenapi/incoming-text.json"));
  assertEquals(r.provider, "greenapi");
  assertEquals(r.events[0].timestamp, 1588091580000);
  assertEquals(r.events[0].content, { kind: "text", text: "I use Green-API to send this message to you!" });
  assertEquals(typeof version, "string");
});

Deno.test("every fixture matches tests/expected.json", () => {
  let n = 0;
  for (const provider of ["zapi", "plugchat", "greenapi", "callbell"]) {
    for (const entry of Deno.readDirSync(new URL(`tests/fixtures/${provider}/`, root))) {
      const name = `${provider}/${entry.name}`;
      const exp = expected[name];
      const r = safeParse(read(name));
      if (exp.error) assertEquals(r.error.code, exp.error, name);
      else assertEquals(comparable(r.value), exp, name);
      n++;
    }
  }
  if (n < 120) throw new Error(`only ${n} fixtures`);
});

Deno.test("errors, detection and verification", () => {
  const bad = safeParse("{\n oops");
  assertEquals([bad.error.code, bad.error.line, bad.error.column], ["invalid_json", 2, 2]);
  assertEquals(detect(read("zapi/message-status-read.json"), { provider: "plugchat" }).provider, "plugchat");
  const body = read("callbell/message-status-updated.json");
  const header = sign(body, { secret: "whsec_deno", timestamp: 1790000000 });
  assertEquals(verify(body, new Headers({ "X-Callbell-Signature": header }), { provider: "callbell", secret: "whsec_deno", now: 1790000000000 }), { ok: true });
  assertEquals(verify(body, { "x-callbell-signature": header }, { provider: "callbell", secret: "whsec_x", now: 1790000000000 }), { ok: false, reason: "mismatch" });
});
