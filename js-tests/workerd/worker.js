// A Cloudflare Worker using the package as users would: `import ... from "wahook"`.
import { fromRequest, WahookError } from "wahook";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    try {
      const verify = url.pathname === "/verified" ? { provider: "callbell", secret: "whsec_workerd" } : undefined;
      const provider = url.searchParams.get("provider") || undefined;
      return Response.json(await fromRequest(request, { provider, verify }));
    } catch (e) {
      const status = e instanceof WahookError && e.code === "unauthorized" ? 401 : 400;
      return Response.json({ code: e.code, reason: e.reason, message: e.message, isWahookError: e instanceof WahookError }, { status });
    }
  },
};
