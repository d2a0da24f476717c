// Type-checked usage of the package (tsc --noEmit): narrowing on event.type and content.kind must
// compile, and the @ts-expect-error lines must fail to compile.
import { parse, safeParse, detect, verify, fromRequest, WahookError, providers } from "wahook";
import type { ParseResult, WahookEvent, Content, StatusEvent, VerifyResult, Provider } from "wahook";
import { init, initSync } from "wahook/init";

function describe(content: Content): string {
  switch (content.kind) {
    case "text": return content.text;
    case "image": return `${content.url ?? ""} ${content.caption ?? ""} ${content.thumbnailUrl ?? ""}`;
    case "video": return `${content.seconds ?? 0}`;
    case "audio": return content.voice ? "voice" : "audio";
    case "document": return content.fileName ?? "";
    case "sticker": return String(content.animated);
    case "location": return `${content.latitude},${content.longitude}`;
    case "contacts": return content.contacts.map((c) => c.phones.join(",")).join(";");
    case "reaction": return content.emoji + (content.targetMessageId ?? "");
    case "buttonReply": return content.id ?? "";
    case "listReply": return content.title ?? "";
    case "flowReply": return (content.flowToken ?? "") + (content.responseJson ?? "");
    case "poll": return content.options.join() + (content.maxSelections ?? "");
    case "pollVote": return content.options.join();
    case "delete": return content.targetMessageId ?? "";
    case "waiting": return "waiting";
    case "buttons": return content.buttons.map((b) => b.type).join();
    case "list": return content.sections.map((s) => s.rows.length).join();
    case "template": return content.templateId ?? "";
    case "groupInvite": return content.inviteCode ?? "";
    case "pin": return content.action ?? "";
    case "event": return content.name ?? "";
    case "eventResponse": return content.response ?? "";
    case "carousel": return content.cards.map((c) => c.buttons.length).join();
    case "pixKey": return content.key ?? "";
    case "paymentRequest": return `${content.amount}`;
    case "payment": return content.transactionStatus ?? "";
    case "product": return content.productId ?? "";
    case "order": return content.items.map((i) => i.productId).join();
    case "orderDetails": return content.stage;
    case "newsletterAdminInvite": return content.newsletterId ?? "";
    case "unsupported": return content.providerKind;
    default: {
      const exhaustive: never = content;
      return exhaustive;
    }
  }
}

function handle(e: WahookEvent): string {
  switch (e.type) {
    case "message": return `${e.chat?.id ?? "-"} ${e.chat?.lid ?? ""} ${e.sender?.lid ?? ""} ${e.sender?.name ?? ""} ${describe(e.content)} ${e.direction}`;
    case "status": {
      const rank: number | null = e.rank;
      return `${e.messageId} ${e.status} ${rank} ${e.actor} ${e.error?.code ?? ""}`;
    }
    case "presence": return e.presence;
    case "connection": return e.state;
    case "call": return `${e.callId} ${e.state} ${e.video}`;
    case "system": return `${e.name} ${JSON.stringify(e.data)}`;
    case "unknown": return e.providerEvent;
    default: {
      const exhaustive: never = e;
      return exhaustive;
    }
  }
}

const result: ParseResult = parse(new Uint8Array(), { provider: "plugchat", includeRaw: true, headers: { "z-api-token": "x" } });
result.events.map(handle);
const ts: number | null = result.events[0].timestamp;
const s = safeParse("{}");
if (s.ok) s.value.events.length; else { const code: string = s.error.code; const line: number | null = s.error.line; void code; void line; }
const d = detect("{}");
const p: Provider | null = d.provider;
const every: readonly Provider[] = providers; void every;
const v: VerifyResult = verify("{}", new Headers(), { provider: "callbell", secret: ["a", "b"], now: 1 });
if (!v.ok) { const reason: "missing_header" | "malformed_header" | "too_large" | "expired" | "mismatch" | "invalid_options" = v.reason; void reason; }
const e = new WahookError({ code: "too_deep", message: "x" });
const isError: Error = e;
async function worker(request: Request): Promise<StatusEvent[]> {
  const r = await fromRequest(request, { verify: { provider: "greenapi", token: "t" } });
  return r.events.filter((x): x is StatusEvent => x.type === "status");
}
void init; void initSync; void ts; void p; void isError; void worker;

function wrong(e: WahookEvent, c: Content) {
  // @ts-expect-error: only message events have content
  e.content;
  if (e.type === "status") {
    // @ts-expect-error: statuses are not free strings
    const st: "seen" = e.status;
    void st;
  }
  if (c.kind === "text") {
    // @ts-expect-error: text content has no url
    c.url;
  }
  // @ts-expect-error: unknown provider hint
  parse("{}", { provider: "whatsapp" });
  // @ts-expect-error: verify needs options
  verify("{}", {});
}
void wrong;
