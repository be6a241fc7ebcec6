// Typed application errors. The API maps `code` to a tRPC error code in one place; `message` is written
// for the person using the app and never carries internals; `reason` (refusals.ts) and `params` let a
// client say the same in the user's language.
import type { RefusalParams, RefusalReason } from "./refusals";

export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "TOO_MANY_REQUESTS"
  | "SERVICE_UNAVAILABLE";

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** A stable machine-readable reason, e.g. "INSUFFICIENT_FUNDS", for clients that branch on it. */
    readonly reason?: RefusalReason,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }

  /** The values the message was built from, for clients that translate it (amounts as nanoTON strings). */
  params?: RefusalParams;

  with(params: RefusalParams): this {
    this.params = params;
    return this;
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} was not found.`, "NOT_FOUND");
export const forbidden = (message: string, reason: RefusalReason = "FORBIDDEN") => new AppError("FORBIDDEN", message, reason);
export const badRequest = (message: string, reason: RefusalReason = "BAD_REQUEST") => new AppError("BAD_REQUEST", message, reason);
export const conflict = (message: string, reason: RefusalReason = "CONFLICT") => new AppError("CONFLICT", message, reason);

export class InsufficientFundsError extends AppError {
  constructor(message = "Not enough balance for this operation.", reason: "INSUFFICIENT_FUNDS" | "INSUFFICIENT_HOLD" = "INSUFFICIENT_FUNDS") {
    super("PRECONDITION_FAILED", message, reason);
  }
}
