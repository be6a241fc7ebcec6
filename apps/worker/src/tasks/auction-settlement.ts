// Settles auctions at their end, not on a poll: after each run the task reads when the next running
// auction ends and asks the task manager to run again at that moment, so settlement lands within a few
// milliseconds of the end. Its interval only bounds how stale that schedule can get (a new auction lasts
// an hour at least, and a late bid only pushes an end later, which just wakes the timer early).
// 500 auctions per transaction, until none is due.
import { executeCommand, executeQuery, nextAuctionEnd, settleAuctions, type CoreRuntime } from "@gm/core";
import type { Logger } from "@gm/observability/logger";
import type { TaskFn } from "../task-manager";

export const AUCTION_SETTLEMENT = { name: "auction-settlement" } as const;
const BATCH = 500;
const SYSTEM = { userId: 0n, isAdmin: false, requestId: "auction-settlement" };

export function auctionSettlementTask(core: CoreRuntime, logger: Logger): TaskFn {
  return async (signal) => {
    let settled = 0;
    let unsold = 0;
    let volume = 0n;
    for (;;) {
      const r = await executeCommand(settleAuctions, core, SYSTEM, { limit: BATCH }, AUCTION_SETTLEMENT.name);
      settled += r.settled;
      unsold += r.unsold;
      volume += r.volume;
      if (r.settled < BATCH || signal.aborted) break;
    }
    if (settled > 0) logger.info({ settled, unsold, volume: volume.toString() }, "auctions settled");
    const { endsAt } = await executeQuery(nextAuctionEnd, core, SYSTEM, {});
    return { nextRunAt: endsAt };
  };
}
