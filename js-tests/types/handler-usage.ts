// Type-checked use of createHandler: each key kind narrows the event, a misspelled key or a
// mistyped use is a compile error (@ts-expect-error), and the generated name unions agree with the model.
import { createHandler, toNodeListener, isNewer, eventNames } from "wahook";
import type { AttendanceData, Content, ContentKindName, EventName, EventTypeName, ImageContent, MessageEvent, StatusEvent, SystemEvent, WahookEvent } from "wahook";

interface Env { EVENTS: { get(key: string): Promise<string | null>; put(key: string, value: string): Promise<void> } }

const handler = createHandler<Env>({
  provider: "callbell",
  verify: { provider: "callbell", secret: "whsec_x" },
  maxBytes: 65536,
  on: {
    "*": (e) => { const w: WahookEvent = e; void w; },
    message: (e) => { const m: MessageEvent = e; void m; },
    status: (e, c) => { const s: StatusEvent = e; const r: number | null = e.rank; void s; void r; void c.env.EVENTS; },
    "message.image": (e) => {
      const img: ImageContent = e.content;
      const url: string | null = e.content.url;
      void img; void url;
    },
    "message.text": (e) => { const t: string = e.content.text; void t; },
    "attendance.started": (e) => {
      const n: "attendance.started" = e.name;
      const d: AttendanceData = e.data;
      const sys: SystemEvent = e;
      void n; void d.attendanceNumber; void sys;
    },
    "group.participant_added": (e, { result, request, provider, warnings }) => {
      const n: "group.participant_added" = e.name;
      void n; void result.events; void request.url; void provider; void warnings.length;
    },
    "contact.created": async (e) => { const n: "contact.created" = e.name; void n; },
  },
  onError: (error, info) => { void error; const s: number = info.status; void s; return new Response("x", { status: info.status }); },
  onUnhandled: (e) => { void e.dedupeKey; },
  seen: async (key) => key.length > 0,
  markSeen: (key) => { void key; },
});
const response: Promise<Response> = handler(new Request("http://x/"), { EVENTS: { get: async () => null, put: async () => {} } });
void response;
const listener = toNodeListener(handler);
void listener;
const names: readonly EventName[] = eventNames;
void names;
declare const st: StatusEvent;
const apply: boolean = isNewer({ status: "read", rank: 4 }, st) && isNewer(null, st);
void apply;

// The generated unions equal the model's.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const kindsMatch: Same<ContentKindName, Content["kind"]> = true;
const typesMatch: Same<EventTypeName, WahookEvent["type"]> = true;
void kindsMatch; void typesMatch;

createHandler({
  on: {
    // @ts-expect-error: a misspelled system name
    "atendance.started": () => {},
  },
});
createHandler({
  on: {
    // @ts-expect-error: no such content kind
    "message.txt": () => {},
  },
});
createHandler({
  on: {
    "message.image": (e) => {
      // @ts-expect-error: image content has no text
      e.content.text;
    },
    "message.text": (e) => {
      // @ts-expect-error: text content has no url
      e.content.url;
    },
    status: (e) => {
      // @ts-expect-error: a status event has no content
      e.content;
    },
    "attendance.finished": (e) => {
      // @ts-expect-error: attendance data is typed, not any
      const bad: number = e.data;
      void bad;
    },
    "contact.created": (e) => {
      // @ts-expect-error: the name is the literal
      const n: "contact.updated" = e.name;
      void n;
    },
  },
});
// @ts-expect-error: verify needs the secret
createHandler({ verify: { provider: "callbell" } });
// @ts-expect-error: not a provider
createHandler({ provider: "whatsapp" });
// @ts-expect-error: isNewer takes a status event
isNewer(null, {} as MessageEvent);
