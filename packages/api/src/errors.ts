// Domain errors → tRPC errors, in one place. People see messages they understand; internals stay in logs.
import { TRPCError } from "@trpc/server";
import { AppError, type AppErrorCode } from "@gm/core";
import { databaseFault } from "@gm/core";
import { isRedisUnavailable } from "@gm/redis";

const codes: Record<AppErrorCode, TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

export const UNAVAILABLE_MESSAGE = "Gift Market is briefly unavailable. Nothing was changed; please try again in a moment.";
const RETRY_AFTER_SECONDS = 2;

export const INTERNAL_MESSAGE = "Something went wrong on our side. Nothing was changed; please try again.";

/** Maps anything thrown below the router to the TRPCError the client sees. */
export function toTRPCError(error: unknown): TRPCError {
  const cause = error instanceof TRPCError && !(error.cause instanceof TRPCError) ? (error.cause ?? error) : error;
  if (cause instanceof AppError) return new TRPCError({ code: codes[cause.code], message: cause.message, cause });
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return error;
  const fault = databaseFault(cause);
  // Safety net: data PostgreSQL cannot take is the client's mistake, even if a schema let it through.
  if (fault?.kind === "bad-data") return new TRPCError({ code: "BAD_REQUEST", message: `Invalid input — ${fault.what}. Nothing was changed.`, cause });
  // A fault of the infrastructure, not of the request: nothing was committed, and the client may retry.
  if (fault?.kind === "transient" || isRedisUnavailable(cause)) {
    const unavailable = new AppError("SERVICE_UNAVAILABLE", UNAVAILABLE_MESSAGE, "TEMPORARILY_UNAVAILABLE", RETRY_AFTER_SECONDS);
    return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause: Object.assign(unavailable, { cause }) });
  }
  if (fault?.kind === "statement-timeout") return new TRPCError({ code: "TIMEOUT", message: "The request took too long and was cancelled. Nothing was changed; please try again.", cause });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: INTERNAL_MESSAGE, cause: cause instanceof Error ? cause : undefined });
}

/** Seconds to put in Retry-After when the error is a rate limit. */
export function retryAfterOf(error: TRPCError): number | undefined {
  return error.cause instanceof AppError ? error.cause.retryAfterSeconds : undefined;
}
