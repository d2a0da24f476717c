// Evolution API verification through the package: the instance API key from a header (default
// `apikey`, any case), else from the body's top-level `apikey`; a token, not a signature. The same
// scheme is tested natively in tests/verify_evolution.rs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fromRequest, verify } from "wahook";

const KEY = "B6D711FCDE4D-4183-9385-D5C9DDA64EA6";
const body = (apikey) =>
  JSON.stringify({
    event: "messages.upsert",
    instance: "inst1",
    data: { key: { remoteJid: "5511977776666@s.whatsapp.net", fromMe: false, id: "3EB0A1" }, message: { conversation: "oi" }, messageTimestamp: 1735787045 },
    date_time: "2025-01-02T03:04:05.000Z",
    sender: "5511988880000@s.whatsapp.net",
    server_url: "https://evo.example.com",
    apikey,
  });

test("evolution: the body's apikey, a header, rotation lists and a custom header name", () => {
  assert.deepEqual(verify(body(KEY), {}, { provider: "evolution", apikey: KEY }), { ok: true });
  assert.deepEqual(verify(new TextEncoder().encode(body(KEY)), new Headers(), { provider: "evolution", apikey: ["old", KEY] }), { ok: true });
  assert.deepEqual(verify(body(null), { ApiKey: KEY }, { provider: "evolution", apikey: KEY }), { ok: true });
  assert.deepEqual(verify(body(null), [["x-webhook-token", KEY]], { provider: "evolution", apikey: KEY, header: "X-Webhook-Token" }), { ok: true });
  // The header decides when it is there.
  assert.deepEqual(verify(body(KEY), { apikey: "wrong" }, { provider: "evolution", apikey: KEY }), { ok: false, reason: "mismatch" });
  assert.deepEqual(verify(body(KEY), { apikey: " " }, { provider: "evolution", apikey: KEY }), { ok: false, reason: "malformed_header" });
  // Nothing to compare: `apikey: null` and no header.
  assert.deepEqual(verify(body(null), {}, { provider: "evolution", apikey: KEY }), { ok: false, reason: "missing_header" });
  assert.deepEqual(verify(body("other"), {}, { provider: "evolution", apikey: KEY }), { ok: false, reason: "mismatch" });
  assert.deepEqual(verify(body(KEY), {}, { provider: "evolution", apikey: "" }), { ok: false, reason: "invalid_options" });
  assert.deepEqual(verify(body(KEY), {}, { provider: "evolution", token: KEY }), { ok: false, reason: "invalid_options" });
});

test("evolution: every byte of the key matters; the rest of the body is not protected", () => {
  const ok = body(KEY);
  const at = ok.lastIndexOf(KEY);
  for (let i = at; i < at + KEY.length; i++) {
    const tampered = ok.slice(0, i) + String.fromCharCode(ok.charCodeAt(i) ^ 1) + ok.slice(i + 1);
    assert.deepEqual(verify(tampered, {}, { provider: "evolution", apikey: KEY }), { ok: false, reason: "mismatch" }, `byte ${i}`);
  }
  assert.deepEqual(verify(ok.replace('"oi"', '"forged"'), {}, { provider: "evolution", apikey: KEY }), { ok: true });
});

test("evolution: fromRequest verifies, then parses", async () => {
  const req = (b, headers = {}) => new Request("http://127.0.0.1/hook", { method: "POST", body: b, headers });
  const r = await fromRequest(req(body(KEY)), { verify: { provider: "evolution", apikey: KEY } });
  assert.equal(r.provider, "evolution");
  assert.equal(r.events[0].type, "message");
  await assert.rejects(fromRequest(req(body(null)), { verify: { provider: "evolution", apikey: KEY } }), { code: "unauthorized", reason: "missing_header" });
  await assert.rejects(fromRequest(req(body(KEY)), { verify: { provider: "evolution" } }), { code: "invalid_input" });
});
