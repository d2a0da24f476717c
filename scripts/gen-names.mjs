#!/usr/bin/env node
// Generates pkg-template/names.js and pkg-template/names.d.ts — the event types, message content
// kinds and system event names that `createHandler({ on })` accepts — from the Rust sources, so that
// the lists have one origin:
//   - event types: the variants of `pub enum Event` in src/model.rs (serde tag "type", lowercase);
//   - content kinds: the strings `Content::kind()` returns in src/model.rs;
//   - system names: the dotted lower-case string literals of the name tables in src/providers/**/*.rs (
//     Z-API's notification_name, Callbell's SYSTEM_EVENTS, Green API's system(), Plugchat's
//     attendance names). Z-API notifications outside the table become `notification.<value>`
//     (made with format!, so not listed): an `on.system` handler receives them.
// Run: node scripts/gen-names.mjs (js-tests/handler-names.test.mjs fails when the files drift).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const defaultRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

function block(source, start, file) {
  const i = source.indexOf(start);
  if (i < 0) throw new Error(`gen-names: ${file} has no \`${start}\``);
  let depth = 0;
  for (let j = source.indexOf("{", i); j < source.length; j++) {
    if (source[j] === "{") depth++;
    else if (source[j] === "}" && --depth === 0) return source.slice(i, j + 1);
  }
  throw new Error(`gen-names: unbalanced braces after \`${start}\` in ${file}`);
}

