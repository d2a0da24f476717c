// wahook/testing: the examples are the fixtures; every builder round-trips through parse for
// generated intents (fast-check); signed requests pass verify and fromRequest, forged, expired
// and unsigned ones fail with the right reason.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { parse, verify, fromRequest, WahookError } from "wahook";
import * as testing from "wahook/testing";
import * as wahook from "wahook";
import { zapi, plugchat, greenapi, callbell, examples, example, merge, signedRequest, forgedRequest, expiredRequest, unsignedRequest, signatureHeaders } from "wahook/testing";
import { fixtures } from "./helpers.mjs";

test("examples are every documented and wire fixture, exactly", () => {
  const all = fixtures();
  assert.equal(examples.length, all.length);
  assert.ok(examples.length > 300);
  assert.deepEqual(new Set(examples.map((e) => e.provider)), new Set(wahook.providers));
  for (const [name, bytes] of all) {
    const m = name.match(/^(wire\/)?([a-z]+)\/(.+)\.json$/);
    const e = example(m[2], m[3]);
    assert.ok(e, name);
    assert.equal(e.source, m[1] ? "wire" : "docs", name);
    assert.equal(e.body, bytes.toString("utf8"), name);
  }
  assert.ok(Object.isFrozen(examples) && Object.isFrozen(examples[0]));
  assert.equal(example("zapi", "nope"), undefined);
});

test("the runtime entry does not load the testing module", async () => {
  const { readFileSync } = await import("node:fs");
  for (const f of ["node.js", "api.js", "browser.js", "deno.js", "workerd.js", "init.js"]) {
    assert.doesNotMatch(readFileSync(new URL(`../pkg/${f}`, import.meta.url), "utf8"), /testing|examples/, f);
  }
});

test("merge: objects merge deeply, arrays and values replace, inputs untouched", () => {
  const a = { x: { y: 1, z: [1, 2] }, k: "v" };
  assert.deepEqual(merge(a, { x: { z: [3] }, n: null }), { x: { y: 1, z: [3] }, k: "v", n: null });
  assert.deepEqual(a, { x: { y: 1, z: [1, 2] }, k: "v" });
  const body = zapi.text({ text: "oi" }, { image: { caption: "c" }, senderName: "Ana" });
  assert.equal(body.text.message, "oi");
  assert.equal(body.senderName, "Ana");
  assert.equal(parse(greenapi.text({}, { senderData: { senderName: "Olga" } })).events[0].sender.name, "Olga");
  assert.equal(greenapi.text({}, { senderData: { senderName: "Olga" } }).senderData.chatId, "79001234568@c.us");
});

test("every builder's default body parses without warnings", () => {
  let n = 0;
  for (const p of ["zapi", "plugchat", "greenapi", "callbell"]) {
    for (const [kind, build] of Object.entries(testing[p])) {
      const r = parse(build(), { provider: p });
      assert.deepEqual(r.warnings, [], `${p}.${kind}`);
      assert.equal(r.events.length, 1, `${p}.${kind}`);
      assert.notEqual(r.events[0].type, "unknown", `${p}.${kind}`);
      n++;
    }
  }
  assert.equal(n, 8 + 10 + 5 + 3);
});

// Arbitraries for intents.
const phone = fc.stringMatching(/^[1-9][0-9]{9,13}$/);
const id = fc.stringMatching(/^[A-Z0-9]{8,32}$/);
const text = fc.string({ minLength: 1, maxLength: 200, unit: "grapheme" }).filter((s) => s.trim() === s && s.length > 0);
const ms = fc.integer({ min: 1_500_000_000_000, max: 2_000_000_000_000 });
const sec = ms.map((t) => t - (t % 1000));
const name = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.length > 0);
const url = fc.webUrl({ withQueryParameters: true });
const runs = { numRuns: 150 };
const one = (body, provider) => {
  const r = parse(body, { provider });
  assert.deepEqual(r.warnings, []);
  assert.equal(r.events.length, 1);
  return r.events[0];
};

