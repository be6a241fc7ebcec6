// JSON logs for Loki: one line per event, with request id, user id and procedure mixed in
// from the async context.
import pino from "pino";
import { currentContext } from "./context";

export type Logger = pino.Logger;

export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  destination?: pino.DestinationStream,
): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err },
    mixin() {
      const ctx = currentContext();
      if (!ctx) return {};
      return {
        requestId: ctx.requestId,
        ...(ctx.userId !== undefined && { userId: ctx.userId.toString() }),
        ...(ctx.procedure && { procedure: ctx.procedure }),
        ...(ctx.task && { task: ctx.task }),
      };
    },
  }, destination);
}
