// The package as it will be published (`npm pack pkg/`), checked offline: publint and
// @arethetypeswrong/cli report no problem, the tarball holds what it must, server bundles work
// from another folder (esbuild --platform=node, ESM and CommonJS output, with the .wasm copied next
// to the bundle; a single-file Lambda-style bundle of wahook/embedded), and `npm publish --dry-run`
// accepts it. `make release-check` runs this and `cargo publish --dry-run`.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readdirSync, copyFileSync, existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { root } from "../helpers.mjs";

const bin = (name) => join(root, "node_modules", ".bin", name);
let dir, tgz, project;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "wahook-release-"));
  execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", dir, "--silent"], { stdio: "pipe" });
  tgz = join(dir, readdirSync(dir).find((f) => f.endsWith(".tgz")));
  project = join(dir, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "lambda", private: true }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tgz], { cwd: project, stdio: "pipe" });
});

const run = (cmd, args, cwd) => spawnSync(cmd, args, { cwd, encoding: "utf8" });

test("publint reports nothing, not even a suggestion", () => {
  const r = run(bin("publint"), ["run", tgz, "--strict", "--level", "suggestion"], dir);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /All good!/);
});

test("attw: every entry point resolves its own types for node10, node16 (CJS and ESM) and bundlers", () => {
  const r = run(bin("attw"), [tgz, "--format", "json"], dir);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(Object.values(report.problems ?? {}).flat(), [], JSON.stringify(report.problems, null, 1));
  assert.equal(r.status, 0);
  const entries = report.analysis.entrypoints;
  assert.deepEqual(Object.keys(entries).sort(), [".", "./embedded", "./init", "./package.json", "./schema.json", "./testing", "./wasm"]);
  const types = (entry, kind) => entries[entry].resolutions[kind].resolution?.fileName;
  assert.equal(types(".", "node16-esm"), "/node_modules/wahook/index.d.ts");
  assert.equal(types(".", "node16-cjs"), "/node_modules/wahook/index.d.cts");
  assert.equal(types("./init", "node16-cjs"), "/node_modules/wahook/init.d.cts");
  assert.equal(types("./wasm", "bundler"), "/node_modules/wahook/wasm.d.ts");
});

