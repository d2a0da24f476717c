// Reads a Fetch API Request's body as bytes with a size limit.
import { WahookError } from "./api.js";

/**
 * The body of `request` as bytes. Rejects with WahookError `too_large` when Content-Length or the
 * bytes read pass `maxBytes` (the stream is cancelled, not read to its end); every failure is a WahookError.
 */
export async function readRequestBody(request, maxBytes) {
  if (!request || typeof request !== "object" || !("body" in request)) {
    throw new WahookError({ code: "invalid_input", message: "readRequestBody needs a Fetch API Request" });
  }
  if (typeof maxBytes !== "number" || !(maxBytes >= 0)) {
    throw new WahookError({ code: "invalid_input", message: "maxBytes must be a non-negative number" });
  }
  if (request.bodyUsed) throw new WahookError({ code: "invalid_input", message: "the request body was already read" });
  const tooLarge = (n, atLeast) => new WahookError({ code: "too_large", message: `the body is ${atLeast ? "at least " : ""}${n} bytes, more than the limit of ${maxBytes} (maxBytes)` });
  const declared = request.headers && typeof request.headers.get === "function" ? request.headers.get("content-length") : null;
  if (declared != null && /^\s*\d+\s*$/.test(declared) && Number(declared) > maxBytes) {
    try { await request.body?.cancel(); } catch { /* already closed */ }
    throw tooLarge(Number(declared), false);
  }
  const stream = request.body;
  if (stream == null) return new Uint8Array(0);
  let reader;
  try {
    reader = stream.getReader();
  } catch (e) {
    throw new WahookError({ code: "invalid_input", message: `the request body could not be read: ${(e && e.message) || e}` });
  }
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value instanceof Uint8Array ? value : new Uint8Array(value);
      total += chunk.byteLength;
      if (total > maxBytes) {
        reader.cancel().catch(() => {});
        throw tooLarge(total, true);
      }
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof WahookError) throw e;
    throw new WahookError({ code: "invalid_input", message: `the request body could not be read: ${(e && e.message) || e}` });
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}
