// toNodeListener: runs a Fetch API handler (createHandler's) as a Node `(req, res)` listener for
// http.createServer and Express, and as a Fastify route handler `(request, reply)`. No Node imports:
// it only uses the IncomingMessage/ServerResponse methods, so it also works in Bun and Deno.
import { WahookError } from "./api.js";

const PRE_PARSED = Symbol.for("wahook.preParsedBody");
const encoder = new TextEncoder();

function streamOf(incoming) {
  let done = false;
  return new ReadableStream({
    start(controller) {
      incoming.on("data", (chunk) => {
        if (done) return;
        controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if (controller.desiredSize <= 0 && typeof incoming.pause === "function") incoming.pause();
      });
      incoming.on("end", () => { if (!done) { done = true; controller.close(); } });
      incoming.on("error", (e) => { if (!done) { done = true; controller.error(e); } });
    },
    pull() { if (typeof incoming.resume === "function") incoming.resume(); },
    // Stops reading (too_large); Node drains or closes the connection when the response ends.
    cancel() { done = true; if (typeof incoming.pause === "function") incoming.pause(); },
  });
}

function headersOf(raw) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw || {})) {
    if (value == null) continue;
    try {
      headers.set(name, Array.isArray(value) ? value.join(", ") : String(value));
    } catch { /* a header name or value the Fetch API rejects */ }
  }
  return headers;
}

/**
 * A Node listener for a Fetch handler: `http.createServer(toNodeListener(handler))`,
 * `app.post("/hook", toNodeListener(handler))` (Express), `fastify.post("/hook", toNodeListener(handler))`.
 * Reads the raw body from the stream, or from `req.body` when a body parser left bytes or a string
 * there. When an earlier `express.json()` parsed it into an object, the handler gets that object
 * re-serialized and refuses to verify it (500 `body_consumed`).
 */
export function toNodeListener(handler) {
  if (typeof handler !== "function") {
    throw new WahookError({ code: "invalid_input", message: "toNodeListener needs a handler function, such as createHandler(...)'s" });
  }
  return async function wahookNodeListener(req, res, next) {
    // Fastify passes its own request and reply, which wrap Node's in `.raw`.
    const fastify = res && typeof res.code === "function" && typeof res.send === "function" && res.raw ? res : null;
    const incoming = req && req.raw && typeof req.on !== "function" ? req.raw : req;
    const out = fastify ? fastify.raw : res;
    try {
      const method = String(incoming.method || "GET").toUpperCase();
      const host = typeof incoming.headers?.host === "string" && /^[A-Za-z0-9.:\[\]-]+$/.test(incoming.headers.host) ? incoming.headers.host : "localhost";
      let url;
      try { url = new URL(incoming.originalUrl || incoming.url || "/", `http://${host}`).href; } catch { url = "http://localhost/"; }
      const headers = headersOf(incoming.headers);
      const parsed = req.body;
      const init = { method, headers };
      let preParsed = false;
      if (method !== "GET" && method !== "HEAD") {
        if (parsed instanceof Uint8Array || typeof parsed === "string") {
          init.body = parsed; // express.raw(), express.text(), a Fastify buffer parser: the raw bytes
          headers.delete("content-length");
        } else if (parsed != null && typeof parsed === "object" && (incoming.readableEnded || incoming._body === true)) {
          init.body = JSON.stringify(parsed);
          headers.delete("content-length");
          preParsed = true;
        } else {
          init.body = streamOf(incoming);
          init.duplex = "half";
        }
      }
      const request = new Request(url, init);
      if (preParsed) request[PRE_PARSED] = true;
      const response = await handler(request, { req, res });
      const body = new Uint8Array(await response.arrayBuffer());
      const responseHeaders = {};
      response.headers.forEach((v, k) => { responseHeaders[k] = v; });
      // A body left unread (413): close the connection rather than read the rest.
      if (init.body instanceof ReadableStream && !incoming.readableEnded) responseHeaders.connection = "close";
      if (fastify) return fastify.code(response.status).headers(responseHeaders).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      if (out.headersSent) return;
      out.statusCode = response.status;
      for (const [k, v] of Object.entries(responseHeaders)) out.setHeader(k, v);
      out.end(body);
    } catch (e) {
      if (typeof next === "function" && !fastify) return next(e);
      if (fastify) return fastify.code(500).send({ status: "error", error: { code: "handler_error", message: "the webhook handler failed" } });
      if (!out.headersSent) { out.statusCode = 500; out.setHeader("content-type", "application/json"); }
      out.end(JSON.stringify({ status: "error", error: { code: "handler_error", message: "the webhook handler failed" } }));
    }
  };
}
