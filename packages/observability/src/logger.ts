// JSON logs for Loki: one line per event, with request id, user id and procedure mixed in from the async
// context. LOG_FORMAT=pretty (what `pnpm dev` sets) prints the same events as readable, coloured lines.
import pino from "pino";
import pretty from "pino-pretty";
import { currentContext } from "./context";

export type Logger = pino.Logger;

export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  destination?: pino.DestinationStream,
): Logger {
  // A stream in this thread rather than a transport: a transport's worker thread would have to resolve
  // pino-pretty from inside the Next.js bundle.
  const out = destination ?? (process.env.LOG_FORMAT === "pretty" ? pretty({ colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname", sync: true }) : undefined);
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
  }, out);
}
