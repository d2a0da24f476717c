// The done-when: a fresh project installs the packed package (npm pack pkg/, installed
// offline from the tarball into a temp dir) and tests its handler with only wahook/testing:
// examples/testing-project/ is copied there, its `node --test` must pass and its types.ts must
// type-check against the installed types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, cpSync, rmSync, readdirSync, existsSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./helpers.mjs";

test("a fresh project installs the packed package and its handler tests pass", () => {
  const dir = mkdtempSync(join(tmpdir(), "wahook-project-"));
  try {
    const packed = execFileSync("npm", ["pack", join(root, "pkg"), "--pack-destination", dir, "--silent"], { encoding: "utf8" }).trim().split("\n").pop();
    const tarball = join(dir, packed);
    assert.ok(existsSync(tarball), tarball);
    const project = join(dir, "project");
    cpSync(join(root, "examples", "testing-project"), project, { recursive: true });
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], { cwd: project, stdio: "pipe" });
    const installed = join(project, "node_modules", "wahook");
    assert.ok(!realpathSync(installed).startsWith(join(root, "pkg")), "installed from the tarball, not linked");
    for (const f of ["testing.js", "testing.d.ts", "examples.js", "schema.json", "cli-dev.js"]) assert.ok(readdirSync(installed).includes(f), f);
    // Not as a subtest of this run: a fresh `node --test`, as the project's CI would run it.
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const out = execFileSync("node", ["--test", "--test-reporter=tap"], { cwd: project, encoding: "utf8", env });
    assert.match(out, /# pass 4\n/);
    assert.match(out, /# fail 0\n/);
    const tsc = spawnSync(join(root, "node_modules", ".bin", "tsc"), ["-p", "."], { cwd: project, encoding: "utf8" });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
