// The application: a Fetch-style webhook endpoint (Workers, Deno, Bun, Node's fetch adapters).
import { fromRequest, WahookError } from "wahook";

export function makeHandler({ provider, verify, onEvent }) {
  return async function handle(request) {
    try {
      const result = await fromRequest(request, { provider, verify });
      for (const event of result.events) await onEvent(event);
      return new Response(null, { status: 204 });
    } catch (e) {
      if (e instanceof WahookError && e.code === "unauthorized") return new Response(e.reason, { status: 401 });
      if (e instanceof WahookError) return new Response(e.code, { status: 400 });
      throw e;
    }
  };
}