for (const p of ["zapi", "plugchat"]) {
  const b = testing[p];
  test(`${p}: builders round-trip`, () => {
    fc.assert(fc.property(phone, id, text, ms, name, fc.boolean(), (from, mid, t, timestamp, n, fromMe) => {
      const e = one(b.text({ from, id: mid, text: t, timestamp, name: n, fromMe }), p);
      assert.equal(e.provider, p);
      assert.equal(e.messageId, mid);
      assert.equal(e.chat.phone, from);
      assert.equal(e.content.kind, "text");
      assert.equal(e.content.text, t);
      assert.equal(e.timestamp, timestamp);
      assert.equal(e.direction, fromMe ? "outbound" : "inbound");
      if (!fromMe) assert.equal(e.sender.name, n);
    }), runs);
    fc.assert(fc.property(phone, id, url, text, fc.constantFrom("image/jpeg", "image/png", "image/webp"), (from, mid, u, caption, mimeType) => {
      const e = one(b.image({ from, id: mid, url: u, caption, mimeType }), p);
      assert.deepEqual([e.messageId, e.chat.phone, e.content.kind, e.content.url, e.content.caption, e.content.mimeType], [mid, from, "image", u, caption, mimeType]);
    }), runs);
    const statuses = { sent: ["sent", "recipient"], delivered: ["delivered", "recipient"], read: ["read", "recipient"], played: ["played", "recipient"], readBySelf: ["read", "self"] };
    fc.assert(fc.property(fc.uniqueArray(id, { minLength: 1, maxLength: 5 }), fc.constantFrom(...Object.keys(statuses)), phone, ms, (ids, status, ph, timestamp) => {
      const r = parse(b.status({ ids, status, phone: ph, timestamp }), { provider: p });
      assert.deepEqual(r.warnings, []);
      assert.deepEqual(r.events.map((e) => e.messageId), ids);
      for (const e of r.events) {
        assert.deepEqual([e.type, e.status, e.actor, e.chat.phone, e.timestamp], ["status", ...statuses[status], ph, timestamp]);
      }
    }), runs);
    fc.assert(fc.property(id, phone, ms, (mid, ph, timestamp) => {
      const e = one(b.delivery({ id: mid, phone: ph, timestamp }), p);
      assert.deepEqual([e.type, e.messageId, e.status, e.chat.phone, e.timestamp], ["status", mid, "accepted", ph, timestamp]);
    }), runs);
    fc.assert(fc.property(phone, fc.constantFrom("available", "unavailable", "composing", "recording", "paused"), (ph, presence) => {
      const e = one(b.presence({ phone: ph, presence }), p);
      assert.deepEqual([e.type, e.chat.phone, e.presence], ["presence", ph, presence]);
    }), runs);
    fc.assert(fc.property(phone, ms, id, (ph, timestamp, instanceId) => {
      const c = one(b.connected({ phone: ph, timestamp, instanceId }), p);
      assert.deepEqual([c.type, c.state, c.phone, c.timestamp, c.instanceId], ["connection", "connected", ph, timestamp, instanceId]);
      const d = one(b.disconnected({ timestamp, error: `lost ${ph}` }), p);
      assert.deepEqual([d.state, d.reason, d.timestamp], ["disconnected", `lost ${ph}`, timestamp]);
    }), runs);
    fc.assert(fc.property(phone, id, id, ms, (from, mid, callId, timestamp) => {
      const e = one(b.notification({ from, id: mid, callId, timestamp, notification: "CALL_MISSED_VOICE" }), p);
      assert.deepEqual([e.type, e.state, e.callId, e.chat.phone, e.timestamp], ["call", "missed", callId, from, timestamp]);
    }), runs);
  });
}

test("plugchat: attendances round-trip", () => {
  const msg = fc.record({ id, text, fromMe: fc.boolean(), timestamp: ms });
  fc.assert(fc.property(fc.integer({ min: 1, max: 10 ** 9 }), name, phone, name, name, ms, fc.uniqueArray(msg, { selector: (m) => m.id, maxLength: 4 }), (number, cname, cphone, department, operator, requestTime, messages) => {
    const e = one(plugchat.attendanceStarted({ number, customer: { name: cname, phone: cphone }, department, operator, requestTime, messages }), "plugchat");
    assert.deepEqual([e.type, e.name, e.timestamp, e.chat.phone], ["system", "attendance.started", requestTime, cphone]);
    assert.deepEqual([e.data.attendanceNumber, e.data.customer, e.data.department, e.data.operator], [String(number), { name: cname, phone: cphone }, department, operator]);
    const sorted = [...messages].sort((a, b) => a.timestamp - b.timestamp);
    assert.deepEqual(new Set(e.data.messages.map((m) => m.messageId)), new Set(sorted.map((m) => m.id)));
    for (const m of e.data.messages) {
      const src = messages.find((x) => x.id === m.messageId);
      assert.deepEqual([m.content.text, m.direction, m.timestamp], [src.text, src.fromMe ? "outbound" : "inbound", src.timestamp]);
    }
    const f = one(plugchat.attendanceFinished({ number, customer: { name: cname, phone: cphone }, finishBy: operator, endTime: requestTime + 5000, category: { id: "c1", name: cname, color: "#000" } }), "plugchat");
    assert.deepEqual([f.name, f.timestamp, f.data.operator, f.data.endTime, f.data.categories[0].name], ["attendance.finished", requestTime + 5000, operator, requestTime + 5000, cname]);
  }), runs);
});

