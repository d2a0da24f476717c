// Hostile input through the built package: limits, odd encodings, prototype keys, and memory that
// stays flat over many calls (errors included).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, safeParse, detect, verify } from "wahook";
import { initSync } from "wahook/init";
import { fixtures, root } from "./helpers.mjs";

const CODES = ["invalid_json", "invalid_encoding", "not_an_object", "unknown_provider", "provider_mismatch", "too_large", "too_deep", "invalid_input"];
const code = (body, options) => { const r = safeParse(body, options); return r.ok ? "ok" : r.error.code; };
const enc = new TextEncoder();

test("limits: depth, size, long strings and arrays, numbers out of range", () => {
  assert.equal(code("[".repeat(1_000_000)), "too_deep");
  assert.equal(code('{"typeWebhook":"x","a":' + "[".repeat(127) + "]".repeat(127) + "}"), "ok");
  assert.equal(code('{"typeWebhook":"x","a":' + "[".repeat(128) + "]".repeat(128) + "}"), "too_deep");
  assert.equal(code('{"a":'.repeat(200)), "too_deep");
  assert.equal(code("{".repeat(200)), "invalid_json");
  const big = '{"typeWebhook":"x","pad":"' + "x".repeat(2_000_000) + '"}';
  assert.equal(code(big), "too_large");
  assert.equal(code(big, { maxBytes: 4_000_000 }), "ok");
  const arr = '{"type":"MessageStatusCallback","status":"READ","ids":[' + Array.from({ length: 10_000 }, (_, i) => `"m${i}"`).join(",") + "]}";
  const r = parse(arr, { maxBytes: 2_000_000 });
  assert.equal(r.events.length, 10_000);
  assert.equal(new Set(r.events.map((e) => e.dedupeKey)).size, 10_000);
  // A 1 MB body of ids would fan out into ~128 000 events: too_large, not 170 MB of memory.
  const huge = '{"type":"MessageStatusCallback","status":"READ","ids":[' + Array.from({ length: 120_000 }, (_, i) => `"${i}"`).join(",") + "]}";
  assert.equal(code(huge), "too_large");
  const n = parse('{"type":"ReceivedCallback","phone":"1","momment":1e400,"location":{"latitude":-1e999,"longitude":1e-400}}');
  assert.equal(n.events[0].timestamp, null);
  assert.equal(n.events[0].content.latitude, null);
  assert.equal(n.events[0].content.longitude, 0);
  assert.ok(n.warnings.some((w) => w.path === "momment"));
  const keys = '{"event":"contact_created","payload":{' + Array.from({ length: 20_000 }, (_, i) => `"k${i % 5000}":${i}`).join(",") + "}}";
  const sys = parse(keys);
  assert.equal(Object.keys(sys.events[0].data).length, 5000);
  assert.equal(sys.events[0].data.k0, 15000);
});

test("includeRaw on a large fan-out does not multiply the body", () => {
  const ids = Array.from({ length: 10_000 }, (_, i) => `"m${i}"`).join(",");
  const body = `{"type":"MessageStatusCallback","status":"READ","momment":1632234645000,"phone":"1","pad":"${"x".repeat(700_000)}","ids":[${ids}]}`;
  const t0 = performance.now();
  const r = parse(body, { includeRaw: true });
  assert.ok(performance.now() - t0 < 5000);
  assert.equal(r.events.length, 10_000);
  assert.ok(r.events.filter((e) => "raw" in e).length <= 8);
  assert.deepEqual(r.warnings.map((w) => w.code), ["raw_omitted"]);
});

