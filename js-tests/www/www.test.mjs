// The inspector (www-example/) served by `make serve`'s server, in headless Chromium: paste a
// fixture, check the rendered provider and event values, check the invalid-JSON view, pick an
// example, check phone width, and save screenshots (target/www-*.png).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { start } from "../../scripts/serve.mjs";
import { root } from "../helpers.mjs";

let server, browser, base;
const shots = join(root, "target");

before(async () => {
  mkdirSync(shots, { recursive: true });
  server = await start(0);
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => { await browser?.close(); server?.close(); });

async function openPage(viewport) {
  const page = await browser.newPage({ viewport });
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/`);
  await page.waitForSelector("body[data-ready=true]");
  return { page, requests, errors };
}

test("paste a Green API failed status: provider, status with rank, error, time", async () => {
  const { page, requests, errors } = await openPage({ width: 1280, height: 900 });
  const body = readFileSync(join(root, "tests/fixtures/greenapi/outgoing-message-status-failed-swe004.json"), "utf8");
  await page.fill("#body", body);
  await page.waitForSelector("[data-testid=event-0]");
  assert.equal(await page.textContent("[data-testid=provider]"), "Green API");
  assert.doesNotMatch(await page.textContent("#status"), /null|undefined/);
  const card = await page.textContent("[data-testid=event-0]");
  assert.match(card, /status · failed/);
  assert.match(card, /B3Q599E4A3724D50/);
  assert.match(card, /SWE004: SWE004: the number of participants/);
  assert.match(card, /120363039326117111@g\.us/);
  assert.match(card, /2024-02-06T06:26:47\.000Z/);
  assert.match(await page.textContent("#json"), /"dedupeKey": "greenapi:status:1101000001:B3Q599E4A3724D50:failed"/);
  await page.screenshot({ path: join(shots, "www-status.png"), fullPage: true });
  assert.deepEqual(errors, []);
  assert.ok(requests.every((u) => u.startsWith(base)), `requests left the page: ${requests.filter((u) => !u.startsWith(base))}`);
  await page.close();
});

test("a Z-API body is ambiguous until the provider is chosen; warnings are shown", async () => {
  const { page } = await openPage({ width: 1280, height: 900 });
  await page.fill("#body", JSON.stringify({ type: "MessageStatusCallback", status: "READ_BY_ME", ids: ["a", "b"], momment: 1632234645, phone: "5544999999999" }));
  await page.waitForSelector("[data-testid=event-1]");
  assert.equal(await page.textContent("[data-testid=provider]"), "Z-API");
  assert.ok(await page.isVisible("[data-testid=ambiguous]"));
  assert.match(await page.textContent("[data-testid=warnings]"), /timestamp_seconds/);
  await page.selectOption("#provider", "plugchat");
  await page.waitForFunction(() => document.querySelector("[data-testid=provider]")?.textContent === "Plugchat");
  assert.equal(await page.isVisible("[data-testid=ambiguous]"), false);
  assert.match(await page.textContent("[data-testid=event-0]"), /read by the connected number/);
  await page.close();
});

test("invalid JSON shows the code, line and column", async () => {
  const { page } = await openPage({ width: 1280, height: 900 });
  await page.fill("#body", '{\n  "typeWebhook": "incomingMessageReceived",\n  oops\n}');
  await page.waitForSelector("[data-testid=error]");
  assert.match(await page.textContent("[data-testid=error]"), /invalid_json/);
  assert.equal(await page.textContent("[data-testid=error-position]"), "line 3, column 3");
  assert.match(await page.textContent(".excerpt"), /oops\n {2}\^/);
  await page.screenshot({ path: join(shots, "www-error.png"), fullPage: true });
  await page.close();
});

test("bundled examples by provider, and phone width", async () => {
  const { page } = await openPage({ width: 390, height: 844 });
  const groups = await page.$$eval("#examples optgroup", (g) => g.map((x) => x.label));
  assert.deepEqual(groups, ["Callbell", "Cloud API", "Evolution API", "Green API", "Plugchat", "WAHA", "Z-API"]);
  await page.selectOption("#examples", "callbell/message-created.json");
  await page.waitForSelector("[data-testid=event-0]");
  assert.equal(await page.textContent("[data-testid=provider]"), "Callbell");
  assert.match(await page.textContent("[data-testid=event-0]"), /message · inbound/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow}px wider than a phone`);
  await page.screenshot({ path: join(shots, "www-phone.png"), fullPage: true });
  await page.close();
});

test("the signature panel verifies a signed body", async () => {
  const { page } = await openPage({ width: 1280, height: 900 });
  await page.fill("#body", readFileSync(join(root, "tests/fixtures/callbell/message-status-updated.json"), "utf8"));
  await page.click("#verify-panel summary");
  await page.fill("#v-secret", "whsec_demo");
  await page.click("#v-sign");
  assert.equal(await page.textContent("#v-result"), "✓ verified");
  await page.fill("#v-secret", "whsec_other");
  await page.waitForFunction(() => document.querySelector("#v-result").textContent.includes("mismatch"));
  // Any provider's scheme: a WAHA body signs with X-Webhook-Hmac.
  await page.fill("#body", readFileSync(join(root, "tests/fixtures/waha/message-text.json"), "utf8"));
  await page.fill("#v-secret", "waha-key");
  await page.click("#v-sign");
  assert.match(await page.inputValue("#v-headers"), /^x-webhook-hmac: [0-9a-f]{128}\nx-webhook-hmac-algorithm: sha512$/);
  assert.equal(await page.textContent("#v-result"), "✓ verified");
  await page.close();
});
