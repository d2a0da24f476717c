// The development subcommands of the wahook CLI (loaded only for them): example, sign, post.
import { readFileSync } from "node:fs";
import { detect } from "./node.js";
import { examples, example, signatureHeaders } from "./testing.js";

import { providers as PROVIDERS, verification } from "./names.js";

function options(args, known) {
  const out = { positional: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.indexOf("=");
    const name = a.startsWith("--") ? (eq > 0 ? a.slice(2, eq) : a.slice(2)) : null;
    if (name === null) out.positional.push(a);
    else if (known.flags.includes(name)) out[name] = true;
    else if (known.values.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new Error(`--${name} needs a value`);
      out[name] = v;
    } else throw new Error(`unknown option --${name}`);
  }
  return out;
}

const readBody = (file) => readFileSync(file === undefined || file === "-" ? 0 : file);

const CREDENTIAL_FLAGS = ["secret", "token", "apikey"];

/** The provider (--provider, else detected from the body) and its credential flag (--secret, --token or --apikey, as the provider's `verify` option is called). */
function credentials(o, body) {
  let provider = o.provider;
  if (provider === undefined) provider = detect(body, {}).provider ?? undefined;
  if (provider === undefined) throw new Error("--provider is needed: the body's provider could not be detected");
  if (!PROVIDERS.includes(provider)) throw new Error(`--provider must be one of ${PROVIDERS.join(", ")}`);
  const { option } = verification[provider];
  const given = CREDENTIAL_FLAGS.filter((f) => o[f] !== undefined);
  if (given.some((f) => f !== option)) throw new Error(`${provider} authenticates with --${option} (${verification[provider].needs}), not --${given.find((f) => f !== option)}`);
  return { provider, [option]: o[option] };
}

function timestamp(o) {
  if (o.timestamp === undefined) return undefined;
  if (!/^-?\d+$/.test(o.timestamp)) throw new Error("--timestamp must be unix seconds");
  return Number(o.timestamp);
}

/** Loopback: localhost, 127.0.0.0/8, ::1. */
export function isLoopback(url) {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export async function run(command, args) {
  try {
    if (command === "example") {
      const o = options(args, { flags: [], values: [] });
      const [provider, name] = o.positional;
      if (provider === undefined) {
        for (const e of examples) console.log(`${e.provider} ${e.name}${e.source === "wire" ? " (wire)" : ""}`);
        return 0;
      }
      const e = example(provider, name);
      if (!e) {
        console.error(`wahook: no example ${provider} ${name ?? ""}; \`wahook example\` lists them`);
        return 1;
      }
      process.stdout.write(e.body.endsWith("\n") ? e.body : e.body + "\n");
      return 0;
    }
    if (command === "sign") {
      const o = options(args, { flags: ["json"], values: [...CREDENTIAL_FLAGS, "provider", "timestamp", "header"] });
      const body = readBody(o.positional[0]);
      const c = credentials(o, body);
      if (c[verification[c.provider].option] === undefined) throw new Error(`sign needs --${verification[c.provider].option} for ${c.provider}: ${verification[c.provider].needs}`);
      const headers = signatureHeaders(new Uint8Array(body), { ...c, timestamp: timestamp(o), header: o.header });
      if (o.json) console.log(JSON.stringify(headers));
      else for (const [k, v] of Object.entries(headers)) console.log(`${k}: ${v}`);
      return 0;
    }
    if (command === "post") {
      const o = options(args, { flags: ["allow-remote"], values: [...CREDENTIAL_FLAGS, "provider", "timestamp", "header"] });
      const [target, file] = o.positional;
      if (target === undefined) throw new Error("post needs a URL");
      let url;
      try { url = new URL(target); } catch { throw new Error(`not a URL: ${target}`); }
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("post sends to http: or https: URLs");
      if (!isLoopback(url) && !o["allow-remote"]) {
        console.error(`wahook: refusing to post to ${url.host}: only loopback addresses (127.0.0.1, ::1, localhost) unless --allow-remote`);
        return 2;
      }
      const body = readBody(file);
      const headers = { "content-type": "application/json" };
      if (CREDENTIAL_FLAGS.some((f) => o[f] !== undefined)) {
        Object.assign(headers, signatureHeaders(new Uint8Array(body), { ...credentials(o, body), timestamp: timestamp(o), header: o.header }));
      }
      const res = await fetch(url, { method: "POST", headers, body });
      const text = await res.text();
      console.log(`${res.status} ${res.statusText}`);
      if (text) console.log(text);
      return res.ok ? 0 : 1;
    }
  } catch (e) {
    console.error(`wahook ${command}: ${e.message}`);
    return 2;
  }
  return 2;
}
