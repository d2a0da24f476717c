// The wahook inspector: paste or drop a webhook body, see what it is and what it means.
import { safeParse, detect, verify, signatureHeaders, providers, providerTitles, verification, version } from "wahook";

const $ = (id) => document.getElementById(id);
const bodyEl = $("body"), providerEl = $("provider"), rawEl = $("raw"), examplesEl = $("examples");
const statusEl = $("status"), warningsEl = $("warnings"), eventsEl = $("events"), jsonPanel = $("json-panel"), jsonEl = $("json");

const PROVIDER_NAMES = providerTitles;

/** Builds an element: h("div", { class: "x" }, child, "text", ...). */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

function time(ms) {
  if (ms == null) return h("span", { class: "muted" }, "—");
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  return h("span", { title: `${ms} ms` }, d.toLocaleString(), " ", h("small", { class: "muted" }, d.toISOString()));
}

function chat(c) {
  if (!c) return h("span", { class: "muted" }, "—");
  return h("span", {}, h("code", {}, c.id), " ", h("span", { class: `tag ${c.type}` }, c.type),
    c.lid && c.lid !== c.id ? h("small", { class: "muted" }, " LID ", h("code", {}, c.lid)) : null,
    c.rawId !== c.id ? h("small", { class: "muted" }, ` sent as ${c.rawId}`) : null);
}

function party(p) {
  if (!p) return h("span", { class: "muted" }, "—");
  return h("span", {}, p.name ? h("strong", {}, p.name, " ") : null, p.id ? h("code", {}, p.id) : null, p.lid && p.lid !== p.id ? h("small", { class: "muted" }, " LID ", h("code", {}, p.lid)) : null);
}

/** A one-line summary of a message's content. */
function content(c) {
  const lines = [h("span", { class: "tag kind" }, c.kind)];
  const add = (label, v) => v != null && v !== "" && lines.push(h("div", { class: "kv" }, h("span", {}, label), h("span", {}, typeof v === "object" ? JSON.stringify(v) : String(v))));
  switch (c.kind) {
    case "text": lines.push(h("blockquote", {}, c.text)); break;
    case "image": case "video": case "audio": case "document": case "sticker":
      add("url", c.url); add("type", c.mimeType); add("caption", c.caption); add("file", c.fileName); add("seconds", c.seconds);
      if (c.voice) add("voice note", "yes");
      if (c.viewOnce) add("view once", "yes");
      if (c.width && c.height) add("size", `${c.width}×${c.height}`);
      break;
    case "location": add("at", `${c.latitude}, ${c.longitude}`); add("name", c.name); add("address", c.address); add("url", c.url); break;
    case "contacts": for (const k of c.contacts) add(k.name || "contact", k.phones.join(", ")); break;
    case "reaction": add("emoji", c.emoji || "(removed)"); add("on", c.targetMessageId); break;
    case "buttonReply": case "listReply": add("id", c.id); add("text", c.text ?? c.title); add("description", c.description); break;
    case "poll": add("question", c.question); add("options", c.options.join(" · ")); add("max", c.maxSelections ?? "any"); break;
    case "pollVote": add("poll", c.pollMessageId); add("chose", c.options.join(" · ")); break;
    case "delete": add("deletes", c.targetMessageId); break;
    case "unsupported": add("provider kind", c.providerKind); break;
    default:
      for (const [k, v] of Object.entries(c)) if (k !== "kind") add(k, v);
  }
  return lines;
}

