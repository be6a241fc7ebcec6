// Health, readiness and metrics, the same for every process: the web app serves them from its route
// handlers, the worker from a small server of its own on WORKER_PORT.
import http from "node:http";
import { timingSafeEqual } from "node:crypto";
import ipaddr from "ipaddr.js";
import { registry } from "./metrics";

// Ranges that never come from the internet: a scraper on the same host or in the same private network.
const INTERNAL = new Set(["loopback", "private", "uniqueLocal", "linkLocal"]);

function isInternal(address: string | undefined): boolean {
  if (!address || !ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address); // ::ffff:10.0.0.1 is 10.0.0.1
  return INTERNAL.has(parsed.range());
}

/** METRICS_TOKEN, checked: a short token would be guessable, so it is refused rather than used. */
export function readMetricsToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const token = env.METRICS_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < 16) throw new Error("METRICS_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 24`).");
  return token;
}

/**
 * Who may read /metrics: with METRICS_TOKEN set, only a caller presenting it as a bearer token (from
 * anywhere, compared in constant time); without one, only callers from loopback or private addresses,
 * so a deployment that forgot the token does not publish its numbers to the internet.
 */
export function metricsAllowed(opts: { token?: string; authorization: string | null | undefined; clientIp: string | undefined }): boolean {
  if (opts.token) {
    const given = Buffer.from(/^Bearer (.+)$/i.exec(opts.authorization ?? "")?.[1] ?? "");
    const expected = Buffer.from(opts.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  return isInternal(opts.clientIp);
}

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
  /** Reported only: its failure does not make the process unready. */
  informational?: boolean;
}

export interface Readiness {
  ok: boolean;
  checks: Record<string, CheckResult>;
}

/** Runs one check with its own timeout: a hung dependency answers "timed out", it never hangs readiness. */
export async function runCheck(check: () => Promise<void>, timeoutMs = 2000): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)))]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Each dependency's own limit: PostgreSQL answers a ping in milliseconds, Redis's commands are cut at
 * 300 ms anyway, the TON API is a remote HTTP service. A load balancer's check (every 0.5–2 s) must get
 * its answer before it gives up on its own.
 */
export const READINESS_TIMEOUTS = { database: 1000, redis: 500, ton: 1500 } as const;

/** One dependency's check: its own timeout, and whether its failure makes the process unready. */
export interface Check {
  run: () => Promise<void>;
  timeoutMs: number;
  /** Reported only: its failure does not make the process unready. */
  informational?: boolean;
}

/** Every check at once, each bounded by its own timeout; ready when every non-informational one passes. */
export async function runChecks(checks: Record<string, Check>): Promise<Readiness> {
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map((n) => runCheck(checks[n]!.run, checks[n]!.timeoutMs).then((r) => (checks[n]!.informational ? { ...r, informational: true } : r))),
  );
  return { ok: results.every((r) => r.ok || r.informational), checks: Object.fromEntries(names.map((n, i) => [n, results[i]!])) };
}

/** `/health` (liveness, with `live()`'s details), `/ready` (200 or 503 with each check) and `/metrics`. */
export function createHealthServer(opts: { live: () => { ok: boolean } & Record<string, unknown>; ready: () => Promise<Readiness>; metricsToken?: string }): http.Server {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const send = (status: number, body: unknown, type = "application/json") => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, { error: "method not allowed" });
    if (path === "/health") {
      const live = opts.live();
      return send(live.ok ? 200 : 503, live);
    }
    if (path === "/ready") {
      void opts.ready().then((r) => send(r.ok ? 200 : 503, r), (error: unknown) => send(503, { ok: false, error: String(error) }));
      return;
    }
    if (path === "/metrics") {
      if (!metricsAllowed({ token: opts.metricsToken, authorization: req.headers.authorization, clientIp: req.socket.remoteAddress })) {
        res.setHeader("www-authenticate", "Bearer");
        return send(401, { error: "metrics need the bearer token (METRICS_TOKEN) or an internal address" });
      }
      void registry.metrics().then((text) => send(200, text, registry.contentType), (error: unknown) => send(500, { error: String(error) }));
      return;
    }
    send(404, { error: "not found" });
  });
  server.keepAliveTimeout = 5_000;
  return server;
}
