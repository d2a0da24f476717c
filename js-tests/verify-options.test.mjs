// fromRequest's verify options: a configuration without a secret or token is `invalid_input`
// naming the option (checkVerifyOptions in verify-options.js), never `unauthorized`; verify()
// itself keeps answering `invalid_options` and never throws.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fromRequest, verify, WahookError } from "wahook";
import { checkVerifyOptions } from "../pkg/verify-options.js";

const body = '{"type":"ReceivedCallback","phone":"5544999999999","messageId":"A1","momment":1700000000000,"text":{"message":"hi"}}';
const req = (headers = {}) => new Request("http://127.0.0.1/hook", { method: "POST", body, headers });

test("checkVerifyOptions: usable options give null", () => {
  assert.equal(checkVerifyOptions({ provider: "callbell", secret: "whsec_x" }), null);
  assert.equal(checkVerifyOptions({ provider: "callbell", secret: ["a", "b"], toleranceSeconds: 0, now: 1 }), null);
  assert.equal(checkVerifyOptions({ provider: "greenapi", token: "t" }), null);
  assert.equal(checkVerifyOptions({ provider: "zapi", token: ["t"], header: "x-token" }), null);
  assert.equal(checkVerifyOptions({ provider: "plugchat", token: "t" }), null);
  assert.equal(checkVerifyOptions({ provider: "evolution", apikey: "k" }), null);
  assert.equal(checkVerifyOptions({ provider: "evolution", apikey: ["old", "new"], header: "x-webhook-token" }), null);
  assert.equal(checkVerifyOptions({ provider: "waha", secret: ["old", "new"] }), null);
});

test("checkVerifyOptions: each missing or unusable option is named", () => {
  const cases = [
    [{ provider: "callbell" }, /^options\.verify\.secret is missing: callbell verification needs/],
    [{ provider: "callbell", token: "t" }, /^options\.verify\.secret is missing/],
    [{ provider: "callbell", secret: "" }, /^options\.verify\.secret is an empty string/],
    [{ provider: "callbell", secret: [] }, /^options\.verify\.secret is an empty array/],
    [{ provider: "callbell", secret: ["", ""] }, /^options\.verify\.secret is an array/],
    [{ provider: "greenapi", token: undefined }, /^options\.verify\.token is missing: greenapi verification needs the webhookUrlToken/],
    [{ provider: "zapi", secret: "s" }, /^options\.verify\.token is missing/],
    [{ provider: "plugchat", token: 5 }, /^options\.verify\.token is number/],
    [{ token: "t" }, /^options\.verify\.provider must be one of "zapi", "plugchat", "greenapi", "callbell", "cloudapi", "evolution", "waha", not missing/],
    [{ provider: "evolution", token: "t" }, /^options\.verify\.apikey is missing: evolution verification needs the instance API key/],
    [{ provider: "evolution", apikey: [""] }, /^options\.verify\.apikey is an array/],
    [{ provider: "waha", token: "t" }, /^options\.verify\.secret is missing: waha verification needs the webhook HMAC key/],
    [{ provider: "cloudapi" }, /^options\.verify\.secret is missing: cloudapi verification needs the Meta app secret/],
    [{ provider: "cloudapi", token: "t" }, /^options\.verify\.secret is missing/],
    [{ provider: "whatsapp", token: "t" }, /^options\.verify\.provider must be .* not "whatsapp"/],
    [{ provider: "callbell", secret: "s", toleranceSeconds: -1 }, /^options\.verify\.toleranceSeconds must be a non-negative number of seconds, not -1/],
    [{ provider: "callbell", secret: "s", now: NaN }, /^options\.verify\.now must be a finite number/],
    [{ provider: "zapi", token: "t", header: 1 }, /^options\.verify\.header must be a header name/],
    ["callbell", /^options\.verify must be an object/],
    [[], /^options\.verify must be an object .* not an array/],
  ];
  for (const [options, message] of cases) assert.match(checkVerifyOptions(options), message, JSON.stringify(options));
  // Empty entries of a rotation list are ignored, as verify() ignores them.
  assert.equal(checkVerifyOptions({ provider: "callbell", secret: ["", "whsec_new"] }), null);
  assert.equal(checkVerifyOptions({ provider: "cloudapi", secret: ["old", "new"] }), null);
});

test("fromRequest: verify options without a secret or token reject with invalid_input, not unauthorized", async () => {
  const bad = [{ provider: "zapi" }, { provider: "zapi", token: "" }, { provider: "callbell", secret: undefined }, { provider: "greenapi", token: [] }, { provider: "nope", token: "t" }];
  for (const options of bad) {
    await assert.rejects(fromRequest(req({ "z-api-token": "t" }), { verify: options }), (e) => {
      assert.ok(e instanceof WahookError);
      assert.equal(e.code, "invalid_input", JSON.stringify(options));
      assert.match(e.message, /^options\.verify\./);
      assert.equal(e.reason, null);
      return true;
    });
    assert.deepEqual(verify(body, { "z-api-token": "t" }, options), { ok: false, reason: "invalid_options" });
  }
  // The body is not consumed by a misconfiguration: nothing was read.
  const r = req();
  await assert.rejects(fromRequest(r, { verify: { provider: "zapi" } }), { code: "invalid_input" });
  assert.equal(r.bodyUsed, false);
  // Well-configured options keep their meaning: a wrong token is unauthorized, the right one parses.
  await assert.rejects(fromRequest(req({ "z-api-token": "other" }), { verify: { provider: "zapi", token: "t" } }), { code: "unauthorized", reason: "mismatch" });
  await assert.rejects(fromRequest(req(), { verify: { provider: "zapi", token: "t" } }), { code: "unauthorized", reason: "missing_header" });
  assert.equal((await fromRequest(req({ "z-api-token": "t" }), { verify: { provider: "zapi", token: "t" } })).events[0].content.text, "hi");
});
