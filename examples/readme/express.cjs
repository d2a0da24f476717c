const express = require("express");
const { safeParse, verify } = require("wahook");

const token = process.env.GREENAPI_TOKEN;   // the webhookUrlToken set in Green API's console
if (!token) throw new Error("GREENAPI_TOKEN is not set");

const app = express();
// express.raw keeps the exact bytes (a Buffer, whatever the content type): verify() needs them.
app.post("/webhook", express.raw({ type: () => true }), (req, res) => {
  const v = verify(req.body ?? "", req.headers, { provider: "greenapi", token });
  if (!v.ok) return res.status(401).send(v.reason);
  const r = safeParse(req.body, { provider: "greenapi" });
  if (!r.ok) return res.status(400).send(r.error.code);
  for (const e of r.value.events) console.log(e.type, e.dedupeKey);
  res.sendStatus(200);
});
app.listen(Number(process.env.PORT ?? 3000));
