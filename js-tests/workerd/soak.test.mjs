// A bounded load-and-memory soak of the package in workerd (issue 21): for SOAK_SECONDS (default
// 20, at most 60), 50 concurrent clients POST a mix of valid fixtures, invalid JSON, oversize
// bodies (with Content-Length, and streamed without it), and unauthenticated or forged requests to
// a verifying route, on 127.0.0.1. Asserts: every request answered, every answer right, and wasm
// memory and workerd's RSS under the ceilings documented in BENCHMARKS.md ("Memory").
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { sign } from "wahook";
import { fixtures, expected, comparable, root } from "../helpers.mjs";
import { serveWorker } from "./serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Math.min(60, Number(process.env.SOAK_SECONDS) || 20);
const CONCURRENCY = 50;
const MB = 1048576;
// Ceilings (BENCHMARKS.md "Memory"): the mix's bodies are small and oversize ones never enter wasm.
const WASM_CEILING = 16 * MB;
const RSS_CEILING = 512 * MB;
let proc, base, cut = 0;

let worker;
before(async () => {
  worker = await serveWorker(join(here, "soak-worker.js"), { probe: (b) => fetch(b + "/mem"), verbose: false });
  ({ base, proc } = worker);
});

after(() => worker && worker.stop());

/** POSTs `total` bytes in 64 KiB chunks (chunked, no Content-Length); resolves with the answer. */
function streamPost(path, total, headers) {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(65536, 0x20);
    let answered = false, sent = 0;
    const req = request(base + path, { method: "POST", headers }, (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => { try { resolve({ status: res.statusCode, json: JSON.parse(text) }); } catch (e) { reject(e); } });
      res.on("error", reject);
    });
    req.on("error", (e) => { if (!answered) reject(e); });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** The resident set of workerd (the `workerd` binary the npm launcher runs), from /proc. */
function rssOf(pid) {
  let total = 0;
  const visit = (p) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] || 0) * 1024;
      for (const t of readdirSync(`/proc/${p}/task`)) {
        for (const c of readFileSync(`/proc/${p}/task/${t}/children`, "utf8").split(/\s+/).filter(Boolean)) visit(c);
      }
    } catch { /* gone */ }
  };
  visit(pid);
  return total;
}

test(`soak: ${CONCURRENCY} concurrent clients for ${SECONDS} s, mixed valid, invalid, oversize and unauthenticated`, async () => {
  const valid = fixtures().filter(([name]) => !expected[name].error);
  const invalid = fixtures().filter(([name]) => expected[name].error);
  const callbell = readFileSync(join(root, "tests/fixtures/callbell/message-status-updated.json"));
  const oversize = new Uint8Array(MB + 1).fill(0x20);
  const huge = 8 * MB;
  // An oversize upload refused on its Content-Length: the server answers 413 without reading the
  // body and may close while the client is still sending (EPIPE/ECONNRESET): a refusal, counted
  // with the cut streams; anything else is a failure.
  const refused = async (f) => {
    try {
      await f();
    } catch (e) {
      const code = e.code || (e.cause && e.cause.code);
      if (code !== "EPIPE" && code !== "ECONNRESET") throw e;
      cut++;
    }
  };
  const cases = [
    async (i) => {
      const [name, body] = valid[i % valid.length];
      const res = await fetch(base + "/", { method: "POST", body });
      const json = await res.json();
      assert.equal(res.status, 200, name);
      assert.deepEqual(comparable(json), expected[name], name);
    },
    async (i) => {
      const [name, body] = invalid[i % invalid.length];
      const res = await fetch(base + "/", { method: "POST", body });
      assert.deepEqual([res.status, (await res.json()).code], [400, expected[name].error], name);
    },
    async () => {
      const res = await fetch(base + "/", { method: "POST", body: "{\n  oops" });
      assert.deepEqual([res.status, (await res.json()).code], [400, "invalid_json"]);
    },
    async () => refused(async () => {
      const res = await fetch(base + "/", { method: "POST", body: oversize });
      assert.deepEqual([res.status, (await res.json()).code], [413, "too_large"]);
    }),
    async () => {
      // Streamed without Content-Length: workerd reads until maxBytes, then answers and cancels
      // (node:http, since fetch fails a request whose upload the server cut, answer or not).
      // The server may cut the upload before the client reads the 413 (EPIPE/ECONNRESET): that
      // is a refusal too, counted apart; anything else is a failure.
      try {
        const { status, json } = await streamPost("/verified", huge, { "x-callbell-signature": "t=1,v1=00" });
        assert.deepEqual([status, json.code], [413, "too_large"]);
      } catch (e) {
        if (e.code !== "EPIPE" && e.code !== "ECONNRESET") throw e;
        cut++;
      }
    },
    async () => {
      const res = await fetch(base + "/verified", { method: "POST", body: callbell });
      assert.deepEqual([res.status, (await res.json()).reason], [401, "missing_header"]);
    },
    async () => {
      const header = sign(callbell, { secret: "whsec_other", timestamp: Math.floor(Date.now() / 1000) });
      const res = await fetch(base + "/verified", { method: "POST", body: callbell, headers: { "x-callbell-signature": header } });
      assert.deepEqual([res.status, (await res.json()).reason], [401, "mismatch"]);
    },
    async () => {
      const header = sign(callbell, { secret: "whsec_soak", timestamp: Math.floor(Date.now() / 1000) });
      const res = await fetch(base + "/verified", { method: "POST", body: callbell, headers: { "x-callbell-signature": header } });
      const json = await res.json();
      assert.equal(res.status, 200, JSON.stringify(json));
      assert.equal(json.events[0].status, "read");
    },
    async () => refused(async () => {
      // An unauthenticated body over the limit: refused on its Content-Length, never read.
      const res = await fetch(base + "/verified", { method: "POST", body: oversize });
      assert.deepEqual([res.status, (await res.json()).code], [413, "too_large"]);
    }),
  ];
  const counts = new Array(cases.length).fill(0);
  let sent = 0, answered = 0, peakRss = 0, peakWasm = 0;
  const end = Date.now() + SECONDS * 1000;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(proc.pid))), 250);
  const client = async (c) => {
    for (let i = c; Date.now() < end; i += CONCURRENCY) {
      const k = i % cases.length;
      sent++;
      try {
        await cases[k](i);
      } catch (e) {
        e.message = `case ${k}: ${e.message}${e.cause ? ` (${e.cause.code || e.cause.message})` : ""}`;
        throw e;
      }
      counts[k]++;
      answered++;
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, c) => client(c)));
  } finally {
    clearInterval(sampler);
  }
  peakRss = Math.max(peakRss, rssOf(proc.pid));
  peakWasm = (await (await fetch(base + "/mem")).json()).wasm;
  console.log(`soak: ${answered} requests in ${SECONDS} s (${Math.round(answered / SECONDS)}/s) at concurrency ${CONCURRENCY}; per case ${counts.join(" ")} (oversize uploads cut by the server before the 413 could be read: ${cut}); wasm memory ${(peakWasm / MB).toFixed(1)} MB; workerd RSS peak ${(peakRss / MB).toFixed(0)} MB`);
  assert.equal(answered, sent, "every request answered");
  assert.ok(counts.every((n) => n > 0), "every case ran");
  assert.ok(peakWasm <= WASM_CEILING, `wasm memory ${peakWasm}`);
  assert.ok(peakRss > 0 && peakRss <= RSS_CEILING, `workerd RSS ${peakRss}`);
});
