// Results cross from wasm as a tape (bindings/wasm/src/tape.rs, readTape in api.js). Keys are
// interned across calls up to a capacity; past it, and for long keys, they cross every time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, learnedShapes } from "./internal.mjs";
import * as internal from "./internal.mjs";
import { expected, comparable, fixturesDir } from "./helpers.mjs";

function body(extra) {
  return JSON.stringify({ typeWebhook: "stateInstanceChanged", instanceData: { idInstance: 1 }, timestamp: 1586700690, stateInstance: "authorized", extra });
}

test("thousands of distinct keys, long keys and odd keys survive, call after call", () => {
  for (let round = 0; round < 3; round++) {
    const extra = {};
    for (let i = 0; i < 1500; i++) extra[`k${round}_${i}`] = i;
    extra["x".repeat(200)] = "long";
    extra["é🙂\u0000\n"] = "odd";
    extra["__proto__x"] = 1;
    const text = body(extra);
    const raw = parse(text, { includeRaw: true }).events[0].raw;
    assert.deepEqual(raw, JSON.parse(text));
    // Ordinary results are still right once the intern table is full.
    const e = parse(text).events[0];
    assert.equal(e.type, "connection");
    assert.equal(e.state, "connected");
    assert.equal(e.instanceId, "1");
  }
});

test("after bodies with thousands of keys, the model's own names still intern and keep their shapes", () => {
  // The test above offered the intern table 4 500 body keys; "callId" and "video" first appear
  // here, and still find room, so the call event is built from its object literal.
  const name = "zapi/received-notification-call-missed.json";
  const body = readFileSync(join(fixturesDir, name));
  for (let i = 0; i < 2; i++) assert.deepEqual(comparable(parse(body)), expected[name]);
  const call = learnedShapes().find((s) => s.keys.includes("callId"));
  assert.ok(call && call.literal, "the call event has a shape with a literal");
  // So did the connection events of the test above, whose fields came after 1 500 raw keys.
  assert.ok(learnedShapes().some((s) => s.literal && s.keys.join(",").endsWith(",raw,state,rawState,reason,phone")));
});

test("a __proto__ key is an own property, in raw and data, never the prototype", () => {
  const text = '{"typeWebhook":"stateInstanceChanged","instanceData":{"idInstance":1},"timestamp":1,"stateInstance":"authorized","__proto__":{"polluted":true}}';
  for (let i = 0; i < 2; i++) {
    const raw = parse(text, { includeRaw: true }).events[0].raw;
    assert.equal(Object.getPrototypeOf(raw), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(raw, "__proto__").value, { polluted: true });
    assert.equal({}.polluted, undefined);
  }
});

test("a large pool of non-ASCII text crosses as UTF-16 and every string reads back exactly", () => {
  // Over 1 KB and mostly multi-byte: the pool is transcoded to UTF-16 (tape.rs, H_POOL_UTF16), and
  // every span after the long text must still land on its string (surrogate pairs included).
  for (const unit of ["中文テキスト😀", "añ😀中文テキスト ", "Привет, мир! ", "𝄞🎵"]) {
    const text = unit.repeat(400);
    const body = {
      typeWebhook: "incomingMessageReceived", instanceData: { idInstance: 7, wid: "1@c.us" }, timestamp: 1700000000, idMessage: "idé-😀",
      senderData: { chatId: "5511999999999@c.us", sender: "5511999999999@c.us", senderName: "Zoë 😀 Ñandú", chatName: "Grupo ção" },
      messageData: { typeMessage: "textMessage", textMessageData: { textMessage: text } },
    };
    const e = parse(JSON.stringify(body)).events[0];
    assert.equal(internal.lastPoolUtf16, true, "the pool should have crossed as UTF-16");
    assert.equal(e.content.text, text);
    assert.equal(e.messageId, "idé-😀");
    assert.equal(e.sender.name, "Zoë 😀 Ñandú");
    assert.equal(e.chat.id, "5511999999999@c.us");
    assert.equal(e.instanceId, "7");
  }
});

test("a pool that starts with U+FEFF keeps it, and the spans after it stay right (UTF-8 and UTF-16 pools)", () => {
  // A detection's first string is its providerEvent: the pool starts with the body's U+FEFF.
  for (const [tail, utf16] of [["", false], ["中文テキスト".repeat(200), true]]) {
    for (let i = 0; i < 2; i++) {
      const d = internal.detect(JSON.stringify({ typeWebhook: "\ufeffA" + tail }));
      assert.equal(internal.lastPoolUtf16, utf16);
      assert.equal(d.providerEvent, "\ufeffA" + tail);
      assert.equal(d.reason, "`typeWebhook` is a string");
    }
  }
});

test("a value repeated within a result crosses once, and every copy reads back right, call after call", () => {
  // tape.rs `str_value`: a Plugchat attendance repeats the chat's phone and JID in each message.
  const base = JSON.parse(readFileSync(join(fixturesDir, "plugchat/start-attendance.json"), "utf8"));
  const msg = Object.values(base.chat)[0];
  const attendance = (phoneOf) => {
    const chat = {};
    for (let i = 0; i < 50; i++) {
      const id = `3EB0${String(i).padStart(16, "0")}`;
      chat[id] = { ...msg, messageId: id, momment: 1700000000000 + i, phone: phoneOf(i), text: { message: `texto ${i}` } };
    }
    return JSON.stringify({ ...base, chat });
  };
  const pools = {};
  for (const [name, phoneOf] of [["shared", () => "554499999999"], ["distinct", (i) => `5544${String(i).padStart(8, "0")}`]]) {
    const body = attendance(phoneOf);
    const first = parse(body);
    pools[name] = internal.lastPoolBytes;
    const messages = first.events[0].data.messages;
    assert.equal(messages.length, 50);
    messages.forEach((m, i) => {
      assert.equal(m.chat.phone, phoneOf(i));
      assert.equal(m.chat.id, `${phoneOf(i)}@c.us`);
      assert.equal(m.content.text, `texto ${i}`);
    });
    // The same body again reads the same (tapes/native.rs checks that one tape's cache never
    // answers for the next with different pools).
    assert.deepEqual(parse(body), first);
  }
  // Of the 49 repeats of the phone and the JID ("554499999999", "554499999999@c.us"), at least 40
  // are not copied again (the cache is direct-mapped: a message's own ids can evict an entry).
  assert.ok(pools.distinct - pools.shared >= 40 * (12 + 17), JSON.stringify(pools));
});
