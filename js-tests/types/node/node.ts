// Node's own types (@types/node, no DOM): req.headers (IncomingHttpHeaders: string | string[] |
// undefined values) is a HeadersLike; a Buffer is a body.
import { createServer, type IncomingHttpHeaders } from "node:http";
import { parse, safeParse, verify, detect } from "wahook";

createServer((req, res) => {
  const headers: IncomingHttpHeaders = req.headers;
  const body = Buffer.from("{}");
  const v = verify(body, req.headers, { provider: "zapi", token: "t" });
  const r = safeParse(body, { headers, provider: "zapi" });
  detect(body, { headers: req.headers });
  res.end(v.ok && r.ok ? String(parse(body).events.length) : "no");
});
