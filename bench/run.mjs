#!/usr/bin/env node
// `make bench`: every comparison in its own process, then native throughput, size and cold start.
// Prints the figures and regenerates BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { cpus, totalmem } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const zodVersion = JSON.parse(readFileSync(join(root, "node_modules", "zod", "package.json"), "utf8")).version;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const run = (args) => execFileSync("node", args, { cwd: root, encoding: "utf8" });

// Each comparison pits wahook-bytes against one other contender in a process of its own.
const contenders = ["json-parse", "handwritten", "zod", "wahook-bytes", "wahook-string", "wahook-binding"];
const against = { mix: ["json-parse", "handwritten", "zod", "wahook-string", "wahook-binding"], fixtures: ["json-parse", "wahook-string"] };
const js = {}, rel = {};
for (const corpus of ["mix", "fixtures"]) {
  js[corpus] = {};
  rel[corpus] = {};   // the other contender's time / wahook-bytes time, within one comparison
  const bytesRuns = [];
  for (const c of against[corpus]) {
    const out = JSON.parse(run([join("bench", "run-one.mjs"), corpus, "wahook-bytes", c]));
    const mine = median(out.usPerOp["wahook-bytes"]), theirs = median(out.usPerOp[c]);
    js[corpus][c] = theirs;
    rel[corpus][c] = theirs / mine;
    bytesRuns.push(mine);
    console.log(`${corpus.padEnd(8)} wahook-bytes ${mine.toFixed(2)} µs/op vs ${c.padEnd(14)} ${theirs.toFixed(2)} µs/op (${(theirs / mine).toFixed(2)}×)`);
  }
  js[corpus]["wahook-bytes"] = median(bytesRuns);
}

const native = execFileSync("cargo", ["bench", "--quiet", "--bench", "native"], { cwd: root, encoding: "utf8" }).trim();
console.log(native);

const wasm = readFileSync(join(root, "pkg", "wahook_bg.wasm"));
const glueFiles = ["wahook.js", "api.js"];
const glue = Buffer.concat(glueFiles.map((f) => readFileSync(join(root, "pkg", f))));
const nodeEntry = readFileSync(join(root, "pkg", "node.js"));
const size = {
  wasm: wasm.length, wasmGz: gzipSync(wasm, { level: 9 }).length, glue: glue.length, glueGz: gzipSync(glue, { level: 9 }).length,
  node: nodeEntry.length, nodeGz: gzipSync(nodeEntry, { level: 9 }).length,
};
console.log(`size: wasm ${size.wasm} B (${size.wasmGz} B gzip), JS glue ${size.glue} B (${size.glueGz} B gzip), Node entry ${size.node} B (${size.nodeGz} B gzip)`);

const coldScript = `
const { readFileSync } = await import("node:fs");
const bytes = readFileSync(${JSON.stringify(join(root, "pkg", "wahook_bg.wasm"))});
const { initSync, parse } = await import(${JSON.stringify(join(root, "pkg", "init.js"))});
const t0 = performance.now();
initSync({ module: bytes });
const t1 = performance.now();
parse('{"typeWebhook":"outgoingMessageStatus","instanceData":{"idInstance":1},"timestamp":1,"idMessage":"x","status":"read"}');
const t2 = performance.now();
console.log(JSON.stringify({ init: t1 - t0, first: t2 - t1 }));`;
const colds = Array.from({ length: 9 }, () => JSON.parse(execFileSync("node", ["--input-type=module", "-e", coldScript], { encoding: "utf8" })));
const cold = { init: median(colds.map((c) => c.init)), first: median(colds.map((c) => c.first)) };
console.log(`cold start (compile + instantiate, Node): ${cold.init.toFixed(2)} ms; first parse after it ${cold.first.toFixed(2)} ms`);

// Cold (fresh processes: Node, and workerd with CPU from /proc) and scaling (bodies up to 730 KB).
const lastJson = (out) => JSON.parse(out.trim().split("\n").filter((l) => l.startsWith("[")).pop());
const coldNode = lastJson(run([join("bench", "cold.mjs"), "9"]));
const coldWorkerd = lastJson(run([join("bench", "cold-workerd.mjs"), "9"]));
const scaling = lastJson(run([join("bench", "scaling.mjs")]));
const byName = (rows, n) => rows.find((x) => x.name === n);
const wfirst = byName(coldWorkerd, "wahook").first, hfirst = byName(coldWorkerd, "handwritten").first;
const nfirst = byName(coldNode, "wahook").first, nhfirst = byName(coldNode, "handwritten").first;
console.log(`cold, workerd first request: wahook ${wfirst.toFixed(2)} ms vs hand-written ${hfirst.toFixed(2)} ms; Node first call ${nfirst.toFixed(2)} vs ${nhfirst.toFixed(2)} ms`);

