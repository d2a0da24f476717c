// @ts-self-types="./model.d.ts"
// The output model is types only (model.d.ts, generated from the Rust model). This empty module lets
// `./model.js` in index.d.ts resolve in every type checker: Deno resolves it literally and takes
// the types from the directive above; TypeScript maps it to model.d.ts.
export {};
