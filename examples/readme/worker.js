import { fromRequest, WahookError } from "wahook";

export default {
  async fetch(request, env) {
    try {
      const { events } = await fromRequest(request, { verify: { provider: "callbell", secret: env.CALLBELL_SECRET } });
      for (const e of events) console.log(e.type, e.dedupeKey);   // store them, keyed by dedupeKey
      return new Response("ok");
    } catch (e) {
      if (!(e instanceof WahookError)) throw e;
      return new Response(e.code, { status: e.code === "unauthorized" ? 401 : 400 });
    }
  },
};
