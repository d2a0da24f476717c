// A small app as a bundler sees it: `import ... from "wahook"` resolved through the package's
// exports map ("browser" condition), bundled by esbuild, loaded in Chromium.
import { parse, version } from "wahook";

const body = '{"typeWebhook":"outgoingMessageStatus","instanceData":{"idInstance":1101000001},"timestamp":1707200807,"idMessage":"B3Q599E4A3724D50","status":"failed","description":"SWE004: too many participants","chatId":"120363039326117111@g.us"}';
const e = parse(new TextEncoder().encode(body)).events[0];
window.bundled = { version, status: e.status, code: e.error.code, chat: e.chat.id, timestamp: e.timestamp };
document.body.textContent = `${e.status} ${e.error.code}`;
