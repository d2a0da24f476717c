#!/usr/bin/env node
// wahook CLI: normalize webhook bodies from files or stdin and print JSON.
//
//   wahook body.json [more.json ...]      normalized JSON per file
//   cat body.json | wahook                 the same from stdin (also `wahook -`)
//   wahook --detect body.json              only the provider detection
//   wahook --provider plugchat body.json   settle Z-API vs Plugchat
//   wahook --raw --compact body.json       include raw source objects; one line per result
//   wahook example                         list the bundled example bodies (wahook/testing)
//   wahook example zapi received-text      print one
//   wahook sign --secret S [--timestamp T] body.json        the provider's signature headers
//   wahook sign --provider zapi --token T body.json         token headers (the credential flag is
//                                                           the provider's verify option: --secret,
//                                                           --token or --apikey)
//   wahook post http://127.0.0.1:8787/hook body.json [--provider p --secret s | --token t]
//                                          send the body (signed when a secret or token is given) to
//                                          a loopback address; others need --allow-remote
//
// Exit code 1 with "error: <code>: <message>" on stderr when a body cannot be parsed.
import { readFileSync } from "node:fs";
import { parse, detect, version } from "./node.js";

const usage = `usage: wahook [--detect] [--provider zapi|plugchat|greenapi|callbell|cloudapi|evolution|waha] [--raw] [--compact] [file ...]
Normalizes WhatsApp webhook bodies (files, or stdin when none or "-") and prints JSON.
       wahook example [<provider> <name>]
       wahook sign [--provider p] (--secret S [--timestamp T] | --token T | --apikey K) [file]
       wahook post <url> [file] [--provider p] [--secret S | --token T | --apikey K] [--allow-remote]`;

// A one-shot process: the entry's warm-up (compiling every provider's common paths once the event
// loop turns) would only delay its exit.
process.env.WAHOOK_WARMUP ??= "0";

// The exit code is set, not forced with process.exit(): that would cut output still queued for
// a pipe (a long \`wahook example\` listing read by another process lost its tail).
process.exitCode = await main(process.argv.slice(2));

async function main(args) {
  if (["example", "sign", "post"].includes(args[0])) {
    const { run } = await import("./cli-dev.js");
    return run(args[0], args.slice(1));
  }
  const files = [];
  const opts = { detectOnly: false, provider: undefined, includeRaw: false, compact: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--detect") opts.detectOnly = true;
    else if (a === "--provider") opts.provider = args[++i];
    else if (a.startsWith("--provider=")) opts.provider = a.slice("--provider=".length);
    else if (a === "--raw") opts.includeRaw = true;
    else if (a === "--compact") opts.compact = true;
    else if (a === "--version" || a === "-V") { console.log(version); return 0; }
    else if (a === "--help" || a === "-h") { console.log(usage); return 0; }
    else if (a.startsWith("--")) { console.error(`wahook: unknown option ${a}\n${usage}`); return 2; }
    else files.push(a);
  }
  if (files.length === 0) files.push("-");

  let failed = false;
  for (const file of files) {
    let body;
    try {
      body = file === "-" ? readFileSync(0) : readFileSync(file);
    } catch (e) {
      console.error(`wahook: cannot read ${file}: ${e.message}`);
      failed = true;
      continue;
    }
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    const options = { provider: opts.provider, includeRaw: opts.includeRaw };
    try {
      const out = opts.detectOnly ? detect(bytes, { provider: opts.provider }) : parse(bytes, options);
      if (files.length > 1) console.log(`// ${file}`);
      console.log(opts.compact ? JSON.stringify(out) : JSON.stringify(out, null, 2));
    } catch (e) {
      failed = true;
      const where = files.length > 1 ? `${file}: ` : "";
      console.error(`error: ${where}${e.code || "error"}: ${e.message}`);
    }
  }
  return failed ? 1 : 0;
}
