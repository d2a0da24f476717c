// wahook/schema.json (schema/ParseResult.schema.json, generated from the Rust model by
// tests/schema.rs): ajv in strict mode validates the output of every fixture, documented and wire,
// with and without `raw`, and of every builder; outputs with a field removed, mistyped, or added
// are rejected.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { parse } from "wahook";
import * as testing from "wahook/testing";
import schema from "wahook/schema.json" with { type: "json" };
import { root, fixtures } from "./helpers.mjs";

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
// The formats schemars writes for Rust integer and float types.
const int = (min, max) => ({ type: "number", validate: (n) => Number.isInteger(n) && n >= min && n <= max });
ajv.addFormat("int64", int(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
ajv.addFormat("uint8", int(0, 255));
ajv.addFormat("uint32", int(0, 2 ** 32 - 1));
ajv.addFormat("double", { type: "number", validate: Number.isFinite });
const validate = ajv.compile(schema);
const check = (value, what) => assert.ok(validate(value), `${what}: ${ajv.errorsText(validate.errors)}`);

test("the published schema is the committed, generated one (draft 2020-12)", () => {
  assert.deepEqual(schema, JSON.parse(readFileSync(join(root, "schema", "ParseResult.schema.json"), "utf8")));
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.equal(schema.title, "ParseResult");
  assert.deepEqual(schema.required, ["provider", "detectedBy", "ambiguous", "events", "warnings"]);
  // Each event lists the base fields, then its own, in the order the output has them.
  const message = schema.$defs.Event.oneOf.find((v) => v.properties.type.const === "message");
  const out = parse(testing.zapi.text(), { includeRaw: true }).events[0];
  assert.deepEqual(Object.keys(message.properties), Object.keys(out));
  assert.deepEqual(schema.$defs.Event.oneOf.map((v) => v.properties.type.const), ["message", "status", "presence", "connection", "call", "system", "unknown"]);
});

test("the output of every fixture validates, with and without raw", () => {
  let n = 0;
  for (const [name, bytes] of fixtures()) {
    for (const includeRaw of [false, true]) {
      const r = (() => { try { return parse(bytes, { includeRaw }); } catch { return null; } })();
      if (!r) continue;
      check(r, `${name} (includeRaw: ${includeRaw})`);
      n++;
    }
  }
  assert.ok(n >= 2 * 170, `${n} outputs validated`);
});

test("the output of every builder validates", () => {
  for (const p of ["zapi", "plugchat", "greenapi", "callbell"]) {
    for (const [kind, build] of Object.entries(testing[p])) check(parse(build(), { provider: p }), `${p}.${kind}`);
  }
});

// Every key of every object in an output, as paths, for the mutations below.
function paths(v, at = []) {
  if (v === null || typeof v !== "object") return [];
  return Object.keys(v).flatMap((k) => [[...at, k], ...paths(v[k], [...at, k])]);
}
const get = (v, path) => path.reduce((o, k) => o[k], v);

test("an output with any field removed, mistyped or added is rejected", () => {
  const outputs = [
    parse(testing.zapi.image()), parse(testing.zapi.status({ ids: ["a", "b"] })), parse(testing.greenapi.call()),
    parse(testing.plugchat.attendanceFinished(), { provider: "plugchat" }), parse(testing.callbell.messageCreated()),
    parse(testing.zapi.presence()), parse(testing.greenapi.stateChanged()),
    parse(testing.zapi.text(), { includeRaw: true }),
  ];
  let removed = 0;
  let mistyped = 0;
  for (const out of outputs) {
    check(out, "unchanged");
    for (const path of paths(out)) {
      const parentPath = path.slice(0, -1);
      const key = path[path.length - 1];
      // Inside free-form JSON (`raw`, a system event's provider `data`) anything goes.
      // An attendance is checked against its own definition below: `data` is untagged, so the
      // event schema accepts any object there.
      if (path.includes("raw") || (path[0] === "events" && path[2] === "data" && path.length > 3)) continue;
      if (Array.isArray(get(out, parentPath))) continue;
      const copy = structuredClone(out);
      const parent = get(copy, parentPath);
      const value = parent[key];
      if (key !== "raw") {
        delete parent[key];
        assert.equal(validate(copy), false, `removing ${path.join(".")} is rejected`);
        removed++;
      }
      parent[key] = typeof value === "string" ? 42 : typeof value === "number" ? "42" : typeof value === "boolean" ? "true" : value === null ? { x: 1 } : Array.isArray(value) ? "[]" : [];
      assert.equal(validate(copy), false, `mistyping ${path.join(".")} is rejected`);
      mistyped++;
      parent[key] = value;
      parent.extraField = 1;
      assert.equal(validate(copy), false, `adding a key next to ${path.join(".")} is rejected`);
      delete parent.extraField;
    }
  }
  assert.ok(removed > 150 && mistyped > 150, `${removed} removals, ${mistyped} mistypings`);
  // A Plugchat attendance, against $defs.Attendance.
  const attendance = ajv.compile({ $ref: "https://unpkg.com/wahook/schema.json#/$defs/Attendance" });
  const data = outputs[3].events[0].data;
  assert.ok(attendance(data), ajv.errorsText(attendance.errors));
  for (const path of paths(data).filter((p) => !p.includes("raw") && !Array.isArray(get(data, p.slice(0, -1))))) {
    const copy = structuredClone(data);
    delete get(copy, path.slice(0, -1))[path[path.length - 1]];
    assert.equal(attendance(copy), false, `removing data.${path.join(".")} is rejected`);
  }
  // Values out of their enumerations, and a status rank that is not an integer.
  const s = structuredClone(outputs[1]);
  s.events[0].status = "seen";
  assert.equal(validate(s), false);
  const r = structuredClone(outputs[1]);
  r.events[0].rank = 4.5;
  assert.equal(validate(r), false);
});
