// Cold-start worker: wahook without its workerd entry's warm-up (`wahook/init` with the .wasm
// module), to measure what the warm-up costs at start-up and saves on the first request.
import wasmModule from "wahook/wasm";
import { initSync, parse } from "wahook/init";

initSync({ module: wasmModule });
export default { async fetch(request) { return Response.json(parse(new Uint8Array(await request.arrayBuffer()))); } };
