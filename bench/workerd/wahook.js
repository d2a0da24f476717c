// Cold-start worker: wahook.
import { parse } from "wahook";
export default { async fetch(request) { return Response.json(parse(new Uint8Array(await request.arrayBuffer()))); } };
