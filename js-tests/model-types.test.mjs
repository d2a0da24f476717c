// The TypeScript model (pkg-template/model.d.ts) is generated from the Rust model's JSON Schema
// (schema/ParseResult.schema.json, itself drift-checked by `cargo test --features schema`): this
// fails when it is stale (`make generate` rewrites it), and checks what the generator promises.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./helpers.mjs";
import { generate } from "../scripts/gen-types.mjs";

const schema = JSON.parse(readFileSync(join(root, "schema", "ParseResult.schema.json"), "utf8"));
const committed = readFileSync(join(root, "pkg-template", "model.d.ts"), "utf8");

test("pkg-template/model.d.ts is what scripts/gen-types.mjs generates from the schema (else: make generate)", () => {
  assert.equal(committed, generate(schema));
});

test("every event type and content kind of the schema has its interface, and every key its member", () => {
  for (const [def, tag, suffix] of [["Event", "type", "Event"], ["Content", "kind", "Content"]]) {
    for (const v of schema.$defs[def].oneOf) {
      const value = v.properties[tag].const;
      const name = value.charAt(0).toUpperCase() + value.slice(1) + suffix;
      const block = committed.match(new RegExp(`export interface ${name} (?:extends EventBase )?\\{([^]*?)\\n\\}`));
      assert.ok(block, `${name} is declared`);
      assert.match(block[1], new RegExp(`\\b${tag}: "${value}";`));
      for (const key of Object.keys(v.properties)) {
        if (["provider", "providerEvent", "instanceId", "timestamp", "dedupeKey", "raw"].includes(key) && def === "Event") continue;
        assert.match(block[1], new RegExp(`\\n  ${key}\\??: `), `${name}.${key}`);
      }
    }
  }
});

test("a field added to the model reaches the types: an extra schema property appears in its interface", () => {
  const copy = structuredClone(schema);
  const chat = copy.$defs.Chat;
  chat.properties.addedInRust = { description: "A new field.", type: ["string", "null"] };
  chat.required.push("addedInRust");
  assert.match(generate(copy), /export interface Chat \{[^}]*\/\*\* A new field\. \*\/\n  addedInRust: string \| null;/);
});