test("greenapi: builders round-trip", () => {
  fc.assert(fc.property(phone, id, text, sec, name, fc.integer({ min: 1, max: 9_999_999_999 }), (from, mid, t, timestamp, n, instanceId) => {
    const e = one(greenapi.text({ from, id: mid, text: t, timestamp, name: n, instanceId }), "greenapi");
    assert.deepEqual([e.messageId, e.chat.id, e.chat.phone, e.content.text, e.timestamp, e.sender.name, e.instanceId], [mid, `${from}@c.us`, from, t, timestamp, n, String(instanceId)]);
  }), runs);
  fc.assert(fc.property(phone, id, url, text, (from, mid, u, caption) => {
    const e = one(greenapi.image({ from, id: mid, url: u, caption }), "greenapi");
    assert.deepEqual([e.messageId, e.chat.phone, e.content.kind, e.content.url, e.content.caption], [mid, from, "image", u, caption]);
  }), runs);
  const statuses = { sent: "sent", delivered: "delivered", read: "read", failed: "failed", noAccount: "failed" };
  fc.assert(fc.property(id, fc.constantFrom(...Object.keys(statuses)), phone, sec, (mid, status, chat, timestamp) => {
    const e = one(greenapi.status({ id: mid, status, chatId: chat, timestamp, description: status === "failed" ? "SWE004: too many" : undefined }), "greenapi");
    assert.deepEqual([e.type, e.messageId, e.status, e.rawStatus, e.chat.phone, e.timestamp], ["status", mid, statuses[status], status, chat, timestamp]);
    if (e.status === "failed") assert.ok(e.error);
  }), runs);
  const states = { authorized: "connected", notAuthorized: "unauthorized", blocked: "blocked", starting: "starting", sleepMode: "sleeping" };
  fc.assert(fc.property(fc.constantFrom(...Object.keys(states)), sec, (state, timestamp) => {
    const e = one(greenapi.stateChanged({ state, timestamp }), "greenapi");
    assert.deepEqual([e.type, e.state, e.rawState, e.timestamp], ["connection", states[state], state, timestamp]);
  }), runs);
  fc.assert(fc.property(phone, id, fc.constantFrom("offer", "pickUp", "hangUp", "missed", "declined"), sec, (from, callId, status, timestamp) => {
    const e = one(greenapi.call({ from, id: callId, status, timestamp }), "greenapi");
    assert.deepEqual([e.type, e.callId, e.from.phone, e.rawState, e.timestamp], ["call", callId, from, status, timestamp]);
    assert.notEqual(e.state, "unknown");
  }), runs);
});

test("callbell: builders round-trip", () => {
  fc.assert(fc.property(phone, phone, id, text, sec, name, (from, to, uuid, t, timestamp, n) => {
    const e = one(callbell.messageCreated({ from, to, uuid, text: t, timestamp, name: n }), "callbell");
    assert.deepEqual([e.messageId, e.direction, e.chat.phone, e.sender.phone, e.content.text, e.timestamp], [uuid, "inbound", from, from, t, timestamp]);
    const out = one(callbell.messageCreated({ from: to, to: from, uuid, text: t, timestamp, status: "sent" }), "callbell");
    assert.deepEqual([out.direction, out.chat.phone], ["outbound", from]);
  }), runs);
  fc.assert(fc.property(id, fc.constantFrom("sent", "delivered", "read"), phone, sec, (uuid, status, ph, timestamp) => {
    const e = one(callbell.messageStatusUpdated({ uuid, status, phone: ph, timestamp }), "callbell");
    assert.deepEqual([e.type, e.messageId, e.status, e.chat.phone, e.timestamp], ["status", uuid, status, ph, timestamp]);
  }), runs);
  fc.assert(fc.property(id, name, phone, sec, (uuid, n, ph, timestamp) => {
    const e = one(callbell.contactCreated({ uuid, name: n, phone: ph, timestamp }), "callbell");
    assert.deepEqual([e.name, e.chat.phone, e.timestamp, e.data.uuid, e.data.name], ["contact.created", ph, timestamp, uuid, n]);
  }), runs);
});

