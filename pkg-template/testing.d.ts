// Types of wahook/testing: examples, builders, and requests for tests of webhook handlers.
import type { Provider } from "wahook";

export interface Example {
  provider: Provider;
  /** The file name without `.json`, unique per provider. */
  name: string;
  /** "docs": from the provider's documentation; "wire": a body seen in the field. */
  source: "docs" | "wire";
  /** The exact text of the body. */
  body: string;
}

/** Every documented and field-captured body wahook is tested with. */
export declare const examples: readonly Example[];
/** The example `name` of `provider`, or undefined. */
export declare function example(provider: Provider, name: string): Example | undefined;
/** Deep merge: plain objects merge key by key; arrays and other values in `b` replace. */
export declare function merge<T>(a: T, b: unknown): T;

/** Overrides of the provider body, merged deeply over what the builder wrote. */
export type Overrides = Record<string, unknown>;
/** A provider-shaped webhook body (a plain object; JSON.stringify it, or pass it to parse). */
export type Body = Record<string, unknown>;
type Builder<I> = (intent?: I, overrides?: Overrides) => Body;

/** Times are epoch milliseconds (as in wahook's output); phone numbers are digits. */
interface Common { id?: string; timestamp?: number; instanceId?: string }
interface ZapiMessage extends Common { from?: string; name?: string; chatName?: string; fromMe?: boolean; fromApi?: boolean; group?: string; lid?: string; connectedPhone?: string; replyTo?: string }

export interface ZapiBuilders {
  text: Builder<ZapiMessage & { text?: string }>;
  image: Builder<ZapiMessage & { url?: string; caption?: string; mimeType?: string; thumbnailUrl?: string; width?: number; height?: number; viewOnce?: boolean }>;
  status: Builder<Common & { ids?: string[]; status?: "sent" | "delivered" | "read" | "played" | "readBySelf"; phone?: string }>;
  delivery: Builder<Common & { phone?: string; zaapId?: string; error?: string }>;
  presence: Builder<{ phone?: string; presence?: "available" | "unavailable" | "composing" | "recording" | "paused"; lastSeen?: number | null; instanceId?: string }>;
  connected: Builder<{ phone?: string; timestamp?: number; instanceId?: string }>;
  disconnected: Builder<{ error?: string; timestamp?: number; instanceId?: string }>;
  notification: Builder<ZapiMessage & { notification?: string; parameters?: unknown[]; callId?: string }>;
}

interface Attendance {
  number?: number;
  customer?: { name?: string; phone?: string };
  department?: string;
  operator?: string;
  requestTime?: number;
  startTime?: number;
  instanceId?: string;
  messages?: { id: string; text: string; fromMe: boolean; timestamp: number }[];
}

export interface PlugchatBuilders extends ZapiBuilders {
  attendanceStarted: Builder<Attendance>;
  attendanceFinished: Builder<Attendance & { finishBy?: string; endTime?: number; category?: { id?: string; name?: string; color?: string }; report?: string; rating?: string }>;
}

interface GreenCommon { id?: string; timestamp?: number; instanceId?: number; wid?: string }
interface GreenMessage extends GreenCommon { from?: string; chatId?: string; name?: string; chatName?: string; contactName?: string }

export interface GreenApiBuilders {
  text: Builder<GreenMessage & { text?: string }>;
  image: Builder<GreenMessage & { url?: string; caption?: string; mimeType?: string; fileName?: string }>;
  status: Builder<GreenCommon & { status?: "sent" | "delivered" | "read" | "failed" | "noAccount" | "notInGroup" | "yellowCard"; chatId?: string; description?: string; sendByApi?: boolean }>;
  stateChanged: Builder<GreenCommon & { state?: string }>;
  call: Builder<GreenCommon & { from?: string; status?: "offer" | "pickUp" | "hangUp" | "missed" | "declined" }>;
}

interface CallbellContact { name?: string; phone?: string; tags?: string[]; contactUuid?: string; customFields?: Record<string, unknown> }

export interface CallbellBuilders {
  messageCreated: Builder<CallbellContact & { from?: string; to?: string; text?: string; uuid?: string; status?: string; timestamp?: number; attachments?: unknown[] }>;
  messageStatusUpdated: Builder<CallbellContact & { uuid?: string; status?: string; timestamp?: number; whatsappId?: string }>;
  contactCreated: Builder<CallbellContact & { uuid?: string; timestamp?: number }>;
}

export declare const zapi: ZapiBuilders;
export declare const plugchat: PlugchatBuilders;
export declare const greenapi: GreenApiBuilders;
export declare const callbell: CallbellBuilders;

export type RequestOptions = (
  | { provider: "callbell" | "cloudapi" | "waha"; secret: string }
  | { provider: "zapi" | "plugchat"; token: string; header?: string }
  | { provider: "greenapi"; token: string }
  | { provider: "evolution"; apikey: string; header?: string }
) & {
  /** Default "http://127.0.0.1/webhook". */
  url?: string;
  /** Callbell: the signing time, unix seconds; default now. */
  timestamp?: number;
  method?: string;
  /** More headers (content-type is application/json). */
  headers?: Record<string, string>;
};

type RequestBody = string | Uint8Array | ArrayBuffer | object;

/** The headers that authenticate `body` as `verify` checks them (X-Callbell-Signature, X-Hub-Signature-256, X-Webhook-Hmac, Authorization: Bearer, z-api-token, apikey). */
export declare function signatureHeaders(body: RequestBody, options: RequestOptions): Record<string, string>;
/** A POST Request that passes `verify` with the same options. */
export declare function signedRequest(body: RequestBody, options: RequestOptions): Request;
/** A Request with a wrong credential: `verify` fails with "mismatch". */
export declare function forgedRequest(body: RequestBody, options: RequestOptions): Request;
/** Callbell only: signed an hour before `timestamp`: `verify` fails with "expired". Throws for token providers. */
export declare function expiredRequest(body: RequestBody, options: RequestOptions & { provider: "callbell" }): Request;
/** A Request without the authentication header: `verify` fails with "missing_header". */
export declare function unsignedRequest(body: RequestBody, options: RequestOptions): Request;
