// The README's coverage table is what the package really does with every fixture.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readmeWithTable } from "../scripts/coverage-table.mjs";
import { root } from "./helpers.mjs";

test("README coverage table matches the fixtures' real output (regenerate: node scripts/coverage-table.mjs --write)", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  assert.equal(readme, readmeWithTable(readme));
});
