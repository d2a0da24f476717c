// Cold-start worker: the hand-written normalizer of bench/baselines.
import { normalize } from "../baselines/handwritten.mjs";
export default { async fetch(request) { return Response.json(normalize(new Uint8Array(await request.arrayBuffer()))); } };
