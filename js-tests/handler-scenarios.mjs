// The createHandler scenarios every runtime runs (Node, Deno, Bun; workerd runs its own Worker):
// real HTTP requests on 127.0.0.1 to a server the runtime starts. `serve(handler)` starts one and
// returns { base, close } (and `fetch` to send requests another way than the global fetch); `fixtures` is [[name, bytes], ...]; `expected` is tests/expected.json.
// A small assert (node:assert would make Deno type-check against @types/node).
const canonical = (v) => JSON.stringify(v, (_, x) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
const assert = {
  equal(a, b, msg) { if (!Object.is(a, b)) throw new Error(`${msg || "not equal"}: ${JSON.stringify(a)} !== ${JSON.stringify(b)}`); },
  deepEqual(a, b, msg) { const x = canonical(a), y = canonical(b); if (x !== y) throw new Error(`${msg || "not deep-equal"}:\n  actual   ${x}\n  expected ${y}`); },
  ok(v, msg) { if (!v) throw new Error(msg || "not ok"); },
};

const plain = (v) => JSON.parse(JSON.stringify(v));

export function scenarios({ wahook, serve, fixtures, expected }) {
  const { createHandler, parse, sign } = wahook;
  const withServer = async (handler, fn) => {
    const s = await serve(handler);
    const send = s.fetch || fetch;
    try { return await fn((path, body, headers, method = "POST") => send(s.base + path, { method, body, headers }).then(async (r) => ({ status: r.status, json: await r.json() }))); }
    finally { await s.close(); }
  };
  const find = (name) => fixtures.find(([n]) => n === name)[1];

  return {
    async "every fixture: 200 (or 400 with its error code), the handlers get exactly parse's events, once, in order"() {
      let got = [];
      const typed = [];
      const handler = createHandler({
        on: {
          "*": (e, c) => { got.push(plain(e)); assert.equal(c.provider, e.provider); assert.ok(c.request instanceof Request); assert.ok(Array.isArray(c.warnings)); },
          message: (e) => typed.push(`message:${e.dedupeKey}`),
          "message.text": (e) => typed.push(`text:${e.content.text}`),
          status: (e) => typed.push(`status:${e.dedupeKey}`),
        },
      });
      await withServer(handler, async (post) => {
        let n = 0;
        for (const [name, bytes] of fixtures) {
          got = [];
          const { status, json } = await post("/hook", bytes);
          if (expected[name].error) {
            assert.equal(status, 400, name);
            assert.equal(json.error.code, expected[name].error, name);
            assert.deepEqual(got, [], name);
          } else {
            assert.equal(status, 200, `${name}: ${JSON.stringify(json)}`);
            const events = plain(parse(bytes).events);
            assert.deepEqual(got, events, name);
            assert.deepEqual([json.status, json.events, json.skipped], ["ok", events.length, 0], name);
            n++;
          }
        }
        assert.ok(n >= 100, `${n} fixtures handled`);
      });
      const text = parse(find("zapi/received-text.json")).events[0];
      assert.ok(typed.includes(`message:${text.dedupeKey}`) && typed.includes(`text:${text.content.text}`));
      assert.ok(typed.indexOf(`message:${text.dedupeKey}`) < typed.indexOf(`text:${text.content.text}`), "the type handler runs before the kind's");
    },

    async "handlers run '*', then the type, then the kind or system name, awaited one after another"() {
      const order = [];
      const slow = (label) => async () => { order.push(`${label}:start`); await new Promise((r) => setTimeout(r, 5)); order.push(`${label}:end`); };
      const handler = createHandler({ on: { "*": slow("*"), system: slow("system"), "attendance.started": slow("attendance") } });
      await withServer(handler, async (post) => {
        assert.equal((await post("/", find("plugchat/start-attendance.json"))).status, 200);
      });
      assert.deepEqual(order, ["*:start", "*:end", "system:start", "system:end", "attendance:start", "attendance:end"]);
    },

    async "Callbell: signed 200, unsigned and forged 401, handlers not called"() {
      const calls = [];
      const handler = createHandler({ provider: "callbell", verify: { provider: "callbell", secret: "whsec_test" }, on: { status: (e) => calls.push(e.status) } });
      const body = find("callbell/message-status-updated.json");
      const header = sign(body, { secret: "whsec_test", timestamp: Math.floor(Date.now() / 1000) });
      await withServer(handler, async (post) => {
        const ok = await post("/", body, { "x-callbell-signature": header });
        assert.equal(ok.status, 200);
        const unsigned = await post("/", body);
        assert.deepEqual([unsigned.status, unsigned.json.error.reason], [401, "missing_header"]);
        const forged = await post("/", body, { "x-callbell-signature": header.replace(/v1=(.)/, (_, c) => `v1=${c === "0" ? "1" : "0"}`) });
        assert.deepEqual([forged.status, forged.json.error.reason], [401, "mismatch"]);
        const other = sign(body, { secret: "whsec_other", timestamp: Math.floor(Date.now() / 1000) });
        assert.equal((await post("/", body, { "x-callbell-signature": other })).status, 401);
        const old = sign(body, { secret: "whsec_test", timestamp: Math.floor(Date.now() / 1000) - 3600 });
        assert.deepEqual((await post("/", body, { "x-callbell-signature": old })).json.error.reason, "expired");
      });
      assert.deepEqual(calls, ["read"]);
    },

    async "Z-API token header and Green API bearer token"() {
      const seenTypes = [];
      const zapi = createHandler({ verify: { provider: "zapi", token: "tok-zapi" }, on: { "*": (e) => seenTypes.push(`${e.provider}:${e.type}`) } });
      const green = createHandler({ verify: { provider: "greenapi", token: "tok-green" }, on: { "*": (e) => seenTypes.push(`${e.provider}:${e.type}`) } });
      await withServer(zapi, async (post) => {
        const body = find("zapi/received-text.json");
        assert.equal((await post("/", body, { "z-api-token": "tok-zapi" })).status, 200);
        assert.equal((await post("/", body, { "z-api-token": "tok-wrong" })).status, 401);
        assert.equal((await post("/", body)).json.error.reason, "missing_header");
      });
      await withServer(green, async (post) => {
        const body = find("greenapi/incoming-text.json");
        assert.equal((await post("/", body, { authorization: "Bearer tok-green" })).status, 200);
        assert.equal((await post("/", body, { authorization: "Bearer nope" })).json.error.reason, "mismatch");
        assert.equal((await post("/", body)).status, 401);
      });
      assert.deepEqual(seenTypes, ["zapi:message", "greenapi:message"]);
    },

    async "not a webhook: 400 with the code; oversize: 413; GET: 200 ok; PUT: 405"() {
      let calls = 0;
      const handler = createHandler({ maxBytes: 2000, on: { "*": () => { calls++; } } });
      await withServer(handler, async (post) => {
        const bad = await post("/", "{\n  oops");
        assert.deepEqual([bad.status, bad.json.error.code, bad.json.error.line], [400, "invalid_json", 2]);
        assert.deepEqual([(await post("/", "[1]")).json.error.code, (await post("/", '{"a":1}')).json.error.code], ["not_an_object", "unknown_provider"]);
        const big = await post("/", `{"type":"ReceivedCallback","pad":"${"x".repeat(5000)}"}`);
        assert.deepEqual([big.status, big.json.error.code], [413, "too_large"]);
        assert.deepEqual(await post("/", undefined, undefined, "GET"), { status: 200, json: { status: "ok" } });
        assert.equal((await post("/", "{}", undefined, "PUT")).status, 405);
      });
      assert.equal(calls, 0);
    },

    async "a throwing handler: 500, onError sees it, later events are not dispatched"() {
      const got = [];
      const errors = [];
      const handler = createHandler({
        on: { status: (e) => { got.push(e.messageId); if (got.length === 2) throw new Error("db down"); } },
        onError: (error, info) => { errors.push([info.status, error.message, info.event && info.event.messageId]); },
      });
      const body = JSON.stringify({ instanceId: "i", status: "READ", ids: ["a", "b", "c"], momment: 1632234645000, phone: "5544999999999", type: "MessageStatusCallback" });
      await withServer(handler, async (post) => {
        const r = await post("/", body);
        assert.deepEqual([r.status, r.json.error.code], [500, "handler_error"]);
        assert.ok(!JSON.stringify(r.json).includes("db down"), "the handler's message is not sent to the provider");
      });
      assert.deepEqual(got, ["a", "b"]);
      assert.deepEqual(errors, [[500, "db down", "b"]]);
    },

    async "duplicate deliveries with seen/markSeen (a Map): each event handled once; a retry after a failure resumes"() {
      const done = new Map();
      const got = [];
      let failOnce = true;
      const handler = createHandler({
        seen: (key) => done.has(key),
        markSeen: (key) => { done.set(key, true); },
        on: { status: (e) => { if (e.messageId === "b" && failOnce) { failOnce = false; throw new Error("transient"); } got.push(e.messageId); } },
      });
      const body = JSON.stringify({ instanceId: "i", status: "READ", ids: ["a", "b", "c"], momment: 1632234645000, phone: "5544999999999", type: "MessageStatusCallback" });
      await withServer(handler, async (post) => {
        assert.equal((await post("/", body)).status, 500);
        const retry = await post("/", body);
        assert.deepEqual([retry.status, retry.json.skipped], [200, 1]);
        const again = await post("/", body);
        assert.deepEqual([again.status, again.json.events, again.json.skipped], [200, 3, 3]);
        const text = find("zapi/received-text.json");
        await post("/", text);
        await post("/", text);
      });
      assert.deepEqual(got, ["a", "b", "c"]);
      assert.equal(done.size, 4);
    },
  };
}
