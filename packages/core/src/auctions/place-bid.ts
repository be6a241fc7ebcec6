// auction.bid: at least the start price, and at least the best bid plus the step. The new bid is held
// from the bidder and the previous best bid released to its bidder in the same movement (so the two
// users' rows are locked in the ledger's order); a bid in the last anti-sniping window pushes the end
// back. Concurrent bids queue on the auction's row lock; the first to get it decides what the next
// must beat. A bid already beaten is refused from a snapshot before it joins that queue (the best bid
// only rises), so racing bidders do not wait behind each other only to be told so. The seller cannot bid.
import { countOnCommit } from "../common/business";
import { conflict, forbidden, notFound } from "../common/errors";
import { formatTon } from "../common/money";
import { moneyCommand } from "../common/use-case";
import { postMovement, type LedgerLine } from "../ledger/ledger-service";
import { auctionRepository, type AuctionForBid } from "./auction-repository";
import { extendedEnd, minimumNextBid } from "./bid-rules";
import { bidInput, bidOutput } from "./schemas";

export const placeBid = moneyCommand({
  input: bidInput,
  output: bidOutput,
  rateLimit: { points: 60, windowSeconds: 60 },
  fastPath: true,
  async run({ uow, actor, now }, { auctionId, amount }) {
    const { tx } = uow;
    const at = now();
    const check = (a: AuctionForBid | null): AuctionForBid => {
      if (!a) throw notFound(`Auction #${auctionId}`);
      if (a.status !== "ACTIVE" || a.endsAt.getTime() <= at.getTime()) throw conflict("This auction has ended.", "AUCTION_ENDED");
      if (a.sellerId === actor.userId) throw forbidden("You can't bid in your own auction.", "OWN_AUCTION");
      const minimum = minimumNextBid(a);
      if (amount < minimum) throw conflict(`The bid must be at least ${formatTon(minimum)}.`, "BID_TOO_LOW").with({ min: minimum.toString() });
      return a;
    };
    const seen = check(await auctionRepository.forBid(tx, auctionId));
    const live = await auctionRepository.lockLive(tx, auctionId);
    const a = check(live && { ...seen, ...live });
    const lines: LedgerLine[] = [
      { account: "USER_AVAILABLE", userId: actor.userId, amount: -amount },
      { account: "USER_LOCKED", userId: actor.userId, amount },
    ];
    if (a.bestBid !== null && a.bestBidderId !== null) {
      lines.push({ account: "USER_LOCKED", userId: a.bestBidderId, amount: -a.bestBid }, { account: "USER_AVAILABLE", userId: a.bestBidderId, amount: a.bestBid });
    }
    const { balances } = await postMovement(tx, { kind: "HOLD", reference: `auction:${auctionId}`, memo: `bid on gift #${a.nftId}`, actorId: actor.userId, lines });
    const endsAt = extendedEnd(a.endsAt, at, a.antiSnipingSeconds);
    const bidId = await auctionRepository.recordBid(tx, { auctionId, bidderId: actor.userId, amount, endsAt, giftId: a.giftId, nftId: a.nftId });
    countOnCommit(uow, "bid", amount);
    uow.commit();
    const b = balances.find((x) => x.userId === actor.userId)!;
    return {
      auctionId, bidId, amount, endsAt,
      extended: endsAt !== a.endsAt,
      minNextBid: minimumNextBid({ ...a, bestBid: amount }),
      balance: { available: b.available, locked: b.locked },
    };
  },
});
