// Typed application errors. The API maps `code` to a tRPC error code in one place; `message` is written
// for the person using the app and never carries internals.

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
    readonly reason?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} was not found.`, "NOT_FOUND");
export const forbidden = (message: string) => new AppError("FORBIDDEN", message, "FORBIDDEN");
export const badRequest = (message: string, reason = "BAD_REQUEST") => new AppError("BAD_REQUEST", message, reason);
export const conflict = (message: string, reason = "CONFLICT") => new AppError("CONFLICT", message, reason);

export class InsufficientFundsError extends AppError {
  constructor(message = "Not enough balance for this operation.") {
    super("PRECONDITION_FAILED", message, "INSUFFICIENT_FUNDS");
  }
}
