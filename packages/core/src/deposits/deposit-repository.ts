// Deposits' only SQL: the platform wallet's cursor, the deposit rows (unique by transaction hash: the
// exactly-once guard), and the memo lookup.
import type { Db, Tx } from "@gm/db";

export type DepositStatus = "CREDITED" | "UNMATCHED" | "IGNORED";

export interface TxCursorRow {
  lt: bigint;
  hash: string;
}

export const depositRepository = {
  async cursor(db: Db, wallet: string): Promise<TxCursorRow | null> {
    const rows = await db.$queryRaw<TxCursorRow[]>`SELECT last_lt AS lt, last_hash AS hash FROM ton_cursors WHERE wallet = ${wallet}`;
    return rows[0] ?? null;
  },

  /** Moves the cursor forward only (a slower instance that read an older page can never move it back). */
  async advance(tx: Tx, wallet: string, to: TxCursorRow): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO ton_cursors (wallet, last_lt, last_hash, updated_at) VALUES (${wallet}, ${to.lt}, ${to.hash}, now())
      ON CONFLICT (wallet) DO UPDATE SET last_lt = EXCLUDED.last_lt, last_hash = EXCLUDED.last_hash, updated_at = now()
      WHERE ton_cursors.last_lt < EXCLUDED.last_lt`;
  },

  /** Users by deposit memo, for one batch. */
  async usersByMemo(tx: Tx, memos: string[]): Promise<Map<string, bigint>> {
    if (memos.length === 0) return new Map();
    const rows = await tx.$queryRaw<{ id: bigint; memo: string }[]>`SELECT id, deposit_memo AS memo FROM users WHERE deposit_memo = ANY(${memos}::text[])`;
    return new Map(rows.map((r) => [r.memo, r.id]));
  },

  /** Records the transaction once; false when its hash is already recorded (a replay of the page). */
  async insert(tx: Tx, d: { txHash: string; lt: bigint; amount: bigint; sender: string; comment: string | null; userId: bigint | null; status: DepositStatus; reason: string | null }): Promise<bigint | null> {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO deposits (tx_hash, lt, amount, sender, comment, user_id, status, reason, credited_at)
      VALUES (${d.txHash}, ${d.lt}, ${d.amount}, ${d.sender}, ${d.comment}, ${d.userId}, ${d.status}::"DepositStatus", ${d.reason},
              CASE WHEN ${d.status} = 'CREDITED' THEN now() END)
      ON CONFLICT (tx_hash) DO NOTHING
      RETURNING id`;
    return rows[0]?.id ?? null;
  },

  async memoOf(db: Db, userId: bigint): Promise<string | null> {
    const rows = await db.$queryRaw<{ memo: string }[]>`SELECT deposit_memo AS memo FROM users WHERE id = ${userId}`;
    return rows[0]?.memo ?? null;
  },

  async minDeposit(tx: Db): Promise<bigint> {
    const rows = await tx.$queryRaw<{ min: bigint }[]>`SELECT min_deposit AS min FROM settings WHERE id = 1`;
    return rows[0]?.min ?? 100_000_000n;
  },
};
