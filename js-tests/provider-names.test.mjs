// A provider is declared in one place: its module (src/providers/<name>/), the `Provider` enum
// (src/model.rs) and the files generated from them (names.js, model.d.ts, the schema). No other
// code names a provider: detection, the binding, the JS API, the handler, the CLI and the scripts
// iterate the registry (`providers::ALL`, names.js `providers`/`verification`). Comments and docs
// may name providers; the test kit's per-provider builders (`zapi`, `greenapi`...) are its API.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { root } from "./helpers.mjs";
import { providers } from "../pkg-template/names.js";

const variants = ["Zapi", "Plugchat", "Greenapi", "Callbell", "Cloudapi", "Evolution", "Waha"];
const literal = new RegExp(`["'\`](${providers.join("|")})["'\`]|Provider::(${variants.join("|")})\\b`);

/** Code lines only: comments and doc comments are documentation. */
const code = (text) =>
  text.split("\n").map((line, i) => [i + 1, line]).filter(([, l]) => !/^\s*(\/\/|\*|\/\*)/.test(l));

function files() {
  const rs = (dir) => readdirSync(join(root, dir)).filter((f) => f.endsWith(".rs")).map((f) => join(dir, f));
  const js = readdirSync(join(root, "pkg-template")).filter((f) => /\.(m?js|cjs)$/.test(f) && f !== "names.js" && f !== "testing.js");
  return [
    ...rs("src").filter((f) => f !== join("src", "model.rs")),
    ...rs(join("bindings", "wasm", "src")),
    ...js.map((f) => join("pkg-template", f)),
    ...readdirSync(join(root, "scripts")).filter((f) => f.endsWith(".mjs")).map((f) => join("scripts", f)),
  ];
}

test("no provider is named in code outside its module, the Provider enum and generated files", () => {
  const found = [];
  for (const f of files()) {
    for (const [n, line] of code(readFileSync(join(root, f), "utf8"))) if (literal.test(line)) found.push(`${f}:${n}: ${line.trim()}`);
  }
  assert.deepEqual(found, []);
});

test("the check finds a provider named in code", () => {
  assert.ok(literal.test('if (provider === "waha") {'));
  assert.ok(literal.test("(crate::model::Provider::Waha, Some(p)) => p,"));
  assert.ok(!literal.test("// WAHA keeps the receipt in `payload`."));
});
