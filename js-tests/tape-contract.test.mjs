// The wasm–JS result contract: every numeric op, flag and header slot pkg-template/tape.js uses is
// a literal annotated with its constant's name (`case 5 /* STR */`, `u32[h + 5 /* H_POOL */]`), and
// each must equal that constant in bindings/wasm/src/tape.rs. Every op tape.rs defines is read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const rust = readFileSync(new URL("bindings/wasm/src/tape.rs", root), "utf8");
const js = readFileSync(new URL("pkg-template/tape.js", root), "utf8");

const constants = new Map(
  [...rust.matchAll(/^pub const ([A-Z0-9_]+): (?:u32|usize) = (0x[0-9A-Fa-f_]+|\d+);/gm)].map((m) => [m[1], Number(m[2].replaceAll("_", ""))]),
);

test("tape.rs declares the ops, flags and header slots", () => {
  for (const name of ["NULL", "TRUE", "FALSE", "INT", "NUM", "STR", "ARR", "OBJ", "CONST", "STRUCT", "SHAPE_NEW", "SHAPE_KEYED", "NO_SHAPE", "KEY_NEW", "KEY_DYNAMIC", "H_OK", "H_WORDS", "H_NUMS", "H_POOL", "H_POOL_LEN", "H_POOL_UTF16"]) {
    assert.ok(constants.has(name), `tape.rs has no pub const ${name}`);
  }
});

test("every annotated literal of tape.js equals its tape.rs constant", () => {
  const uses = [...js.matchAll(/(0x[0-9a-fA-F]+|\d+) \/\* ([A-Z0-9_]+) \*\//g)];
  assert.ok(uses.length >= 17, `only ${uses.length} annotated literals in tape.js`);
  for (const [, literal, name] of uses) {
    assert.ok(constants.has(name), `tape.js names ${name}, which tape.rs does not declare`);
    assert.equal(Number(literal), constants.get(name), `tape.js uses ${literal} for ${name}; tape.rs says ${constants.get(name)}`);
  }
  // Every op is read: one `case N /* OP */` per op constant below the flags.
  const ops = [...constants].filter(([n, v]) => v < 16 && !n.startsWith("H_")).map(([n]) => n);
  const cases = new Set([...js.matchAll(/case \d+ \/\* ([A-Z_]+) \*\//g)].map((m) => m[1]));
  assert.deepEqual(ops.filter((op) => !cases.has(op)), [], "ops tape.js does not read");
  // No bare numeric case: an op must say which it is.
  assert.deepEqual([...js.matchAll(/case (\d+):/g)].map((m) => m[0]), [], "unannotated cases in tape.js");
});
