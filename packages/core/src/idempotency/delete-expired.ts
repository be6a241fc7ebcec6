// Idempotency keys only need to outlive client retries: older records are deleted in one bulk statement
// by the worker's `idempotency-cleanup` task.
import type { Db } from "@gm/db";
import { idempotencyRepository } from "./idempotency-repository";

export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Deletes idempotency records older than `olderThanMs`; returns how many. */
export function deleteExpiredIdempotencyRecords(db: Db, olderThanMs: number = IDEMPOTENCY_RETENTION_MS): Promise<number> {
  return idempotencyRepository.deleteExpired(db, olderThanMs);
}
