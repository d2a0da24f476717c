// createHandler: a Fetch API webhook endpoint (Request → Response) that verifies, parses and
// dispatches every event to typed handlers; isNewer: the no-downgrade rule for statuses.
import { safeParse, verify, WahookError } from "./api.js";
import { readRequestBody } from "./request.js";
import { checkVerifyOptions } from "./verify-options.js";
import { eventTypes, contentKinds, systemNames } from "./names.js";

export { toNodeListener } from "./node-listener.js";

import { providers as PROVIDERS } from "./names.js";
const DEFAULT_MAX_BYTES = 1048576;
// Set by toNodeListener on a Request whose raw body an earlier middleware consumed (express.json()).
const PRE_PARSED = Symbol.for("wahook.preParsedBody");

/** Every key `on` accepts: "*", the event types, "message.<kind>" and the system event names. */
export const eventNames = Object.freeze(["*", ...eventTypes, ...contentKinds.map((k) => `message.${k}`), ...systemNames]);
const known = new Set(eventNames);
const systemSet = new Set(systemNames);

function configError(message) {
  return new WahookError({ code: "invalid_input", message: `createHandler: ${message}` });
}

function distance(a, b) {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

function suggest(key) {
  let best = null, score = 4;
  for (const name of eventNames) {
    const s = distance(key.toLowerCase(), name.toLowerCase());
    if (s < score) { score = s; best = name; }
  }
  return best ? ` (did you mean ${JSON.stringify(best)}?)` : "";
}

const typeOf = (v) => (v === null ? "null" : Array.isArray(v) ? "an array" : typeof v);

function checkVerify(v) {
  if (v == null) return null;
  const problem = checkVerifyOptions(v);
  if (problem) throw configError(problem);
  // The remaining checks (toleranceSeconds, now, header) are verify()'s own.
  if (verify("", [], v).reason === "invalid_options") throw configError("options.verify has an invalid toleranceSeconds, now or header");
  return v;
}

const utf8 = new TextEncoder();
const validSecret = (v) => (typeof v === "string" && v.length > 0) || (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === "string" && s.length > 0));

/** Meta's subscription handshake token(s): a non-empty string, or an array of them (rotation). */
function checkVerifyToken(v) {
  if (v == null) return null;
  if (!validSecret(v)) {
    throw configError(`options.verifyToken must be the Verify Token set in Meta's App Dashboard (a non-empty string, or an array of them), not ${typeOf(v) === "string" ? "an empty string" : typeOf(v)}`);
  }
  return (typeof v === "string" ? [v] : v).map((t) => utf8.encode(t));
}

/** Whether two byte strings are equal, in time that depends only on their lengths. */
function sameBytes(a, b) {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] | 0) ^ (b[i] | 0);
  return diff === 0;
}

/**
 * Meta's (Cloud API) subscription handshake: `GET ?hub.mode=subscribe&hub.verify_token=<token>&hub.challenge=<c>`
 * is answered 200 with the challenge as text/plain when the token is one of `tokens`, else 403; null
 * for a GET that is not a handshake.
 */
function handshake(request, tokens) {
  let params;
  try {
    params = new URL(request.url, "http://localhost").searchParams;
  } catch {
    return null;
  }
  if (!params.has("hub.mode")) return null;
  const got = utf8.encode(params.get("hub.verify_token") || "");
  let ok = params.get("hub.mode") === "subscribe";
  let matched = false;
  for (const t of tokens) matched = sameBytes(t, got) || matched;
  ok = ok && matched;
  if (!ok) return json(403, { status: "error", error: { code: "forbidden", message: "the hub.verify_token (or hub.mode) of this subscription request is not the configured verifyToken" } });
  const challenge = params.get("hub.challenge");
  if (challenge == null) return json(400, { status: "error", error: { code: "invalid_input", message: "the subscription request has no hub.challenge" } });
  return new Response(challenge, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
}

function checkFunction(options, name) {
  const f = options[name];
  if (f != null && typeof f !== "function") throw configError(`options.${name} must be a function, not ${typeOf(f)}`);
  return f || null;
}

function json(status, body, extra) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...extra } });
}

