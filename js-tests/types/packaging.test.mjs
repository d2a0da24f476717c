// The package's types from three kinds of project: lib es2022 only (no DOM), Node's own types
// (req.headers as HeadersLike), and a CommonJS project (module node16), each compiled by tsc.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { root } from "../helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const tsc = (project) => {
  try {
    execFileSync(join(root, "node_modules", ".bin", "tsc"), ["-p", join(here, project, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail(`tsc -p ${project} reported errors:\n${e.stdout}${e.stderr}`);
  }
};

test("the declarations compile with lib es2022 and no DOM (structural HeadersLike, RequestLike, wasm)", () => tsc("nodom"));
test("Node's IncomingHttpHeaders (req.headers) is a HeadersLike, with @types/node and no DOM", () => tsc("node"));
test("a CommonJS project (module node16) resolves require types (index.d.cts)", () => tsc("cjs"));