const cpu = cpus()[0]?.model ?? "unknown CPU";
const rustc = execFileSync("rustc", ["--version"], { encoding: "utf8" }).trim();
const ratio = (a, b) => (a / b).toFixed(2);
const m = js.mix, r = rel.mix;
const nativeMix = /^mix:.*ratio ([0-9.]+)x/m.exec(native);
const nativeRatio = nativeMix ? Number(nativeMix[1]) : NaN;
const nativeMixUs = (/^mix:.*wahook::parse [^|]*, ([0-9.]+) us\/body/m.exec(native) || [])[1] || "?";
const TARGET_GZIP = 80_000;
// The steady mix at the start of issue #18's work (BENCHMARKS.md of that day, same machine kind).
const MIX_BEFORE_18 = 4.10, RATIO_BEFORE_18 = 1.89;
const worst = scaling.reduce((a, x) => (x.wahook / x.handwritten > a.wahook / a.handwritten ? x : a));
const over = scaling.filter((x) => x.wahook > x.handwritten);
const plug = scaling.find((x) => x.kind === "Plugchat attendance" && x.label === "300 KB");
const nturn = byName(coldNode, "wahook").afterTurn, nhturn = byName(coldNode, "handwritten").afterTurn;
const status = (ok, text) => `${ok ? "**met**" : "not met"}: ${text}`;
const md = `# Benchmarks

Regenerated by \`make bench\` (\`node bench/run.mjs\`). Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB;
Node ${process.version}; ${rustc}. Each JS comparison (wahook against one other contender) runs in
its own process, µs per webhook body. Corpora (\`bench/corpus.mjs\`): the **mix** is 100
bodies as a busy endpoint sees them (55 statuses, 30 text messages, 10 media, 5 presence/connection);
**fixtures** is every documented payload in \`tests/fixtures/\`.

## Targets

| target | status |
|---|---|
| first \`parse()\` in a fresh Node process ≤ 1.5× the hand-written normalizer's first call (issue #18) | ${status(nfirst <= 1.5 * nhfirst, `${nfirst.toFixed(2)} ms vs ${nhfirst.toFixed(2)} ms (${(nfirst / nhfirst).toFixed(1)}×) when called at once after import; when called after the event loop has turned (a server's first request; the Node entry warms up then): ${nturn.toFixed(2)} ms vs ${nhturn.toFixed(2)} ms (${(nturn / nhturn).toFixed(2)}×)`)} |
| first parsing request in workerd ≤ 3 ms main-thread CPU (issue #18) | ${status(wfirst <= 3, `${wfirst.toFixed(2)} ms, ${(wfirst / hfirst).toFixed(2)}× the hand-written normalizer's ${hfirst.toFixed(2)} ms`)} |
| every kind and size up to 1 MB ≤ 1.0× the hand-written normalizer (issue #18) | ${status(over.length === 0, `${scaling.length - over.length} of ${scaling.length} bodies at or under 1.0×; worst ${(worst.wahook / worst.handwritten).toFixed(2)}× (${worst.kind}, ${worst.label}); over 1.0×: ${over.map((x) => `${x.kind} ${x.label}`).join(", ") || "none"}`)} |
| Plugchat attendance of 300 KB ≤ 2× the \`JSON.parse\` floor (issue #18: 256 KB) | ${status(plug.wahook <= 2 * plug.jsonParse, `${(plug.wahook / plug.jsonParse).toFixed(2)}×`)} |
| steady mix: no regression, ≤ 1.05× before issue #18 (measured as the ratio to the hand-written normalizer in the same process, ${RATIO_BEFORE_18}× then: absolute times drift ±10% between runs here) | ${status(1 / r.handwritten <= 1.05 * RATIO_BEFORE_18, `${(1 / r.handwritten).toFixed(2)}× the hand-written normalizer's time (${((1 / r.handwritten) / RATIO_BEFORE_18).toFixed(3)}× the ratio before); ${m["wahook-bytes"].toFixed(2)} µs against ${MIX_BEFORE_18.toFixed(2)} µs then`)} |
| \`.wasm\` ≤ 80 KB gzip (issue #18; seven providers) | ${status(size.wasmGz <= TARGET_GZIP, `${size.wasmGz} B (${(size.wasmGz / 1000).toFixed(1)} KB)`)} |
| native mix ≥ 1.3× faster than \`serde_json::Value\` (issue #18) | ${status(nativeRatio >= 1.3, `${nativeRatio.toFixed(2)}× (serde_json time / wahook time; wahook also normalizes)`)} |
| \`parse(bytes)\` no slower than the hand-written JS normalizer (mix) | ${status(r.handwritten >= 1, `${(1 / r.handwritten).toFixed(2)}× its time`)} |
| faster than the zod normalizer by 2× or more | ${status(r.zod >= 2, `wahook takes ${(1 / r.zod).toFixed(2)}× zod's time; 2× faster than zod means ${(r.zod / 2 * 100).toFixed(0)}% of wahook's current time, ${(r.zod / 2 / r["json-parse"]).toFixed(2)}× the time of JSON.parse alone`)} |
| cold start (compile + instantiate) ≤ 5 ms | ${status(cold.init <= 5, `${cold.init.toFixed(2)} ms`)} |

## JavaScript (Node), µs per body

| contender | mix | its time / wahook-bytes (mix) | fixtures |
|---|---|---|---|
${contenders.map((c) => `| ${c} | ${m[c].toFixed(2)} | ${c === "wahook-bytes" ? "1" : r[c].toFixed(2)} | ${js.fixtures[c] != null ? js.fixtures[c].toFixed(2) : "—"} |`).join("\n")}

Each row is measured in one process together with \`wahook-bytes\`, their runs alternating (21 each,
after a warm-up; the median is reported), so the ratio column compares the two under the same
machine conditions; the \`wahook-bytes\` row is the median of its five comparisons. This machine is
a shared 2-core VM: absolute times move by 10–30% from one run of \`make bench\` to the next, the ratios
by a few percent.

- \`json-parse\`: \`JSON.parse(new TextDecoder().decode(bytes))\` alone — the floor any JS handler pays.
- \`handwritten\`: \`bench/baselines/handwritten.mjs\` — \`JSON.parse\`, then a straightforward normalizer
  (\`bench/baselines/mapping.mjs\`) that produces **the same fields with the same values** as wahook on
  every body of the mix (\`js-tests/baselines.test.mjs\` checks it, so the comparison is like for like).
  It only knows the mix's webhook types; wahook knows all of them.
- \`zod\`: \`bench/baselines/zod.mjs\` — zod ${zodVersion} schemas per provider and type (discriminated unions,
  coercions, optional fields), then the same mapping on the validated data (also checked equal).
- \`wahook-bytes\` / \`wahook-string\`: \`parse(Uint8Array)\` / \`parse(string)\` of the built package.
- \`wahook-binding\`: the raw wasm export alone (copy in, read, normalize, write the result tape),
  without building JS objects.

Ratios on the mix (wahook-bytes time / the other's, same process): JSON.parse floor **${(1 / r["json-parse"]).toFixed(2)}×**,
hand-written **${(1 / r.handwritten).toFixed(2)}×**, zod **${(1 / r.zod).toFixed(2)}×**;
string input costs ${r["wahook-string"].toFixed(2)}× the bytes time (it is encoded to UTF-8 on the way in).

## Native Rust (\`cargo bench --bench native\`, opt-level 3)

\`\`\`
${native}
\`\`\`
(ratio = serde_json time / wahook time: above 1 means wahook::parse, which also normalizes, is faster
than serde_json merely building a \`Value\`. The two alternate, 41 runs each, the median reported: on
this shared 2-core machine back-to-back blocks drifted by ±10%.)

## Size and cold start

| artifact | raw | gzip -9 |
|---|---|---|
| \`wahook_bg.wasm\` | ${size.wasm} B | ${size.wasmGz} B (${(size.wasmGz / 1000).toFixed(1)} KB) |
| JS glue (\`${glueFiles.join("` + `")}\`) | ${size.glue} B | ${size.glueGz} B |
| Node entry (\`node.js\`: the glue, API, handler and tables bundled into one module) | ${size.node} B | ${size.nodeGz} B |

Cold start in Node (\`WebAssembly\` compile + instantiate through \`initSync\`, median of 9 fresh
processes): **${cold.init.toFixed(2)} ms**; the first \`parse\` after it: ${cold.first.toFixed(2)} ms.
\`js-tests/size.test.mjs\` fails CI when the gzip size passes 140 000 bytes. The 80 000 target of four
providers was passed by this round's identity model (+1.6 KB) and the allocator's merging page
source (+0.5 KB); the issue's 90 000 for seven providers is not met. What each provider cost, measured
one merge at a time (gzip -9 of the \`.wasm\`):

| step | gzip | added |
|---|---|---|
| four providers, the registry and the three new providers' detection | 83 611 B | |
| + Evolution API (Baileys message types, statuses, groups, contacts, chats, labels, instance events) | 103 762 B | +20.2 KB |
| + WAHA (three engines' message shapes; HMAC-SHA512 is 4.6 KB of it) | 120 663 B | +16.9 KB |
| + Cloud API (fan-out of messages, statuses, echoes, groups, calls, account fields) | 134 090 B | +13.4 KB |
| + verification declared per provider (signature headers for every scheme) | 136 190 B | +2.1 KB |
| + issue #18: SIMD UTF-8 validation (simdutf8, wasm simd128), handlers and content writers split for the cold path | ${size.wasmGz} B | ${((size.wasmGz - 136190) / 1000).toFixed(1)} KB |

The same seven providers at other optimization levels of our crates (dependencies stay at "z"),
measured on the steady mix in one session: opt-level 2 (shipped) 136 KB and 3.8–4.5 µs per webhook;
"s" 121 KB and 5.5 µs (+30%); "z" 105 KB and 6.9 µs (+80%). Bytes are only download: V8 compiles
the functions a body reaches, so a provider that never sends costs no compile time (the workerd
first request below is unchanged by the three new providers: ~2.0 ms before and after).

## Cold: the first request

Fresh processes, medians of 9, the contenders alternating; the body is a Z-API text message.
"First call" is made at once after the import; "after a turn" in another fresh process, once the
event loop has turned (50 ms after the import), as a server's first request or a Lambda's first
invocation arrives.

| Node (\`bench/cold.mjs\`) | import | first call | next 9 calls | first call after a turn |
|---|---|---|---|---|
${coldNode.map((x) => `| ${x.name} | ${x.import.toFixed(2)} ms | ${x.first.toFixed(2)} ms | ${x.next9.toFixed(2)} ms | ${x.afterTurn.toFixed(2)} ms |`).join("\n")}

| workerd (\`bench/cold-workerd.mjs\`), main-thread CPU | isolate start-up | first request | next 9 requests |
|---|---|---|---|
${coldWorkerd.map((x) => `| ${x.name} | ${x.startup.toFixed(1)} ms | ${x.first.toFixed(2)} ms | ${x.next9.toFixed(2)} ms |`).join("\n")}

V8 compiles wasm lazily (Liftoff, ~20–24 KB of code per ms here), so the first call pays for
compiling the code it reaches. The levers, each measured on its own (Node, fresh processes):

- **Less code reached.** \`wasm-opt -ocimfs 200\`: a single-caller function is inlined into its
  caller only up to 200 bytes (plain \`-Oz\` had merged them into a few huge functions that the first
  body compiled whole; first call 8.1 → 4.9 ms). Then (issue #18) each webhook handler of Z-API and
  Green API, their long tail of content kinds, and each event struct's writer are functions of their
  own, and a text content is written by hand with the other kinds' derived writer apart
  (\`ContentOut\` in \`src/model.rs\`): the wasm a Z-API text reaches went 102 → 65 KB (Green API text
  92 → 63 KB), its first call 5.2 → 3.7 ms, at +1.3 KB gzip and no steady-state change (same-process
  A/B: within ±2%). Count it with \`node --trace-wasm-compilation-times\`. What is left of the 65 KB:
  the drop glue of \`Event\` (6 KB), the JSON reader, detection (every provider's \`recognise\`), the
  binding and the tape writer.
- **A faster import.** The Node entry is one bundled module (Node resolves, reads and compiles each
  ES module on its own: the dozen modules cost 4–6 ms): a fresh process imports it by file path in
  ~8 ms instead of 12.6, by package name (the table above) in 11–13 ms instead of 15.2.
- **Warm-up** (\`pkg/warmup.js\`: one text and one status body per provider, and a Plugchat
  attendance). The **workerd entry
  warms up at module scope**: the compile moves into the isolate's start-up, which Workers bill
  against the start-up limit rather than the request's CPU limit. Measured above against the same
  package without it (\`wahook-no-warmup\`: \`wahook/init\` and the \`.wasm\` module): start-up
  ${byName(coldWorkerd, "wahook-no-warmup").startup.toFixed(1)} → ${byName(coldWorkerd, "wahook").startup.toFixed(1)} ms, first request ${byName(coldWorkerd, "wahook-no-warmup").first.toFixed(2)} → ${byName(coldWorkerd, "wahook").first.toFixed(2)} ms: the
  warm-up compiles all seven providers' common paths, more than one Worker's provider needs, and
  stays far below Workers' start-up limit (1 s since October 2025, 400 ms before), while a request's
  CPU is what the free plan's 10 ms bounds. The **Node entry warms up when the event loop first turns** after the import
  (\`setImmediate\`, unref'd): a script that parses at once only compiles what it reaches (the "first
  call" column), a process that imports and exits without parsing pays it at its first turn (~10 ms
  of CPU; \`WAHOOK_WARMUP=0\` turns it off, the CLI does), and a server's first request —
  which cannot arrive before that turn — finds the common paths compiled (the "after a turn" column).
  Warming up synchronously at import would only move the cost onto the same path in Node.

The "first call" target (≤ 1.5× the hand-written normalizer's 0.4 ms) is out of reach for a first
call made synchronously after the import: 0.6 ms of Liftoff is ~13 KB of wasm, less than the JSON
reader and the tape writer alone. After a turn, wahook's first call costs about what the
hand-written one does.

## Scaling: large bodies (\`bench/scaling.mjs\`)

Each body is timed in one process with the three contenders alternating (median of 7 rounds of
≥ 100 ms batches); the hand-written normalizer (\`bench/baselines/mapping.mjs\`) gives exactly
wahook's output on every one of these bodies (\`js-tests/baselines.test.mjs\`, and checked again
before timing). Milliseconds per body.

| kind | size | KB | wahook | hand-written | \`JSON.parse\` | wahook / hand-written | wahook / \`JSON.parse\` |
|---|---|---|---|---|---|---|---|
${scaling.map((x) => `| ${x.kind} | ${x.label} | ${x.kb.toFixed(1)} | ${x.wahook.toFixed(x.wahook < 0.1 ? 4 : 2)} | ${x.handwritten.toFixed(x.handwritten < 0.1 ? 4 : 2)} | ${x.jsonParse.toFixed(x.jsonParse < 0.1 ? 4 : 2)} | ${(x.wahook / x.handwritten).toFixed(2)}× | ${(x.wahook / x.jsonParse).toFixed(2)}× |`).join("\n")}

- **Callbell attachments, Z-API with large ignored fields**: wahook reads what it needs and skips the
  rest at the speed of its string scan, while \`JSON.parse\` builds every value: several times faster
  than the hand-written normalizer from 3 KB up.
- **Green API long text** (non-ASCII): the hand-written normalizer pays V8's UTF-8 decoding of the
  whole body (\`TextDecoder\`, ~5 ms per MB of such text) before \`JSON.parse\`; wahook validates the
  bytes (SIMD, \`simdutf8\`), scans them a word at a time, and hands JS its string pool as UTF-16 when
  it is large and mostly non-ASCII, which V8 decodes about five times faster (the transcoding costs ~1.3 ms per
  MB in wasm). Before issue #18 a 500 KB text took 3.87 ms (1.25× \`JSON.parse\`); the word-at-a-time
  UTF-16 count and marker search, SIMD validation and the UTF-16 pool brought 1 MB to ~3.3 ms.
- **Plugchat attendance**: one complete message event per chat message, built in wasm and then again
  as JS objects from the tape; the hand-written normalizer builds them once. Linear: the chat's
  messages are grouped by key through a hash table (it used to be quadratic, then a sort: 182 KB
  took 2.94 ms, now ~2.5 ms with the rest of this issue).
- **Small bodies** pay the fixed cost of a call (argument checks, copy into wasm, the tape, building
  the objects): the steady mix's ratio.

## Where the time goes

A \`parse(bytes)\` call on the mix: **${m["wahook-bytes"].toFixed(2)} µs** =
**${(100 * r["wahook-binding"]).toFixed(0)}%** in the wasm export (copying the body in, reading the JSON,
detecting, normalizing, writing the result tape; the same Rust work takes ${nativeMixUs} µs natively) +
**${(100 - 100 * r["wahook-binding"]).toFixed(0)}%** in JS (argument checks, and \`readTape\`
building the result objects). Profiles (\`node --cpu-prof\` on a build with \`WASM_NAMES=1 make pkg\`,
which keeps function names) put about a quarter of the wasm time in the JSON reader (including UTF-8
validation; the documented examples are indented, 18% of the mix's bytes are whitespace), an eighth
in the allocator (the model owns its strings: 10–20 allocations per event; the JSON tree's arena and
the parser's stacks are reused between bodies), a sixth in writing the
tape, the rest in detection and normalization. On the JS side, building objects from the tape
takes about a fifth of the call.

The hand-written normalizer spends ${(100 * r["json-parse"] / r.handwritten).toFixed(0)}% of its time in \`JSON.parse\`
— V8's native parser — and the rest mapping; wahook does the parsing in wasm, which costs about
2× native code, plus a boundary crossing and object construction in JS. Matching the hand-written
time would need wahook ${(1 / r.handwritten).toFixed(1)}× faster, and the zod target would need it to take
${(r.zod / 2 / r["json-parse"] * 100).toFixed(0)}% of the time of \`JSON.parse\` of the input alone: neither is
reachable with this design. What wahook offers for the difference: every webhook type of seven
providers (the baselines know only the mix's 14 bodies), warnings, dedupe keys, and no crash on hostile input.

## Memory (issue 21; \`bench/mem-grow.mjs\`, \`bench/mem-one.mjs\`, \`js-tests/memory.test.mjs\`, \`js-tests/workerd/soak.test.mjs\`)

Wasm memory never shrinks, so what matters is its peak. Bodies are measured before they are read
or copied into wasm, and the wasm copy of a body is freed when the call returns.

| scenario (Node 20, fresh process each) | before | after |
|---|---|---|
| 200 bodies growing 26 KB → 1 MB, a long text message | 35.7 MB | 7.4 MB |
| the same, \`includeRaw\` | 63.7 MB | 11.7 MB |
| 200 growing bodies of many keys (Callbell \`data\`) | 43.4 MB | 16.5 MB |
| the same, \`includeRaw\` | 34.7 MB | 26.4 MB |
| 200 growing bodies of small nested objects (worst shape measured) | 232.5 MB | 32.8 MB |
| the same, \`includeRaw\` | 62.9 MB | 59.4 MB |
| one 1 MB body of small nested objects (the single-call need) | 32.8 MB | 28.6 MB |
| a 256 MB stream to \`fromRequest\` | ~700 MB of JS memory, then \`too_large\` | \`too_large\` after 1 MiB + one 64 KiB chunk; RSS +< 64 MB (asserted) |
| a 150 MB unauthenticated \`verify\` | wasm 7.5 → 167 MB | wasm memory unchanged (asserted): \`missing_header\` / \`too_large\` in JS |

Documented bounds for a stream of bodies up to 1 MiB (asserted by \`js-tests/memory.test.mjs\`):
≤ 12 MB of wasm memory for text-heavy bodies, ≤ 40 MB for any body shape, ≤ 64 MB with \`includeRaw\`.
The fix: rlsf's global allocator on wasm never merged the pages it grew (its in-place pool growth
compares the pool's *start* page with the memory size, so it never fires), and every body larger
than any before took a fresh pool; \`bindings/wasm/src/lib.rs\` now gives rlsf a page source whose
pools grow in place when they end at the memory's end (they always do: nothing else grows it), so
free space merges and the peak is the largest single body's need. Cost: +0.5 KB gzip (78 733 →
79 237 B; 79 484 B with the verification changes of the same issue). Not needed after that:
resetting a per-call arena, or re-instantiating past a high-water mark.

Soak in workerd (\`js-tests/workerd/soak.test.mjs\`, part of \`make test-workerd\`, 20 s by default,
\`SOAK_SECONDS\` up to 60): 50 concurrent clients on 127.0.0.1 POST valid fixtures (each answer
compared with \`tests/expected.json\`), invalid bodies, oversize bodies (with \`Content-Length\`, and
8 MB streamed without it), unauthenticated, forged and validly signed Callbell requests. Last run
(10 s, 2 shared cores): 7 499 requests (750/s), none dropped, no wrong answer; wasm memory 1.1 MB;
workerd RSS peak 246 MB. Ceilings asserted: wasm ≤ 16 MB, RSS ≤ 512 MB. (A streamed oversize upload is
sometimes cut by workerd before the client reads the 413 — EPIPE/ECONNRESET, 126 of ~830 — counted
as a refusal.)

Frozen \`Object.prototype\`: keys that \`Object.prototype\` has are defined as own properties instead
of assigned (one \`k in Object.prototype\` per keyed store). Cost on the fixture mix
(\`bench/proto-ab.mjs\`, 3 alternating runs of each build on a loaded 2-core machine): without raw
5.6 / 6.1 / 9.1 µs before, 9.1 / 6.9 / 8.8 after; with \`includeRaw\` 14.6 / 12.4 / 18.0 before,
16.0 / 12.3 / 15.7 after — no difference this machine can resolve (run-to-run spread ±30%).

## What we tried (mix corpus, this machine)

| change | wasm gzip | \`parse(bytes)\` |
|---|---|---|
| first working build (opt-level s, \`serde_json::Value\` for \`data\`/\`raw\`, \`RawValue\`) | 128.0 KB | — |
| own \`Json\` type, no \`RawValue\`, no serde_json in the core | 97.3 KB | — |
| opt-level z / s / 3 (JSON-text results) | 95.6 / 106.9 / 114.8 KB | 10.9 / 7.0 / 5.5 µs |
| counting bump allocator (opt-level 3) — dropped: one leaked allocation pins the arena | 113.4 KB | 4.9 µs |
| parser: scratch stacks, SWAR string scan, no \`format!\` on hot paths | — | native 1.63 → 1.30 µs |
| one pre-sized output buffer, inlined \`peek\`/\`skip_ws\` (opt-level z) | 95.9 KB | 8.1 µs |
| hand-written serde → JSON-text serializer instead of serde_json — dropped | 102.8 KB | 8.3 µs |
| **results as a tape** (u32 ops + string pool, keys interned across calls) read by \`api.js\` instead of JSON text + \`JSON.parse\`; serde_json leaves the \`.wasm\` | 93.8 KB | 5.1 µs |
| talc instead of dlmalloc | 91.5 KB | 5.2 µs |
| **one sort routine** for the crate (each std sort instance was a 2–8 KB copy of quicksort), later a heapsort | 84.1 KB | 5.3 µs |
| **byte substring search** instead of \`str::find(&str)\` (its panic path pulled in \`char\` Debug and Unicode tables) | 79.6 KB | 5.4 µs |
| **numbers: exact fast path** (≤ 19 digits, ≤ 10^22) in the core, JS \`Number\` for the rest (core's \`dec2flt\` and its tables were ~14 KB gzip) | 65.5 KB | 5.5 µs |
| \`+simd128\` — dropped: no gain | 79.3 KB | 5.5–5.9 µs |
| with that room: opt-level s / 2 / 3 for everything | 74.5 / 79.5 / 80.8 KB | 4.3 / 3.3 / 3.3 µs |
| opt-level 2 for our crates, z for dependencies | 76.9 KB | 3.3–3.6 µs |
| \`string\` bodies encoded with \`TextEncoder.encodeInto\` into a reused buffer instead of the generated glue's per-character copy | — | string 4.3 → 3.8 µs |
| dlmalloc again instead of talc (opt-level 2) — not taken: 4% faster, 2.1 KB larger | 79.0 KB | 3.48 vs 3.63 µs |
| talc at opt-level 3 — no change | 76.9 KB | 3.64 µs |
| events serialized as structs instead of \`#[serde(flatten)]\` (which goes through a map), and \`'static\` keys found by address in the tape's intern table | 77.0 KB | 3.31 µs |
| **native:** field reads that borrow from the body (\`Obj::text\`), a one-id Z-API status built without copying its fields, JSON values 40 → 32 bytes (parser errors boxed, objects keep their source length only), a 16-entry parser scratch (32 crossed into glibc's large-chunk path) | — | native ratio 0.82 → ~0.95× serde_json |
| key paths (\`a.b[0]\`, for warnings) in a 62-byte inline buffer per nested-object reader — dropped: +1.3 KB gzip, as every reader grew to 80 bytes and is moved everywhere | 78.9 KB | — |
| key paths as spans of one per-body buffer instead (shipped): no allocation per nested object read, readers of 32 bytes | 77.1 KB | — |
| **dedupe hash: XXH64 of the canonical form instead of byte-wise FNV-1a** (FNV is one multiply per byte, half of a Callbell message's time; the key format changed once, see README) | +0.5 KB | Callbell message 6.1 → 4.3 µs native; mix ~+8% native |
| canonical form without three allocations per object (one index stack, the count patched in place) | +0.75 KB | Callbell message −15% native |
| Z-API status and presence names looked up case-insensitively in a table instead of through an uppercased copy | +0.04 KB | native ratio (mix) 1.05 → 1.09× |
| Green API / Callbell chat ids read as borrowed text — not taken: no measurable gain, +0.26 KB | 78.4 KB | — |
| free lists for blocks ≤ 128 bytes in front of talc — not taken: 3% faster (same-process A/B of two builds), +0.45 KB and an unsafe allocator | 78.6 KB | 3.25 vs 3.35 µs |
| **object literals per model shape**: the tape marks each struct with an interned shape id (its key sequence), and \`tape.js\` builds a known shape with a generated object literal (\`shapes.js\`, 59 shapes) instead of one megamorphic keyed store per field | +0.6 KB | 4.5% faster (same-process A/B, 6 runs: 3.2–5.7%) |
| **rlsf (TLSF, its code-size build) instead of talc** — same speed (same-process A/B, 6 runs: within ±1%); worst-case memory for 1 MB bodies 13 MB instead of 6 MB | −1.0 KB | 3.39 vs 3.40 µs |
| **JSON tree in a bump arena** (bumpalo): objects and arrays are slices of one arena sized from the body, escaped strings decoded into it; values are \`Copy\`, so dropping the tree is freeing the arena (it was 11% of native time); plus an insertion sort for ≤ 16 keys and buffers sized up front in the canonical hash | +0.85 KB | 4% faster (same-process A/B, 6 runs); native −5% instructions (mix), −11% (Callbell message) |
| identities of the wire (\`Chat.lid\`, LIDs and device parts canonicalized, nullable ids with warnings, status synonyms, system \`messageId\`/\`sender\`, \`viewOnce\`/\`width\`/\`height\`, Meta's status in Callbell) | +1.6 KB | — |
| dedupe-key escaping with \`str::find([':', '%'])\` — replaced by a byte scan: the char-pattern searcher pulled 3.6 KB gzip of Unicode tables back in | +3.6 KB → 0 | — |
| \`wasm-opt -ocimfs 200\` (cold path, above) | −0.14 KB | same |
| **rlsf on its own page source, pools merged when contiguous** (rlsf's wasm source never merged them): 200 bodies growing to 1 MB peak at 7–33 MB instead of 36–233 MB (see "Memory") | +0.5 KB | — |
| issue #18: Plugchat chat messages grouped through a hash table of keys (sort kept as the fallback past 8 probes per key), no sort when already in time order | — | 182 KB attendance 2.94 → 2.53 ms |
| issue #18: word-at-a-time UTF-16 length of the string pool and byte search (\`{{SWE\` markers) | — | 500 KB non-ASCII text 3.87 → 3.35 ms |
| issue #18: \`simdutf8\` UTF-8 validation with wasm \`simd128\` (core's on failure, for the offset) | +0.3 KB | 500 KB text 3.35 → 2.99 ms; mix unchanged |
| issue #18: the string pool crosses as UTF-16 when it is large and mostly non-ASCII (V8's UTF-16LE decoding is ~5× faster than its non-ASCII UTF-8 decoding) | +0.5 KB | 1 MB non-ASCII text 5.9 → 3.3 ms (0.6× \`JSON.parse\`); mix unchanged |
| issue #18: Node entry bundled into one module | — | import in a fresh process 12.6 → ~8 ms (by file path) |
| issue #18: handlers, rare content kinds and event writers never inlined; text content written by hand | +1.3 KB | first call 5.2 → 3.7 ms; mix within ±2% |
| issue #18: **a spare arena and parser stacks per thread** (kept up to 64 KB between bodies; allocating a fresh chunk made glibc consolidate its free lists on every body) | +0.3 KB | native mix 1.01 → 1.13× \`serde_json::Value\`; wasm mix −3–5% |
| issue #18: **each JSON value stored where it is built** (one dispatcher per stack: a \`Value\` returned through memory and then copied into the entries stalled on store forwarding, a 16-byte load over two 8-byte stores, a sixth of native parse time) | +0.3 KB | native mix 1.13 → ~1.19× |
| issue #18: **a repeated string value crosses once**: the tape writes the span of its first copy (a 256-slot cache per tape, values of 4–128 bytes) | +0.25 KB | Plugchat attendance pool −35% (204 → 134 KB at 300 KB), 300 KB/1 MB −3–6% (same-process A/B); mix unchanged |
| issue #18: **structs without their keys once JS knows their shape**: each struct type (its \`serialize_struct\` name and length) predicts the shape of its last instance and checks each key as it writes; a variant with other keys (\`Content\`'s share a name) gets its keys inserted before the values already written | +1.1 KB (−4.2 KB raw) | Plugchat attendance −6%, smallest Callbell −10%, mix −2–3% (same-process A/B) |
| the same, with \`open_struct\` inlined into each struct writer | +4.7 KB | — |
| the same, with the \`STR\` word written inside the out-of-line function — dropped: LLVM then inlined the field writers into every struct's | +1.7 KB | — |
| the cache as a field of \`Tape\` (it shifted the others' offsets, and every access grew) — boxed and last instead | +0.4 KB → 0 | — |
| \`Event\`'s drop glue (6 KB, compiled by every first call) split per event kind in the binding — dropped: \`MessageEvent\`'s alone is 4.8 KB (its content's) | +0.5 KB | first call −1.8 KB of wasm |
| shipped | ${(size.wasmGz / 1000).toFixed(1)} KB | ${m["wahook-bytes"].toFixed(2)} µs |

Sizes in this table are \`gzip -9\` of the file built at the time (the table above uses zlib level 9,
about 0.5 KB more). Also measured and not taken: building result objects by spreading a per-shape
template and assigning into it — 1.8× slower in V8 than the plain keyed stores \`readTape\` did then;
an iterative \`readTape\` with an explicit stack and the position in locals — about 4% slower than
the recursive one; result objects from a constructor whose prototype is \`Object.prototype\` (so that
V8's slack tracking sizes them) — about 1%, noise; the tape's \`'static\`-key cache hit inlined into
each field writer — 2% faster, 2.8 KB gzip larger.

Left, with their expected gains: a model that borrows strings from the body instead of owning them
(most of the remaining allocations; a breaking change to the Rust API) and a flat (tape) JSON reader
instead of a tree (fewer moves while reading). Neither brings wahook near the hand-written time.
`;
writeFileSync(join(root, "BENCHMARKS.md"), md);
console.log("BENCHMARKS.md written");
