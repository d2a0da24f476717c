// Hostile input through the built package: limits, odd encodings, prototype keys, and memory that
// stays flat over many calls (errors included).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parse, safeParse, detect, verify, sign } from "wahook";
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

test("memory stays flat over 100 000 calls, errors included", async () => {
  // The calls and the memory of one instance (the Node entry is a bundle with its own).
  const { safeParse, detect, parse, wasmMemory } = await import("./internal.mjs");
  const wasm = { memory: wasmMemory() };
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

test("a frozen Object.prototype: prototype-named keys in data and raw still parse (child process)", () => {
  const script = `
    Object.freeze(Object.prototype);
    const { parse } = await import("wahook");
    const body = '{"event":"contact_created","payload":{"toString":"a","constructor":"b","valueOf":"c","hasOwnProperty":"d","isPrototypeOf":{"toString":1},"__proto__":{"x":1},"phoneNumber":"1"}}';
    const r = parse(body, { includeRaw: true });
    const { data, raw } = r.events[0];
    console.log(JSON.stringify([data.toString, data.constructor, data.valueOf, data.hasOwnProperty, data.isPrototypeOf.toString, Object.hasOwn(data, "__proto__"), raw.payload.valueOf, Object.getPrototypeOf(data) === Object.prototype]));
  `;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), ["a", "b", "c", "d", 1, true, "c", true]);
});

test("detection: the Green API wrapper needs receiptId and body.typeWebhook", () => {
  const callbell = '{"event":"message_created","payload":{"text":"hi"},"body":{"typeWebhook":"incomingMessageReceived"}}';
  assert.equal(detect(callbell).provider, "callbell");
  assert.equal(detect('{"body":{"typeWebhook":"incomingCall"}}').provider, null);
  assert.equal(detect('{"receiptId":1,"body":{"typeWebhook":"incomingCall"}}').provider, "greenapi");
  assert.equal(detect('{"receiptId":1,"body":{"event":"x"}}').provider, null);
});

test("verify: duplicate token and signature headers are refused alike in every headers form", () => {
  const zapi = { provider: "zapi", token: "good" };
  const forms = (name, a, b) => {
    const h = new Headers(); h.append(name, a); h.append(name, b);
    return [h, [[name, a], [name, b]], { [name]: a, [name.toUpperCase()]: b }, { [name]: [a, b] }, new Map([[name, a], [name.toUpperCase(), b]])];
  };
  for (const [a, b] of [["bad", "good"], ["good", "bad"], ["good", "good"]]) {
    for (const h of forms("z-api-token", a, b)) assert.deepEqual(verify("{}", h, zapi), { ok: false, reason: "mismatch" }, `${a},${b} ${h.constructor.name}`);
  }
  for (const h of forms("authorization", "Bearer bad", "Bearer good")) {
    assert.deepEqual(verify("{}", h, { provider: "greenapi", token: "good" }), { ok: false, reason: "mismatch" });
  }
  const now = 1_790_000_000_000;
  const good = sign("{}", { secret: "whsec_t", timestamp: now / 1000 });
  const other = sign("{}", { secret: "whsec_t", timestamp: now / 1000 + 1 });
  for (const [a, b] of [[good, other], [good, good], ["t=1,v1=00", good]]) {
    for (const h of forms("x-callbell-signature", a, b)) {
      assert.deepEqual(verify("{}", h, { provider: "callbell", secret: "whsec_t", now }), { ok: false, reason: "malformed_header" }, h.constructor.name);
    }
  }
  assert.deepEqual(verify("{}", [["x-callbell-signature", good]], { provider: "callbell", secret: "whsec_t", now }), { ok: true });
  assert.deepEqual(verify("{}", [["z-api-token", "good"], ["origin", "x"]], zapi), { ok: true });
});

