// Every fixture through the built package, imported by name, in each input form, against the same
// expectations as the Rust tests (tests/expected.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, safeParse, WahookError } from "wahook";
import { fixtures, expected, comparable } from "./helpers.mjs";

const corpus = fixtures();

test("the corpus and the expectations name the same fixtures", () => {
  assert.ok(corpus.length >= 120);
  assert.deepEqual(corpus.map(([n]) => n).sort(), Object.keys(expected).sort());
});

for (const [name, bytes] of corpus) {
  test(`fixture ${name}`, () => {
    const exp = expected[name];
    const text = new TextDecoder().decode(bytes);
    const forms = {
      bytes: new Uint8Array(bytes),
      arraybuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      string: text,
      object: JSON.parse(text),
    };
    for (const [form, input] of Object.entries(forms)) {
      if (exp.error) {
        assert.throws(() => parse(input), (e) => e instanceof WahookError && e.code === exp.error, `${form}`);
        assert.equal(safeParse(input).error.code, exp.error);
        continue;
      }
      const r = parse(input);
      assert.deepEqual(comparable(r), exp, `${name} as ${form}`);
      for (const e of r.events) assert.match(e.dedupeKey, /^[a-z]+:[a-z]+:/);
    }
  });
}