/** The three lists, read from the Rust sources under `root`. */
export function readNames(root = defaultRoot) {
  const model = readFileSync(join(root, "src", "model.rs"), "utf8");
  const eventEnum = block(model, "pub enum Event {", "src/model.rs");
  const eventTypes = [...eventEnum.matchAll(/^\s*([A-Z][A-Za-z]*)\(/gm)].map((m) => m[1].toLowerCase());
  const kindFn = block(model, "pub fn kind(&self) -> &'static str", "src/model.rs");
  const contentKinds = [...kindFn.matchAll(/Content::[A-Za-z]+\s*\{[^}]*\}\s*=>\s*"([A-Za-z]+)"/g)].map((m) => m[1]);
  const asStr = block(model, "pub fn as_str(self) -> &'static str", "src/model.rs");
  const providers = [...asStr.matchAll(/Provider::[A-Za-z]+\s*=>\s*"([a-z]+)"/g)].map((m) => m[1]);
  const providersDir = join(root, "src", "providers");
  // Titles: each provider module's `MODULE` (`provider: Provider::X, title: "..."`).
  // Verification: each `MODULE`'s `verification: super::Verification { option: "...", needs: "..." }`.
  const providerTitles = {};
  const verification = {};
  for (const f of readdirSync(providersDir, { recursive: true }).filter((f) => f.endsWith("mod.rs"))) {
    const source = readFileSync(join(providersDir, f), "utf8");
    const m = source.match(/provider: Provider::([A-Za-z]+),\s*title: "([^"]+)"/);
    if (!m) continue;
    providerTitles[m[1].toLowerCase()] = m[2];
    const v = source.match(/verification: super::Verification \{\s*option: "([a-z]+)",\s*needs: "((?:[^"\\]|\\.)*)",/);
    if (v) verification[m[1].toLowerCase()] = { option: v[1], needs: JSON.parse(`"${v[2]}"`) };
  }
  for (const p of providers) if (!providerTitles[p]) throw new Error(`gen-names: no module declares a title for provider "${p}"`);
  for (const p of providers) if (!verification[p]) throw new Error(`gen-names: the module of "${p}" declares no verification`);
  const systemNames = new Set();
  // Every .rs file of src/providers/, one folder per provider (mod.rs, content.rs).
  const files = readdirSync(providersDir, { recursive: true }).filter((f) => f.endsWith(".rs")).sort();
  for (const f of files) {
    let source = readFileSync(join(providersDir, f), "utf8");
    const tests = source.indexOf("#[cfg(test)]");
    if (tests >= 0) source = source.slice(0, tests);
    // A dotted lower-case literal where the tables put names: a match arm's value (`=> "x.y"`), an
    // if/else branch (`{ "x.y" }`), or the second item of a ("raw", "x.y", ...) tuple.
    for (const m of source.matchAll(/(?:=>\s*|\{\s*|\(\s*"[A-Za-z_]+",\s*)"([a-z][a-z0-9]*(?:\.[a-z][a-z0-9_]*)+)"/g)) systemNames.add(m[1]);
  }
  const names = { providers, providerTitles, verification, eventTypes, contentKinds, systemNames: [...systemNames].sort() };
  if (providers.length < 4 || eventTypes.length < 7 || contentKinds.length < 20 || names.systemNames.length < 30) {
    throw new Error(`gen-names: the sources gave too few names (${eventTypes.length} types, ${contentKinds.length} kinds, ${names.systemNames.length} system names): did their shape change?`);
  }
  const keys = ["*", ...eventTypes, ...contentKinds.map((k) => `message.${k}`)];
  for (const n of names.systemNames) {
    if (keys.includes(n)) throw new Error(`gen-names: the system name "${n}" collides with an event type or message kind key`);
    keys.push(n);
  }
  return names;
}

const list = (items) => items.map((s) => `  ${JSON.stringify(s)},`).join("\n");
const union = (items) => items.map((s) => `\n  | ${JSON.stringify(s)}`).join("");

/** The contents of names.js and names.d.ts. */
export function generate(root = defaultRoot) {
  const { providers, providerTitles, verification, eventTypes, contentKinds, systemNames } = readNames(root);
  const header = "// Generated by scripts/gen-names.mjs from src/model.rs and src/providers/**/*.rs: do not edit.\n";
  const js = `${header}
/** Provider names (\`Provider\` in src/model.rs). */
export const providers = Object.freeze([
${list(providers)}
]);

/** Each provider's name as people write it. */
export const providerTitles = Object.freeze({
${providers.map((p) => `  ${p}: ${JSON.stringify(providerTitles[p])},`).join("\n")}
});

/**
 * How each provider's requests are verified: the \`verify\` option that carries the credentials
 * (\`secret\`, \`token\` or \`apikey\`) and what they are (each module's \`verification\`).
 */
export const verification = Object.freeze({
${providers.map((p) => `  ${p}: Object.freeze(${JSON.stringify(verification[p]).replace(/^\{"option":/, "{ option: ").replace(/,"needs":/, ", needs: ").replace(/\}$/, " }")}),`).join("\n")}
});

/** Event \`type\`s. */
export const eventTypes = Object.freeze([
${list(eventTypes)}
]);

/** Message content \`kind\`s. */
export const contentKinds = Object.freeze([
${list(contentKinds)}
]);

/** System event \`name\`s of the providers' tables (Z-API notifications outside it are \`notification.<value>\`). */
export const systemNames = Object.freeze([
${list(systemNames)}
]);
`;
  const dts = `${header}
export type ProviderName =${union(providers)};

export type EventTypeName =${union(eventTypes)};

export type ContentKindName =${union(contentKinds)};

export type SystemEventName =${union(systemNames)};

export declare const providers: readonly ProviderName[];
export declare const providerTitles: Readonly<Record<ProviderName, string>>;
export declare const verification: Readonly<Record<ProviderName, { readonly option: "secret" | "token" | "apikey"; readonly needs: string }>>;
export declare const eventTypes: readonly EventTypeName[];
export declare const contentKinds: readonly ContentKindName[];
export declare const systemNames: readonly SystemEventName[];
`;
  return { js, dts };
}

if (import.meta.url === pathToFileURL(process.argv[1] || "").href) {
  const { js, dts } = generate();
  writeFileSync(join(defaultRoot, "pkg-template", "names.js"), js);
  writeFileSync(join(defaultRoot, "pkg-template", "names.d.ts"), dts);
  const n = readNames();
  console.log(`pkg-template/names.js, names.d.ts: ${n.eventTypes.length} event types, ${n.contentKinds.length} content kinds, ${n.systemNames.length} system names`);
}
