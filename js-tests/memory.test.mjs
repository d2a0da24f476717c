// Memory bounds under attack (issue 21): bodies are measured before they are read or copied into
// wasm, and a stream of bodies up to the limit has a bounded wasm memory peak (README, BENCHMARKS.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fromRequest, verify, detect, safeParse, sign, WahookError, wasmMemory, readRequestBody } from "./internal.mjs";
import { root } from "./helpers.mjs";

const MB = 1048576;
const wasmBytes = () => wasmMemory().buffer.byteLength;

/** A ReadableStream of `total` bytes made lazily in 64 KiB chunks; counts what was pulled. */
function lazyStream(total) {
  const state = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(65536).fill(0x20);
  state.stream = new ReadableStream({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk.slice());
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return state;
}

test("a 256 MB stream to fromRequest: too_large after reading little more than maxBytes, memory small", async () => {
  const rss0 = process.memoryUsage().rss;
  const s = lazyStream(256 * MB);
  const req = new Request("http://127.0.0.1/hook", { method: "POST", body: s.stream, duplex: "half" });
  await assert.rejects(fromRequest(req), (e) => e instanceof WahookError && e.code === "too_large");
  assert.ok(s.pulled <= MB + 2 * 65536, `pulled ${s.pulled} bytes`);
  assert.ok(s.pulled > MB, `pulled ${s.pulled} bytes`);
  assert.equal(s.cancelled, true, "the stream was cancelled");
  // Before: the whole body was buffered (~700 MB for 256 MB). Now at most ~1 MiB is held.
  assert.ok(process.memoryUsage().rss - rss0 < 64 * MB, `rss grew by ${((process.memoryUsage().rss - rss0) / MB).toFixed(1)} MB`);
  // A smaller maxBytes stops sooner.
  const small = lazyStream(256 * MB);
  await assert.rejects(fromRequest(new Request("http://127.0.0.1/", { method: "POST", body: small.stream, duplex: "half" }), { maxBytes: 100_000 }), (e) => e.code === "too_large");
  assert.ok(small.pulled <= 100_000 + 2 * 65536, `pulled ${small.pulled}`);
});

test("Content-Length over maxBytes is refused before any byte is read", async () => {
  const s = lazyStream(256 * MB);
  const like = { headers: new Headers({ "content-length": String(256 * MB) }), body: s.stream, bodyUsed: false, arrayBuffer: () => assert.fail("read") };
  await assert.rejects(fromRequest(like), (e) => e instanceof WahookError && e.code === "too_large" && /Content-Length/.test(e.message));
  assert.equal(s.pulled, 0);
  // A body within the limit is read whole, in chunks.
  const ok = lazyStream(3 * 65536);
  const bytes = await readRequestBody(new Request("http://127.0.0.1/", { method: "POST", body: ok.stream, duplex: "half" }), MB);
  assert.equal(bytes.byteLength, 3 * 65536);
  assert.equal(bytes[0], 0x20);
});

test("a 150 MB unauthenticated verify never reaches wasm memory", () => {
  const body = new Uint8Array(150 * MB).fill(0x7b);
  const before = wasmBytes();
  const opts = { provider: "callbell", secret: "whsec_x" };
  assert.deepEqual(verify(body, {}, opts), { ok: false, reason: "missing_header" });
  assert.deepEqual(verify(body, { "x-callbell-signature": "v1=00" }, opts), { ok: false, reason: "malformed_header" });
  const header = sign("{}", { secret: "whsec_x", timestamp: 1 });
  assert.deepEqual(verify(body, { "x-callbell-signature": header }, opts), { ok: false, reason: "too_large" });
  assert.deepEqual(verify(body, { "z-api-token": "t" }, { provider: "zapi", token: "t" }), { ok: false, reason: "too_large" });
  assert.deepEqual(verify(body, { authorization: "Bearer  " }, { provider: "greenapi", token: "t" }), { ok: false, reason: "too_large" });
  assert.deepEqual(verify(body, { authorization: " " }, { provider: "greenapi", token: "t" }), { ok: false, reason: "malformed_header" });
  const text = "{".repeat(2 * MB);
  assert.deepEqual(verify(text, { "z-api-token": "t" }, { provider: "zapi", token: "t" }), { ok: false, reason: "too_large" });
  assert.equal(detect(body).reason.split(":")[0], "too_large");
  assert.equal(safeParse(body).error.code, "too_large");
  assert.equal(wasmBytes(), before, "wasm memory grew");
  // maxBytes raises the limit for verify too.
  const signed = new Uint8Array(2 * MB).fill(0x20);
  const sig = sign(signed, { secret: "whsec_x", timestamp: 1_790_000_000 });
  assert.deepEqual(verify(signed, { "x-callbell-signature": sig }, { ...opts, now: 1_790_000_000_000 }), { ok: false, reason: "too_large" });
  assert.deepEqual(verify(signed, { "x-callbell-signature": sig }, { ...opts, now: 1_790_000_000_000, maxBytes: 4 * MB }), { ok: true });
});

// Each in a fresh process: wasm memory never shrinks, so the peak must be measured from the start.
const GROW = `
import { safeParse, wasmMemory } from "./js-tests/internal.mjs";
const [kind, raw] = process.argv.slice(1);
const enc = new TextEncoder();
for (let i = 0; i < 200; i++) {
  const size = Math.round(26000 + (1000000 - 26000) * i / 199);
  let body;
  if (kind === "text") body = '{"type":"ReceivedCallback","phone":"5511","messageId":"m' + i + '","momment":1700000000000,"text":{"message":"' + "x".repeat(size) + '"}}';
  else {
    const parts = []; let n = 0, len = 0;
    while (len < size) { const s = kind === "keys" ? '"k' + n++ + '":"v' + i + '"' : '{"a":[1,2,{"b":"c' + n++ + '"}]}'; parts.push(s); len += s.length + 1; }
    body = kind === "keys" ? '{"event":"contact_created","payload":{' + parts.join(",") + "}}" : '{"event":"contact_created","payload":{"list":[' + parts.join(",") + "]}}";
  }
  const r = safeParse(enc.encode(body), { includeRaw: raw === "raw" });
  if (!r.ok) throw new Error(kind + " " + i + " " + r.error.code);
}
console.log(wasmMemory().buffer.byteLength);
`;

test("200 bodies growing from 26 KB to 1 MB: the wasm memory peak stays within the documented bound", () => {
  // README "Memory": 12 MB for text bodies, 40 MB for any shape, 64 MB with includeRaw.
  for (const [kind, raw, bound] of [["text", "", 12], ["keys", "", 40], ["nested", "", 40], ["nested", "raw", 64]]) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", GROW, kind, raw], { cwd: root, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const peak = Number(r.stdout.trim()) / MB;
    assert.ok(peak <= bound, `${kind} ${raw}: ${peak.toFixed(1)} MB > ${bound} MB`);
    assert.ok(peak > 1, `${kind}: ${peak} MB`);
  }
});
