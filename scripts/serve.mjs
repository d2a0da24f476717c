#!/usr/bin/env node
// `make serve`: a static server on 127.0.0.1 for the inspector (www-example/) and the built package
// (pkg/). `/examples.json` lists the bundled fixtures by provider. Nothing else is served.
//   node scripts/serve.mjs [--port 8080]
import { createServer } from "node:http";
import { readFile, readdir } from "node:fs/promises";
import { join, extname, normalize, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml" };
const MOUNTS = [["/pkg/", join(root, "pkg")], ["/fixtures/", join(root, "tests", "fixtures")], ["/", join(root, "www-example")]];

/** The bundled bodies by provider, as paths under tests/fixtures/: the documented ones, then those
 * captured in the field (wire/<provider>/). */
async function examples() {
  const dir = join(root, "tests", "fixtures");
  const out = {};
  const list = async (rel) => (await readdir(join(dir, rel))).filter((f) => f.endsWith(".json")).sort().map((f) => `${rel}/${f}`);
  for (const provider of (await readdir(dir)).sort()) {
    if (provider.endsWith(".md") || provider === "wire") continue;
    out[provider] = await list(provider);
  }
  for (const provider of (await readdir(join(dir, "wire")).catch(() => [])).sort()) {
    if (provider.endsWith(".md")) continue;
    out[provider] = [...(out[provider] || []), ...(await list(`wire/${provider}`))];
  }
  return out;
}

export function start(port = 8080) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://localhost").pathname));
    if (path.includes("..")) return res.writeHead(400).end();
    if (path === "/examples.json") {
      res.writeHead(200, { "content-type": TYPES[".json"] });
      return res.end(JSON.stringify(await examples()));
    }
    for (const [prefix, dir] of MOUNTS) {
      if (!path.startsWith(prefix)) continue;
      const file = join(dir, path.slice(prefix.length) || "index.html");
      try {
        const body = await readFile(file.endsWith("/") ? join(file, "index.html") : file);
        res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", "cache-control": "no-store" });
        return res.end(body);
      } catch {
        break;
      }
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--port");
  const server = await start(i > 0 ? Number(process.argv[i + 1]) : 8080);
  console.log(`wahook inspector: http://127.0.0.1:${server.address().port}/`);
}
