// The application's tests, with nothing but wahook/testing: built bodies, signed requests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { callbell, zapi, greenapi, signedRequest, forgedRequest, expiredRequest, example } from "wahook/testing";
import { makeHandler } from "./handler.js";

function setup(provider, verify) {
  const events = [];
  return { events, handle: makeHandler({ provider, verify, onEvent: (e) => events.push(e) }) };
}

test("a signed Callbell message reaches the handler as a normalized event", async () => {
  const secret = "whsec_project_secret";
  const { events, handle } = setup("callbell", { provider: "callbell", secret });
  const body = callbell.messageCreated({ from: "5511988887777", text: "Quero fazer um pedido", uuid: "msg-1" });
  const res = await handle(signedRequest(body, { provider: "callbell", secret }));
  assert.equal(res.status, 204);
  assert.equal(events.length, 1);
  assert.equal(events[0].type, "message");
  assert.equal(events[0].messageId, "msg-1");
  assert.equal(events[0].chat.phone, "5511988887777");
  assert.equal(events[0].content.text, "Quero fazer um pedido");
});

test("forged and expired Callbell requests are refused", async () => {
  const secret = "whsec_project_secret";
  const { events, handle } = setup("callbell", { provider: "callbell", secret });
  const body = callbell.messageStatusUpdated({ uuid: "msg-1", status: "read" });
  assert.equal((await handle(forgedRequest(body, { provider: "callbell", secret }))).status, 401);
  assert.equal((await handle(expiredRequest(body, { provider: "callbell", secret }))).status, 401);
  assert.equal(events.length, 0);
});

test("Z-API statuses and Green API messages with their tokens", async () => {
  const z = setup("zapi", { provider: "zapi", token: "zapi-token" });
  const status = zapi.status({ ids: ["A1", "A2"], status: "read" });
  assert.equal((await z.handle(signedRequest(status, { provider: "zapi", token: "zapi-token" }))).status, 204);
  assert.deepEqual(z.events.map((e) => [e.messageId, e.status]), [["A1", "read"], ["A2", "read"]]);
  assert.equal((await z.handle(forgedRequest(status, { provider: "zapi", token: "zapi-token" }))).status, 401);

  const g = setup("greenapi", { provider: "greenapi", token: "green-token" });
  const text = greenapi.text({ from: "79001234568", text: "Привет" }, { senderData: { senderName: "Olga" } });
  assert.equal((await g.handle(signedRequest(text, { provider: "greenapi", token: "green-token" }))).status, 204);
  assert.equal(g.events[0].content.text, "Привет");
  assert.equal(g.events[0].sender.name, "Olga");
});

test("a documented example body, signed", async () => {
  const { events, handle } = setup("zapi", { provider: "zapi", token: "t" });
  const res = await handle(signedRequest(example("zapi", "received-image").body, { provider: "zapi", token: "t" }));
  assert.equal(res.status, 204);
  assert.equal(events[0].content.kind, "image");
});
