// The JS API of the built package (imported by name through its exports map): errors, options,
// input forms, detection, raw objects, prototype safety, verification, fromRequest and the CLI.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as wahook from "wahook";
import { parse, safeParse, detect, verify, sign, fromRequest, version, WahookError } from "wahook";
import { root, fixturesDir } from "./helpers.mjs";

const fixture = (name) => readFileSync(join(fixturesDir, name));
const statusBody = { type: "MessageStatusCallback", instanceId: "i", status: "READ", ids: ["a", "b", "c"], momment: 1632234645000, phone: "5544999999999" };

test("exports", () => {
  assert.deepEqual(Object.keys(wahook).sort(), ["WahookError", "createHandler", "detect", "eventNames", "fromRequest", "isNewer", "parse", "providerTitles", "providers", "safeParse", "sign", "signatureHeaders", "toNodeListener", "verification", "verify", "version"]);
  assert.equal(version, JSON.parse(readFileSync(join(root, "pkg", "package.json"), "utf8")).version);
  assert.ok(new WahookError({ code: "too_deep", message: "x" }) instanceof Error);
});

test("invalid JSON throws a WahookError with line and column in code points", () => {
  const e = assert.throws(() => parse('{\n  "é": ü\n}'), WahookError);
  let err;
  try { parse('{\n  "é": ü\n}'); } catch (x) { err = x; }
  assert.equal(err.code, "invalid_json");
  assert.equal(err.line, 2);
  assert.equal(err.column, 8);
  assert.match(err.message, /line 2, column 8/);
  assert.equal(err.name, "WahookError");
  const s = safeParse('{\n  "é": ü\n}');
  assert.deepEqual(s, { ok: false, error: { code: "invalid_json", message: err.message, line: 2, column: 8, reason: null } });
});

test("every SPEC error code", () => {
  const code = (body, options) => { const r = safeParse(body, options); assert.equal(r.ok, false); return r.error.code; };
  assert.equal(code(""), "invalid_json");
  assert.equal(code("[1,2]"), "not_an_object");
  assert.equal(code([1, 2]), "not_an_object");
  assert.equal(code({ hello: "world" }), "unknown_provider");
  assert.equal(code(fixture("callbell/message-status-updated.json"), { provider: "greenapi" }), "provider_mismatch");
  assert.equal(code(Uint8Array.from([0x7b, 0x22, 0xff, 0x22, 0x7d])), "invalid_encoding");
  assert.equal(code("[".repeat(5000) + "]".repeat(5000)), "too_deep");
  assert.equal(code(JSON.stringify(statusBody), { maxBytes: 10 }), "too_large");
  assert.equal(code(new Uint8Array(2000), { maxBytes: 1000 }), "too_large");
  // A string is measured in UTF-8 bytes: 600 "é" are 1200 bytes.
  assert.equal(code(`{"typeWebhook":"${"é".repeat(600)}"}`, { maxBytes: 1000 }), "too_large");
  assert.equal(code(42), "invalid_input");
  assert.equal(code(null), "invalid_input");
  assert.equal(code(statusBody, { provider: "whatsapp" }), "invalid_input");
  assert.equal(code(statusBody, { maxBytes: "big" }), "invalid_input");
  assert.equal(code(statusBody, { includeRaw: "yes" }), "invalid_input");
  assert.equal(code(statusBody, "zapi"), "invalid_input");
  const cyclic = {}; cyclic.self = cyclic;
  assert.equal(code(cyclic), "too_deep");   // SPEC: a cyclic object nests past any depth (issue 21)
});

test("input forms give the same result", () => {
  const text = JSON.stringify(statusBody);
  const bytes = new TextEncoder().encode(text);
  const a = parse(bytes), b = parse(text), c = parse(bytes.buffer), d = parse(statusBody), e = parse(Buffer.from(text)), f = parse(new DataView(bytes.buffer));
  for (const x of [b, c, d, e, f]) assert.deepEqual(x, a);
  assert.deepEqual(a.events.map((e) => e.messageId), ["a", "b", "c"]);
  assert.equal(new Set(a.events.map((e) => e.dedupeKey)).size, 3);
});

test("ids above 2^53 keep every digit from bytes and strings", () => {
  const r = parse('{"type":"MessageStatusCallback","status":"SENT","ids":[999999999999999999999],"momment":1632234645000}');
  assert.equal(r.events[0].messageId, "999999999999999999999");
  assert.ok(r.warnings.some((w) => w.code === "invalid_type" && w.path === "ids"));
});

