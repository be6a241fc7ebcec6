// HTTP entry points for the web app's route handlers: tRPC at /api/trpc, health, readiness, metrics.
import { randomUUID } from "node:crypto";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { registry } from "@gm/observability/metrics";
import { metricsAllowed, READINESS_TIMEOUTS, runChecks, type Readiness } from "@gm/observability/health";

export type { Readiness };
import { runWithContext } from "@gm/observability/context";
import { appRouter } from "./router";
import { retryAfterOf } from "./errors";
import { getRuntime, type Runtime } from "./runtime";
import { webServerState } from "./server-state";

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The client's address, as the web server found it (from the socket, or from proxies TRUST_PROXY trusts)
 * and put in a header of its own, replacing anything the client sent. Outside that server (a bare
 * `next start`) no header can be trusted: every caller then shares one IP bucket.
 */
function serverClientIp(req: Request): string {
  const server = webServerState();
  return (server && req.headers.get(server.clientIpHeader)) || "unknown";
}

export interface TrpcHandlerOptions {
  /** How to find the caller's address; tests' own servers pass the socket's peer. */
  clientIp?: (req: Request) => string;
}

export function createTrpcHandler(rt: () => Runtime = getRuntime, options: TrpcHandlerOptions = {}) {
  const clientIp = options.clientIp ?? serverClientIp;
  return (req: Request): Promise<Response> => {
    const runtime = rt();
    // X-Request-ID: honoured when it looks like an id, made otherwise; returned and in every log line.
    const incoming = req.headers.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    return runWithContext({ requestId }, () =>
      fetchRequestHandler({
        endpoint: "/api/trpc",
        req,
        router: appRouter,
        createContext: () => ({
          rt: runtime,
          requestId,
          ip: clientIp(req),
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
    );
  };
}

export function health(): { status: "ok" } {
  return { status: "ok" };
}

export function createReadiness(rt: () => Runtime = getRuntime) {
  return async (): Promise<Readiness> => {
    // Draining: the load balancer must stop sending traffic here while requests in flight finish.
    if (webServerState()?.draining) return { ok: false, checks: { shutdown: { ok: false, latencyMs: 0, error: "shutting down" } } };
    const runtime = rt();
    const ton = runtime.ton;
    // TON is reported but does not make the web unready: without it the Mini App still serves everything
    // but deposits and withdrawals, which wait in the worker; taking every instance out would not help.
    return runChecks({
      database: { run: () => runtime.db.ping(), timeoutMs: READINESS_TIMEOUTS.database },
      [runtime.backends.kind === "redis" ? "redis" : "cache (in-process)"]: { run: () => runtime.backends.ping(), timeoutMs: READINESS_TIMEOUTS.redis },
      ...(ton && { ton: { run: () => ton.ping(), timeoutMs: READINESS_TIMEOUTS.ton, informational: true } }),
    });
  };
}

/** /api/metrics: for the bearer of METRICS_TOKEN, or without one for internal addresses only (see metricsAllowed). */
export async function metricsResponse(req: Request): Promise<Response> {
  const runtime = getRuntime(); // also registers the pool and Redis gauges
  if (!metricsAllowed({ token: runtime.config.metricsToken, authorization: req.headers.get("authorization"), clientIp: serverClientIp(req) })) {
    return Response.json(
      { error: "metrics need the bearer token (METRICS_TOKEN) or an internal address" },
      { status: 401, headers: { "WWW-Authenticate": "Bearer", "Cache-Control": "no-store" } },
    );
  }
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" } });
}
