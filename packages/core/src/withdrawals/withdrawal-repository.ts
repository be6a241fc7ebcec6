// Withdrawals' only SQL: the requests, the signed transfers that carry them (withdrawal_batches) and
// every state change, each guarded by the state it leaves (`WHERE status = ...`) so it happens once.
import { Prisma, type Db, type Tx } from "@gm/db";

export type WithdrawalStatus = "PENDING" | "SENDING" | "SENT" | "CONFIRMED" | "FAILED";

export interface WithdrawalRow {
  id: bigint;
  userId: bigint;
  amount: bigint;
  fee: bigint;
  destination: string;
  bounce: boolean;
  status: WithdrawalStatus;
  batchId: bigint | null;
  txHash: string | null;
  resultTxHash: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  requestId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  finishedAt: Date | null;
}

export interface WithdrawalLimits {
  minWithdrawal: bigint;
  maxWithdrawal: bigint;
  dailyWithdrawalLimit: bigint;
  withdrawalFee: bigint;
}

export interface BatchRow {
  id: bigint;
  seqno: number;
  validUntil: Date;
  afterLt: bigint;
  bodyHash: string;
  boc: string;
  sends: number;
  createdAt: Date;
}

const COLUMNS = Prisma.sql`id, user_id AS "userId", amount, fee, destination, bounce, status::text AS status, batch_id AS "batchId",
  tx_hash AS "txHash", result_tx_hash AS "resultTxHash", attempts, last_error AS "lastError", next_attempt_at AS "nextAttemptAt",
  request_id AS "requestId", created_at AS "createdAt", sent_at AS "sentAt", finished_at AS "finishedAt"`;

/** After this many transfers that ran and failed (or expired unsent), a withdrawal waits for an admin. */
export const MAX_ATTEMPTS = 5;
export const MAX_EXPIRIES = 20;

