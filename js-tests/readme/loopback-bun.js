// Test harness only: Bun.serve listens on 127.0.0.1 (see loopback-node.mjs).
const serve = Bun.serve;
Bun.serve = (options) => serve.call(Bun, { ...options, hostname: "127.0.0.1" });
