// Domain errors → tRPC errors, in one place. People see messages they understand; internals stay in logs.
import { TRPCError } from "@trpc/server";
import { AppError, type AppErrorCode } from "@gm/core";
import { isTransientDbError, sqlState } from "@gm/core";
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

/** SQLSTATEs of bad data (class 22) and what to tell the client about each. */
const BAD_DATA: Record<string, string> = {
  "22003": "a number is out of range",
  "22021": "text contains a character that cannot be stored",
  "22P05": "text contains a character that cannot be stored",
  "22P02": "a value has the wrong format",
  "22007": "a date or time has the wrong format",
  "22008": "a date or time is out of range",
  "22001": "a text is too long",
  "22023": "a value is not allowed",
};

export const UNAVAILABLE_MESSAGE = "Gift Market is briefly unavailable. Nothing was changed; please try again in a moment.";
const RETRY_AFTER_SECONDS = 2;

export const INTERNAL_MESSAGE = "Something went wrong on our side. Nothing was changed; please try again.";

/** Maps anything thrown below the router to the TRPCError the client sees. */
export function toTRPCError(error: unknown): TRPCError {
  const cause = error instanceof TRPCError && !(error.cause instanceof TRPCError) ? (error.cause ?? error) : error;
  if (cause instanceof AppError) return new TRPCError({ code: codes[cause.code], message: cause.message, cause });
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return error;
  const state = sqlState(cause);
  // Safety net: data PostgreSQL cannot take is the client's mistake, even if a schema let it through.
  const badData = state ? BAD_DATA[state] : undefined;
  if (badData) return new TRPCError({ code: "BAD_REQUEST", message: `Invalid input — ${badData}. Nothing was changed.`, cause });
  // A fault of the infrastructure, not of the request: nothing was committed, and the client may retry.
  if (isTransientDbError(cause) || isRedisUnavailable(cause)) {
    const unavailable = new AppError("SERVICE_UNAVAILABLE", UNAVAILABLE_MESSAGE, "TEMPORARILY_UNAVAILABLE", RETRY_AFTER_SECONDS);
    return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause: Object.assign(unavailable, { cause }) });
  }
  if (state === "57014") return new TRPCError({ code: "TIMEOUT", message: "The request took too long and was cancelled. Nothing was changed; please try again.", cause });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: INTERNAL_MESSAGE, cause: cause instanceof Error ? cause : undefined });
}

/** Seconds to put in Retry-After when the error is a rate limit. */
export function retryAfterOf(error: TRPCError): number | undefined {
  return error.cause instanceof AppError ? error.cause.retryAfterSeconds : undefined;
}
