// Types of the wahook package. They describe exactly the objects the functions return: every
// documented key is present (null when the source has no value), times are epoch milliseconds,
// ids are strings. Discriminate events on `type` and message contents on `kind`.
//
// The output model (ParseResult, WahookEvent, Content, ...) is generated from the Rust model into
// model.d.ts; this file declares the functions and their options.

import type { Provider, ParseResult } from "./model.js";
export * from "./model.js";

/** Plugchat attendance data (`SystemEvent.data` of `attendance.started` / `attendance.finished`). */
export type AttendanceData = import("./model.js").Attendance;

/** Every provider name, in declaration order. */
export declare const providers: readonly Provider[];
/** Each provider's name as people write it (`"Z-API"`, `"Green API"`, ...). */
export declare const providerTitles: Readonly<Record<Provider, string>>;

/** A webhook body: raw bytes (preferred), a string, or an already JSON.parse'd object. */
export type WebhookBody = string | Uint8Array | ArrayBuffer | object;

/** A Fetch `Headers` object, or anything with its `get` and `forEach` (structural: no DOM lib needed). */
export interface HeadersObject { get(name: string): string | null; forEach(callback: (value: string, name: string) => void): void }
/**
 * Request headers; names are case-insensitive: a `Headers`, a record (also Node's `req.headers`,
 * `IncomingHttpHeaders`, whose array values are joined with ", "), or `[name, value]` pairs.
 */
export type HeadersLike = HeadersObject | Record<string, string | readonly string[] | undefined> | Iterable<readonly [string, string]>;
/** A Fetch `Request`, or anything with its `arrayBuffer()` and `headers` (structural: no DOM lib needed). */
export interface RequestLike { arrayBuffer(): Promise<ArrayBuffer>; readonly headers: HeadersLike }

export interface ParseOptions {
  /** The provider the endpoint expects; settles Z-API vs Plugchat. A contradicting shape is `provider_mismatch`. */
  provider?: Provider;
  /** Request headers: `z-api-token` or `origin: https://api.z-api.io` settle Z-API. */
  headers?: HeadersLike;
  /** Attach the source JSON object of each event as `raw`. Default false. */
  includeRaw?: boolean;
  /** Bodies larger than this many UTF-8 bytes are `too_large`. Default 1 048 576. */
  maxBytes?: number;
}

export interface DetectOptions {
  provider?: Provider;
  headers?: HeadersLike;
  maxBytes?: number;
}

export type ErrorCode =
  | "invalid_json"
  | "invalid_encoding"
  | "not_an_object"
  | "unknown_provider"
  | "provider_mismatch"
  | "too_large"
  | "too_deep"
  | "invalid_input"
  | "unauthorized";

/** What went wrong: `line`/`column` (1-based, column in code points) for `invalid_json`; `reason` for `unauthorized`. */
export interface WahookErrorInfo {
  code: ErrorCode;
  message: string;
  line: number | null;
  column: number | null;
  reason: VerifyFailure | null;
}

/** Thrown by `parse` (and rejected by `fromRequest`). */
export declare class WahookError extends Error implements WahookErrorInfo {
  constructor(info: Partial<WahookErrorInfo> & { message: string });
  readonly name: "WahookError";
  code: ErrorCode;
  line: number | null;
  column: number | null;
  reason: VerifyFailure | null;
  toJSON(): WahookErrorInfo;
}

export interface Detection {
  provider: Provider | null;
  ambiguous: boolean;
  detectedBy: "hint" | "shape" | "headers" | null;
  providerEvent: string | null;
  /** Which keys decided, or the error code and why nothing matched. */
  reason: string;
}

/** `secret`/`token` lists are rotation lists: any entry may match; empty entries are ignored. */
export type VerifyOptions = (
  | { provider: "callbell"; secret: string | string[]; /** Default 300; exact to the millisecond. */ toleranceSeconds?: number; /** Epoch ms; default Date.now(). */ now?: number }
  | { provider: "greenapi"; token: string | string[] }
  /** WAHA: X-Webhook-Hmac, hex HMAC-SHA512 of the body keyed with `secret` (the webhook's hmac.key); X-Webhook-Hmac-Algorithm other than sha512 is "malformed_header"; X-Webhook-Timestamp is not signed by WAHA and not checked. */
  | { provider: "waha"; secret: string | string[] }
  | { provider: "cloudapi"; /** The Meta app secret; several for rotation. Checks X-Hub-Signature-256. */ secret: string | string[] }
  | { provider: "zapi" | "plugchat"; token: string | string[]; /** Default "z-api-token". */ header?: string }
  /** Evolution does not sign: the instance API key, from `header` when the request has it, else the body's top-level `apikey` (a token, not a signature). */
  | { provider: "evolution"; apikey: string | string[]; /** Default "apikey". */ header?: string }
) & {
  /** Default 1_048_576 (as parse). A larger body is refused with reason "too_large" before it is copied into wasm. */
  maxBytes?: number;
};

/**
 * Why verification failed. The header is checked first (missing_header, malformed_header), then the
 * size (too_large), then the signature or token (mismatch), then Callbell's time (expired). A header
 * sent twice is read joined with ", " (as Fetch's Headers does) in every headers form: a doubled
 * token header is "mismatch", a doubled Callbell signature "malformed_header".
 */
export type VerifyFailure = "missing_header" | "malformed_header" | "too_large" | "expired" | "mismatch" | "invalid_options";
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

export type SafeParseResult = { ok: true; value: ParseResult } | { ok: false; error: WahookErrorInfo };

/** Detects the provider and normalizes the body. Throws WahookError. */
export declare function parse(body: WebhookBody, options?: ParseOptions): ParseResult;
/** Like parse, but never throws. */
export declare function safeParse(body: WebhookBody, options?: ParseOptions): SafeParseResult;
/** Detects the provider only. Never throws. */
export declare function detect(body: WebhookBody, options?: DetectOptions): Detection;
/** Checks a request's signature or token on the raw bytes. Never throws. */
export declare function verify(body: string | Uint8Array | ArrayBuffer, headers: HeadersLike, options: VerifyOptions): VerifyResult;
/** A valid X-Callbell-Signature value for tests. */
export declare function sign(body: string | Uint8Array, options: { secret: string; timestamp: number }): string;
/**
 * Headers that pass `verify` for `body` with the same options: the provider's signature (at `now`,
 * epoch ms, default Date.now()), or its token or API key header; signs with the first non-empty
 * secret of a rotation list. For tests, fixtures and replays. Throws WahookError (invalid_input)
 * for unusable options.
 */
export declare function signatureHeaders(body: string | Uint8Array, options: VerifyOptions): Record<string, string>;
/** How each provider's requests are verified: the `verify` option that carries the credentials, and what they are. */
export declare const verification: Readonly<Record<Provider, { readonly option: "secret" | "token" | "apikey"; readonly needs: string }>>;
/**
 * Reads a Fetch API Request once as bytes, at most `maxBytes` (default 1 MiB: a larger
 * `Content-Length` is refused unread, and the stream is cancelled as soon as it passes the limit —
 * code "too_large"), and parses it with its headers. With `verify`, rejects with code "unauthorized"
 * (and `reason`) first when verification fails, and with "invalid_input" naming the option when the
 * verify options lack a secret or token. Every rejection is a `WahookError`.
 */
export declare function fromRequest(request: RequestLike, options?: ParseOptions & { verify?: VerifyOptions }): Promise<ParseResult>;
export declare const version: string;

export * from "./handler.js";
