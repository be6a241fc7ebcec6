// the key is claimed with an INSERT in the same transaction as the effect. A concurrent
// duplicate's INSERT waits on the first one's uncommitted row: if the first commits, the duplicate sees
// the stored result; if it rolls back, the duplicate proceeds as the first. No second effect either way.
import type { PrismaClient, Tx } from "@gm/db";
import { conflict } from "../common/errors";

export type Claim = { kind: "new" } | { kind: "replay"; response: string };

export const idempotencyRepository = {
  async claim(tx: Tx, userId: bigint, key: string, procedure: string, requestHash: string): Promise<Claim> {
    const inserted = await tx.$executeRaw`
      INSERT INTO idempotency_records (user_id, key, procedure, request_hash)
      VALUES (${userId}, ${key}, ${procedure}, ${requestHash})
      ON CONFLICT (user_id, key) DO NOTHING`;
    if (inserted === 1) return { kind: "new" };
    const rows = await tx.$queryRaw<{ procedure: string; request_hash: string; response: string | null }[]>`
      SELECT procedure, request_hash, response FROM idempotency_records WHERE user_id = ${userId} AND key = ${key}`;
    const row = rows[0];
    if (!row || row.response === null) {
      throw conflict("A request with this idempotency key is still being processed. Try again in a moment.", "IDEMPOTENCY_IN_PROGRESS");
    }
    if (row.procedure !== procedure || row.request_hash !== requestHash) {
      throw conflict("This idempotency key was already used for a different request. Use a new key for a new request.", "IDEMPOTENCY_KEY_REUSED");
    }
    return { kind: "replay", response: row.response };
  },

  /** The stored result of a finished call with this key and the same request, if any (no lock taken). */
  async findFinished(db: PrismaClient | Tx, userId: bigint, key: string, procedure: string, requestHash: string): Promise<string | null> {
    const rows = await db.$queryRaw<{ response: string | null }[]>`
      SELECT response FROM idempotency_records
      WHERE user_id = ${userId} AND key = ${key} AND procedure = ${procedure} AND request_hash = ${requestHash}`;
    return rows[0]?.response ?? null;
  },

  /** Deletes records older than `olderThanMs` (by the database clock) in one statement; returns how many. */
  deleteExpired(db: PrismaClient | Tx, olderThanMs: number): Promise<number> {
    // created_at defaults to the database's CURRENT_TIMESTAMP, so the cutoff uses the same clock.
    // The (created_at) index makes this a range delete.
    return db.$executeRaw`
      DELETE FROM idempotency_records
      WHERE created_at < CURRENT_TIMESTAMP - make_interval(secs => ${olderThanMs / 1000}::float8)`;
  },

  async complete(tx: Tx, userId: bigint, key: string, response: string): Promise<void> {
    await tx.$executeRaw`UPDATE idempotency_records SET response = ${response} WHERE user_id = ${userId} AND key = ${key}`;
  },
};
