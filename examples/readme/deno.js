import { fromRequest, WahookError } from "wahook";   // or "npm:wahook" without a package.json

const token = Deno.env.get("GREENAPI_TOKEN");   // the webhookUrlToken set in Green API's console
if (!token) throw new Error("GREENAPI_TOKEN is not set");

// deno serve --allow-read --allow-env main.js
export default {
  async fetch(request) {
    try {
      const { events } = await fromRequest(request, { verify: { provider: "greenapi", token } });
      for (const e of events) console.log(e.type, e.dedupeKey);
      return new Response("ok");
    } catch (e) {
      if (!(e instanceof WahookError)) throw e;
      return new Response(e.code, { status: e.code === "unauthorized" ? 401 : 400 });
    }
  },
};
