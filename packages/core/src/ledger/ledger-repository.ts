// Reading the ledger: a user's history, newest first, with keyset pagination.
import type { Db } from "@gm/db";

export interface HistoryRow {
  id: bigint;
  movementId: bigint;
  kind: string;
  account: "USER_AVAILABLE" | "USER_LOCKED";
  amount: bigint;
  reference: string | null;
  memo: string | null;
  createdAt: Date;
}

export const ledgerRepository = {
  /** One query: the user's rows joined to their movement, older than `cursor` (an entry id). */
  async history(db: Db, userId: bigint, limit: number, cursor?: bigint): Promise<HistoryRow[]> {
    return db.$queryRaw<HistoryRow[]>`
      SELECT e.id, e.movement_id AS "movementId", m.kind::text AS kind, e.account::text AS account, e.amount,
             m.reference, m.memo, e.created_at AS "createdAt"
      FROM ledger_entries e JOIN ledger_movements m ON m.id = e.movement_id
      WHERE e.user_id = ${userId} AND (${cursor ?? null}::bigint IS NULL OR e.id < ${cursor ?? null}::bigint)
      ORDER BY e.id DESC
      LIMIT ${limit}`;
  },
};
