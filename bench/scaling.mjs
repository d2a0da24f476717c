// Scaling probe (issue #18): Plugchat attendances of 10 … 4000 chat messages and a 215 KB non-ASCII
// Green API text, wahook parse(bytes) vs JSON.parse of the same bytes. Run: make pkg && node bench/scaling.mjs
import { parse } from "wahook";
import { readFileSync } from "node:fs";
const base = JSON.parse(readFileSync(new URL("../tests/fixtures/plugchat/start-attendance.json", import.meta.url), "utf8"));
const msg0 = Object.values(base.chat)[0];
function body(n) { const chat = {}; for (let i = 0; i < n; i++) chat["3EB0" + i.toString(16).padStart(16, "0")] = { ...msg0, messageId: "3EB0" + i, momment: 1700000000000 + i }; return new TextEncoder().encode(JSON.stringify({ ...base, chat })); }
const time = (f, b) => { for (let i = 0; i < 5; i++) f(b); const t = performance.now(); let k = 0; while (performance.now() - t < 300) { f(b); k++; } return (performance.now() - t) / k; };
const dec = new TextDecoder();
const rows = [];
for (const n of [10, 100, 1000, 4000]) {
  const b = body(n);
  const w = time((x) => parse(x), b), j = time((x) => JSON.parse(dec.decode(x)), b);
  rows.push({ body: `Plugchat attendance, ${n} messages`, kb: b.length / 1024, wahook: w, jsonParse: j });
  console.log(`${n} msgs ${(b.length / 1024).toFixed(0)} KB: wahook ${w.toFixed(2)} ms, JSON.parse ${j.toFixed(2)} ms, ratio ${(w / j).toFixed(2)}`);
}
const s = "añ😀中文テキスト ".repeat(20000);
const t = { typeWebhook: "incomingMessageReceived", instanceData: { idInstance: 1, wid: "1@c.us" }, timestamp: 1, idMessage: "x", senderData: { chatId: "1@c.us", sender: "1@c.us" }, messageData: { typeMessage: "textMessage", textMessageData: { textMessage: s } } };
const r = parse(JSON.stringify(t));
const tb = new TextEncoder().encode(JSON.stringify(t));
if (r.events[0].content.text !== s) throw new Error("long text did not round-trip");
rows.push({ body: "Green API text, non-ASCII", kb: tb.length / 1024, wahook: time((x) => parse(x), tb), jsonParse: time((x) => JSON.parse(dec.decode(x)), tb) });
console.log(JSON.stringify(rows));
