// The JavaScript API of wahook, shared by every entry (node.js, deno.js, workerd.js, browser.js,
// init.js). It checks arguments, moves the body into wasm as bytes, and turns the tape the Rust
// core writes into plain objects (tape.js). The entries only differ in how they load the .wasm file.

import { parseBytes, detectBytes, verifyBytes, verifyHeaders, signatureHeaders as signatureHeaderPairs, sign as signBytes } from "./wahook.js";
import { readTape } from "./tape.js";
import { checkVerifyOptions } from "./verify-options.js";
import { WahookError } from "./errors.js";
import { readRequestBody } from "./request.js";

export { WahookError };

/** The library version (also the npm package version). */
export const version = "__VERSION__";

import { providers as PROVIDERS, verification } from "./names.js";
export { providers, providerTitles, verification } from "./names.js";
const DEFAULT_MAX_BYTES = 1048576;
const encoder = new TextEncoder();

function fail(code, message, extra) {
  return { ok: false, error: { code, message, line: null, column: null, reason: null, ...extra } };
}

function typeOf(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v;
}

/** Encodes HeadersLike (Headers, a record, or an iterable of pairs) as `name\0value\0...`. */
function encodeHeaders(headers) {
  if (headers == null) return "";
  const out = [];
  const add = (k, v) => {
    if (typeof k !== "string") return;
    const value = Array.isArray(v) ? v.join(", ") : v;
    if (typeof value !== "string" || k.includes("\0") || value.includes("\0")) return;
    out.push(k, value);
  };
  if (typeof headers !== "object" && typeof headers !== "function") {
    throw new TypeError(`headers must be a Headers object, a record of strings or an iterable of [name, value] pairs, not ${typeOf(headers)}`);
  }
  if (typeof headers.forEach === "function" && typeof headers.get === "function") {
    headers.forEach((v, k) => add(k, v));
  } else if (typeof headers[Symbol.iterator] === "function") {
    for (const pair of headers) if (Array.isArray(pair) && pair.length >= 2) add(pair[0], pair[1]);
  } else {
    for (const k of Object.keys(headers)) add(k, headers[k]);
  }
  return out.join("\0");
}

/** Validated options, or a failure envelope. */
function readOptions(options) {
  if (options == null) return { provider: "", headers: "", includeRaw: false, maxBytes: DEFAULT_MAX_BYTES };
  if (typeof options !== "object" || Array.isArray(options)) return fail("invalid_input", `options must be an object, not ${typeOf(options)}`);
  const { provider, headers, includeRaw, maxBytes } = options;
  if (provider != null && !PROVIDERS.includes(provider)) {
    return fail("invalid_input", `options.provider must be one of ${PROVIDERS.map((p) => JSON.stringify(p)).join(", ")}, not ${JSON.stringify(provider)}`);
  }
  if (includeRaw != null && typeof includeRaw !== "boolean") return fail("invalid_input", `options.includeRaw must be a boolean, not ${typeOf(includeRaw)}`);
  if (maxBytes != null && !(typeof maxBytes === "number" && maxBytes >= 0 && !Number.isNaN(maxBytes))) {
    return fail("invalid_input", `options.maxBytes must be a non-negative number, not ${typeof maxBytes === "number" ? maxBytes : typeOf(maxBytes)}`);
  }
  let encoded;
  try {
    encoded = encodeHeaders(headers);
  } catch (e) {
    return fail("invalid_input", `options.headers: ${e.message}`);
  }
  return { provider: provider || "", headers: encoded, includeRaw: includeRaw === true, maxBytes: maxBytes == null ? DEFAULT_MAX_BYTES : maxBytes };
}

/** The body as a string or bytes, or a failure envelope. Objects are serialized with JSON.stringify. */
function readBody(body, maxBytes) {
  if (typeof body === "string") {
    // A string's UTF-8 length is at least its length in UTF-16 units: reject early without copying.
    if (body.length > maxBytes) return fail("too_large", `the body is at least ${body.length} bytes, more than the limit of ${maxBytes} (maxBytes)`);
    return { text: body };
  }
  if (body instanceof Uint8Array) return { bytes: body };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body) };
  if (ArrayBuffer.isView(body)) return { bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  if (body !== null && typeof body === "object") {
    let text;
    try {
      text = JSON.stringify(body);
    } catch (e) {
      // A cyclic object nests without end: past any depth limit, as SPEC's too_deep says.
      if (e instanceof TypeError && /circular|cyclic/i.test(String(e.message))) {
        return fail("too_deep", `the body object is cyclic (it contains itself), so it nests deeper than 128 levels: ${e.message}`);
      }
      return fail("invalid_input", `the body object cannot be serialized as JSON: ${e.message}`);
    }
    if (typeof text !== "string") return fail("invalid_input", "the body object cannot be serialized as JSON");
    return readBody(text, maxBytes);
  }
  return fail("invalid_input", `the body must be a string, a Uint8Array, an ArrayBuffer or a parsed JSON object, not ${typeOf(body)}`);
}

