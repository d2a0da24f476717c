// Structs of a shape JS has no object literal for (pkg-template/shapes.js lists those the fixtures
// produce; a new model type, or a kind no fixture has, has none): with every literal removed before
// the first call, each fixture, in order and twice, reads back exactly as with them. This covers the
// generic readers of tape.js: `learn`, `object` for keyed structs, and `bare` for structs whose keys
// the tape leaves out (tape.rs: a struct type's predicted shape).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, literals, learnedShapes } from "./internal.mjs";
import { fixtures, expected, comparable } from "./helpers.mjs";

test("without object literals, every fixture reads back exactly, call after call", () => {
  literals.clear();
  for (let round = 0; round < 2; round++) {
    for (const [name, bytes] of fixtures()) {
      const exp = expected[name];
      if (exp.error) continue;
      assert.deepEqual(comparable(parse(bytes)), exp, `${name}, round ${round}`);
    }
  }
  assert.ok(learnedShapes().length >= 40, `${learnedShapes().length} shapes learned`);
});
