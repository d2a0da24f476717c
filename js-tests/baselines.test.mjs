// The benchmark baselines (bench/baselines) must produce what wahook produces on every body of the
// mix (and the hand-written one on every body of the scaling corpora), or the comparisons in
// BENCHMARKS.md are not like for like.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "wahook";
import { realisticMix, scalingCorpus, SCALING_SIZES } from "../bench/corpus.mjs";
import { normalize as handwritten } from "../bench/baselines/handwritten.mjs";
import { normalize as withZod } from "../bench/baselines/zod.mjs";

// Keys built from a hash of the body (messages without an id) differ in value, not in form.
function comparable(result) {
  for (const e of result.events) if (/:#[0-9a-f]{16}$/.test(e.dedupeKey)) e.dedupeKey = e.dedupeKey.replace(/#[0-9a-f]{16}$/, "#hash");
  return result;
}

for (const [name, normalize] of [["handwritten", handwritten], ["zod", withZod]]) {
  test(`${name} baseline gives wahook's output on every body of the mix`, () => {
    const seen = new Set();
    for (const body of realisticMix()) {
      const key = new TextDecoder().decode(body);
      if (seen.has(key)) continue;
      seen.add(key);
      assert.deepEqual(comparable(normalize(body)), comparable(parse(body)), key.slice(0, 80));
    }
    assert.equal(seen.size, 14);
  });
}

// The zod baseline is only compared on the mix: its schemas do not model the scaling corpora's kinds.
test("handwritten baseline gives wahook's output on every body of the scaling corpora", () => {
  const corpus = scalingCorpus();
  assert.equal(corpus.length, 4 * SCALING_SIZES.length);
  for (const { kind, label, bytes } of corpus) {
    const target = SCALING_SIZES.find(([l]) => l === label)[1];
    if (label !== "smallest") assert.ok(Math.abs(bytes.length - target) < 0.05 * target, `${kind}, ${label}: ${bytes.length} bytes`);
    assert.deepEqual(comparable(handwritten(bytes)), comparable(parse(bytes)), `${kind}, ${label}`);
  }
});
