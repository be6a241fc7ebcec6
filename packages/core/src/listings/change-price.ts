// listing.changePrice: the owner reprices a listed gift; buyers who saw the old price are refused.
import { command } from "../common/use-case";
import { activityRepository } from "../market/activity-repository";
import { invalidateListings } from "../market/cache-keys";
import { listingRepository } from "./listing-repository";
import { assertPrice } from "./price-rules";
import { listingRefusal } from "./refusal";
import { listedOutput, listingInput } from "./schemas";

export const changeListingPrice = command({
  input: listingInput,
  output: listedOutput,
  async run({ uow, actor, cache }, { nftId, price }) {
    assertPrice(price);
    const row = await listingRepository.changePrice(uow.tx, actor.userId, nftId, price);
    if (!row) throw await listingRefusal(uow.tx, nftId, actor.userId, "LISTED");
    await activityRepository.record(uow.tx, { type: "PRICE_CHANGE", giftId: row.gift_id, nftId, actorId: actor.userId, price });
    uow.afterCommit(() => invalidateListings(cache, [row.gift_id]));
    uow.commit();
    return { nftId, price };
  },
});
