// The Worker of the soak (soak.test.mjs): fromRequest, with Callbell verification on /verified;
// GET /mem reports the instance's wasm memory size.
import { fromRequest, WahookError } from "wahook";
import { wasmMemory } from "../../pkg/wahook.js";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/mem") return Response.json({ wasm: wasmMemory().buffer.byteLength });
    try {
      const verify = url.pathname === "/verified" ? { provider: "callbell", secret: "whsec_soak" } : undefined;
      const r = await fromRequest(request, { verify });
      return Response.json(r);
    } catch (e) {
      const status = e instanceof WahookError && e.code === "unauthorized" ? 401 : e instanceof WahookError && e.code === "too_large" ? 413 : 400;
      return Response.json({ code: e.code, reason: e.reason, isWahookError: e instanceof WahookError }, { status });
    }
  },
};
