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
