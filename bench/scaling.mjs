// Scaling (issue #18): how the cost grows with the body, from about 0.3 KB to 1 MB, for four kinds
// of body (bench/corpus.mjs scalingCorpus: Green API long non-ASCII text, Callbell attachments,
// Plugchat attendance, Z-API text with large ignored fields). Three contenders on each body, in this
// one process: wahook `parse(bytes)`, the hand-written normalizer (bench/baselines/handwritten.mjs:
// JSON.parse, then mapping.mjs, which gives wahook's output on every one of these bodies: checked
// below and in js-tests/baselines.test.mjs), and the `JSON.parse(new TextDecoder().decode(bytes))`
// floor. Run: node bench/scaling.mjs (after make pkg).
//
// First every contender runs on every body for a while (else the first bodies timed pay for the
// JIT's warm-up). Then, per body: each contender is warmed up again and given a batch size of at
// least BATCH_MS; ROUNDS rounds each run one batch of every contender, in an order that rotates
// from round to round; the median batch gives its time per body. Prints a table, then, as its last line, the JSON array of
// rows `{ kind, label, kb, wahook, handwritten, jsonParse }` (times in ms per body; kb = bytes / 1024).
import assert from "node:assert/strict";
import { parse } from "wahook";
import { scalingCorpus } from "./corpus.mjs";
import { normalize as handwritten } from "./baselines/handwritten.mjs";

const BATCH_MS = 100, WARMUP_MS = 30, ROUNDS = 7;
const decoder = new TextDecoder();
const contenders = {
  wahook: (b) => parse(b),
  handwritten: (b) => handwritten(b),
  jsonParse: (b) => JSON.parse(decoder.decode(b)),
};
const names = Object.keys(contenders);
let sink = 0;   // keeps every result observed

/** Runs `f(bytes)` n times; the time per call, in ms. */
function batch(f, bytes, n) {
  const t = performance.now();
  for (let i = 0; i < n; i++) sink += typeof f(bytes) === "object" ? 1 : 0;
  return (performance.now() - t) / n;
}

/** Warms `f` up and returns how many calls make a batch of at least BATCH_MS. */
function calibrate(f, bytes) {
  let n = 1, per;
  const start = performance.now();
  do { per = batch(f, bytes, n); n *= 2; } while (performance.now() - start < WARMUP_MS || n < 8);
  return Math.max(1, Math.ceil(BATCH_MS / Math.max(per, 1e-6)));
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const ms = (x) => (x >= 100 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x >= 0.01 ? x.toFixed(4) : x.toFixed(5));
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

const corpus = scalingCorpus();
const rows = [];
const started = performance.now();
for (const { bytes } of corpus) for (const c of names) calibrate(contenders[c], bytes);
console.log(`${pad("kind", 27)} ${pad("size", 9)} ${lpad("KB", 8)} ${lpad("wahook ms", 10)} ${lpad("hand ms", 10)} ${lpad("JSON ms", 10)} ${lpad("w/hand", 7)} ${lpad("w/JSON", 7)}`);
for (const { kind, label, bytes } of corpus) {
  // Like for like: the hand-written normalizer gives wahook's result on this body.
  assert.deepEqual(handwritten(bytes), parse(bytes), `${kind}, ${label}: the hand-written baseline differs from wahook`);
  const n = Object.fromEntries(names.map((c) => [c, calibrate(contenders[c], bytes)]));
  const times = Object.fromEntries(names.map((c) => [c, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < names.length; i++) {
      const c = names[(r + i) % names.length];
      times[c].push(batch(contenders[c], bytes, n[c]));
    }
  }
  const row = { kind, label, kb: Number((bytes.length / 1024).toFixed(2)) };
  for (const c of names) row[c] = Number(median(times[c]).toPrecision(5));
  rows.push(row);
  console.log(`${pad(kind, 27)} ${pad(label, 9)} ${lpad(row.kb.toFixed(1), 8)} ${lpad(ms(row.wahook), 10)} ${lpad(ms(row.handwritten), 10)} ${lpad(ms(row.jsonParse), 10)} ${lpad((row.wahook / row.handwritten).toFixed(2), 7)} ${lpad((row.wahook / row.jsonParse).toFixed(2), 7)}`);
}
console.log(`(w/hand = wahook time / hand-written time, w/JSON = wahook time / JSON.parse time; median of ${ROUNDS} alternating batches of ≥ ${BATCH_MS} ms each; ${((performance.now() - started) / 1000).toFixed(0)} s)`);
console.log(JSON.stringify(rows));