test("encodings: BOM, NUL, lone surrogates, invalid UTF-8", () => {
  assert.equal(code(Uint8Array.from([0xef, 0xbb, 0xbf, ...enc.encode('{"typeWebhook":"x"}')])), "ok");
  assert.equal(code('\ufeff{"typeWebhook":"x"}'), "ok");
  assert.equal(code('{"typeWebhook":"x\u0000"}'), "invalid_json");
  assert.equal(parse('{"type":"ReceivedCallback","phone":"1","text":{"message":"a\\u0000b"}}').events[0].content.text, "a\u0000b");
  const lone = parse('{"type":"ReceivedCallback","phone":"1","messageId":"m","momment":1632234645000,"text":{"message":"\\udc00\\ud800"}}');
  assert.equal(lone.events[0].content.text, "\ufffd\ufffd");
  assert.deepEqual(lone.warnings.map((w) => w.code), ["lone_surrogate"]);
  for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xe2, 0x82]]) {
    assert.equal(code(Uint8Array.from([...enc.encode('{"typeWebhook":"'), ...bad, ...enc.encode('"}')])), "invalid_encoding", bad.join(","));
  }
  // A string with a lone surrogate becomes U+FFFD on its way into wasm (TextEncoder semantics).
  assert.equal(parse('{"type":"ReceivedCallback","phone":"1","text":{"message":"\ud800"}}').events[0].content.text, "\ufffd");
});

test("prototype keys never pollute, in data and raw", () => {
  const body = '{"event":"contact_created","payload":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"prototype":{"polluted":1},"phoneNumber":"1"}}';
  const r = parse(body, { includeRaw: true });
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
  const { data, raw } = r.events[0];
  for (const o of [data, raw, raw.payload, data.__proto__]) assert.equal(Object.getPrototypeOf(o), Object.prototype);
  assert.ok(Object.hasOwn(data, "__proto__"));
  assert.equal(data.constructor.prototype.polluted, 1);
  assert.equal(typeof {}.constructor, "function");
});

test("arbitrary JS values as body or options never throw from safeParse/detect/verify", () => {
  const values = [undefined, null, 0, NaN, -0, 1n, true, Symbol("s"), () => 1, [], [1], {}, new Date(0), new Map(), new Set(), new ArrayBuffer(0), new Uint16Array(4), new DataView(new ArrayBuffer(2)), Object.create(null), new Proxy({}, {}), "x".repeat(10)];
  for (const body of values) {
    for (const options of [undefined, null, {}, { provider: 1 }, { maxBytes: -1 }, { maxBytes: Infinity }, { headers: 5 }, { headers: [[1, 2]] }, { includeRaw: 1 }, values]) {
      const r = safeParse(body, options);
      assert.ok(r.ok === true || CODES.includes(r.error.code), String(r.error && r.error.code));
      const d = detect(body, options);
      assert.equal(typeof d.reason, "string");
      const v = verify(body, options, options);
      assert.equal(typeof v.ok, "boolean");
    }
  }
});

test("exotic inputs become WahookErrors, not raw exceptions", async () => {
  const buf = new ArrayBuffer(8);
  structuredClone(buf, { transfer: [buf] });   // detaches buf
  assert.throws(() => parse(buf), (e) => e.name === "WahookError" && CODES.includes(e.code));
  const req = new Request("http://x/", { method: "POST", body: "{}" });
  await req.text();   // the body is used up
  const { fromRequest } = await import("wahook");
  await assert.rejects(fromRequest(req), (e) => e.name === "WahookError" && e.code === "invalid_input");
  assert.equal(detect(new Map([["z-api-token", "x"]]), {}).provider, null);
  assert.equal(detect('{"type":"MessageStatusCallback"}', { headers: new Map([["Z-API-Token", "x"]]) }).detectedBy, "headers");
});

test("memory stays flat over 100 000 calls, errors included", () => {
  const wasm = initSync({ module: readFileSync(join(root, "pkg", "wahook_bg.wasm")) });
  const bodies = fixtures().map(([, b]) => new Uint8Array(b));
  const strings = bodies.map((b) => new TextDecoder().decode(b));
  const bad = ["{", "[1]", '{"x":1}', "\ufeff", "{".repeat(300)];
  const round = (i) => {
    const j = i % bodies.length;
    switch (i % 5) {
      case 0: return safeParse(bodies[j]);
      case 1: return safeParse(strings[j], { includeRaw: true });
      case 2: return safeParse(bad[i % bad.length]);
      case 3: return detect(bodies[j]);
      default: return safeParse(JSON.parse(strings[j]));
    }
  };
  for (let i = 0; i < 5_000; i++) round(i);
  const before = wasm.memory.buffer.byteLength;
  for (let i = 0; i < 100_000; i++) round(i);
  assert.equal(wasm.memory.buffer.byteLength, before, "wasm memory grew");
  assert.equal(parse(bodies[0]).events.length > 0, true);
});