test("verify: empty entries in rotation lists are ignored; a list of only empty entries is invalid", () => {
  const now = 1_790_000_000_000;
  const header = sign("{}", { secret: "good", timestamp: now / 1000 });
  assert.deepEqual(verify("{}", { "x-callbell-signature": header }, { provider: "callbell", secret: ["", "good"], now }), { ok: true });
  assert.deepEqual(verify("{}", { "z-api-token": "good" }, { provider: "zapi", token: ["", "good"] }), { ok: true });
  assert.deepEqual(verify("{}", { authorization: "Bearer good" }, { provider: "greenapi", token: ["good", ""] }), { ok: true });
  assert.deepEqual(verify("{}", { "z-api-token": "good" }, { provider: "zapi", token: ["", ""] }), { ok: false, reason: "invalid_options" });
  assert.deepEqual(verify("{}", { "z-api-token": "good" }, { provider: "zapi", token: [] }), { ok: false, reason: "invalid_options" });
});

test("verify: the Callbell tolerance is exact to the millisecond", () => {
  const t = 1_790_000_000;
  const h = { "x-callbell-signature": sign("{}", { secret: "s", timestamp: t }) };
  const at = (now, toleranceSeconds) => verify("{}", h, { provider: "callbell", secret: "s", now, toleranceSeconds }).ok;
  assert.equal(at(t * 1000 + 300_000), true);
  assert.equal(at(t * 1000 + 300_001), false, "now used to be floored to the second");
  assert.equal(at(t * 1000 + 300_999), false);
  assert.equal(at(t * 1000 - 300_000), true);
  assert.equal(at(t * 1000 - 300_001), false);
  assert.equal(at(t * 1000 + 300, 0.3), true, "the tolerance used to be truncated to whole seconds");
  assert.equal(at(t * 1000 + 301, 0.3), false);
  assert.equal(at(t * 1000 + 1005, 1.005), true);
  assert.equal(at(t * 1000, 0), true);
  assert.equal(at(t * 1000 + 1, 0), false);
});

test("a cyclic object body is too_deep; more than 10 000 events is too_large", () => {
  const cyclic = { type: "ReceivedCallback" }; cyclic.self = cyclic;
  assert.equal(code(cyclic), "too_deep");
  const deep = { a: [] }; deep.a.push(deep.a);
  assert.equal(code(deep), "too_deep");
  const ids = '{"type":"MessageStatusCallback","status":"READ","ids":[' + Array.from({ length: 10_001 }, (_, i) => `"m${i}"`).join(",") + "]}";
  assert.equal(code(ids, { maxBytes: 2_000_000 }), "too_large");
});

test("fromRequest: every failure is a WahookError", async () => {
  const { fromRequest, WahookError } = await import("wahook");
  const req = () => new Request("http://127.0.0.1/", { method: "POST", body: '{"typeWebhook":"x"}' });
  const isInvalid = (e) => e instanceof WahookError && e.code === "invalid_input";
  await assert.rejects(fromRequest(req(), 5), isInvalid);
  await assert.rejects(fromRequest(req(), "zapi"), isInvalid);
  await assert.rejects(fromRequest(req(), { maxBytes: -1 }), isInvalid);
  await assert.rejects(fromRequest(null), isInvalid);
  await assert.rejects(fromRequest({}), isInvalid);
  await assert.rejects(fromRequest("http://x"), isInvalid);
  const throwing = { get headers() { throw new Error("boom"); }, body: null, arrayBuffer: async () => new ArrayBuffer(0) };
  await assert.rejects(fromRequest(throwing), isInvalid);
  const badStream = new Request("http://127.0.0.1/", { method: "POST", duplex: "half", body: new ReadableStream({ pull(c) { c.error(new Error("reset")); } }) });
  await assert.rejects(fromRequest(badStream), isInvalid);
  await assert.rejects(fromRequest(req(), { verify: { provider: "zapi" } }), isInvalid);
  await assert.rejects(fromRequest(req(), { verify: 5 }), isInvalid);
  assert.equal((await fromRequest(req())).provider, "greenapi");
});
