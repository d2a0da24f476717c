// A Cloudflare Worker for WhatsApp webhooks: POST /webhook verifies the request (when
// WEBHOOK_SECRET is set), skips events already stored, stores each event in KV under
// `event:<dedupeKey>` and keeps the latest status of each message under `status:<messageId>`,
// applied with isNewer so that a late "delivered" never overwrites "read".
import { createHandler, isNewer } from "wahook";

const DAY = 86400;

function verifyOptions(env) {
  if (!env.WEBHOOK_SECRET) return undefined; // unverified: for local tests only
  const provider = env.WEBHOOK_PROVIDER || "zapi";
  return provider === "callbell" ? { provider, secret: env.WEBHOOK_SECRET } : { provider, token: env.WEBHOOK_SECRET };
}

function makeHandler(env) {
  return createHandler({
    provider: env.WEBHOOK_PROVIDER || undefined,
    verify: verifyOptions(env),
    // A provider's retry of a body already processed: its events are skipped.
    seen: async (key) => (await env.EVENTS.get(`event:${key}`)) !== null,
    // After an event's handlers succeeded: store it, for 30 days.
    markSeen: (key, event) => env.EVENTS.put(`event:${key}`, JSON.stringify(event), { expirationTtl: 30 * DAY }),
    on: {
      status: async (e) => {
        if (e.messageId == null) return;
        const key = `status:${e.messageId}`;
        const stored = await env.EVENTS.get(key, "json");
        if (isNewer(stored, e)) await env.EVENTS.put(key, JSON.stringify({ status: e.status, rank: e.rank, timestamp: e.timestamp }));
      },
      "message.text": async (m) => {
        if (m.messageId != null) await env.EVENTS.put(`text:${m.messageId}`, m.content.text, { expirationTtl: 30 * DAY });
      },
    },
    onError: (error, { status }) => console.log(`webhook answered ${status}: ${error && error.message}`),
  });
}

// One handler per isolate (env is the same object for every request of a deployment).
let handler, handlerEnv;

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/webhook") {
      if (handlerEnv !== env) { handler = makeHandler(env); handlerEnv = env; }
      return handler(request, env, ctx);
    }
    // Read-only views of what was stored (protect or remove them in production).
    const m = url.pathname.match(/^\/(status|event|text)\/(.+)$/);
    if (m && request.method === "GET") {
      const value = await env.EVENTS.get(`${m[1]}:${decodeURIComponent(m[2])}`);
      return value === null ? new Response("not found", { status: 404 }) : new Response(value, { headers: { "content-type": m[1] === "text" ? "text/plain; charset=utf-8" : "application/json" } });
    }
    return new Response("not found", { status: 404 });
  },
};
