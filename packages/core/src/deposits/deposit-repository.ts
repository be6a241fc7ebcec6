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

  /** Deposits newest first, by status when given, older than `cursor` (an id). */
  list(db: Db, opts: { status?: DepositStatus; limit: number; cursor?: bigint }) {
    return db.$queryRaw<
      { id: bigint; txHash: string; lt: bigint; amount: bigint; sender: string; comment: string | null; userId: bigint | null; status: DepositStatus; reason: string | null; creditedAt: Date | null; createdAt: Date }[]
    >`
      SELECT id, tx_hash AS "txHash", lt, amount, sender, comment, user_id AS "userId", status::text AS status, reason,
             credited_at AS "creditedAt", created_at AS "createdAt"
      FROM deposits
      WHERE (${opts.status ?? null}::text IS NULL OR status::text = ${opts.status ?? null}::text)
        AND (${opts.cursor ?? null}::bigint IS NULL OR id < ${opts.cursor ?? null}::bigint)
      ORDER BY id DESC
      LIMIT ${opts.limit}`;
  },

  /** Gives an unmatched deposit to `userId`: only an UNMATCHED row changes (a second click finds none). */
  async assign(tx: Tx, depositId: bigint, userId: bigint): Promise<{ amount: bigint; txHash: string } | null> {
    const rows = await tx.$queryRaw<{ amount: bigint; txHash: string }[]>`
      UPDATE deposits SET status = 'CREDITED', user_id = ${userId}, credited_at = now(), reason = 'ASSIGNED'
      WHERE id = ${depositId} AND status = 'UNMATCHED'
      RETURNING amount, tx_hash AS "txHash"`;
    return rows[0] ?? null;
  },

  async exists(tx: Tx, depositId: bigint): Promise<boolean> {
    const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM deposits WHERE id = ${depositId}`;
    return rows.length > 0;
  },
};
