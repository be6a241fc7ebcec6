// auction.cancel: only by the seller, only before the first bid (bids cannot be withdrawn, so an auction
// with one runs to its end). The gift returns to the seller's inventory.
import { conflict, forbidden, notFound } from "../common/errors";
import { command } from "../common/use-case";
import { auctionRepository } from "./auction-repository";
import { auctionIdInput, cancelAuctionOutput } from "./schemas";

export const cancelAuction = command({
  input: auctionIdInput,
  output: cancelAuctionOutput,
  async run({ uow, actor, now }, { auctionId }) {
    const cancelled = await auctionRepository.cancel(uow.tx, auctionId, actor.userId, now());
    if (!cancelled) {
      const a = await auctionRepository.stateOf(uow.tx, auctionId);
      if (!a) throw notFound(`Auction #${auctionId}`);
      if (a.sellerId !== actor.userId) throw forbidden("Only the seller can cancel an auction.", "NOT_OWNER");
      if (a.status !== "ACTIVE" || a.endsAt.getTime() <= now().getTime()) throw conflict("This auction has ended.", "AUCTION_ENDED");
      throw conflict("This auction has bids and can no longer be cancelled: it runs to its end.", "AUCTION_HAS_BIDS");
    }
    uow.commit();
    return { auctionId, nftId: cancelled.nftId };
  },
});
