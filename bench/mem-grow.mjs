import { parse, safeParse, verify, wasmMemory } from "../js-tests/internal.mjs";
const mb = () => (wasmMemory().buffer.byteLength / 1048576).toFixed(1);
const kind = process.argv[2] || "text";
const enc = new TextEncoder();
function body(size, i) {
  if (kind === "text") return enc.encode(`{"type":"ReceivedCallback","phone":"5511","messageId":"m${i}","momment":1700000000000,"text":{"message":"${"x".repeat(size)}"}}`);
  if (kind === "keys") { // callbell contact with many keys in data
    const parts = []; let n = 0, len = 0;
    while (len < size) { const s = `"k${n++}":"v${i}"`; parts.push(s); len += s.length + 1; }
    return enc.encode(`{"event":"contact_created","payload":{${parts.join(",")}}}`);
  }
  if (kind === "nested") {
    const parts = []; let n = 0, len = 0;
    while (len < size) { const s = `{"a":[1,2,{"b":"c${n++}"}]}`; parts.push(s); len += s.length + 1; }
    return enc.encode(`{"event":"contact_created","payload":{"list":[${parts.join(",")}]}}`);
  }
}
const start = mb();
const N = 200, lo = 26_000, hi = 1_000_000;
let maxLen = 0;
for (let i = 0; i < N; i++) {
  const size = Math.round(lo + (hi - lo) * i / (N - 1));
  const b = body(size, i);
  maxLen = Math.max(maxLen, b.length);
  const r = safeParse(b, { includeRaw: process.argv[3] === "raw", maxBytes: 1048576 });
  if (!r.ok && i === 0) console.log(r.error);
}
console.log(`${kind}${process.argv[3] ? "+raw" : ""}: wasm ${start} -> ${mb()} MB (largest body ${maxLen})`);
