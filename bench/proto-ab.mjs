// A/B of tape.js's keyed stores (frozen-prototype-safe `k in Object.prototype` check or not):
// run once per tape.js build, alternating; prints µs per parse over the fixture mix, with and
// without includeRaw (raw objects are the ones built by keyed stores).
import { parse } from "wahook";
import { fixtures } from "../js-tests/helpers.mjs";
const bodies = fixtures().map(([, b]) => new Uint8Array(b)).filter((b) => { try { parse(b); return true; } catch { return false; } });
for (const includeRaw of [false, true]) {
  for (let i = 0; i < 3000; i++) parse(bodies[i % bodies.length], { includeRaw });
  const n = 60000, t0 = performance.now();
  for (let i = 0; i < n; i++) parse(bodies[i % bodies.length], { includeRaw });
  console.log(`includeRaw=${includeRaw}: ${((performance.now() - t0) * 1000 / n).toFixed(3)} µs/parse`);
}
