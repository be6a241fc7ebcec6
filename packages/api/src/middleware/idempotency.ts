// Money procedures (SPEC §6.2): the idempotency key is claimed, the effect applied and the result stored
// in one unit of work. A repeat with the same input gets the first result; with another input, a conflict.
import { createHash } from "node:crypto";
import superjson from "superjson";
import { AppError, idempotencyKey } from "@gm/core";

export const idempotencyKeySchema = idempotencyKey;

/** Hash of the input without its key, with sorted object keys, so equal inputs hash equally. */
export function requestHash(input: Record<string, unknown>): string {
  const { idempotencyKey: _ignored, ...rest } = input;
  let canonical: string;
  try {
    canonical = JSON.stringify(superjson.serialize(rest), (_k, v: unknown) =>
      v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
    );
  } catch {
    // superjson refuses prototype-polluting keys (__proto__, constructor.prototype): so do we.
    throw new AppError("BAD_REQUEST", "Invalid input — the request contains fields that are not allowed.", "INPUT_UNREADABLE");
  }
  return createHash("sha256").update(canonical).digest("hex");
}

export function readIdempotencyKey(raw: unknown): string {
  const parsed = idempotencyKeySchema.safeParse((raw as { idempotencyKey?: unknown } | null)?.idempotencyKey);
  if (!parsed.success) throw new AppError("BAD_REQUEST", `Invalid input — ${parsed.error.issues[0]!.message}`, "IDEMPOTENCY_KEY_INVALID");
  return parsed.data;
}
