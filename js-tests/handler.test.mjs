// createHandler in Node: the shared scenarios behind http.createServer(toNodeListener(...)), behind
// Express and Fastify, plus configuration errors, isNewer, eventNames and streamed bodies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import express from "express";
import Fastify from "fastify";
import * as wahook from "wahook";
import { createHandler, toNodeListener, isNewer, eventNames, parse, sign } from "wahook";
import { fixtures, expected, root } from "./helpers.mjs";
import { scenarios } from "./handler-scenarios.mjs";
import { generate } from "../scripts/gen-names.mjs";

const listen = (server) => new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));

const servers = {
  "http.createServer": async (handler) => {
    const server = createServer(toNodeListener(handler));
    const port = await listen(server);
    return { base: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
  },
  Express: async (handler) => {
    const app = express();
    app.all("/{*path}", toNodeListener(handler));
    const server = createServer(app);
    const port = await listen(server);
    return { base: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
  },
  Fastify: async (handler) => {
    const app = Fastify();
    // Keep the raw bytes: Fastify's default JSON parser would consume them.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 16 << 20 }, (req, body, done) => done(null, body));
    app.route({ method: ["GET", "POST", "PUT"], url: "/*", handler: toNodeListener(handler) });
    await app.listen({ port: 0, host: "127.0.0.1" });
    return { base: `http://127.0.0.1:${app.server.address().port}`, close: () => app.close() };
  },
};

for (const [label, serve] of Object.entries(servers)) {
  for (const [name, fn] of Object.entries(scenarios({ wahook, serve, fixtures: fixtures(), expected }))) {
    test(`${label}: ${name}`, fn);
  }
}

test("the Fetch handler called directly, with env and ctx passed to the handlers", async () => {
  const seen = [];
  const handler = createHandler({ on: { "message.text": (e, c) => seen.push([e.content.text, c.env.KEY, c.ctx.id]) } });
  const body = readFileSync(join(root, "tests/fixtures/zapi/received-text.json"));
  const res = await handler(new Request("http://localhost/hook", { method: "POST", body }), { KEY: "k" }, { id: 7 });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
  assert.deepEqual(seen, [[parse(body).events[0].content.text, "k", 7]]);
});

test("a streamed body over maxBytes without Content-Length: 413, the stream is cancelled", async () => {
  let pulled = 0;
  const stream = new ReadableStream({ pull(c) { pulled++; if (pulled > 1000) c.close(); else c.enqueue(new Uint8Array(1024).fill(32)); } });
  const handler = createHandler({ maxBytes: 4096 });
  const res = await handler(new Request("http://localhost/", { method: "POST", body: stream, duplex: "half" }));
  assert.equal(res.status, 413);
  assert.equal((await res.json()).error.code, "too_large");
  assert.ok(pulled < 10, `read ${pulled} chunks of 1 KiB before stopping`);
  // Through toNodeListener, chunked:
  const server = createServer(toNodeListener(handler));
  const port = await listen(server);
  try {
    let sent = 0;
    const body = new ReadableStream({ pull(c) { if (++sent > 64) c.close(); else c.enqueue(new Uint8Array(1024).fill(32)); } });
    const r = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body, duplex: "half" });
    assert.equal(r.status, 413);
    assert.equal((await r.json()).error.code, "too_large");
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test("Express after express.json(): unverified parsing of req.body works; verification is refused with a clear error", async () => {
  const got = [];
  const app = express();
  app.use(express.json());
  app.post("/open", toNodeListener(createHandler({ on: { "*": (e) => got.push(e.type) } })));
  app.post("/verified", toNodeListener(createHandler({ verify: { provider: "callbell", secret: "whsec_x" }, on: { "*": (e) => got.push(e.type) } })));
  app.post("/raw", express.raw({ type: "*/*" }), toNodeListener(createHandler({ verify: { provider: "callbell", secret: "whsec_x" }, on: { "*": (e) => got.push(`raw:${e.type}`) } })));
  const server = createServer(app);
  const port = await listen(server);
  try {
    const body = readFileSync(join(root, "tests/fixtures/callbell/message-status-updated.json"));
    const headers = { "content-type": "application/json", "x-callbell-signature": sign(body, { secret: "whsec_x", timestamp: Math.floor(Date.now() / 1000) }) };
    const open = await fetch(`http://127.0.0.1:${port}/open`, { method: "POST", body, headers });
    assert.equal(open.status, 200);
    const refused = await fetch(`http://127.0.0.1:${port}/verified`, { method: "POST", body, headers });
    const json = await refused.json();
    assert.equal(refused.status, 500);
    assert.equal(json.error.code, "body_consumed");
    assert.match(json.error.message, /express\.json\(\)/);
    // express.json() skips a route-level express.raw()? No: app.use(express.json()) ran first, so
    // /raw sees an object too; with a non-JSON content type express.json() leaves the stream alone.
    const raw = await fetch(`http://127.0.0.1:${port}/raw`, { method: "POST", body, headers: { ...headers, "content-type": "application/octet-stream" } });
    assert.equal(raw.status, 200);
  } finally {
    await new Promise((r) => server.close(r));
  }
  assert.deepEqual(got, ["status", "raw:status"]);
});

test("Fastify with its default JSON parser: verification refused, unverified parsing works", async () => {
  const app = Fastify();
  const got = [];
  app.post("/open", toNodeListener(createHandler({ on: { "*": (e) => got.push(e.type) } })));
  app.post("/verified", toNodeListener(createHandler({ verify: { provider: "greenapi", token: "t" } })));
  await app.listen({ port: 0, host: "127.0.0.1" });
  try {
    const base = `http://127.0.0.1:${app.server.address().port}`;
    const body = readFileSync(join(root, "tests/fixtures/greenapi/incoming-text.json"));
    const headers = { "content-type": "application/json", authorization: "Bearer t" };
    assert.equal((await fetch(`${base}/open`, { method: "POST", body, headers })).status, 200);
    const r = await fetch(`${base}/verified`, { method: "POST", body, headers });
    assert.deepEqual([r.status, (await r.json()).error.code], [500, "body_consumed"]);
  } finally {
    await app.close();
  }
  assert.deepEqual(got, ["message"]);
});

test("Meta's subscription handshake: verifyToken answers hub.challenge as text/plain, 403 on another token", async () => {
  const handler = createHandler({ verifyToken: ["old-token", "meatyhamhock"] });
  const get = (query) => handler(new Request(`http://localhost/hook?${query}`));
  // Meta's documented sample request.
  let res = await get("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock");
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
  assert.equal(await res.text(), "1158201444");
  res = await get("hub.mode=subscribe&hub.challenge=x%20y&hub.verify_token=old-token");
  assert.equal(await res.text(), "x y");
  for (const bad of ["hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhocK", "hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhock2",
    "hub.mode=subscribe&hub.challenge=1", "hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=meatyhamhock"]) {
    res = await get(bad);
    assert.equal(res.status, 403, bad);
    assert.equal((await res.json()).error.code, "forbidden");
  }
  res = await get("hub.mode=subscribe&hub.verify_token=meatyhamhock");
  assert.equal(res.status, 400);
  // Other GETs, and every GET without verifyToken, keep answering the connection check.
  assert.deepEqual(await (await get("ping=1")).json(), { status: "ok" });
  const plain = createHandler({});
  res = await plain(new Request("http://localhost/hook?hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhock"));
  assert.deepEqual(await res.json(), { status: "ok" });
  // Behind a Node server too.
  const server = createServer(toNodeListener(handler));
  const port = await listen(server);
  try {
    res = await fetch(`http://127.0.0.1:${port}/webhooks?hub.mode=subscribe&hub.challenge=42&hub.verify_token=meatyhamhock`);
    assert.equal((await res.text()), "42");
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test("cloudapi verification in createHandler: X-Hub-Signature-256 of the app secret", async () => {
  const { createHmac } = await import("node:crypto");
  const body = readFileSync(join(root, "tests/fixtures/cloudapi/message-text.json"));
  const signature = "sha256=" + createHmac("sha256", "app-secret").update(body).digest("hex");
  const handler = createHandler({ verify: { provider: "cloudapi", secret: "app-secret" }, on: { "message.text": () => {} } });
  const post = (headers, b = body) => handler(new Request("http://localhost/hook", { method: "POST", body: b, headers }));
  assert.equal((await post({ "x-hub-signature-256": signature })).status, 200);
  const tampered = Buffer.from(body);
  tampered[tampered.length - 2] ^= 1;
  assert.deepEqual((await (await post({ "x-hub-signature-256": signature }, tampered)).json()).error, { code: "unauthorized", reason: "mismatch" });
  assert.equal((await (await post({})).json()).error.reason, "missing_header");
});

test("misconfiguration throws at createHandler with a clear message", () => {
  const throwsWith = (options, re) => assert.throws(() => createHandler(options), (e) => e instanceof wahook.WahookError && e.code === "invalid_input" && re.test(e.message));
  throwsWith(undefined, /options must be an object/);
  // The same messages as fromRequest's (one validator, verify-options.js).
  throwsWith({ verify: { provider: "callbell" } }, /verify\.secret is missing: callbell verification needs the webhook signing secret/);
  throwsWith({ verify: { provider: "callbell", secret: "" } }, /verify\.secret is an empty string/);
  throwsWith({ verify: { provider: "zapi" } }, /verify\.token is missing: zapi verification needs the token/);
  throwsWith({ verify: { provider: "greenapi", token: [] } }, /verify\.token is an empty array: greenapi verification needs the webhookUrlToken/);
  throwsWith({ verify: { provider: "cloudapi", token: "t" } }, /verify\.secret is missing: cloudapi verification needs the Meta app secret.*X-Hub-Signature-256/);
  throwsWith({ verify: { provider: "evolution", token: "t" } }, /verify\.apikey is missing: evolution verification needs the instance API key/);
  throwsWith({ verify: { provider: "waha" } }, /verify\.secret is missing: waha verification needs the webhook HMAC key/);
  throwsWith({ verifyToken: "" }, /options\.verifyToken must be the Verify Token/);
  throwsWith({ verifyToken: ["a", 1] }, /options\.verifyToken must be/);
  throwsWith({ verify: { provider: "whatsapp", token: "t" } }, /verify\.provider must be one of/);
  throwsWith({ verify: { provider: "callbell", secret: "s", toleranceSeconds: -1 } }, /toleranceSeconds must be a non-negative number/);
  throwsWith({ on: { "atendance.started": () => {} } }, /unknown event name "atendance\.started".*did you mean "attendance\.started"/);
  throwsWith({ on: { "message.txt": () => {} } }, /did you mean "message\.text"/);
  throwsWith({ on: { message: "handler" } }, /options\.on\["message"\] must be a function, not string/);
  throwsWith({ on: [] }, /options\.on must be an object/);
  throwsWith({ seen: true }, /options\.seen must be a function/);
  throwsWith({ provider: "zap" }, /options\.provider must be one of/);
  throwsWith({ maxBytes: -1 }, /maxBytes/);
  assert.throws(() => toNodeListener(null), /handler function/);
  assert.equal(typeof createHandler({ verify: { provider: "plugchat", token: ["a", "b"], header: "x-token" } }), "function");
});

test("isNewer: higher ranks apply, equal or lower do not, failed/deleted always apply and are final", () => {
  const s = (status, rank = null) => ({ type: "status", status, rank });
  assert.equal(isNewer(null, s("sent", 2)), true);
  assert.equal(isNewer(null, s("unknown")), true);
  assert.equal(isNewer({ status: "sent", rank: 2 }, s("read", 4)), true);
  assert.equal(isNewer({ status: "read", rank: 4 }, s("delivered", 3)), false);
  assert.equal(isNewer({ status: "read", rank: 4 }, s("read", 4)), false);
  assert.equal(isNewer({ status: "read", rank: 4 }, s("played", 5)), true);
  assert.equal(isNewer({ status: "played", rank: 5 }, s("failed")), true);
  assert.equal(isNewer({ status: "read", rank: 4 }, s("deleted")), true);
  assert.equal(isNewer({ status: "failed", rank: null }, s("read", 4)), false);
  assert.equal(isNewer({ status: "deleted", rank: null }, s("played", 5)), false);
  assert.equal(isNewer({ status: "deleted", rank: null }, s("failed")), true);
  assert.equal(isNewer({ status: "unknown", rank: null }, s("accepted", 1)), true);
  assert.equal(isNewer({ status: "delivered", rank: 3 }, s("other")), false);
  assert.equal(isNewer({ status: "delivered" }, s("sent", 2)), false, "rank derived from status when not stored");
  assert.throws(() => isNewer(null, {}), /status event/);
  // On real fixtures: the Z-API statuses in delivery order, then shuffled back.
  const read = parse(readFileSync(join(root, "tests/fixtures/zapi/message-status-read.json"))).events[0];
  const sent = parse(readFileSync(join(root, "tests/fixtures/zapi/message-status-sent.json"))).events[0];
  assert.equal(isNewer({ status: sent.status, rank: sent.rank }, read), true);
  assert.equal(isNewer({ status: read.status, rank: read.rank }, sent), false);
});

test("eventNames lists '*', every type, every content kind and every system name the fixtures produce", () => {
  assert.equal(new Set(eventNames).size, eventNames.length);
  for (const k of ["*", "message", "status", "presence", "connection", "call", "system", "unknown", "message.text", "message.image", "message.unsupported", "attendance.started", "group.participant_added", "contact.created", "quota.exceeded"]) {
    assert.ok(eventNames.includes(k), k);
  }
  for (const [name, bytes] of fixtures()) {
    const r = wahook.safeParse(bytes);
    if (!r.ok) continue;
    for (const e of r.value.events) {
      assert.ok(eventNames.includes(e.type), `${name}: ${e.type}`);
      if (e.type === "message") assert.ok(eventNames.includes(`message.${e.content.kind}`), `${name}: ${e.content.kind}`);
      if (e.type === "system" && !e.name.startsWith("notification.")) assert.ok(eventNames.includes(e.name), `${name}: ${e.name}`);
    }
  }
});

test("pkg-template/names.js and names.d.ts are what scripts/gen-names.mjs generates from the Rust sources", () => {
  const { js, dts } = generate(root);
  assert.equal(readFileSync(join(root, "pkg-template", "names.js"), "utf8"), js, "names.js drifted: run node scripts/gen-names.mjs");
  assert.equal(readFileSync(join(root, "pkg-template", "names.d.ts"), "utf8"), dts, "names.d.ts drifted: run node scripts/gen-names.mjs");
});
