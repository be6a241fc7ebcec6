// Idempotency keys only need to outlive client retries (SPEC §6.2): older records are deleted in one
// bulk statement (SPEC §6.12) by the worker's `idempotency-cleanup` task.
import type { PrismaClient, Tx } from "@gm/db";

export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Deletes idempotency records older than `olderThanMs` (by the database clock); returns how many. */
export async function deleteExpiredIdempotencyRecords(db: PrismaClient | Tx, olderThanMs: number = IDEMPOTENCY_RETENTION_MS): Promise<number> {
  // created_at defaults to the database's CURRENT_TIMESTAMP, so the cutoff uses the same clock.
  // The (created_at) index makes this a range delete.
  return db.$executeRaw`
    DELETE FROM idempotency_records
    WHERE created_at < CURRENT_TIMESTAMP - make_interval(secs => ${olderThanMs / 1000}::float8)`;
}