const STATUS_OF = { unauthorized: 401, too_large: 413 };

/**
 * A Fetch API handler, `(request, env?, ctx?) => Promise<Response>`, for a webhook endpoint: it reads
 * the body once as bytes (up to maxBytes), verifies it (with `verify`), parses it and awaits the
 * handlers of every event in order, then answers 200; 401 when verification fails; 400 for a body
 * that is not a webhook; 413 over maxBytes; 500 when a handler (or seen/markSeen) throws. With
 * `verifyToken`, Meta's subscription GET (`hub.mode=subscribe`) is answered with its `hub.challenge`
 * (403 on another token).
 * Misconfiguration throws here, not at request time.
 */
export function createHandler(options) {
  if (options == null || typeof options !== "object" || Array.isArray(options)) throw configError(`options must be an object, not ${typeOf(options)}`);
  const { provider, includeRaw, maxBytes } = options;
  if (provider != null && !PROVIDERS.includes(provider)) {
    throw configError(`options.provider must be one of ${PROVIDERS.map((p) => JSON.stringify(p)).join(", ")}, not ${JSON.stringify(provider)}`);
  }
  if (includeRaw != null && typeof includeRaw !== "boolean") throw configError(`options.includeRaw must be a boolean, not ${typeOf(includeRaw)}`);
  if (maxBytes != null && !(typeof maxBytes === "number" && maxBytes >= 0)) throw configError(`options.maxBytes must be a non-negative number, not ${JSON.stringify(maxBytes)}`);
  const verifyOptions = checkVerify(options.verify);
  const verifyTokens = checkVerifyToken(options.verifyToken);
  const on = options.on == null ? {} : options.on;
  if (typeof on !== "object" || Array.isArray(on)) throw configError(`options.on must be an object of handlers keyed by event name, not ${typeOf(on)}`);
  const handlers = new Map();
  for (const key of Object.keys(on)) {
    if (!known.has(key)) throw configError(`unknown event name ${JSON.stringify(key)} in options.on${suggest(key)}; the names are listed in eventNames`);
    if (typeof on[key] !== "function") throw configError(`options.on[${JSON.stringify(key)}] must be a function, not ${typeOf(on[key])}`);
    handlers.set(key, on[key]);
  }
  const onError = checkFunction(options, "onError");
  const onUnhandled = checkFunction(options, "onUnhandled");
  const seen = checkFunction(options, "seen");
  const markSeen = checkFunction(options, "markSeen");
  const limit = maxBytes == null ? DEFAULT_MAX_BYTES : maxBytes;
  const any = handlers.get("*");

  // "*" first, then the type, then the content kind or system name.
  function handlersFor(event) {
    const list = [];
    if (any) list.push(any);
    const byType = handlers.get(event.type);
    if (byType) list.push(byType);
    let specific;
    if (event.type === "message" && event.content) specific = handlers.get(`message.${event.content.kind}`);
    else if (event.type === "system" && systemSet.has(event.name)) specific = handlers.get(event.name);
    if (specific) list.push(specific);
    return list;
  }

  async function fail(status, error, response, info) {
    if (onError) {
      try {
        const custom = await onError(error, { status, ...info });
        if (custom instanceof Response) return custom;
      } catch {
        return json(500, { status: "error", error: { code: "handler_error", message: "onError threw" } });
      }
    }
    return response;
  }

  return async function wahookHandler(request, env, ctx) {
    if (!request || typeof request !== "object" || typeof request.method !== "string") {
      throw new WahookError({ code: "invalid_input", message: `the webhook handler needs a Fetch API Request, not ${typeOf(request)}` });
    }
    const method = request.method.toUpperCase();
    // Meta's subscription handshake, when a verifyToken is configured.
    if (method === "GET" && verifyTokens) {
      const answer = handshake(request, verifyTokens);
      if (answer) return answer;
    }
    // Connection checks (Callbell documents periodic ones expecting 200 {"status":"ok"}).
    if (method === "GET" || method === "HEAD") return json(200, { status: "ok" });
    if (method !== "POST") return json(405, { status: "error", error: { code: "method_not_allowed", message: "webhooks are POST requests" } }, { allow: "POST, GET, HEAD" });
    const base = { request, env, ctx };
    if (verifyOptions && request[PRE_PARSED]) {
      const error = new WahookError({
        code: "invalid_input",
        message: "the raw body is gone (an earlier middleware such as express.json() parsed it), so the signature or token cannot be verified: mount the webhook route before express.json(), or use express.raw({ type: \"*/*\" }) on it",
      });
      return fail(500, error, json(500, { status: "error", error: { code: "body_consumed", message: error.message } }), { ...base, event: null, result: null });
    }
    let bytes;
    try {
      bytes = await readRequestBody(request, limit);
    } catch (e) {
      const error = e instanceof WahookError ? e : new WahookError({ code: "invalid_input", message: String((e && e.message) || e) });
      const status = error.code === "too_large" ? 413 : 400;
      return fail(status, error, json(status, { status: "error", error: error.toJSON() }), { ...base, event: null, result: null });
    }
    if (verifyOptions) {
      const v = verify(bytes, request.headers, verifyOptions);
      if (!v.ok) {
        const error = new WahookError({ code: "unauthorized", message: `the request failed verification: ${v.reason}`, reason: v.reason });
        return fail(401, error, json(401, { status: "error", error: { code: "unauthorized", reason: v.reason } }), { ...base, event: null, result: null });
      }
    }
    const r = safeParse(bytes, { provider, headers: request.headers, includeRaw: includeRaw === true, maxBytes: limit });
    if (!r.ok) {
      const error = new WahookError(r.error);
      const status = STATUS_OF[error.code] || 400;
      return fail(status, error, json(status, { status: "error", error: r.error }), { ...base, event: null, result: null });
    }
    const result = r.value;
    const context = { result, request, provider: result.provider, warnings: result.warnings, env, ctx };
    let skipped = 0;
    let current = null;
    try {
      for (const event of result.events) {
        current = event;
        if (seen && (await seen(event.dedupeKey, event))) { skipped++; continue; }
        const list = handlersFor(event);
        if (list.length === 0) { if (onUnhandled) await onUnhandled(event, context); }
        else for (const h of list) await h(event, context);
        if (markSeen) await markSeen(event.dedupeKey, event);
      }
    } catch (e) {
      return fail(500, e, json(500, { status: "error", error: { code: "handler_error", message: "a handler threw; answering 500 so that the provider retries" } }), { ...base, event: current, result });
    }
    return json(200, { status: "ok", provider: result.provider, events: result.events.length, skipped });
  };
}

const RANKS = { accepted: 1, sent: 2, delivered: 3, read: 4, played: 5 };
const rankOf = (x) => (typeof x.rank === "number" ? x.rank : RANKS[x.status] || 0);
const final = (status) => status === "failed" || status === "deleted";

/**
 * Whether a status event should replace the stored status of its message (SPEC §2): always when
 * nothing is stored and for `failed`/`deleted`; otherwise only a higher rank. A stored `failed` or
 * `deleted` is final: only another `failed`/`deleted` replaces it.
 */
export function isNewer(stored, event) {
  if (!event || typeof event !== "object" || typeof event.status !== "string") {
    throw new WahookError({ code: "invalid_input", message: "isNewer(stored, event): event must be a status event" });
  }
  if (final(event.status) || stored == null) return true;
  if (typeof stored !== "object") throw new WahookError({ code: "invalid_input", message: "isNewer(stored, event): stored must be { status, rank } or null" });
  if (final(stored.status)) return false;
  return rankOf(event) > rankOf(stored);
}