test("detect never throws", () => {
  assert.deepEqual(detect(fixture("zapi/message-status-read.json")), { provider: "zapi", ambiguous: true, detectedBy: "shape", providerEvent: "MessageStatusCallback", reason: detect(fixture("zapi/message-status-read.json")).reason });
  const h = detect(fixture("zapi/message-status-read.json"), { headers: new Headers({ "Z-API-Token": "x" }) });
  assert.equal(h.detectedBy, "headers");
  assert.equal(detect(fixture("zapi/message-status-read.json"), { headers: [["origin", "https://api.z-api.io"]] }).detectedBy, "headers");
  for (const bad of ["nope", 5, null, undefined, "[]", { hi: 1 }]) {
    const d = detect(bad);
    assert.equal(d.provider, null);
    assert.equal(d.detectedBy, null);
    assert.ok(d.reason.length > 0);
  }
  assert.match(detect({ hi: 1 }).reason, /^unknown_provider/);
});

test("includeRaw attaches plain source objects and never pollutes prototypes", () => {
  const body = '{"type":"ReceivedCallback","phone":"1","text":{"message":"x"},"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
  const r = parse(body, { includeRaw: true });
  assert.equal({}.polluted, undefined);
  const raw = r.events[0].raw;
  assert.equal(Object.getPrototypeOf(raw), Object.prototype);
  assert.ok(Object.prototype.hasOwnProperty.call(raw, "__proto__"));
  assert.equal(raw.text.message, "x");
  assert.equal("raw" in parse(body).events[0], false);
  const sys = parse('{"type":"ReceivedCallback","phone":"1","notification":"GROUP_CREATE","__proto__":{"polluted":1}}');
  assert.equal(Object.getPrototypeOf(sys.events[0].data), Object.prototype);
  assert.equal({}.polluted, undefined);
});

test("the instance stays usable after errors", () => {
  for (let i = 0; i < 100; i++) safeParse("{".repeat(i % 200));
  assert.equal(parse(statusBody).events.length, 3);
});

const callbellBody = fixture("callbell/message-status-updated.json");
function nodeSignature(body, secret, t) {
  return createHmac("sha256", secret).update(`${t}.`).update(body).digest("hex");
}

test("verify: Callbell signatures computed with node:crypto", () => {
  const t = 1790000000, now = t * 1000;
  const header = `t=${t},v1=${nodeSignature(callbellBody, "whsec_test", t)}`;
  assert.equal(sign(callbellBody, { secret: "whsec_test", timestamp: t }), header);
  const opts = { provider: "callbell", secret: "whsec_test", now };
  assert.deepEqual(verify(callbellBody, { "X-Callbell-Signature": header }, opts), { ok: true });
  assert.deepEqual(verify(callbellBody, new Headers({ "x-callbell-signature": header }), opts), { ok: true });
  assert.deepEqual(verify(new TextDecoder().decode(callbellBody), [["X-CALLBELL-SIGNATURE", header]], opts), { ok: true });
  const flipped = Uint8Array.from(callbellBody); flipped[20] ^= 1;
  assert.deepEqual(verify(flipped, { "x-callbell-signature": header }, opts), { ok: false, reason: "mismatch" });
  assert.deepEqual(verify(callbellBody, { "x-callbell-signature": header }, { ...opts, now: now + 301000 }), { ok: false, reason: "expired" });
  assert.deepEqual(verify(callbellBody, { "x-callbell-signature": header }, { ...opts, now: now - 301000 }), { ok: false, reason: "expired" });
  assert.deepEqual(verify(callbellBody, { "x-callbell-signature": header }, { ...opts, secret: ["whsec_old", "whsec_test"] }), { ok: true });
  assert.deepEqual(verify(callbellBody, { "x-callbell-signature": header }, { ...opts, secret: "whsec_wrong" }), { ok: false, reason: "mismatch" });
  assert.deepEqual(verify(callbellBody, {}, opts), { ok: false, reason: "missing_header" });
  assert.deepEqual(verify(callbellBody, { "x-callbell-signature": "v1=abc" }, opts), { ok: false, reason: "malformed_header" });
  assert.deepEqual(verify(callbellBody, { "x-callbell-signature": header }, { provider: "callbell" }), { ok: false, reason: "invalid_options" });
  assert.deepEqual(verify(callbellBody, { "x-callbell-signature": header }, null), { ok: false, reason: "invalid_options" });
});

