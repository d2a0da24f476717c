import { createServer } from "node:http";
import { safeParse, verify } from "wahook";

const token = process.env.ZAPI_TOKEN;   // the token Z-API sends in its z-api-token header
if (!token) throw new Error("ZAPI_TOKEN is not set");

createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);   // the raw bytes: what verify() checks and parse() reads fastest
  const v = verify(body, req.headers, { provider: "zapi", token });
  if (!v.ok) return res.writeHead(401).end(v.reason);
  const r = safeParse(body, { provider: "zapi", headers: req.headers });
  if (!r.ok) return res.writeHead(400).end(r.error.code);
  for (const e of r.value.events) console.log(e.type, e.dedupeKey);
  res.end("ok");
}).listen(Number(process.env.PORT ?? 3000));
