// auction.create: the owner puts a gift in custody (not listed, its collection transferable) up for
// auction: a start price, a minimum raise (an amount, or a percent of the best bid: 5% when neither is
// given) and a duration of 1 to 72 hours. The gift stays in custody, IN_AUCTION, until it settles.
import { command } from "../common/use-case";
import { listingRefusal } from "../listings/refusal";
import { auctionRepository } from "./auction-repository";
import { createAuctionInput, createAuctionOutput } from "./schemas";

const DEFAULT_STEP_BPS = 500;

export const createAuction = command({
  input: createAuctionInput,
  output: createAuctionOutput,
  rateLimit: { points: 30, windowSeconds: 60 },
  async run({ uow, actor, now }, input) {
    const minStep = input.minStep ?? null;
    const minStepBps = minStep !== null ? null : input.minStepPercent !== undefined ? Math.round(input.minStepPercent * 100) : DEFAULT_STEP_BPS;
    const endsAt = new Date(now().getTime() + input.durationHours * 3_600_000);
    const created = await auctionRepository.create(uow.tx, { nftId: input.nftId, sellerId: actor.userId, startPrice: input.startPrice, minStep, minStepBps, endsAt });
    if (!created) throw await listingRefusal(uow.tx, input.nftId, actor.userId, "IN_CUSTODY");
    uow.commit();
    return { auctionId: created.id, nftId: input.nftId, startPrice: input.startPrice, minStep, minStepBps, endsAt };
  },
});