// Reused for encoding string bodies: up to 3 bytes per UTF-16 unit, grown on demand, dropped
// when a very large body would keep it big.
let scratch = new Uint8Array(4096);
function encodeScratch(text) {
  const need = text.length * 3;
  if (scratch.length < need) scratch = new Uint8Array(need);
  const { written } = encoder.encodeInto(text, scratch);
  const bytes = scratch.subarray(0, written);
  if (scratch.length > 1 << 20) scratch = new Uint8Array(4096);
  return bytes;
}

/** Runs a parse and returns `{ ok: true, value }` or `{ ok: false, error }`; never throws. */
function run(body, options) {
  const o = readOptions(options);
  if (o.ok === false) return o;
  const b = readBody(body, o.maxBytes);
  if (b.ok === false) return b;
  if (b.bytes && b.bytes.byteLength > o.maxBytes) {
    return fail("too_large", `the body is ${b.bytes.byteLength} bytes, more than the limit of ${o.maxBytes} (maxBytes)`);
  }
  // Strings are encoded here: TextEncoder is native, while the generated glue for a `&str`
  // argument copies ASCII into wasm one character at a time (measured: 0.9 µs slower per webhook).
  const bytes = b.bytes || encodeScratch(b.text);
  return readTape(parseBytes(bytes, o.provider || undefined, o.headers || undefined, o.includeRaw, o.maxBytes));
}

/**
 * Detects the provider and normalizes a webhook body into events.
 * @throws {WahookError} for bodies that are not a known provider's JSON object.
 */
export function parse(body, options) {
  const r = safeParse(body, options);
  if (!r.ok) throw new WahookError(r.error);
  return r.value;
}

/** Like `parse`, but returns `{ ok: true, value }` or `{ ok: false, error }` and never throws. */
export function safeParse(body, options) {
  try {
    return run(body, options);
  } catch (e) {
    return fail("invalid_input", String((e && e.message) || e));
  }
}

/** Detects the provider without normalizing. Never throws. */
export function detect(body, options) {
  const none = (reason) => ({ provider: null, ambiguous: false, detectedBy: null, providerEvent: null, reason });
  try {
    const o = readOptions(options);
    if (o.ok === false) return none(`${o.error.code}: ${o.error.message}`);
    const b = readBody(body, o.maxBytes);
    if (b.ok === false) return none(`${b.error.code}: ${b.error.message}`);
    // Size first: an oversize body is never copied into wasm.
    if (b.bytes && b.bytes.byteLength > o.maxBytes) return none(`too_large: the body is ${b.bytes.byteLength} bytes, more than the limit of ${o.maxBytes} (maxBytes)`);
    const bytes = b.bytes || encodeScratch(b.text);
    return readTape(detectBytes(bytes, o.provider || undefined, o.headers || undefined, o.maxBytes)).value;
  } catch (e) {
    return none(`invalid_input: ${(e && e.message) || e}`);
  }
}

