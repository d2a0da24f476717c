// Cold cost (issue #18): fresh Node processes, each importing a contender and timing its import,
// its first call on a body of the mix (a Z-API text) and its next 9 calls; and, in other fresh
// processes, the first call made after the event loop has turned (a server's first request: the
// process is listening when it arrives; 50 ms later here). Medians of N runs, the contenders
// alternating. `node bench/cold.mjs [runs]`; prints JSON lines and a table.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const runs = Number(process.argv[2] || 9);
const body = fileURLToPath(new URL("../tests/fixtures/zapi/received-text.json", import.meta.url));
const script = (entry, call, idle) => idle ? `
const fs = await import("node:fs");
const bytes = new Uint8Array(fs.readFileSync(${JSON.stringify(body)}));
const m = await import(${JSON.stringify(entry)});
await new Promise((r) => setTimeout(r, 50));
const t1 = performance.now();
${call};
console.log(JSON.stringify({ afterTurn: performance.now() - t1 }));` : `
const fs = await import("node:fs");
const bytes = new Uint8Array(fs.readFileSync(${JSON.stringify(body)}));
const t0 = performance.now();
const m = await import(${JSON.stringify(entry)});
const t1 = performance.now();
${call};
const t2 = performance.now();
for (let i = 0; i < 9; i++) { ${call}; }
const t3 = performance.now();
console.log(JSON.stringify({ import: t1 - t0, first: t2 - t1, next9: t3 - t2 }));`;
const calls = {
  wahook: ["wahook", "m.parse(bytes)"],
  handwritten: [fileURLToPath(new URL("./baselines/handwritten.mjs", import.meta.url)), "m.normalize(bytes)"],
  "JSON.parse": ["node:util", "JSON.parse(new TextDecoder().decode(bytes))"],
};
const contenders = Object.fromEntries(Object.entries(calls).map(([k, [entry, call]]) => [k, [script(entry, call, false), script(entry, call, true)]]));
const out = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
for (let r = 0; r < runs; r++) {
  for (const [name, srcs] of Object.entries(contenders)) {
    const [now, idle] = srcs.map((src) => JSON.parse(execFileSync("node", ["--input-type=module", "-e", src], { encoding: "utf8", cwd: fileURLToPath(new URL("..", import.meta.url)) })));
    out[name].push({ ...now, ...idle });
  }
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
const rows = Object.entries(out).map(([name, rs]) => ({ name, ...Object.fromEntries(["import", "first", "next9", "afterTurn"].map((k) => [k, median(rs.map((r) => r[k]))])) }));
for (const r of rows) console.log(`${r.name.padEnd(12)} import ${r.import.toFixed(2)} ms  first call ${r.first.toFixed(2)} ms  next 9 ${r.next9.toFixed(2)} ms  first call after a turn ${r.afterTurn.toFixed(2)} ms`);
console.log(JSON.stringify(rows));
