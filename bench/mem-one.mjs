import { safeParse, wasmMemory } from "../js-tests/internal.mjs";
const mb = () => (wasmMemory().buffer.byteLength / 1048576).toFixed(1);
const [kind, size, raw, times] = [process.argv[2], +process.argv[3], process.argv[4] === "raw", +(process.argv[5] || 1)];
const enc = new TextEncoder();
function body(size, i) {
  if (kind === "text") return enc.encode(`{"type":"ReceivedCallback","phone":"5511","messageId":"m${i}","momment":1700000000000,"text":{"message":"${"x".repeat(size)}"}}`);
  const parts = []; let n = 0, len = 0;
  while (len < size) { const s = kind === "keys" ? `"k${n++}":"v${i}"` : `{"a":[1,2,{"b":"c${n++}"}]}`; parts.push(s); len += s.length + 1; }
  return enc.encode(kind === "keys" ? `{"event":"contact_created","payload":{${parts.join(",")}}}` : `{"event":"contact_created","payload":{"list":[${parts.join(",")}]}}`);
}
const s = mb();
for (let i = 0; i < times; i++) { const r = safeParse(body(size, i), { includeRaw: raw }); if (!r.ok) console.log(r.error.code); }
console.log(kind, size, raw ? "raw" : "", `x${times}`, s, "->", mb());
