// Test harness only (not part of the snippets): a server that listens on a port alone listens on
// 127.0.0.1, so that the README's snippets run unchanged and the tests touch loopback only.
import net from "node:net";

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, ...rest) {
  if (typeof port === "number") return listen.call(this, port, "127.0.0.1", ...rest.filter((a) => typeof a === "function"));
  return listen.call(this, port, ...rest);
};
