// createHandler in Deno: the shared scenarios against Deno.serve on 127.0.0.1.
// Run: deno test --allow-read --allow-net=127.0.0.1 js-tests/deno/handler-runtime.mjs
import * as wahook from "wahook";
import { scenarios } from "../handler-scenarios.mjs";
import { expected, fixtures } from "./corpus.mjs";


async function serve(handler) {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request, info) => handler(request, info));
  return { base: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

for (const [name, fn] of Object.entries(scenarios({ wahook, serve, fixtures, expected }))) {
  Deno.test(`Deno.serve: ${name}`, fn);
}
