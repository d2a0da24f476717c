// toNodeListener behind Express (npm, from node_modules) on Deno's node:http: the shared scenarios.
// Run: deno test --no-check --allow-read --allow-env --allow-net=127.0.0.1 js-tests/deno/handler-express.mjs
// (--no-check: the node: imports would make Deno type-check against @types/node, which is not installed).
import * as wahook from "wahook";
import { createServer } from "node:http";
import express from "express";
import { scenarios } from "../handler-scenarios.mjs";
import { expected, fixtures } from "./corpus.mjs";


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
