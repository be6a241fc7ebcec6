// HTTP entry points for the web app's route handlers: tRPC at /api/trpc, health, readiness, metrics.
import { randomUUID } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { registry } from "@gm/observability/metrics";
import { runWithContext } from "@gm/observability/context";
import { appRouter } from "./router";
import { retryAfterOf } from "./errors";
import { closeRuntime, getRuntime, type Runtime } from "./runtime";

const REQUEST_ID = /^[\w.:-]{1,128}$/;

// Graceful shutdown (SPEC §6.15): once draining, readiness fails so the load balancer stops sending
// traffic, calls in flight finish, then the pools close.
let inFlight = 0;
let draining = false;

function clientIp(req: Request, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
    const real = req.headers.get("x-real-ip");
    if (real) return real;
  }
  return "unknown";
}

export function createTrpcHandler(rt: () => Runtime = getRuntime) {
  return (req: Request): Promise<Response> => {
    const runtime = rt();
    // X-Request-ID: honoured when it looks like an id, made otherwise; returned and in every log line.
    const incoming = req.headers.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    inFlight++;
    return runWithContext({ requestId }, () =>
      fetchRequestHandler({
        endpoint: "/api/trpc",
        req,
        router: appRouter,
        createContext: () => ({
          rt: runtime,
          requestId,
          ip: clientIp(req, runtime.config.trustProxy),
          authorization: req.headers.get("authorization"),
        }),
        responseMeta({ errors }) {
          const headers = new Headers({ "X-Request-ID": requestId, "Cache-Control": "no-store" });
          const retryAfter = errors.map(retryAfterOf).find((s) => s !== undefined);
          if (retryAfter !== undefined) headers.set("Retry-After", String(retryAfter));
          return { headers };
        },
        onError({ error }) {
          if (error.code === "INTERNAL_SERVER_ERROR" && !error.cause) runtime.logger.error({ err: error }, "request failed");
        },
      }),
    ).finally(() => {
      inFlight--;
    });
  };
}

/** Stops taking work (readiness turns 503), waits up to `graceMs` for calls in flight, closes the pools. */
export async function shutdown(graceMs = 10_000): Promise<void> {
  draining = true;
  const deadline = Date.now() + graceMs;
  while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await closeRuntime();
}

export function health(): { status: "ok" } {
  return { status: "ok" };
}

export interface Readiness {
  ok: boolean;
  checks: Record<string, { ok: boolean; latencyMs: number; error?: string }>;
}

async function timed(check: () => Promise<void>, timeoutMs = 2000): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = performance.now();
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs).unref())]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

export function createReadiness(rt: () => Runtime = getRuntime) {
  return async (): Promise<Readiness> => {
    if (draining) return { ok: false, checks: { shutdown: { ok: false, latencyMs: 0, error: "shutting down" } } };
    const runtime = rt();
    const [database, redis] = await Promise.all([timed(() => runtime.db.ping()), timed(() => runtime.backends.ping())]);
    const checks = { database, [runtime.backends.kind === "redis" ? "redis" : "cache (in-process)"]: redis };
    return { ok: Object.values(checks).every((c) => c.ok), checks };
  };
}

export async function metricsResponse(): Promise<Response> {
  getRuntime(); // registers the pool and Redis gauges
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType } });
}
