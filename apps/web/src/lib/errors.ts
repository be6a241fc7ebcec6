import { formatTon, REFUSAL_REASONS, type RefusalReason } from "@gm/api/client";
import { TRPCClientError } from "@trpc/client";
import type { useTranslations } from "next-intl";

export type Translate = ReturnType<typeof useTranslations<never>>;
type Params = Record<string, string | number>;
/** The translator over a key chosen at run time (a refusal's reason), with values the server sent. */
type RuntimeTranslate = (key: string, values?: Params) => string;

function errorData(error: unknown): { code?: string; reason?: RefusalReason; params?: Params } {
  if (!(error instanceof TRPCClientError)) return {};
  const data: unknown = error.data;
  if (typeof data !== "object" || data === null) return {};
  const d = data as { code?: unknown; reason?: unknown; params?: unknown };
  return {
    code: typeof d.code === "string" ? d.code : undefined,
    // A reason this version of the app does not know is treated as none.
    reason: typeof d.reason === "string" && (REFUSAL_REASONS as readonly string[]).includes(d.reason) ? (d.reason as RefusalReason) : undefined,
    params: typeof d.params === "object" && d.params !== null ? (d.params as Params) : undefined,
  };
}

/** The tRPC error code ("CONFLICT", "NOT_FOUND", ...), if the API answered with one. */
export function errorCode(error: unknown): string | undefined {
  return errorData(error).code;
}

/** The domain's reason for a refusal ("PRICE_CHANGED", "NOT_FOR_SALE", ...), when the API gives one. */
export function errorReason(error: unknown): RefusalReason | undefined {
  return errorData(error).reason;
}

/** The values a refusal carries (`{ old, new }` of PRICE_CHANGED, `{ min }` of BID_TOO_LOW, ...), as the server sent them. */
export function errorParams(error: unknown): Params {
  return errorData(error).params ?? {};
}

// Refusal values that are amounts in nanoTON: shown as TON, like every other price.
const AMOUNTS = new Set(["old", "new", "price", "asked", "available", "needed", "min", "max", "limit", "remaining"]);

function shown(params: Params): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(params)) out[k] = AMOUNTS.has(k) && /^-?\d+$/.test(String(v)) ? formatTon(BigInt(v)) : v;
  return out;
}

type GenericKey = "errorUnauthorized" | "errorForbidden" | "errorNotFound" | "errorRateLimited" | "errorServer" | "errorNetwork" | "errorUnknown";

/** A failure that carries no reason, by its kind. */
function genericKey(error: unknown): GenericKey {
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
 * Any failed call as a sentence in the user's language: a refusal by its reason code (with its values),
 * else by the kind of failure. The server's English sentence is only the fallback for a refusal this
 * version of the app has no words for.
 */
export function errorMessage(error: unknown, t: Translate): string {
  const { code, reason, params } = errorData(error);
  if (reason) return (t as unknown as RuntimeTranslate)(`refusals.${reason}`, shown(params ?? {}));
  const explained = code === "BAD_REQUEST" || code === "CONFLICT" || code === "PRECONDITION_FAILED";
  if (error instanceof TRPCClientError && explained && error.message) return error.message;
  return t(genericKey(error));
}
