// Cloud API verification (`X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body keyed with
// the app secret>`) against an independent implementation, node:crypto, over every Cloud API fixture;
// tampering, malformed headers, rotation and fromRequest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { verify, fromRequest } from "wahook";
import { root } from "./helpers.mjs";

const dir = join(root, "tests/fixtures/cloudapi");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const hmac = (secret, bytes) => "sha256=" + createHmac("sha256", secret).update(bytes).digest("hex");

test("every cloudapi fixture verifies with node:crypto's signature, as bytes and as a string; any flipped byte fails", () => {
  assert.ok(files.length >= 40);
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    const sig = hmac("app-secret-✓", bytes);
    const options = { provider: "cloudapi", secret: ["rotated-out", "app-secret-✓"] };
    assert.deepEqual(verify(bytes, { "X-Hub-Signature-256": sig }, options), { ok: true }, f);
    assert.deepEqual(verify(bytes.toString("utf8"), new Headers({ "x-hub-signature-256": sig }), options), { ok: true }, f);
    const tampered = Buffer.from(bytes);
    tampered[f.length % tampered.length] ^= 0x01;
    assert.deepEqual(verify(tampered, { "x-hub-signature-256": sig }, options), { ok: false, reason: "mismatch" }, f);
    assert.deepEqual(verify(bytes, { "x-hub-signature-256": sig }, { provider: "cloudapi", secret: "other" }), { ok: false, reason: "mismatch" }, f);
  }
});

test("cloudapi headers: missing, malformed and doubled", () => {
  const body = '{"object":"whatsapp_business_account","entry":[]}';
  const sig = hmac("app-secret-123", body);
  // The known answer pinned in the Rust tests (generated with openssl dgst -sha256 -hmac).
  assert.equal(sig, "sha256=20e391a99a86fc5adf7e3a453236d20c906360291977896cf2f671e03bb95703");
  const options = { provider: "cloudapi", secret: "app-secret-123" };
  const reason = (headers) => verify(body, headers, options).reason;
  assert.equal(reason({}), "missing_header");
  assert.equal(reason({ "x-hub-signature-256": sig.slice(7) }), "malformed_header");
  assert.equal(reason({ "x-hub-signature-256": "sha1=" + sig.slice(7, 47) }), "malformed_header");
  assert.equal(reason({ "x-hub-signature-256": sig.slice(0, -1) }), "malformed_header");
  assert.equal(reason([["x-hub-signature-256", sig], ["X-Hub-Signature-256", sig]]), "malformed_header");
  assert.equal(reason({ "x-hub-signature-256": sig.toUpperCase() }), undefined);
  assert.deepEqual(verify(body, { "x-hub-signature-256": sig }, { provider: "cloudapi", secret: "" }), { ok: false, reason: "invalid_options" });
  assert.deepEqual(verify(body, { "x-hub-signature-256": sig }, { provider: "cloudapi", token: "app-secret-123" }), { ok: false, reason: "invalid_options" });
});

test("fromRequest verifies cloudapi before parsing", async () => {
  const body = readFileSync(join(dir, "message-text.json"));
  const req = (sig) => new Request("http://127.0.0.1/hook", { method: "POST", body, headers: sig ? { "x-hub-signature-256": sig } : {} });
  const r = await fromRequest(req(hmac("s3cret", body)), { verify: { provider: "cloudapi", secret: "s3cret" } });
  assert.equal(r.provider, "cloudapi");
  assert.equal(r.events[0].content.text, "Does it come in another color?");
  await assert.rejects(fromRequest(req(hmac("other", body)), { verify: { provider: "cloudapi", secret: "s3cret" } }), { code: "unauthorized", reason: "mismatch" });
  await assert.rejects(fromRequest(req(null), { verify: { provider: "cloudapi" } }), { code: "invalid_input" });
});
