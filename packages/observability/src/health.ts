// Health, readiness and metrics, the same for every process: the web app serves them from its route
// handlers, the worker from a small server of its own on WORKER_PORT.
import http from "node:http";
import { registry } from "./metrics";

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

/** Every check at once; ready when all of `checks` pass (the `informational` ones are only reported). */
export async function runChecks(checks: Record<string, () => Promise<void>>, timeoutMs = 2000, informational: Record<string, () => Promise<void>> = {}): Promise<Readiness> {
  const names = Object.keys(checks);
  const extra = Object.keys(informational);
  const [results, reported] = await Promise.all([
    Promise.all(names.map((n) => runCheck(checks[n]!, timeoutMs))),
    Promise.all(extra.map((n) => runCheck(informational[n]!, timeoutMs).then((r) => ({ ...r, informational: true })))),
  ]);
  const out = Object.fromEntries([...names.map((n, i) => [n, results[i]!]), ...extra.map((n, i) => [n, reported[i]!])]);
  return { ok: results.every((r) => r.ok), checks: out };
}

/** `/health` (liveness, with `live()`'s details), `/ready` (200 or 503 with each check) and `/metrics`. */
export function createHealthServer(opts: { live: () => { ok: boolean } & Record<string, unknown>; ready: () => Promise<Readiness> }): http.Server {
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
      void registry.metrics().then((text) => send(200, text, registry.contentType), (error: unknown) => send(500, { error: String(error) }));
      return;
    }
    send(404, { error: "not found" });
  });
  server.keepAliveTimeout = 5_000;
  return server;
}
