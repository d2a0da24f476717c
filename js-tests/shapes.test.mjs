// Model objects are built from the tape with an object literal per shape (pkg-template/shapes.js,
// written by scripts/gen-shapes.mjs); tape.js looks a literal up by the exact key sequence.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, literals, learnedShapes } from "./internal.mjs";
import { exerciseFixtures, schemaShapes } from "../scripts/gen-shapes.mjs";

test("results read with literals equal the first reading, key order included", () => {
  // A body whose result shapes this process has not met yet is read field by field the first
  // time (learning its shapes) and with the literals after.
  const body = JSON.stringify({
    event: "contact_created",
    payload: { uuid: "c-1", name: "Ana", phoneNumber: "+55 11 99999-0000", createdAt: "2024-01-01T00:00:00Z" },
  });
  const first = JSON.stringify(parse(body, { includeRaw: true }));
  for (let i = 0; i < 3; i++) assert.equal(JSON.stringify(parse(body, { includeRaw: true })), first);
  assert.ok(first.startsWith('{"provider":"callbell"'), first);
});

test("every object shape of the model's schema has a literal, reached by a fixture or not (else: make generate)", () => {
  const shapes = schemaShapes();
  assert.ok(shapes.length >= 60, `${shapes.length} shapes`);
  assert.deepEqual(shapes.map((k) => k.join(",")).filter((k) => !literals.has(k)), []);
});

test("every shape the fixtures' results have is built by a literal (else: node scripts/gen-shapes.mjs)", async () => {
  await exerciseFixtures();
  const shapes = learnedShapes();
  assert.ok(shapes.length >= 40, `${shapes.length} shapes`);
  assert.deepEqual(shapes.filter((s) => !s.literal).map((s) => s.keys.join(",")), []);
});

test("each literal builds exactly its keys, in order, reading one field per key", () => {
  assert.ok(literals.size >= 40);
  for (const [name, build] of literals) {
    const keys = name.split(",");
    let n = 0;
    const o = build(() => n++);
    assert.deepEqual(Object.keys(o), keys, name);
    assert.deepEqual(Object.values(o), keys.map((_, i) => i), name);
    assert.equal(Object.getPrototypeOf(o), Object.prototype);
    assert.ok(!keys.includes("__proto__"));
  }
});