test("verify: WAHA X-Webhook-Hmac (documented example, node:crypto, rotation, tampering)", () => {
  // WAHA's documented example (waha-docs, events page, "HMAC authentication").
  const doc = '{"event":"message","session":"default","engine":"WEBJS"}';
  const documented = "208f8a55dde9e05519e898b10b89bf0d0b3b0fdf11fdbf09b6b90476301b98d8097c462b2b17a6ce93b6b47a136cf2e78a33a63f6752c2c1631777076153fa89";
  const h = { "X-Webhook-Hmac": documented, "X-Webhook-Hmac-Algorithm": "sha512", "X-Webhook-Timestamp": "1" };
  assert.deepEqual(verify(doc, h, { provider: "waha", secret: "my-secret-key" }), { ok: true });
  assert.deepEqual(verify(new TextEncoder().encode(doc), new Headers(h), { provider: "waha", secret: ["old", "my-secret-key"] }), { ok: true });
  const body = fixture("waha/message-text.json");
  const mac = createHmac("sha512", "k").update(body).digest("hex");
  assert.deepEqual(verify(body, { "x-webhook-hmac": mac }, { provider: "waha", secret: "k" }), { ok: true });
  const flipped = Uint8Array.from(body); flipped[10] ^= 1;
  assert.deepEqual(verify(flipped, { "x-webhook-hmac": mac }, { provider: "waha", secret: "k" }), { ok: false, reason: "mismatch" });
  assert.deepEqual(verify(body, { "x-webhook-hmac": mac, "x-webhook-hmac-algorithm": "sha256" }, { provider: "waha", secret: "k" }), { ok: false, reason: "malformed_header" });
  assert.deepEqual(verify(body, {}, { provider: "waha", secret: "k" }), { ok: false, reason: "missing_header" });
  assert.deepEqual(verify(body, { "x-webhook-hmac": mac }, { provider: "waha", token: "k" }), { ok: false, reason: "invalid_options" });
});

test("verify: Green API bearer and Z-API token headers", () => {
  assert.deepEqual(verify("{}", { Authorization: "Bearer tok" }, { provider: "greenapi", token: "tok" }), { ok: true });
  assert.deepEqual(verify("{}", { authorization: "tok" }, { provider: "greenapi", token: ["a", "tok"] }), { ok: true });
  assert.deepEqual(verify("{}", { authorization: "Bearer no" }, { provider: "greenapi", token: "tok" }), { ok: false, reason: "mismatch" });
  assert.deepEqual(verify("{}", { "z-api-token": "tok" }, { provider: "zapi", token: "tok" }), { ok: true });
  assert.deepEqual(verify("{}", { "x-custom": "tok" }, { provider: "plugchat", token: "tok", header: "X-Custom" }), { ok: true });
  assert.deepEqual(verify("{}", {}, { provider: "zapi", token: "tok" }), { ok: false, reason: "missing_header" });
});

test("fromRequest reads the body once, passes headers, verifies first", async () => {
  const body = fixture("zapi/message-status-read.json");
  const req = () => new Request("http://localhost/hook", { method: "POST", body, headers: { "z-api-token": "tok" } });
  const r = await fromRequest(req());
  assert.equal(r.detectedBy, "headers");
  assert.equal(r.events[0].status, "read");
  assert.equal((await fromRequest(req(), { verify: { provider: "zapi", token: "tok" } })).events.length, 1);
  await assert.rejects(fromRequest(req(), { verify: { provider: "zapi", token: "other" } }), (e) => e instanceof WahookError && e.code === "unauthorized" && e.reason === "mismatch");
  await assert.rejects(fromRequest(new Request("http://x/", { method: "POST", body: "nope" })), (e) => e.code === "invalid_json");
});

test("CLI: files, stdin, --detect, exit code 1 with the error code", () => {
  const cli = join(root, "pkg", "cli.js");
  const out = JSON.parse(execFileSync("node", [cli, join(fixturesDir, "greenapi/incoming-text.json")], { encoding: "utf8" }));
  assert.equal(out.events[0].content.text, "I use Green-API to send this message to you!");
  const piped = JSON.parse(execFileSync("node", [cli, "--provider", "plugchat"], { input: JSON.stringify(statusBody), encoding: "utf8" }));
  assert.equal(piped.provider, "plugchat");
  const det = JSON.parse(execFileSync("node", [cli, "--detect", join(fixturesDir, "callbell/contact-created.json")], { encoding: "utf8" }));
  assert.equal(det.providerEvent, "contact_created");
  const bad = spawnSync("node", [cli], { input: "{oops", encoding: "utf8" });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^error: invalid_json: /);
});
