// A Worker that runs the shared createHandler scenarios inside workerd: POST /run with the fixtures
// ({ fixtures: [[name, base64]], expected }); each scenario's handler gets workerd's own Request objects.
import * as wahook from "wahook";
import { scenarios } from "../handler-scenarios.mjs";

const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

export default {
  async fetch(request) {
    const { fixtures, expected } = await request.json();
    const serve = async (handler) => ({ base: "http://worker.test", close: async () => {}, fetch: (url, init) => handler(new Request(url, init)) });
    const results = [];
    for (const [name, fn] of Object.entries(scenarios({ wahook, serve, fixtures: fixtures.map(([n, b]) => [n, bytes(b)]), expected }))) {
      try { await fn(); results.push({ name, ok: true }); } catch (e) { results.push({ name, ok: false, error: String((e && e.stack) || e) }); }
    }
    return Response.json(results);
  },
};