test("the tarball holds the entries, types, wasm and release files, and nothing of the repository", () => {
  const list = execFileSync("tar", ["-tzf", tgz], { encoding: "utf8" }).trim().split("\n").map((f) => f.replace(/^package\//, "")).sort();
  for (const f of ["LICENSE", "README.md", "CHANGELOG.md", "package.json", "wahook_bg.wasm", "index.d.ts", "index.d.cts", "wasm.d.ts", "embedded.js", "embedded.cjs", "node.js", "node.cjs"]) {
    assert.ok(list.includes(f), `${f} is in the tarball`);
  }
  assert.deepEqual(list.filter((f) => /^(src|tests|js-tests|bench|www-example|target)\//.test(f) || f.endsWith(".rs")), []);
  const manifest = JSON.parse(readFileSync(join(root, "pkg", "package.json"), "utf8"));
  assert.equal(manifest.repository.url, "git+https://github.com/wahook/wahook.git");
  assert.ok(manifest.homepage && manifest.bugs.url && manifest.license === "MIT");
  assert.match(readFileSync(join(root, "pkg", "LICENSE"), "utf8"), /^MIT License\n\nCopyright \(c\) \d{4} wahook contributors/);
  // The npm page is the user README: no Makefile targets at its head, the tarball route documented.
  const readme = readFileSync(join(root, "pkg", "README.md"), "utf8");
  assert.ok(readme.indexOf("## Install") < readme.indexOf("make demo"));
  assert.match(readme, /npm i wahook/);
  assert.match(readme, /"nodeModulesDir": "manual"/);
});

const handler = `import { parse, version } from "wahook";
const body = '{"typeWebhook":"incomingMessageReceived","instanceData":{"idInstance":7},"timestamp":1588091580,"idMessage":"M1","senderData":{"chatId":"79001234567@c.us","sender":"79001234567@c.us"},"messageData":{"typeMessage":"textMessage","textMessageData":{"textMessage":"bundled"}}}';
console.log(version, parse(body).events[0].content.text);
`;

for (const format of ["esm", "cjs"]) {
  test(`esbuild --bundle --platform=node --format=${format} of "wahook": runs from another folder with the .wasm beside it, says what to do without`, async () => {
    writeFileSync(join(project, "handler.mjs"), handler);
    const out = mkdtempSync(join(tmpdir(), `wahook-bundle-${format}-`));
    const file = join(out, format === "esm" ? "index.mjs" : "index.js");
    await esbuild.build({ entryPoints: [join(project, "handler.mjs")], bundle: true, platform: "node", format, outfile: file, logLevel: "silent" });
    const elsewhere = mkdtempSync(join(tmpdir(), "wahook-cwd-"));
    const missing = run("node", [file], elsewhere);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /wahook: wahook_bg\.wasm not found .*copy node_modules\/wahook\/wahook_bg\.wasm next to it, or import "wahook\/embedded"/);
    copyFileSync(join(project, "node_modules", "wahook", "wahook_bg.wasm"), join(out, "wahook_bg.wasm"));
    const ok = run("node", [file], elsewhere);
    assert.equal(ok.stderr, "");
    assert.match(ok.stdout, /^\d+\.\d+\.\d+ bundled\n$/);
  });
}

test("a Lambda-style single-file bundle of wahook/embedded (CommonJS, exports.handler) runs alone from another folder", async () => {
  writeFileSync(join(project, "lambda.mjs"), `import { safeParse, verify } from "wahook/embedded";
export async function handler(event) {
  const body = Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8");
  if (!verify(body, event.headers, { provider: "greenapi", token: "tok" }).ok) return { statusCode: 401 };
  const r = safeParse(body, { provider: "greenapi" });
  return r.ok ? { statusCode: 200, body: JSON.stringify(r.value.events.map((e) => e.content.text)) } : { statusCode: 400, body: r.error.code };
}
`);
  const out = mkdtempSync(join(tmpdir(), "wahook-lambda-"));
  await esbuild.build({ entryPoints: [join(project, "lambda.mjs")], bundle: true, platform: "node", format: "cjs", outfile: join(out, "index.js"), logLevel: "silent" });
  assert.deepEqual(readdirSync(out), ["index.js"]);
  const elsewhere = mkdtempSync(join(tmpdir(), "wahook-cwd-"));
  const invoke = `const { handler } = require(${JSON.stringify(join(out, "index.js"))});
const body = ${JSON.stringify(handler.match(/'(.*)'/)[1])};
Promise.all([
  handler({ body: Buffer.from(body).toString("base64"), isBase64Encoded: true, headers: { authorization: "Bearer tok" } }),
  handler({ body, headers: {} }),
  handler({ body: "{", headers: { authorization: "Bearer tok" } }),
]).then((r) => console.log(JSON.stringify(r)));`;
  const r = run("node", ["-e", invoke], elsewhere);
  assert.equal(r.stderr, "");
  assert.deepEqual(JSON.parse(r.stdout), [{ statusCode: 200, body: '["bundled"]' }, { statusCode: 401 }, { statusCode: 400, body: "invalid_json" }]);
});

test("require('wahook/embedded') and import('wahook/embedded') give the same API as 'wahook'", async () => {
  const script = `const a = require("wahook"), b = require("wahook/embedded"), i = require("wahook/init");
import("wahook/embedded").then((c) => console.log(JSON.stringify([Object.keys(a).sort(), Object.keys(b).sort(), Object.keys(c).sort(), typeof i.initSync, typeof i.init, b.parse('{"typeWebhook":"x"}').events[0].type])));`;
  const r = run("node", ["-e", script], project);
  assert.equal(r.stderr, "");
  const [cjs, embedded, esm, initSync, init, type] = JSON.parse(r.stdout);
  assert.deepEqual(embedded, cjs);
  assert.deepEqual(esm, cjs);
  assert.deepEqual([initSync, init, type], ["function", "function", "unknown"]);
});

test("npm publish --dry-run accepts the tarball", () => {
  const r = run("npm", ["publish", "--dry-run", tgz], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout + r.stderr, /\+ wahook@\d+\.\d+\.\d+/);
});
