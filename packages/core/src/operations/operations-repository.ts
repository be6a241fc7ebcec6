// Operations' only SQL: the last 24 hours' business numbers and the TON pipeline's state, for the admin
// page and the worker's gauges. Every read is an index range (activity_events by created_at, deposits
// and withdrawals by status and time), so it stays cheap however large the history grows.
import type { Db } from "@gm/db";

export interface EventTotal {
  event: string;
  count: number;
  volume: bigint;
}

export interface PipelineRow {
  status: "PENDING" | "SENDING" | "SENT";
  count: number;
  oldest: Date;
}

export const operationsRepository = {
  async totalsSince(db: Db, since: Date): Promise<EventTotal[]> {
    return db.$queryRaw<EventTotal[]>`
      SELECT lower(type::text) AS event, count(*)::int AS count, COALESCE(sum(price), 0)::bigint AS volume
        FROM activity_events
       WHERE created_at >= ${since} AND type IN ('SALE', 'OFFER_ACCEPTED', 'BID', 'AUCTION_SETTLED', 'PRESALE_SOLD', 'PRESALE_DELIVERED')
       GROUP BY type
      UNION ALL
      SELECT 'deposit_credited', count(*)::int, COALESCE(sum(amount), 0)::bigint
        FROM deposits WHERE status = 'CREDITED' AND created_at >= ${since}
      UNION ALL
      SELECT 'withdrawal_' || CASE WHEN status = 'CONFIRMED' THEN 'confirmed' ELSE 'refunded' END, count(*)::int, COALESCE(sum(amount), 0)::bigint
        FROM withdrawals
       -- (status, created_at) bounds the scan; a withdrawal finishing a week after its request is rare enough to miss here.
       WHERE status IN ('CONFIRMED', 'FAILED') AND created_at >= ${since}::timestamp - interval '7 days' AND finished_at >= ${since}
       GROUP BY status
      UNION ALL
      SELECT 'withdrawal_requested', count(*)::int, COALESCE(sum(amount), 0)::bigint
        FROM withdrawals WHERE status IN ('PENDING', 'SENDING', 'SENT', 'CONFIRMED', 'FAILED') AND created_at >= ${since}`;
  },

  /** Withdrawals not yet finished, by state, with the oldest one's request time. */
  async unfinishedWithdrawals(db: Db): Promise<PipelineRow[]> {
    return db.$queryRaw<PipelineRow[]>`
      SELECT status::text AS status, count(*)::int AS count, min(created_at) AS oldest
        FROM withdrawals WHERE status IN ('PENDING', 'SENDING', 'SENT') GROUP BY status`;
  },

  async lastSuccess(db: Db, task: string): Promise<Date | null> {
    const rows = await db.$queryRaw<{ at: Date | null }[]>`SELECT last_success_at AS at FROM task_states WHERE name = ${task}`;
    return rows[0]?.at ?? null;
  },
};