export const withdrawalRepository = {
  async limits(db: Db): Promise<WithdrawalLimits> {
    const rows = await db.$queryRaw<WithdrawalLimits[]>`
      SELECT min_withdrawal AS "minWithdrawal", max_withdrawal AS "maxWithdrawal", daily_withdrawal_limit AS "dailyWithdrawalLimit",
             withdrawal_fee AS "withdrawalFee"
      FROM settings WHERE id = 1`;
    if (!rows[0]) throw new Error("the settings row is missing: run the migrations");
    return rows[0];
  },

  /**
   * Locks the user's row (as the ledger would) before the daily sum is read, so two withdrawals of one
   * user are decided one after the other and together can never pass the limit. Null: no such user.
   */
  async lockUser(tx: Tx, userId: bigint): Promise<{ tonAddress: string | null } | null> {
    const rows = await tx.$queryRaw<{ tonAddress: string | null }[]>`SELECT ton_address AS "tonAddress" FROM users WHERE id = ${userId} FOR NO KEY UPDATE`;
    return rows[0] ?? null;
  },

  async tonAddress(db: Db, userId: bigint): Promise<string | null> {
    const rows = await db.$queryRaw<{ tonAddress: string | null }[]>`SELECT ton_address AS "tonAddress" FROM users WHERE id = ${userId}`;
    return rows[0]?.tonAddress ?? null;
  },

  /** What the user asked to withdraw since `since`, refunded ones aside. */
  async usedSince(db: Db, userId: bigint, since: Date): Promise<bigint> {
    const rows = await db.$queryRaw<{ used: bigint }[]>`
      SELECT coalesce(sum(amount), 0)::bigint AS used FROM withdrawals WHERE user_id = ${userId} AND status <> 'FAILED' AND created_at > ${since}`;
    return rows[0]!.used;
  },

  async insert(tx: Tx, w: { userId: bigint; amount: bigint; fee: bigint; destination: string; bounce: boolean; idempotencyKey: string; requestId: string }): Promise<WithdrawalRow> {
    const rows = await tx.$queryRaw<WithdrawalRow[]>`
      INSERT INTO withdrawals (user_id, amount, fee, destination, bounce, idempotency_key, request_id, updated_at)
      VALUES (${w.userId}, ${w.amount}, ${w.fee}, ${w.destination}, ${w.bounce}, ${w.idempotencyKey}, ${w.requestId}, now()) RETURNING ${COLUMNS}`;
    return rows[0]!;
  },

  /** Newest first, older than `cursor` (an id); one user's, or every one by status for admins. */
  list(db: Db, opts: { userId?: bigint; status?: WithdrawalStatus; limit: number; cursor?: bigint }): Promise<WithdrawalRow[]> {
    const user = opts.userId === undefined ? Prisma.empty : Prisma.sql`AND user_id = ${opts.userId}`;
    const status = opts.status === undefined ? Prisma.empty : Prisma.sql`AND status = ${opts.status}::"WithdrawalStatus"`;
    const older = opts.cursor === undefined ? Prisma.empty : Prisma.sql`AND id < ${opts.cursor}`;
    return db.$queryRaw<WithdrawalRow[]>`SELECT ${COLUMNS} FROM withdrawals WHERE true ${user} ${status} ${older} ORDER BY id DESC LIMIT ${opts.limit}`;
  },

  // ── the sender (the worker's ton-withdrawals task) ──

  /** The wallet's signed transfer whose outcome is not known yet (at most one: a unique partial index). */
  async openBatch(db: Db, wallet: string): Promise<(BatchRow & { withdrawals: bigint[] }) | null> {
    const rows = await db.$queryRaw<(BatchRow & { withdrawals: bigint[] })[]>`
      SELECT b.id, b.seqno, b.valid_until AS "validUntil", b.after_lt AS "afterLt", b.body_hash AS "bodyHash", b.boc, b.sends,
             b.created_at AS "createdAt", coalesce(array_agg(w.id ORDER BY w.id) FILTER (WHERE w.id IS NOT NULL), '{}') AS withdrawals
      FROM withdrawal_batches b LEFT JOIN withdrawals w ON w.batch_id = b.id
      WHERE b.wallet = ${wallet} AND b.status = 'SIGNED'
      GROUP BY b.id`;
    return rows[0] ?? null;
  },

  /** Waiting withdrawals whose turn has come, oldest first. */
  due(db: Db, now: Date, limit: number) {
    return db.$queryRaw<{ id: bigint; amount: bigint; destination: string; bounce: boolean; requestId: string | null }[]>`
      SELECT id, amount, destination, bounce, request_id AS "requestId" FROM withdrawals
      WHERE status = 'PENDING' AND next_attempt_at <= ${now} ORDER BY id LIMIT ${limit}`;
  },

  /** Sent withdrawals whose delivery is not known yet. */
  inFlight(db: Db, limit: number) {
    return db.$queryRaw<{ id: bigint; destination: string; messageLt: bigint; requestId: string | null }[]>`
      SELECT id, destination, message_lt AS "messageLt", request_id AS "requestId" FROM withdrawals
      WHERE status = 'SENT' ORDER BY id LIMIT ${limit}`;
  },

  /** Null when another signed transfer of the wallet is still open (the unique partial index). */
  async insertBatch(tx: Tx, b: { wallet: string; seqno: number; validUntil: Date; afterLt: bigint; bodyHash: string; boc: string }): Promise<bigint | null> {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO withdrawal_batches (wallet, seqno, valid_until, after_lt, body_hash, boc, updated_at)
      VALUES (${b.wallet}, ${b.seqno}, ${b.validUntil}, ${b.afterLt}, ${b.bodyHash}, ${b.boc}, now())
      ON CONFLICT DO NOTHING RETURNING id`;
    return rows[0]?.id ?? null;
  },

  /** Puts waiting withdrawals into the batch; returns how many were still waiting. */
  async claimForBatch(tx: Tx, batchId: bigint, ids: bigint[]): Promise<number> {
    return tx.$executeRaw`
      UPDATE withdrawals SET status = 'SENDING', batch_id = ${batchId}, attempts = attempts + 1, updated_at = now()
      WHERE id = ANY(${ids.map(String)}::bigint[]) AND status = 'PENDING' AND batch_id IS NULL`;
  },

  /** A send of the open transfer (`sent`), or only a problem noticed with it, and its error. */
  async noteSend(db: Db, batchId: bigint, note: { sent: boolean; error: string | null }): Promise<void> {
    await db.$executeRaw`
      UPDATE withdrawal_batches SET sends = sends + ${note.sent ? 1 : 0}, last_error = ${note.error}, updated_at = now() WHERE id = ${batchId}`;
  },

  /** Closes the open batch once; false when it was closed already (another instance got there first). */
  async closeBatch(tx: Tx, batchId: bigint, to: "LANDED" | "FAILED" | "EXPIRED", tx_: { hash: string; lt: bigint } | null, error: string | null): Promise<boolean> {
    const n = await tx.$executeRaw`
      UPDATE withdrawal_batches SET status = ${to}::"WithdrawalBatchStatus", tx_hash = ${tx_?.hash ?? null}, tx_lt = ${tx_?.lt ?? null},
             last_error = ${error}, updated_at = now()
      WHERE id = ${batchId} AND status = 'SIGNED'`;
    return n === 1;
  },

  /** The wallet sent it: the one place a withdrawal becomes SENT. */
  async markSent(tx: Tx, id: bigint, batchId: bigint, txHash: string, messageLt: bigint) {
    const rows = await tx.$queryRaw<{ userId: bigint; amount: bigint; fee: bigint }[]>`
      UPDATE withdrawals SET status = 'SENT', tx_hash = ${txHash}, message_lt = ${messageLt}, sent_at = now(), last_error = NULL, updated_at = now()
      WHERE id = ${id} AND batch_id = ${batchId} AND status = 'SENDING'
      RETURNING user_id AS "userId", amount, fee`;
    return rows[0] ?? null;
  },

  /**
   * The transfer never sent them: back to waiting, out of the batch. A transfer that ran and failed
   * backs off and, after MAX_ATTEMPTS, waits for an admin; one that expired unsent (the API was down)
   * is retried at once, up to MAX_EXPIRIES.
   */
  async requeue(tx: Tx, batchId: bigint, ran: boolean, error: string): Promise<number> {
    const limit = ran ? MAX_ATTEMPTS : MAX_EXPIRIES;
    return tx.$executeRaw`
      UPDATE withdrawals SET status = 'PENDING', batch_id = NULL, last_error = ${error}, updated_at = now(),
             next_attempt_at = CASE WHEN attempts >= ${limit} THEN NULL
                                    WHEN ${ran} THEN now() + make_interval(secs => 30 * attempts) ELSE now() END
      WHERE batch_id = ${batchId} AND status = 'SENDING'`;
  },

  /** The destination's transaction: delivered (CONFIRMED) or bounced back (FAILED), once. */
  async finish(tx: Tx, id: bigint, delivered: boolean, resultTxHash: string) {
    const rows = await tx.$queryRaw<{ userId: bigint; amount: bigint; fee: bigint; destination: string }[]>`
      UPDATE withdrawals SET status = ${delivered ? "CONFIRMED" : "FAILED"}::"WithdrawalStatus", result_tx_hash = ${resultTxHash},
             last_error = CASE WHEN ${delivered} THEN NULL ELSE 'the destination bounced the transfer' END,
             finished_at = now(), updated_at = now()
      WHERE id = ${id} AND status = 'SENT'
      RETURNING user_id AS "userId", amount, fee, destination`;
    return rows[0] ?? null;
  },

  /** An admin's retry: only a withdrawal whose retries ran out (waiting, with no next attempt). */
  async retry(tx: Tx, id: bigint): Promise<boolean> {
    const n = await tx.$executeRaw`
      UPDATE withdrawals SET next_attempt_at = now(), attempts = 0, updated_at = now()
      WHERE id = ${id} AND status = 'PENDING' AND next_attempt_at IS NULL`;
    return n === 1;
  },

  async exists(db: Db, id: bigint): Promise<boolean> {
    const rows = await db.$queryRaw<unknown[]>`SELECT 1 FROM withdrawals WHERE id = ${id}`;
    return rows.length > 0;
  },
};
