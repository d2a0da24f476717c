// One comparison in its own process: `node bench/run-one.mjs <corpus> <contender> <contender>…`
// prints JSON {corpus, usPerOp: {contender: [per-run µs…]}}. After a warm-up of each, the
// contenders' timed runs alternate (a, b, a, b…), so that both see the same machine: on a shared
// host, back-to-back processes drift apart by more than the differences being measured.
import { realisticMix, allFixtures } from "./corpus.mjs";

const [corpusName, ...contenders] = process.argv.slice(2);
const corpus = corpusName === "mix" ? realisticMix() : allFixtures();
const strings = corpus.map((b) => new TextDecoder().decode(b));

async function load(contender) {
  switch (contender) {
    case "wahook-bytes": { const { parse } = await import("wahook"); return (i) => parse(corpus[i]); }
    case "wahook-string": { const { parse } = await import("wahook"); return (i) => parse(strings[i]); }
    // The wasm call alone (copy in, read, normalize, write the tape), without building JS objects:
    // the difference to wahook-bytes is the JS side (argument checks and readTape).
    case "wahook-binding": {
      const { parseBytes } = await import("../js-tests/internal.mjs");
      return (i) => parseBytes(corpus[i], undefined, undefined, false, 1048576);
    }
    case "json-parse": { const d = new TextDecoder(); return (i) => JSON.parse(d.decode(corpus[i])); }
    case "handwritten": { const { normalize } = await import("./baselines/handwritten.mjs"); return (i) => normalize(corpus[i]); }
    case "zod": { const { normalize } = await import("./baselines/zod.mjs"); return (i) => normalize(corpus[i]); }
    default: throw new Error(`unknown contender ${contender}`);
  }
}

const fns = {};
for (const c of contenders) fns[c] = await load(c);
// Sanity: every body normalizes (the baselines only cover the mix).
let sink = 0;
for (const c of contenders) for (let i = 0; i < corpus.length; i++) sink += JSON.stringify(fns[c](i)).length;
const passes = Math.max(10, Math.round(10000 / corpus.length));
for (const c of contenders) for (let w = 0; w < 2 * passes; w++) for (let i = 0; i < corpus.length; i++) fns[c](i);   // warm-up
const usPerOp = Object.fromEntries(contenders.map((c) => [c, []]));
for (let r = 0; r < 21; r++) {
  for (const c of contenders) {
    const fn = fns[c];
    const t0 = process.hrtime.bigint();
    for (let p = 0; p < passes; p++) for (let i = 0; i < corpus.length; i++) sink ^= fn(i) ? 1 : 0;
    usPerOp[c].push(Number(process.hrtime.bigint() - t0) / 1000 / (passes * corpus.length));
  }
}
console.log(JSON.stringify({ corpus: corpusName, usPerOp, sink }));
