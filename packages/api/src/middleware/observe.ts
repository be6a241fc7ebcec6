// The outermost middleware: per-procedure log context, a log line per call (procedure, duration, user,
// outcome), metrics, and the mapping of domain errors to tRPC errors.
import { currentContext, runWithContext } from "@gm/observability/context";
import { metrics } from "@gm/observability/metrics";
import { t } from "../init";
import { toTRPCError } from "../errors";

export const observe = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const parent = currentContext();
  return runWithContext({ ...parent, requestId: ctx.requestId, procedure: path }, async () => {
    const result = await next();
    const durationMs = performance.now() - started;
    const error = result.ok ? undefined : toTRPCError(result.error);
    const code = error?.code ?? "OK";
    metrics.requests.inc({ procedure: path, type, code });
    metrics.requestDuration.observe({ procedure: path, type }, durationMs / 1000);
    const log = ctx.rt.logger;
    const fields = { type, durationMs: Math.round(durationMs * 10) / 10, outcome: code };
    if (!error) log.info(fields, "call ok");
    else if (error.code === "INTERNAL_SERVER_ERROR") log.error({ ...fields, err: error.cause ?? error }, "call failed");
    else log.info({ ...fields, message: error.message }, "call refused");
    if (error) throw error;
    return result;
  });
});

