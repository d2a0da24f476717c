// The benchmark corpora: every documented fixture (tests/fixtures/<provider>/, not the wire captures), and a realistic mix of what a busy endpoint receives
// (mostly delivery statuses and text messages, some media and presence).
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = join(root, "tests", "fixtures");
const read = (name) => new Uint8Array(readFileSync(join(dir, name)));

export function allFixtures() {
  const out = [];
  for (const p of readdirSync(dir).sort()) {
    if (p.endsWith(".md")) continue;
    for (const f of readdirSync(join(dir, p)).sort()) if (f.endsWith(".json") && !f.startsWith("not-a-webhook")) out.push(read(`${p}/${f}`));
  }
  return out;
}

/** 100 bodies: 55 statuses, 30 text messages, 10 media, 5 presence/other. */
export function realisticMix() {
  const weights = [
    ["zapi/message-status-received.json", 15], ["zapi/message-status-read.json", 12], ["zapi/message-status-sent.json", 5],
    ["greenapi/outgoing-message-status-noaccount-2023.json", 3], ["callbell/message-status-updated.json", 10], ["zapi/delivery-success.json", 10],
    ["zapi/received-text.json", 12], ["plugchat/receive-message-text.json", 5], ["greenapi/incoming-text.json", 8], ["callbell/message-created.json", 5],
    ["zapi/received-image.json", 4], ["greenapi/incoming-image.json", 3], ["zapi/received-audio.json", 3],
    ["zapi/presence-composing.json", 3], ["greenapi/state-instance-changed.json", 2],
  ];
  const out = [];
  for (const [name, n] of weights) for (let i = 0; i < n; i++) out.push(read(name));
  return out;
}

// The scaling corpora (bench/scaling.mjs, js-tests/baselines.test.mjs): four kinds of body, each at
// about 0.3 KB ("smallest": as small as the kind's shape allows), 3 KB, 30 KB, 300 KB and 1 MB (1000 KB:
// under `parse`'s default `maxBytes` of 1 MiB).
// Every body is minified JSON, as providers send it.
const encoder = new TextEncoder();
const fixture = (name) => JSON.parse(readFileSync(join(dir, name), "utf8"));
export const SCALING_SIZES = [["smallest", 0.3 * 1024], ["3 KB", 3 * 1024], ["30 KB", 30 * 1024], ["300 KB", 300 * 1024], ["1 MB", 1000 * 1024]];

/** `build(n)` for the n ≥ 1 that makes it about `target` bytes long. */
function sized(build, target) {
  const size = (n) => build(n).length;
  const s1 = size(1), unit = (size(11) - s1) / 10;
  let n = Math.max(1, Math.round(1 + (target - s1) / unit));
  n = Math.max(1, Math.round(n + (target - size(n)) / unit));   // one correction (ids grow longer)
  return build(n);
}

// 1. Green API: an incoming text message whose text is n times a non-ASCII phrase (UTF-16 matters).
function greenText(n) {
  const b = fixture("greenapi/incoming-text.json");
  b.messageData.textMessageData.textMessage = "añ😀中文テキスト ".repeat(n);
  return encoder.encode(JSON.stringify(b));
}

// 2. Callbell: an incoming message with n attachments (URLs of images, documents, voice notes and
// videos, in turn, starting where n says); only the first one makes the content. The documented example's other content
// keys (location, contact card, buttons, list) are dropped, and it gets the `uuid` real bodies have.
const ATTACHMENT = [
  (i) => `https://attachments.callbell.eu/uploads/message_attachment/file/${400000 + i}/photo-${i}.jpg`,
  (i) => `https://attachments.callbell.eu/uploads/message_attachment/file/${400000 + i}/invoice-${i}.pdf`,
  (i) => `https://attachments.callbell.eu/uploads/message_attachment/file/${400000 + i}/voice-${i}.ogg?v=2`,
  (i) => `https://attachments.callbell.eu/uploads/message_attachment/file/${400000 + i}/clip-${i}.mp4`,
];
function callbellAttachments(n) {
  const b = fixture("callbell/message-created.json");
  const { messageLocation, messageContactCard, messageReplyButton, messageInteractiveList, ...payload } = b.payload;
  payload.uuid = "0b3e7f0c8a6d4f2e9c1b5a7d3e9f1c2b";
  payload.text = "Segue os arquivos 📎";
  payload.attachments = Array.from({ length: n }, (_, i) => ATTACHMENT[(i + n) % ATTACHMENT.length](i));   // the first kind varies with n
  return encoder.encode(JSON.stringify({ ...b, payload }));
}

// 3. Plugchat: a started attendance whose `chat` holds n messages, the customer's (the documented
// example's first message) and the operator's (its second) in turn, a second apart. `chat` is keyed
// by message id, in id order (not time order, so both normalizers sort). The example repeats its
// key `ID_DA_MENSAGEM`; its first occurrence is renamed to keep both messages.
function plugchatAttendance(n) {
  const text = readFileSync(join(dir, "plugchat/start-attendance.json"), "utf8").replace('"ID_DA_MENSAGEM"', '"IN"');
  const { attendance, chat: { IN: inbound, ID_DA_MENSAGEM: outbound } } = JSON.parse(text);
  const messages = [];
  for (let i = 0, x = 1; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const id = "3EB0" + x.toString(16).toUpperCase().padStart(8, "0") + i.toString(16).toUpperCase().padStart(8, "0");
    const m = i % 2 === 0 ? inbound : outbound;
    messages.push({ ...m, messageId: id, momment: 1651065478000 + i * 1000, text: { message: `${m.text.message} #${i}` } });
  }
  messages.sort((a, b) => (a.messageId < b.messageId ? -1 : 1));
  const chat = {};
  for (const m of messages) chat[m.messageId] = m;
  return encoder.encode(JSON.stringify({ attendance, chat }));
}

// 4. Z-API: a received text message with large fields wahook does not read — a nested object
// (`contextInfo`, n entries) and a base64 thumbnail (`jpegThumbnail`, n × 96 characters).
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function zapiIgnored(n) {
  const b = fixture("zapi/received-text.json");
  let thumb = "";
  for (let i = 0, x = 7; i < n * 96; i++) { x = (x * 1103515245 + 12345) >>> 0; thumb += B64[x >>> 26]; }
  const entries = Array.from({ length: n }, (_, i) => ({ id: `ctx-${i}`, kind: i % 3 === 0 ? "mention" : "link", offset: i * 7, length: 12, preview: { title: `Item ${i}`, score: i / 8, tags: ["a", "b"] } }));
  return encoder.encode(JSON.stringify({ ...b, contextInfo: { entries, source: "web" }, jpegThumbnail: thumb }));
}

/** `[{ kind, label, bytes }]`: each kind at each size of SCALING_SIZES. */
export function scalingCorpus() {
  const kinds = [
    ["Green API long text", greenText],
    ["Callbell attachments", callbellAttachments],
    ["Plugchat attendance", plugchatAttendance],
    // Its smallest body is the documented example itself, minified (about 1 KB).
    ["Z-API large ignored fields", zapiIgnored],
  ];
  const out = [];
  for (const [kind, build] of kinds) {
    for (const [label, target] of SCALING_SIZES) {
      const bytes = kind.startsWith("Z-API") && target < 1024 ? encoder.encode(JSON.stringify(fixture("zapi/received-text.json"))) : sized(build, target);
      if (bytes.length > 1024 * 1024) throw new Error(`${kind}, ${label}: ${bytes.length} bytes is over parse's default maxBytes`);
      out.push({ kind, label, bytes });
    }
  }
  return out;
}
