// Market events: the activity feed, each user's history and the price charts read these.
import type { Tx } from "@gm/db";
import { Enums } from "@gm/db";

export type ActivityType = keyof typeof Enums.ActivityType;
export const MARKET_ACTIVITY_TYPES = Object.keys(Enums.ActivityType) as [ActivityType, ...ActivityType[]];

export interface ActivityInput {
  type: ActivityType;
  giftId?: number;
  nftId?: bigint;
  actorId?: bigint;
  counterpartyId?: bigint;
  price?: bigint | null;
}

export const activityRepository = {
  async record(tx: Tx, events: ActivityInput | ActivityInput[]): Promise<void> {
    const data = Array.isArray(events) ? events : [events];
    if (data.length) await tx.activityEvent.createMany({ data });
  },
};