function bodyBytes(body) {
  if (typeof body === "string") return encodeScratch(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return null;
}

/** Secrets or tokens as `a\0b…`; empty entries of a rotation list are ignored (`["", "good"]` is
 * `["good"]`); null when none is left or an entry is not a string. */
function secretList(v) {
  const list = typeof v === "string" ? [v] : Array.isArray(v) ? v : null;
  if (!list || !list.every((s) => typeof s === "string" && !s.includes("\0"))) return null;
  const kept = list.filter((s) => s.length > 0);
  return kept.length === 0 ? null : kept.join("\0");
}

/**
 * Verifies that a request came from the provider: Callbell's HMAC signature, Meta's Cloud API
 * `X-Hub-Signature-256`, WAHA's HMAC (X-Webhook-Hmac), Green API's bearer token, Z-API/Plugchat's
 * token header, or Evolution's API key (header, else the body's `apikey`). On the raw bytes,
 * synchronous, constant-time. Never throws.
 */
export function verify(body, headers, options) {
  const invalid = { ok: false, reason: "invalid_options" };
  try {
    if (!options || typeof options !== "object") return invalid;
    const { provider } = options;
    if (!PROVIDERS.includes(provider)) return invalid;
    const secrets = secretList(options[verification[provider].option]);
    if (!secrets) return invalid;
    const tolerance = options.toleranceSeconds == null ? 300 : options.toleranceSeconds;
    const now = options.now == null ? Date.now() : options.now;
    const header = options.header == null ? "" : options.header;
    const maxBytes = options.maxBytes == null ? DEFAULT_MAX_BYTES : options.maxBytes;
    if (typeof tolerance !== "number" || !(tolerance >= 0) || typeof now !== "number" || !Number.isFinite(now) || typeof header !== "string") return invalid;
    if (!(typeof maxBytes === "number" && maxBytes >= 0)) return invalid;
    if (!(typeof body === "string" || body instanceof ArrayBuffer || ArrayBuffer.isView(body))) return invalid;
    let encoded;
    try {
      encoded = encodeHeaders(headers);
    } catch {
      return { ok: false, reason: "missing_header" };
    }
    // What the headers alone decide (missing or malformed credentials, in wasm: each provider's own
    // rules), then the size: a request without credentials, or with a body over maxBytes, is
    // refused without its body being encoded or copied into wasm.
    const early = verifyHeaders(encoded, provider, secrets, tolerance, now, header);
    if (early) return { ok: false, reason: early };
    const size = typeof body === "string" ? body.length : body.byteLength;
    if (size > maxBytes) return { ok: false, reason: "too_large" };
    const bytes = bodyBytes(body);
    if (bytes.byteLength > maxBytes) return { ok: false, reason: "too_large" };
    const reason = verifyBytes(bytes, encoded, provider, secrets, tolerance, now, header);
    return reason ? { ok: false, reason } : { ok: true };
  } catch {
    return invalid;
  }
}

/**
 * Headers that pass `verify` for `body` with the same options: the provider's signature (Callbell at
 * `now`, default Date.now()), or its token or API key header. Signs with the first non-empty
 * secret of a rotation list. For tests, fixtures and replays.
 */
export function signatureHeaders(body, options) {
  const bytes = bodyBytes(body);
  if (!bytes) throw new WahookError({ code: "invalid_input", message: `signatureHeaders: the body must be a string or a Uint8Array, not ${typeOf(body)}` });
  const problem = checkVerifyOptions(options);
  if (problem) throw new WahookError({ code: "invalid_input", message: `signatureHeaders: ${problem}` });
  const { provider } = options;
  const pairs = signatureHeaderPairs(bytes, provider, secretList(options[verification[provider].option]), options.now ?? Date.now(), options.header ?? "").split("\0");
  const out = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) out[pairs[i].toLowerCase()] = pairs[i + 1];
  return out;
}

/** A valid `X-Callbell-Signature` header value for a body, secret and time (unix seconds), for tests. */
export function sign(body, options) {
  const bytes = bodyBytes(body);
  if (!bytes) throw new WahookError({ code: "invalid_input", message: `sign: the body must be a string or a Uint8Array, not ${typeOf(body)}` });
  if (!options || typeof options.secret !== "string" || options.secret.length === 0) {
    throw new WahookError({ code: "invalid_input", message: "sign: options.secret must be a non-empty string" });
  }
  if (typeof options.timestamp !== "number" || !Number.isInteger(options.timestamp)) {
    throw new WahookError({ code: "invalid_input", message: "sign: options.timestamp must be an integer (unix seconds)" });
  }
  return signBytes(bytes, options.secret, options.timestamp);
}

/**
 * Reads a Fetch API Request once as bytes and parses it, passing its headers. With `verify`, rejects
 * with a WahookError of code "unauthorized" (and `reason`) before parsing when verification fails.
 */
export async function fromRequest(request, options) {
  if (options != null && (typeof options !== "object" || Array.isArray(options))) {
    throw new WahookError({ code: "invalid_input", message: `fromRequest options must be an object, not ${typeOf(options)}` });
  }
  if (request === null || typeof request !== "object" || (typeof request.arrayBuffer !== "function" && request.body == null)) {
    throw new WahookError({ code: "invalid_input", message: `fromRequest needs a Fetch API Request, not ${typeOf(request)}` });
  }
  let verifyOptions, parseOptions, headers;
  try {
    ({ verify: verifyOptions, ...parseOptions } = options || {});
    headers = request.headers;
  } catch (e) {
    throw new WahookError({ code: "invalid_input", message: `fromRequest could not read its arguments: ${(e && e.message) || e}` });
  }
  const o = readOptions(parseOptions);
  if (o.ok === false) throw new WahookError(o.error);
  // Misconfiguration is not an authentication failure: invalid_input naming the option.
  const misconfigured = verifyOptions != null && checkVerifyOptions(verifyOptions);
  if (misconfigured) throw new WahookError({ code: "invalid_input", message: misconfigured });
  // Size first: Content-Length, then the stream, cancelled as soon as it passes maxBytes.
  const bytes = await readRequestBody(request, o.maxBytes);
  if (verifyOptions) {
    const v = verify(bytes, headers, verifyOptions.maxBytes == null ? { ...verifyOptions, maxBytes: o.maxBytes } : verifyOptions);
    if (v.reason === "invalid_options") throw new WahookError({ code: "invalid_input", message: "options.verify is not valid verification options", reason: v.reason });
    if (!v.ok) throw new WahookError({ code: "unauthorized", message: `the request failed verification: ${v.reason}`, reason: v.reason });
  }
  return parse(bytes, { ...parseOptions, headers: parseOptions.headers == null ? headers : parseOptions.headers });
}
