// Numbers off the core's exact fast path are parsed by JS `Number` (bindings/wasm registers it;
// src/number.rs). Every number must come out as JSON.parse reads it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "wahook";

const HARD = [
  "0.1", "-0.0", "9007199254740993", "18446744073709551615", "123456789012345678901234567890", "3.14159265358979323846264338",
  "2.2250738585072014e-308", "4.9e-324", "1.7976931348623157e308", "1e23", "1e-23", "8.589973e9", "5e-324", "1e400", "-1e400", "1e-400",
  "0.30000000000000004", "-23.605403621614123456789", "1E+22", "7.0e-10",
];

function body(numbers) {
  return `{"typeWebhook":"stateInstanceChanged","instanceData":{"idInstance":1},"timestamp":1586700690,"stateInstance":"authorized","x":[${numbers.join(",")}]}`;
}

test("raw numbers read as JSON.parse reads them (hard cases)", () => {
  const text = body(HARD);
  const raw = parse(text, { includeRaw: true }).events[0].raw;
  const expected = JSON.parse(text).x.map((n) => (Number.isFinite(n) ? n : null));
  assert.deepEqual(raw.x, expected);
  assert.ok(Object.is(raw.x[1], -0) || raw.x[1] === 0);
});

test("raw numbers read as JSON.parse reads them (5 000 generated)", () => {
  let seed = 12345;
  const rnd = (n) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
  const numbers = [];
  for (let i = 0; i < 5000; i++) {
    const digits = String(rnd(1e9)) + String(rnd(1e9)) + String(rnd(1e4));
    const cut = 1 + rnd(digits.length - 1);
    const lead = digits.slice(0, cut).replace(/^0+(?=\d)/, "");
    numbers.push(`${rnd(2) ? "-" : ""}${lead}.${digits.slice(cut)}e${rnd(700) - 350}`);
  }
  const text = body(numbers);
  const raw = parse(text, { includeRaw: true }).events[0].raw;
  assert.deepEqual(raw.x, JSON.parse(text).x.map((n) => (Number.isFinite(n) ? n : null)));
});

test("a location with more digits than an f64 holds", () => {
  const text = `{"typeWebhook":"incomingMessageReceived","instanceData":{"idInstance":1},"timestamp":1588091580,"idMessage":"A",
    "senderData":{"chatId":"79001234568@c.us","sender":"79001234568@c.us"},
    "messageData":{"typeMessage":"locationMessage","locationMessageData":{"latitude":-23.60540362161412345678,"longitude":1.7976931348623157e308}}}`;
  const c = parse(text).events[0].content;
  assert.equal(c.kind, "location");
  assert.equal(c.latitude, -23.60540362161412345678);
  assert.equal(c.longitude, 1.7976931348623157e308);
});
