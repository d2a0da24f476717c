import { fromRequest, WahookError } from "wahook";

const token = process.env.PLUGCHAT_TOKEN;   // the token Plugchat sends in its z-api-token header
if (!token) throw new Error("PLUGCHAT_TOKEN is not set");

Bun.serve({
  port: Number(process.env.PORT ?? 3000),
  async fetch(request) {
    try {
      const { events } = await fromRequest(request, { provider: "plugchat", verify: { provider: "plugchat", token } });
      for (const e of events) console.log(e.type, e.dedupeKey);
      return new Response("ok");
    } catch (e) {
      if (!(e instanceof WahookError)) throw e;
      return new Response(e.code, { status: e.code === "unauthorized" ? 401 : 400 });
    }
  },
});
