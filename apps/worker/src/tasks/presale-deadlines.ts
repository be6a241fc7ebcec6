// Ends presales past their delivery deadline, every PRESALE_DEADLINES_INTERVAL_MS (5 minutes by default),
// 1,000 per transaction until none is left: sold ones fail (the buyer refunded with the collateral),
// unsold ones are cancelled. Delivery never waits for it: past the deadline it is refused either way.
import { executeCommand, expirePresales, type CoreRuntime } from "@gm/core";
import type { Logger } from "@gm/observability/logger";
import type { TaskFn } from "../task-manager";

export const PRESALE_DEADLINES = { name: "presale-deadlines" } as const;
const BATCH = 1000;
const SYSTEM = { userId: 0n, isAdmin: false, requestId: "presale-deadlines" };

export function presaleDeadlinesTask(core: CoreRuntime, logger: Logger): TaskFn {
  return async (signal) => {
    let failed = 0;
    let expired = 0;
    for (;;) {
      const r = await executeCommand(expirePresales, core, SYSTEM, { limit: BATCH }, PRESALE_DEADLINES.name);
      failed += r.failed;
      expired += r.expired;
      if (r.failed + r.expired < BATCH || signal.aborted) break;
    }
    if (failed + expired > 0) logger.info({ failed, expired }, "presales past their deadline ended");
  };
}
