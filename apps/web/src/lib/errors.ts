import { TRPCClientError } from "@trpc/client";

import type { Messages } from "./i18n";

type MessageKey = keyof Messages;

function errorData(error: unknown): { code?: string; reason?: string; fieldErrors?: Record<string, string> } {
  if (!(error instanceof TRPCClientError)) return {};
  const data: unknown = error.data;
  if (typeof data !== "object" || data === null) return {};
  const d = data as { code?: unknown; reason?: unknown; fieldErrors?: unknown };
  return {
    code: typeof d.code === "string" ? d.code : undefined,
    reason: typeof d.reason === "string" ? d.reason : undefined,
    fieldErrors: typeof d.fieldErrors === "object" && d.fieldErrors !== null ? (d.fieldErrors as Record<string, string>) : undefined,
  };
}

/** The tRPC error code ("CONFLICT", "NOT_FOUND", ...), if the API answered with one. */
export function errorCode(error: unknown): string | undefined {
  return errorData(error).code;
}

/** The domain's reason for a refusal ("PRICE_CHANGED", "NOT_FOR_SALE", ...), when the API gives one. */
export function errorReason(error: unknown): string | undefined {
  return errorData(error).reason;
}

/** Turns any failure of an API call into a sentence a person understands. */
export function errorMessageKey(error: unknown): MessageKey {
  if (error instanceof TRPCClientError) {
    switch (errorData(error).code) {
      case "UNAUTHORIZED":
        return "errorUnauthorized";
      case "FORBIDDEN":
        return "errorForbidden";
      case "NOT_FOUND":
        return "errorNotFound";
      case "TOO_MANY_REQUESTS":
        return "errorRateLimited";
      case "INTERNAL_SERVER_ERROR":
      case "SERVICE_UNAVAILABLE":
      case "GATEWAY_TIMEOUT":
      case "BAD_GATEWAY":
        return "errorServer";
      case undefined:
        // No tRPC error shape: the request never reached the API (offline, DNS, proxy error page).
        return "errorNetwork";
      default:
        return "errorUnknown";
    }
  }
  if (error instanceof TypeError) return "errorNetwork";
  return "errorUnknown";
}

/**
 * The sentence to show for a failed action. Refusals the API explains itself (bad input, conflicts,
 * preconditions, forbidden) carry a message written for people; everything else gets ours.
 */
export function actionErrorMessage(error: unknown, t: Messages): string {
  const code = errorCode(error);
  if (error instanceof TRPCClientError && (code === "BAD_REQUEST" || code === "CONFLICT" || code === "PRECONDITION_FAILED" || code === "FORBIDDEN" || code === "NOT_FOUND")) {
    return error.message || t[errorMessageKey(error)];
  }
  return t[errorMessageKey(error)];
}
