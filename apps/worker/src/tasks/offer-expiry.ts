// Expires past-due offers and returns their holds, hourly by default, 1,000 per transaction until none is
// left. Acceptance never waits for it: a past-due offer cannot be accepted either way.
import { executeCommand, expireOffers, type CoreRuntime } from "@gm/core";
import type { Logger } from "@gm/observability/logger";
import type { TaskFn } from "../task-manager";

export const OFFER_EXPIRY = { name: "offer-expiry" } as const;
const BATCH = 1000;
const SYSTEM = { userId: 0n, isAdmin: false, requestId: "offer-expiry" };

export function offerExpiryTask(core: CoreRuntime, logger: Logger): TaskFn {
  return async (signal) => {
    let total = 0;
    for (;;) {
      const { expired } = await executeCommand(expireOffers, core, SYSTEM, { limit: BATCH }, OFFER_EXPIRY.name);
      total += expired;
      if (expired < BATCH || signal.aborted) break;
    }
    if (total > 0) logger.info({ expired: total }, "expired offers released");
  };
}