test("builders reject statuses they cannot write", () => {
  assert.throws(() => zapi.status({ status: "seen" }), /status must be one of/);
  assert.throws(() => greenapi.status({ status: "READ" }), /status must be one of/);
});

const cases = [
  ["callbell", callbell.messageCreated(), { secret: "whsec_test_secret" }],
  ["greenapi", greenapi.text(), { token: "green-token" }],
  ["zapi", zapi.text(), { token: "F1a2b3c4d5e6" }],
  ["plugchat", plugchat.attendanceStarted(), { token: "plug-token" }],
];

for (const [provider, body, cred] of cases) {
  test(`${provider}: signed requests pass verify and fromRequest; forged, unsigned${provider === "callbell" ? ", expired" : ""} fail`, async () => {
    const opts = { provider, ...cred };
    const req = signedRequest(body, opts);
    assert.ok(req instanceof Request);
    assert.equal(req.method, "POST");
    assert.equal(req.url, "http://127.0.0.1/webhook");
    assert.equal(req.headers.get("content-type"), "application/json");
    const bytes = new Uint8Array(await req.clone().arrayBuffer());
    assert.deepEqual(JSON.parse(new TextDecoder().decode(bytes)), body);
    assert.deepEqual(verify(bytes, req.headers, opts), { ok: true });
    const r = await fromRequest(req, { provider, verify: opts });
    assert.equal(r.provider, provider);
    assert.equal(r.events.length, 1);

    const bad = [["mismatch", forgedRequest(body, opts)], ["missing_header", unsignedRequest(body, opts)]];
    if (provider === "callbell") bad.push(["expired", expiredRequest(body, opts)]);
    else assert.throws(() => expiredRequest(body, opts), /do not expire/);
    for (const [reason, request] of bad) {
      const b = new Uint8Array(await request.clone().arrayBuffer());
      assert.deepEqual(verify(b, request.headers, opts), { ok: false, reason }, reason);
      await assert.rejects(fromRequest(request, { provider, verify: opts }), (e) => e instanceof WahookError && e.code === "unauthorized" && e.reason === reason);
    }
  });
}

test("signed requests: url, timestamp, string bodies, custom header, argument errors", async () => {
  const body = JSON.stringify(callbell.contactCreated());
  const req = signedRequest(body, { provider: "callbell", secret: "s", url: "http://localhost:8787/hooks/callbell", timestamp: 1700000000 });
  assert.equal(req.url, "http://localhost:8787/hooks/callbell");
  assert.equal(await req.clone().text(), body);
  assert.match(req.headers.get("x-callbell-signature"), /^t=1700000000,v1=[0-9a-f]{64}$/);
  assert.deepEqual(verify(body, req.headers, { provider: "callbell", secret: "s", now: 1700000100 * 1000 }), { ok: true });
  assert.deepEqual(verify(body, req.headers, { provider: "callbell", secret: "s", now: 1700001000 * 1000 }), { ok: false, reason: "expired" });
  assert.deepEqual(signatureHeaders(body, { provider: "zapi", token: "t", header: "X-Token" }), { "x-token": "t" });
  assert.deepEqual(signatureHeaders(body, { provider: "greenapi", token: "t" }), { authorization: "Bearer t" });
  const custom = signedRequest(body, { provider: "zapi", token: "t", header: "x-token" });
  assert.deepEqual(verify(body, custom.headers, { provider: "zapi", token: "t", header: "x-token" }), { ok: true });
  assert.throws(() => signedRequest(body, { provider: "callbell", token: "x" }), /options.secret/);
  assert.throws(() => signedRequest(body, { provider: "whatsapp", token: "x" }), /options.provider/);
  assert.throws(() => signedRequest(body), /options/);
  assert.throws(() => signedRequest(42, { provider: "zapi", token: "x" }), /body/);
});
