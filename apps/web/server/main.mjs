// The web app's HTTP server: Next.js (Mini App, admin page, API routes) inside a Node server that we own,
// for what `next start` cannot do (docs/operations.md, "The web server"):
// - the client's real address, taken from the socket or from trusted proxies only (TRUST_PROXY), and
//   handed to the API in a header that no client can set;
// - a graceful shutdown that sees every request in flight: the state lives here, in one object on
//   globalThis, so however the bundler splits the app's modules there is one source of truth.
//
//   node server/main.mjs          the production build (after `next build`)
//   node server/main.mjs --dev    development, with Turbopack and hot reload
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import pino from "pino";
import { clientAddress, parseTrustProxy } from "./trust-proxy.mjs";

const dev = process.argv.includes("--dev");
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The same JSON line shape as the API's logs (packages/observability), so Loki parses both alike.
const log = pino({
  name: "web",
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "web" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
}, pino.destination({ sync: true })); // synchronous: the last lines before process.exit are never lost

/** A whole number of milliseconds from the environment, or the default. */
function millis(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of milliseconds, not "${raw}".`);
  return value;
}

let config;
try {
  config = {
    port: Number(process.env.PORT ?? 3000),
    trustProxy: parseTrustProxy(process.env.TRUST_PROXY),
    // How long readiness says 503 while requests are still served, so a load balancer stops sending
    // traffic before the listener closes.
    drainDelayMs: millis("SHUTDOWN_DRAIN_DELAY_MS", dev ? 0 : 3000),
    // How long requests in flight may take to finish after the listener closed.
    graceMs: millis("SHUTDOWN_GRACE_MS", 10_000),
  };
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}".`);
} catch (error) {
  log.fatal(`Refusing to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

// The contract with the app's modules (packages/api/src/server-state.ts reads it).
const STATE = Symbol.for("gift-market.web-server");
const CLIENT_IP_HEADER = "x-gm-client-ip";
const state = {
  clientIpHeader: CLIENT_IP_HEADER,
  draining: false,
  inFlight: 0,
  /** @type {Array<() => unknown>} */
  hooks: [],
  /** Registers work for the end of a shutdown, after the last request: closing pools. */
  onShutdown(hook) {
    this.hooks.push(hook);
  },
};
globalThis[STATE] = state;

const app = next({ dev, dir, turbopack: dev, port: config.port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  // Never a client's word: whatever header came in is replaced.
  req.headers[CLIENT_IP_HEADER] = clientAddress(req, config.trustProxy.trust);
  // The host and scheme a proxy saw (the TON Connect manifest's origin) are a proxy's word too: dropped
  // unless the socket's peer is a proxy we trust.
  if (!config.trustProxy.trust(req.socket.remoteAddress ?? "", 0)) {
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-proto"];
  }
  state.inFlight++;
  res.once("close", () => state.inFlight--);
  // While draining, keep-alive clients are told to reconnect (to another instance).
  if (state.draining) res.setHeader("Connection", "close");
  handle(req, res).catch((error) => {
    log.error({ err: error, url: req.url }, "request handler failed");
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.keepAliveTimeout = 65_000; // longer than the usual load balancer's idle timeout
const upgrade = app.getUpgradeHandler();
server.on("upgrade", (req, socket, head) => upgrade(req, socket, head));

server.on("error", (error) => {
  log.fatal({ err: error }, `web cannot listen on :${config.port}: ${error.message}`);
  process.exit(1);
});
server.listen(config.port, () => {
  log.info({ port: config.port, dev, trustProxy: config.trustProxy.describe, drainDelayMs: config.drainDelayMs, graceMs: config.graceMs }, `web listening on :${config.port} (${dev ? "development" : "production build"})`);
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function shutdown(signal) {
  const started = Date.now();
  state.draining = true;
  log.info({ signal, inFlight: state.inFlight, drainDelayMs: config.drainDelayMs }, "shutdown: draining (readiness answers 503)");
  if (config.drainDelayMs > 0) await sleep(config.drainDelayMs);

  server.close();
  server.closeIdleConnections();
  log.info({ inFlight: state.inFlight }, "shutdown: listener closed, finishing requests in flight");
  const deadline = Date.now() + config.graceMs;
  while (state.inFlight > 0 && Date.now() < deadline) {
    await sleep(25);
    server.closeIdleConnections();
  }
  const cut = state.inFlight;
  if (cut > 0) log.warn({ cut, graceMs: config.graceMs }, "shutdown: grace period over, closing the requests still open");
  server.closeAllConnections();

  for (const hook of state.hooks) {
    try {
      await Promise.race([hook(), sleep(5000).then(() => Promise.reject(new Error("timed out after 5 s")))]);
    } catch (error) {
      log.error({ err: error }, "shutdown: a close hook failed");
    }
  }
  log.info("shutdown: pools closed");
  await app.close().catch(() => {});
  log.info({ durationMs: Date.now() - started, cut }, "shutdown: done");
  process.exit(cut > 0 ? 1 : 0);
}

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping) {
      log.warn({ signal }, "shutdown: second signal, exiting now");
      process.exit(1);
    }
    stopping = true;
    void shutdown(signal);
  });
}
