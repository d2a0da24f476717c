// The hand-written baseline: JSON.parse, then a straightforward normalizer (mapping.mjs) that
// produces the same fields as wahook for the webhook types of the benchmark mix.
import { mapWebhook } from "./mapping.mjs";

const decoder = new TextDecoder();

export function normalize(bytes) {
  const text = decoder.decode(bytes);
  return mapWebhook(JSON.parse(text), text);
}
