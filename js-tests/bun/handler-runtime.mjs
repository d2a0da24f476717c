// createHandler in Bun: the shared scenarios against Bun.serve on 127.0.0.1.
// Run: bun js-tests/bun/handler-runtime.mjs (js-tests/handler-bun.test.mjs runs it from node --test).
import * as wahook from "wahook";
import { scenarios } from "../handler-scenarios.mjs";
import { fixtures, expected } from "../helpers.mjs";
import { createServer } from "node:http";
import express from "express";

async function serve(handler) {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (request, s) => handler(request, s) });
  return { base: `http://127.0.0.1:${server.port}`, close: () => server.stop(true) };
}

// toNodeListener behind Express, on Bun's node:http.
async function serveExpress(handler) {
  const app = express();
  app.all("/{*path}", wahook.toNodeListener(handler));
  const server = createServer(app);
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

let passed = 0, failed = 0;
for (const [label, s] of [["Bun.serve", serve], ["Express on Bun", serveExpress]]) {
  for (const [name, fn] of Object.entries(scenarios({ wahook, serve: s, fixtures: fixtures(), expected }))) {
    try {
      await fn();
      passed++;
      console.log(`ok - ${label}: ${name}`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${label}: ${name}\n${e && e.stack}`);
    }
  }
}
console.log(`bun ${Bun.version}: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
