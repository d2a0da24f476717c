// Reading a Fetch API Request's body with a size limit: `Content-Length` first, then the stream,
// cancelled as soon as it passes the limit, so that an endless or huge body costs at most about
// `maxBytes` (plus one chunk) of memory. Used by fromRequest (api.js) and createHandler.

import { WahookError } from "./errors.js";

const invalid = (message) => new WahookError({ code: "invalid_input", message });
const tooLarge = (message) => new WahookError({ code: "too_large", message });
const text = (e) => String((e && e.message) || e);

/**
 * The body of `request` as bytes, at most `maxBytes` of them.
 * Rejects with a WahookError: `too_large` when `Content-Length` or the bytes read pass
 * `maxBytes` (the stream is then cancelled), `invalid_input` for anything else (not a Request,
 * headers that cannot be read, a body already used, a stream that fails).
 * @param {Request} request
 * @param {number} maxBytes
 * @returns {Promise<Uint8Array>}
 */
export async function readRequestBody(request, maxBytes) {
  if (!(typeof maxBytes === "number" && maxBytes >= 0)) throw invalid(`maxBytes must be a non-negative number, not ${String(maxBytes)}`);
  if (request === null || typeof request !== "object") throw invalid(`a Fetch API Request is needed, not ${request === null ? "null" : typeof request}`);
  let length, body, used;
  try {
    const headers = request.headers;
    length = headers && typeof headers.get === "function" ? headers.get("content-length") : null;
    body = request.body;
    used = request.bodyUsed;
  } catch (e) {
    throw invalid(`the request could not be read: ${text(e)}`);
  }
  if (length != null && /^\s*\d+\s*$/.test(length) && Number(length) > maxBytes) {
    throw tooLarge(`the request body is ${Number(length)} bytes (Content-Length), more than the limit of ${maxBytes} (maxBytes)`);
  }
  if (used === true) throw invalid("the request body was already read");
  if (body == null) {
    // No body (GET, or a Request-like object without streams): an empty body, or arrayBuffer().
    if (typeof request.arrayBuffer !== "function") {
      if (body === null) return new Uint8Array(0);
      throw invalid("a Fetch API Request is needed (it has no body stream and no arrayBuffer())");
    }
    let buf;
    try {
      buf = new Uint8Array(await request.arrayBuffer());
    } catch (e) {
      throw invalid(`the request body could not be read: ${text(e)}`);
    }
    if (buf.byteLength > maxBytes) throw tooLarge(`the request body is ${buf.byteLength} bytes, more than the limit of ${maxBytes} (maxBytes)`);
    return buf;
  }
  if (typeof body.getReader !== "function") throw invalid("request.body is not a ReadableStream");
  let reader;
  try {
    reader = body.getReader();
  } catch (e) {
    throw invalid(`the request body could not be read: ${text(e)}`);
  }
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) throw invalid("the request body stream gave a chunk that is not a Uint8Array");
      total += value.byteLength;
      if (total > maxBytes) {
        chunks.length = 0;
        try {
          reader.cancel().catch(() => {});
        } catch {
          // cancel() threw synchronously: nothing more to release.
        }
        throw tooLarge(`the request body is more than ${maxBytes} bytes (maxBytes); reading stopped at ${total}`);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof WahookError) throw e;
    throw invalid(`the request body could not be read: ${text(e)}`);
  } finally {
    try {
      reader.releaseLock();
    } catch {
      // Already released or a pending read: the stream is done with either way.
    }
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
