// The CLI's development subcommands: example, sign, post (to a server on 127.0.0.1 that verifies).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { promisify } from "node:util";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { verify, parse } from "wahook";
import { examples, example } from "wahook/testing";
import { root, fixturesDir } from "./helpers.mjs";

const cli = join(root, "pkg", "cli.js");
const run = (...args) => execFileSync("node", [cli, ...args], { encoding: "utf8" });

test("example lists every example and prints one exactly", () => {
  const lines = run("example").trim().split("\n");
  assert.equal(lines.length, examples.length);
  assert.ok(lines.includes("zapi received-text"));
  assert.ok(lines.includes("greenapi incoming-text-direct (wire)"));
  assert.equal(run("example", "greenapi", "incoming-text").trimEnd(), example("greenapi", "incoming-text").body.trimEnd());
  assert.equal(JSON.parse(run("example", "callbell", "message-created")).event, "message_created");
  const missing = spawnSync("node", [cli, "example", "zapi", "nope"], { encoding: "utf8" });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no example zapi nope/);
});

test("sign prints headers that verify", () => {
  const file = join(fixturesDir, "callbell/contact-created.json");
  const body = readFileSync(file);
  const out = run("sign", "--secret", "whsec_cli", "--timestamp", "1700000000", file);
  const m = out.match(/^x-callbell-signature: (t=1700000000,v1=[0-9a-f]{64})\n$/);
  assert.ok(m, out);
  assert.deepEqual(verify(body, { "x-callbell-signature": m[1] }, { provider: "callbell", secret: "whsec_cli", now: 1700000000000 }), { ok: true });
  assert.deepEqual(verify(body, { "x-callbell-signature": m[1] }, { provider: "callbell", secret: "other", now: 1700000000000 }), { ok: false, reason: "mismatch" });
  assert.deepEqual(JSON.parse(run("sign", "--json", "--token", "tok", join(fixturesDir, "greenapi/incoming-text.json"))), { authorization: "Bearer tok" });
  assert.equal(execFileSync("node", [cli, "sign", "--provider", "zapi", "--token", "tok"], { input: readFileSync(join(fixturesDir, "zapi/delivery.json")), encoding: "utf8" }), "z-api-token: tok\n");
  const bad = spawnSync("node", [cli, "sign", "--token", "t", join(fixturesDir, "callbell/contact-created.json")], { encoding: "utf8" });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /callbell authenticates with --secret/);
});

test("sign signs for every provider with the flag its verify option names, and the headers verify", () => {
  const cases = [
    ["cloudapi/message-text.json", "--secret", "secret"],
    ["waha/message-text.json", "--secret", "secret"],
    ["evolution/messages-upsert-s3-mediaurl-fragment.json", "--apikey", "apikey"],
    ["plugchat/start-attendance.json", "--token", "token"],
  ];
  for (const [fixture, flag, option] of cases) {
    const file = join(fixturesDir, fixture);
    const headers = JSON.parse(run("sign", "--json", flag, "k-1", file));
    const provider = fixture.split("/")[0];
    const body = readFileSync(file);
    assert.deepEqual(verify(body, headers, { provider, [option]: "k-1" }), { ok: true }, fixture);
    assert.equal(verify(body, headers, { provider, [option]: "k-2" }).reason, "mismatch", fixture);
  }
});

test("post sends the signed body to a loopback server and refuses other hosts", async () => {
  const seen = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const v = verify(body, req.headers, { provider: "callbell", secret: "whsec_post" });
      seen.push({ url: req.url, body, v });
      res.writeHead(v.ok ? 200 : 401, { "content-type": "text/plain" }).end(v.ok ? `events: ${parse(body).events.length}` : v.reason);
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${server.address().port}/hooks/callbell`;
  const file = join(fixturesDir, "callbell/message-status-updated.json");
  try {
    const ok = await promisify(execFile)("node", [cli, "post", url, file, "--secret", "whsec_post"], { encoding: "utf8" });
    assert.equal(ok.stdout, "200 OK\nevents: 1\n");
    assert.equal(seen[0].url, "/hooks/callbell");
    assert.deepEqual(seen[0].body, readFileSync(file));
    const forged = await promisify(execFile)("node", [cli, "post", url, file, "--secret", "wrong"], { encoding: "utf8" }).catch((e) => e);
    assert.equal(forged.code, 1);
    assert.equal(forged.stdout, "401 Unauthorized\nmismatch\n");
    const unsigned = await promisify(execFile)("node", [cli, "post", url.replace("127.0.0.1", "localhost"), file], { encoding: "utf8" }).catch((e) => e);
    assert.match(unsigned.stdout, /401 Unauthorized\nmissing_header/);
  } finally {
    server.close();
  }
  assert.equal(seen.length, 3);
  for (const host of ["http://192.168.1.10/x", "http://example.com/x", "http://10.0.0.1:8080/", "http://[::ffff:127.0.0.1]/"]) {
    const r = spawnSync("node", [cli, "post", host, file], { encoding: "utf8" });
    assert.equal(r.status, 2, host);
    assert.match(r.stderr, /refusing to post.*--allow-remote/, host);
  }
});
