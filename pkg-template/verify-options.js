// The `verify` options of `fromRequest`, checked before any request is read: options that can
// never verify anything (no secret or token, an unknown provider, a bad tolerance) are a
// configuration error of the endpoint — `invalid_input` naming the option — not a request that
// failed to authenticate (`unauthorized`). `verify()` itself never throws and answers
// `invalid_options` for the same options.

// Which option carries each provider's credentials, and what they are, is declared once per
// provider module in Rust (`verification`) and generated into names.js.
import { providers as PROVIDERS, verification } from "./names.js";

function describe(v) {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (typeof v === "string") return v === "" ? "an empty string" : "a string";
  if (Array.isArray(v)) return v.length === 0 ? "an empty array" : "an array";
  return typeof v;
}

/** A list of secrets is valid when it is a string or an array of strings with at least one non-empty
 * (empty entries of a rotation list are ignored, as `verify()` does). */
function validSecrets(v) {
  const list = typeof v === "string" ? [v] : Array.isArray(v) ? v : null;
  return !!list && list.some((s) => s.length > 0) && list.every((s) => typeof s === "string" && !s.includes("\0"));
}

/**
 * Checks `fromRequest`'s `verify` options. Returns null when they are usable, else a message that
 * names the option (for a WahookError of code "invalid_input").
 */
export function checkVerifyOptions(options) {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    return `options.verify must be an object such as { provider, secret }, not ${Array.isArray(options) ? "an array" : describe(options)}`;
  }
  const { provider } = options;
  if (!PROVIDERS.includes(provider)) {
    return `options.verify.provider must be one of ${PROVIDERS.map((p) => JSON.stringify(p)).join(", ")}, not ${typeof provider === "string" ? JSON.stringify(provider) : describe(provider)}`;
  }
  const { option: key, needs: what } = verification[provider];
  if (!validSecrets(options[key])) {
    return `options.verify.${key} is ${describe(options[key])}: ${provider} verification needs ${what}, a non-empty string or an array of them (is the environment variable set?)`;
  }
  const { toleranceSeconds, now, header } = options;
  if (toleranceSeconds != null && !(typeof toleranceSeconds === "number" && toleranceSeconds >= 0)) {
    return `options.verify.toleranceSeconds must be a non-negative number of seconds, not ${typeof toleranceSeconds === "number" ? toleranceSeconds : describe(toleranceSeconds)}`;
  }
  if (now != null && !(typeof now === "number" && Number.isFinite(now))) {
    return `options.verify.now must be a finite number (epoch milliseconds), not ${typeof now === "number" ? now : describe(now)}`;
  }
  if (header != null && typeof header !== "string") return `options.verify.header must be a header name (a string), not ${describe(header)}`;
  return null;
}
