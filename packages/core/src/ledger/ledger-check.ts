// The money invariant (docs/money.md), checked from the database alone:
//  1. every user's available and locked balance equals the sum of that account's ledger rows;
//  2. every movement's rows sum to zero;
//  3. all rows together sum to zero: user balances + fees + withdrawals in flight = deposits +
//     adjustments − confirmed withdrawals (the EXTERNAL account is minus the right-hand side);
//  4. no balance is negative;
//  5. every user's locked balance is exactly what their open commitments hold: active offers, what is
//     left of active collection offers, standing bids of running auctions, presale escrow and
//     collateral, withdrawals not yet sent. A hold nothing accounts for (an outbid bid never released,
//     a settled offer still held) shows up here even when the books balance.
// Read in one REPEATABLE READ snapshot so a check running beside live traffic sees a consistent state.
import type { PrismaClient } from "@gm/db";

export interface LedgerReport {
  ok: boolean;
  users: number;
  movements: number;
  /** Sum of rows per account. */
  totals: Record<string, bigint>;
  userDrift: { userId: bigint; available: bigint; ledgerAvailable: bigint; locked: bigint; ledgerLocked: bigint }[];
  unbalancedMovements: { movementId: bigint; sum: bigint }[];
  negativeBalances: bigint[];
  /** Users whose locked balance differs from what their open commitments hold (invariant 5). */
  unbackedHolds: { userId: bigint; locked: bigint; committed: bigint }[];
  /** Sum of every row; zero when the books close. */
  grandTotal: bigint;
}

/** `holds: false` skips invariant 5, for tests of the ledger's own mechanics that post holds of no commitment. */
export async function checkLedger(prisma: PrismaClient, opts: { holds?: boolean } = {}): Promise<LedgerReport> {
  return prisma.$transaction(
    async (tx) => {
      const drift = await tx.$queryRaw<{ userId: bigint; available: bigint; ledgerAvailable: string; locked: bigint; ledgerLocked: string }[]>`
        SELECT u.id AS "userId", u.available, COALESCE(l.available, 0)::text AS "ledgerAvailable",
               u.locked, COALESCE(l.locked, 0)::text AS "ledgerLocked"
        FROM users u
        LEFT JOIN (
          SELECT user_id,
                 SUM(amount) FILTER (WHERE account = 'USER_AVAILABLE') AS available,
                 SUM(amount) FILTER (WHERE account = 'USER_LOCKED') AS locked
          FROM ledger_entries WHERE user_id IS NOT NULL GROUP BY user_id
        ) l ON l.user_id = u.id
        WHERE u.available <> COALESCE(l.available, 0) OR u.locked <> COALESCE(l.locked, 0)
        ORDER BY u.id LIMIT 100`;
      // Sums are NUMERIC in SQL (a platform's totals can pass BIGINT's range) and cross as text into BigInt.
      const unbalanced = await tx.$queryRaw<{ movementId: bigint; sum: string }[]>`
        SELECT movement_id AS "movementId", SUM(amount)::text AS sum
        FROM ledger_entries GROUP BY movement_id HAVING SUM(amount) <> 0 ORDER BY movement_id LIMIT 100`;
      const totalsText = await tx.$queryRaw<{ account: string; total: string }[]>`
        SELECT account::text, SUM(amount)::text AS total FROM ledger_entries GROUP BY account ORDER BY account`;
      const negative = await tx.$queryRaw<{ id: bigint }[]>`
        SELECT id FROM users WHERE available < 0 OR locked < 0 ORDER BY id LIMIT 100`;
      const holds = opts.holds === false ? [] : await tx.$queryRaw<{ userId: bigint; locked: bigint; committed: string }[]>`
        WITH commitments AS (
          SELECT buyer_id AS user_id, price AS amount FROM offers WHERE status = 'ACTIVE'
          UNION ALL SELECT buyer_id, price * (quantity - filled) FROM collection_offers WHERE status = 'ACTIVE'
          UNION ALL SELECT b.bidder_id, b.amount FROM bids b JOIN auctions a ON a.id = b.auction_id WHERE b.status = 'ACTIVE' AND a.status = 'ACTIVE'
          UNION ALL SELECT buyer_id, price FROM presales WHERE status = 'SOLD'
          UNION ALL SELECT seller_id, collateral FROM presales WHERE status IN ('ACTIVE', 'SOLD')
          UNION ALL SELECT user_id, amount + fee FROM withdrawals WHERE status IN ('PENDING', 'SENDING')
        ), per_user AS (SELECT user_id, SUM(amount) AS total FROM commitments GROUP BY user_id)
        SELECT u.id AS "userId", u.locked, COALESCE(c.total, 0)::text AS committed
        FROM users u FULL JOIN per_user c ON c.user_id = u.id
        WHERE COALESCE(u.locked, 0) <> COALESCE(c.total, 0)
        ORDER BY u.id LIMIT 100`;
      const counts = await tx.$queryRaw<{ users: bigint; movements: bigint }[]>`
        SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM ledger_movements) AS movements`;
      const userDrift = drift.map((d) => ({ ...d, ledgerAvailable: BigInt(d.ledgerAvailable), ledgerLocked: BigInt(d.ledgerLocked) }));
      const unbalancedMovements = unbalanced.map((m) => ({ movementId: m.movementId, sum: BigInt(m.sum) }));
      const totalsRows = totalsText.map((r) => ({ account: r.account, total: BigInt(r.total) }));
      const totals = Object.fromEntries(totalsRows.map((r) => [r.account, r.total]));
      const grandTotal = totalsRows.reduce((s, r) => s + r.total, 0n);
      return {
        ok: userDrift.length === 0 && unbalancedMovements.length === 0 && negative.length === 0 && grandTotal === 0n && holds.length === 0,
        users: Number(counts[0]?.users ?? 0),
        movements: Number(counts[0]?.movements ?? 0),
        totals,
        userDrift,
        unbalancedMovements,
        negativeBalances: negative.map((r) => r.id),
        unbackedHolds: holds.map((h) => ({ userId: h.userId, locked: h.locked, committed: BigInt(h.committed) })),
        grandTotal,
      };
    },
    { isolationLevel: "RepeatableRead" },
  );
}
