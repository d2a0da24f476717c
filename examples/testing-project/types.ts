// Type-checked by CI (tsc, strict) against the installed package's wahook/testing types.
import { callbell, zapi, greenapi, plugchat, signedRequest, expiredRequest, examples, type Example } from "wahook/testing";
import { fromRequest, type ParseResult } from "wahook";

const body = callbell.messageCreated({ from: "5511988887777", text: "oi" }, { payload: { channel: "whatsapp" } });
const request: Request = signedRequest(body, { provider: "callbell", secret: "s", url: "http://127.0.0.1:8787/hook" });
const result: Promise<ParseResult> = fromRequest(request, { verify: { provider: "callbell", secret: "s" } });
const first: Example | undefined = examples[0];
zapi.status({ ids: ["a"], status: "read" });
greenapi.status({ id: "x", status: "noAccount" });
plugchat.attendanceFinished({ number: 3, category: { name: "ok" } });
expiredRequest(body, { provider: "callbell", secret: "s" });
// @ts-expect-error Callbell signs with a secret
signedRequest(body, { provider: "callbell", token: "t" });
// @ts-expect-error not a Z-API status
zapi.status({ status: "seen" });
void result; void first;