function eventCard(e, i) {
  const rows = [];
  const row = (label, value) => rows.push(h("div", { class: "kv" }, h("span", {}, label), h("span", {}, value)));
  row("provider event", h("code", {}, e.providerEvent));
  row("time", time(e.timestamp));
  if (e.instanceId) row("instance", h("code", {}, e.instanceId));
  let title = e.type;
  switch (e.type) {
    case "message":
      title = `message · ${e.direction}`;
      row("message id", e.messageId ? h("code", {}, e.messageId) : "—");
      row("chat", chat(e.chat));
      row("sender", party(e.sender));
      if (e.replyToMessageId) row("reply to", h("code", {}, e.replyToMessageId));
      if (e.forwarded) row("forwarded", "yes");
      if (e.edited) row("edited", e.editedMessageId ? h("code", {}, e.editedMessageId) : "yes");
      rows.push(h("div", { class: "content" }, content(e.content)));
      break;
    case "status":
      title = `status · ${e.status}`;
      row("message id", e.messageId ? h("code", {}, e.messageId) : "—");
      row("status", h("span", {}, h("span", { class: `tag status-${e.status}` }, e.status), e.rank != null ? ` rank ${e.rank}/5` : " (no rank: always apply)", e.actor === "self" ? " · read by the connected number" : ""));
      row("raw status", h("code", {}, e.rawStatus));
      row("chat", chat(e.chat));
      if (e.error) row("error", h("span", { class: "bad" }, [e.error.code, e.error.message].filter(Boolean).join(": ")));
      break;
    case "presence": title = `presence · ${e.presence}`; row("chat", chat(e.chat)); row("raw", e.rawPresence); if (e.lastSeen) row("last seen", time(e.lastSeen)); break;
    case "connection": title = `connection · ${e.state}`; row("raw state", e.rawState); if (e.reason) row("reason", e.reason); if (e.phone) row("phone", e.phone); break;
    case "call": title = `call · ${e.state}${e.video ? " (video)" : ""}`; row("call id", e.callId ?? "—"); row("from", party(e.from)); row("chat", chat(e.chat)); break;
    case "system":
      title = `system · ${e.name}`; row("raw name", e.rawName); row("chat", chat(e.chat));
      if (e.messageId) row("message id", h("code", {}, e.messageId));
      if (e.sender) row("by", party(e.sender));
      rows.push(h("pre", { class: "data" }, JSON.stringify(e.data, null, 2))); break;
    case "unknown": title = "unknown event"; break;
  }
  row("dedupe key", h("code", { class: "small" }, e.dedupeKey));
  return h("article", { class: `card ${e.type}`, "data-testid": `event-${i}` }, h("h3", {}, title), rows);
}

/** The line of the body where an invalid_json error points, with a caret under the column. */
function excerpt(text, line, column) {
  const src = text.split("\n")[line - 1] ?? "";
  const chars = [...src];
  const start = Math.max(0, column - 40);
  const shown = chars.slice(start, start + 80).join("");
  return `${shown}\n${" ".repeat(Math.max(0, column - 1 - start))}^`;
}

function render() {
  const text = bodyEl.value;
  warningsEl.replaceChildren();
  eventsEl.replaceChildren();
  jsonPanel.hidden = true;
  if (!text.trim()) {
    statusEl.className = "panel muted";
    statusEl.replaceChildren("Waiting for a body…");
    return;
  }
  const options = { provider: providerEl.value || undefined, includeRaw: rawEl.checked };
  const r = safeParse(text, options);
  if (!r.ok) {
    const e = r.error;
    statusEl.className = "panel error";
    statusEl.setAttribute("data-testid", "error");
    statusEl.replaceChildren(
      h("h2", {}, "Cannot read this body: ", h("code", {}, e.code)),
      h("p", {}, e.message),
      ...(e.line ? [h("p", { "data-testid": "error-position" }, `line ${e.line}, column ${e.column}`), h("pre", { class: "excerpt" }, excerpt(text, e.line, e.column))] : []),
    );
    return;
  }
  const v = r.value;
  const d = detect(text, options);
  statusEl.className = "panel ok";
  statusEl.removeAttribute("data-testid");
  statusEl.replaceChildren(
    h("h2", { "data-testid": "provider" }, PROVIDER_NAMES[v.provider]),
    h("p", {}, `${v.events.length} event${v.events.length === 1 ? "" : "s"} · detected by ${v.detectedBy} · ${d.reason}`),
    ...(v.ambiguous ? [h("p", { class: "warn", "data-testid": "ambiguous" }, "Z-API and Plugchat send this same shape: choose the provider above to settle it.")] : []),
  );
  if (v.warnings.length) {
    warningsEl.append(h("div", { class: "panel warnings", "data-testid": "warnings" }, h("h3", {}, `${v.warnings.length} warning${v.warnings.length === 1 ? "" : "s"}`),
      h("ul", {}, v.warnings.map((w) => h("li", {}, h("code", {}, w.code), w.path ? h("small", {}, ` at ${w.path}`) : null, " — ", w.message)))));
  }
  v.events.forEach((e, i) => eventsEl.append(eventCard(e, i)));
  jsonEl.textContent = JSON.stringify(v, null, 2);
  jsonPanel.hidden = false;
  renderVerify();
}

