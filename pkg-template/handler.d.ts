// Types of createHandler, toNodeListener, isNewer and eventNames (re-exported by index.d.ts).
import type {
  AttendanceData,
  Content,
  MessageEvent,
  ParseResult,
  Provider,
  RequestLike,
  StatusEvent,
  SystemEvent,
  VerifyOptions,
  Warning,
  WahookEvent,
} from "./index.js";
import type { ContentKindName, EventTypeName, SystemEventName } from "./names.js";

export type { ContentKindName, EventTypeName, SystemEventName } from "./names.js";

/** The Fetch `Request` and `Response` where the project's types declare them (DOM, workers-types, @types/node), else structural stand-ins: no DOM lib needed. */
type FetchRequest = typeof globalThis extends { Request: { prototype: infer R } } ? R : RequestLike;
type FetchResponse = typeof globalThis extends { Response: { prototype: infer R } } ? R : object;

/** A key of `createHandler({ on })`: "*", an event type, "message.<kind>" or a system event name. */
export type EventName = "*" | EventTypeName | `message.${ContentKindName}` | SystemEventName;

/** `data` of the system events whose data is modelled. */
export interface SystemEventData {
  "attendance.started": AttendanceData;
  "attendance.finished": AttendanceData;
}

/** A message event whose content is the `K` variant. */
export type MessageEventOf<K extends ContentKindName> = MessageEvent & { content: Extract<Content, { kind: K }> };

type SystemEventNamed<N extends string> = [Extract<SystemEvent, { name: N }>] extends [never]
  ? SystemEvent & { name: N; data: N extends keyof SystemEventData ? SystemEventData[N] : Record<string, unknown> }
  : Extract<SystemEvent, { name: N }>;

/** A system event with that literal `name`. */
export type SystemEventOf<N extends SystemEventName> = SystemEventNamed<N>;

/** The event a handler of key `K` receives. */
export type EventFor<K extends EventName> = K extends "*"
  ? WahookEvent
  : K extends EventTypeName
    ? Extract<WahookEvent, { type: K }>
    : K extends SystemEventName
      ? SystemEventOf<K>
      : K extends `message.${infer C extends ContentKindName}`
        ? MessageEventOf<C>
        : never;

export interface HandlerContext<Env = unknown> {
  /** The whole parse result the event belongs to. */
  result: ParseResult;
  request: FetchRequest;
  provider: Provider;
  warnings: Warning[];
  /** The runtime's second argument to the handler: Workers `env`, Deno.serve `info`, Bun.serve `server`, toNodeListener `{ req, res }`. */
  env: Env;
  /** The runtime's third argument (Workers: the ExecutionContext, with `waitUntil`). */
  ctx: unknown;
}

export type EventHandler<E, Env = unknown> = (event: E, context: HandlerContext<Env>) => unknown;

export type EventHandlers<Env = unknown> = { [K in EventName]?: EventHandler<EventFor<K>, Env> };

export interface HandlerErrorInfo<Env = unknown> {
  /** The status the handler answers with unless onError returns a Response. */
  status: 400 | 401 | 413 | 500;
  request: FetchRequest;
  env: Env;
  ctx: unknown;
  /** The event whose handler threw (500), else null. */
  event: WahookEvent | null;
  result: ParseResult | null;
}

export interface HandlerOptions<Env = unknown> {
  /** The provider the endpoint expects (settles Z-API vs Plugchat; another provider's body is 400 provider_mismatch). */
  provider?: Provider;
  /** Verify every request first (SPEC §5); a missing secret or token throws at createHandler. */
  verify?: VerifyOptions;
  /**
   * Meta's (Cloud API) Verify Token, from the App Dashboard (several while rotating): the subscription
   * request `GET ?hub.mode=subscribe&hub.verify_token=<token>&hub.challenge=<c>` is answered 200 with
   * the challenge as text/plain, 403 when the token differs. Other GETs answer as without it.
   */
  verifyToken?: string | string[];
  /** Larger bodies are answered 413 without being read to the end. Default 1 048 576. */
  maxBytes?: number;
  includeRaw?: boolean;
  /** Handlers by event name; for each event, "*" runs first, then its type, then its kind or system name. */
  on?: EventHandlers<Env>;
  /** Called for every non-2xx answer (the error is a WahookError, or what a handler threw); return a Response to answer with it instead. */
  onError?: (error: unknown, info: HandlerErrorInfo<Env>) => FetchResponse | void | Promise<FetchResponse | void>;
  /** Called for events no `on` key matches. */
  onUnhandled?: EventHandler<WahookEvent, Env>;
  /** Return true to skip an event already processed (a provider's retry or duplicate delivery). */
  seen?: (dedupeKey: string, event: WahookEvent) => boolean | Promise<boolean>;
  /** Called after an event's handlers all succeeded (or it had none): record `dedupeKey` for `seen`. */
  markSeen?: (dedupeKey: string, event: WahookEvent) => unknown;
}

export type WebhookHandler<Env = unknown> = (request: FetchRequest, env?: Env, ctx?: unknown) => Promise<FetchResponse>;

/** A Fetch API handler for a webhook endpoint: 200 handled, 401 failed verification, 400 not a webhook, 413 too large, 500 a handler threw; with `verifyToken`, Meta's subscription GET is answered with its challenge (403 on another token). */
export declare function createHandler<Env = unknown>(options: HandlerOptions<Env>): WebhookHandler<Env>;

/** A Node listener `(req, res, next?)` for http.createServer and Express, and a Fastify route handler `(request, reply)`. */
export declare function toNodeListener(handler: WebhookHandler<any>): (req: any, res: any, next?: (error?: unknown) => void) => Promise<unknown>;

/** Whether `event` should replace the stored status of its message: higher rank, or failed/deleted; a stored failed/deleted is final. */
export declare function isNewer(stored: { status: StatusEvent["status"]; rank?: number | null } | null, event: StatusEvent): boolean;

/** Every key `on` accepts. */
export declare const eventNames: readonly EventName[];
