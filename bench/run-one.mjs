// One comparison in its own process: `node bench/run-one.mjs <contender> <corpus>` prints JSON
// {contender, corpus, usPerOp: [run medians...]}. Each run times N passes over the corpus.
import { realisticMix, allFixtures } from "./corpus.mjs";

const [contender, corpusName] = process.argv.slice(2);
const corpus = corpusName === "mix" ? realisticMix() : allFixtures();
const strings = corpus.map((b) => new TextDecoder().decode(b));
let fn;
switch (contender) {
  case "wahook-bytes": { const { parse } = await import("wahook"); fn = (i) => parse(corpus[i]); break; }
  case "wahook-string": { const { parse } = await import("wahook"); fn = (i) => parse(strings[i]); break; }
  // The wasm call alone (copy in, read, normalize, write the tape), without building JS objects:
  // the difference to wahook-bytes is the JS side (argument checks and readTape).
  case "wahook-binding": {
    await import("wahook");
    const { parseBytes } = await import("../pkg/wahook.js");
    fn = (i) => parseBytes(corpus[i], undefined, undefined, false, 1048576);
    break;
  }
  case "json-parse": { const d = new TextDecoder(); fn = (i) => JSON.parse(d.decode(corpus[i])); break; }
  case "handwritten": { const { normalize } = await import("./baselines/handwritten.mjs"); fn = (i) => normalize(corpus[i]); break; }
  case "zod": { const { normalize } = await import("./baselines/zod.mjs"); fn = (i) => normalize(corpus[i]); break; }
  default: throw new Error(`unknown contender ${contender}`);
}
// Sanity: every body normalizes (the baselines only cover the mix).
let sink = 0;
for (let i = 0; i < corpus.length; i++) sink += JSON.stringify(fn(i)).length;
const passes = Math.max(20, Math.round(20000 / corpus.length));
for (let w = 0; w < passes; w++) for (let i = 0; i < corpus.length; i++) fn(i);   // warm-up
const runs = [];
for (let r = 0; r < 7; r++) {
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) for (let i = 0; i < corpus.length; i++) sink ^= fn(i) ? 1 : 0;
  runs.push(Number(process.hrtime.bigint() - t0) / 1000 / (passes * corpus.length));
}
console.log(JSON.stringify({ contender, corpus: corpusName, usPerOp: runs, sink }));