function headerPairs() {
  return $("v-headers").value.split("\n").map((l) => l.trim()).filter(Boolean).map((l) => {
    const i = l.indexOf(":");
    return i > 0 ? [l.slice(0, i).trim(), l.slice(i + 1).trim()] : [l, ""];
  });
}

function renderVerify() {
  const out = $("v-result");
  const secret = $("v-secret").value;
  if (!secret) { out.textContent = ""; return; }
  const provider = $("v-provider").value;
  const r = verify(bodyEl.value, headerPairs(), { provider, [verification[provider].option]: secret });
  out.className = r.ok ? "good" : "bad";
  out.textContent = r.ok ? "✓ verified" : `✗ ${r.reason}`;
}

$("v-sign").addEventListener("click", () => {
  const secret = $("v-secret").value || "test-secret";
  $("v-secret").value = secret;
  // The body's own provider when it has one, else the scheme chosen.
  const provider = detect(bodyEl.value).provider ?? $("v-provider").value;
  $("v-provider").value = provider;
  const headers = signatureHeaders(bodyEl.value, { provider, [verification[provider].option]: secret });
  $("v-headers").value = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join("\n");
  renderVerify();
});

// The provider lists come from the package (one per provider module).
for (const p of providers) {
  providerEl.append(h("option", { value: p }, providerTitles[p]));
  $("v-provider").append(h("option", { value: p }, `${providerTitles[p]} (${verification[p].option})`));
}
for (const id of ["v-provider", "v-secret", "v-headers"]) $(id).addEventListener("input", renderVerify);

$("copy").addEventListener("click", async (ev) => {
  ev.preventDefault();
  try {
    await navigator.clipboard.writeText(jsonEl.textContent);
    $("copy").textContent = "Copied";
  } catch {
    const range = document.createRange();
    range.selectNodeContents(jsonEl);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    $("copy").textContent = "Selected: press Ctrl+C";
  }
  setTimeout(() => ($("copy").textContent = "Copy"), 1500);
});

let timer;
bodyEl.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(render, 120); });
providerEl.addEventListener("change", render);
rawEl.addEventListener("change", render);
bodyEl.addEventListener("dragover", (e) => e.preventDefault());
bodyEl.addEventListener("drop", async (e) => {
  e.preventDefault();
  const file = e.dataTransfer.files[0];
  if (file) { bodyEl.value = await file.text(); render(); }
});

examplesEl.addEventListener("change", async () => {
  if (!examplesEl.value) return;
  bodyEl.value = await (await fetch(`/fixtures/${examplesEl.value}`)).text();
  render();
});

(async () => {
  try {
    const list = await (await fetch("/examples.json")).json();
    for (const [provider, files] of Object.entries(list)) {
      examplesEl.append(h("optgroup", { label: PROVIDER_NAMES[provider] || provider }, files.map((f) => h("option", { value: f }, (f.startsWith("wire/") ? "captured: " : "") + f.split("/").pop().replace(/\.json$/, "").replaceAll("-", " ")))));
    }
  } catch {
    examplesEl.disabled = true;
  }
  document.querySelector("header h1 span").textContent = `inspector · v${version}`;
  document.body.dataset.ready = "true";
  render();
})();
