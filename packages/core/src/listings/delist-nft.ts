// listing.delist: the owner takes a gift off the market; it stays in custody.
import { z } from "zod";
import { command } from "../common/use-case";
import { activityRepository } from "../market/activity-repository";
import { invalidateListings } from "../market/cache-keys";
import { listingRepository } from "./listing-repository";
import { listingRefusal } from "./refusal";
import { nftId } from "./schemas";

export const delistNft = command({
  input: z.object({ nftId }),
  output: z.object({ nftId: z.bigint() }),
  async run({ uow, actor, cache }, input) {
    const row = await listingRepository.delist(uow.tx, actor.userId, input.nftId);
    if (!row) throw await listingRefusal(uow.tx, input.nftId, actor.userId, "LISTED");
    await activityRepository.record(uow.tx, { type: "DELIST", giftId: row.gift_id, nftId: input.nftId, actorId: actor.userId });
    uow.afterCommit(() => invalidateListings(cache, [row.gift_id]));
    uow.commit();
    return { nftId: input.nftId };
  },
});
