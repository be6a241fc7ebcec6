import { TRPCClientError } from "@trpc/client";

import type { Messages } from "./i18n";

type MessageKey = keyof Messages;

/** Turns any failure of an API call into a sentence a person understands. */
export function errorMessageKey(error: unknown): MessageKey {
  if (error instanceof TRPCClientError) {
    const data: unknown = error.data;
    const code =
      typeof data === "object" && data !== null && "code" in data && typeof data.code === "string"
        ? data.code
        : undefined;
    switch (code) {
      case "UNAUTHORIZED":
        return "errorUnauthorized";
      case "FORBIDDEN":
        return "errorForbidden";
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
