// Our own variants of the documented payloads (tests/variants.json, also run by `cargo test`)
// through the built package: partial expectations, in byte and object form.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "wahook";
import { root } from "./helpers.mjs";

const cases = JSON.parse(readFileSync(join(root, "tests", "variants.json"), "utf8"));

function partial(exp, act, path) {
  if (exp !== null && typeof exp === "object") {
    if (Array.isArray(exp)) {
      assert.ok(Array.isArray(act), `${path}: expected an array, got ${JSON.stringify(act)}`);
      assert.equal(act.length, exp.length, `${path}: ${JSON.stringify(act)}`);
      exp.forEach((x, i) => partial(x, act[i], `${path}[${i}]`));
    } else {
      assert.ok(act && typeof act === "object", `${path}: expected an object, got ${JSON.stringify(act)}`);
      for (const k of Object.keys(exp)) {
        assert.ok(Object.prototype.hasOwnProperty.call(act, k), `${path}.${k}: missing`);
        partial(exp[k], act[k], `${path}.${k}`);
      }
    }
  } else {
    assert.equal(act, exp, path);
  }
}

for (const c of cases) {
  test(c.name, () => {
    partial(c.expect, parse(new TextEncoder().encode(JSON.stringify(c.body))), "bytes");
    partial(c.expect, parse(c.body), "object");
  });
}
