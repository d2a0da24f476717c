// createHandler in Bun: the shared scenarios against Bun.serve on 127.0.0.1.
// Run: bun js-tests/bun/handler-runtime.mjs (js-tests/handler-bun.test.mjs runs it from node --test).
import * as wahook from "wahook";
import { scenarios } from "../handler-scenarios.mjs";
import { fixtures, expected } from "../helpers.mjs";

async function serve(handler) {
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (request, s) => handler(request, s) });
  return { base: `http://127.0.0.1:${server.port}`, close: () => server.stop(true) };
}

let passed = 0, failed = 0;
for (const [name, fn] of Object.entries(scenarios({ wahook, serve, fixtures: fixtures(), expected }))) {
  try {
    await fn();
    passed++;
    console.log(`ok - Bun.serve: ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - Bun.serve: ${name}\n${e && e.stack}`);
  }
}
console.log(`bun ${Bun.version}: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
