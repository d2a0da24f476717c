// toNodeListener behind Express (npm, from node_modules) on Deno's node:http: the shared scenarios.
// Run: deno test --no-check --allow-read --allow-env --allow-net=127.0.0.1 js-tests/deno/handler-express.mjs
// (--no-check: the node: imports would make Deno type-check against @types/node, which is not installed).
import * as wahook from "wahook";
import { createServer } from "node:http";
import express from "express";
import { scenarios } from "../handler-scenarios.mjs";

const root = new URL("../../", import.meta.url);
const expected = JSON.parse(Deno.readTextFileSync(new URL("tests/expected.json", root)));
const fixtures = [];
for (const provider of ["callbell", "greenapi", "plugchat", "zapi"]) {
  const names = [...Deno.readDirSync(new URL(`tests/fixtures/${provider}/`, root))].map((e) => e.name).filter((n) => n.endsWith(".json")).sort();
  for (const n of names) fixtures.push([`${provider}/${n}`, Deno.readFileSync(new URL(`tests/fixtures/${provider}/${n}`, root))]);
}

async function serve(handler) {
  const app = express();
  app.all("/{*path}", wahook.toNodeListener(handler));
  const server = createServer(app);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

for (const [name, fn] of Object.entries(scenarios({ wahook, serve, fixtures, expected }))) {
  Deno.test({ name: `Express on Deno: ${name}`, fn, sanitizeOps: false, sanitizeResources: false });
}
