// The worker's settlement of ended auctions, a batch per transaction in bulk statements: each closed
// auction's NFT goes to its best bidder, who pays from the bid's hold (the price minus the fee to the
// seller, the fee to the platform); without bids the NFT returns to the seller. The status guard and
// SKIP LOCKED make two workers, or a worker killed and restarted, settle each auction exactly once:
// a killed transaction leaves nothing behind, and the next run closes the auction again from scratch.
import { countOnCommit } from "../common/business";
import { command, query } from "../common/use-case";
import { feeOf } from "../common/money";
import { postMany, saleFromHold } from "../ledger/ledger-service";
import { auctionRepository } from "./auction-repository";
import { nextAuctionEndOutput, settleAuctionsInput, settleAuctionsOutput } from "./schemas";
import { z } from "zod";

export const settleAuctions = command({
  input: settleAuctionsInput,
  output: settleAuctionsOutput,
  async run({ uow, now }, { limit }) {
    const closed = await auctionRepository.close(uow.tx, now(), limit);
    const sold = closed.filter((c) => c.winnerId !== null && c.price !== null);
    await postMany(
      uow.tx,
      sold.map((c) =>
        saleFromHold({
          kind: "AUCTION_SETTLE", reference: `auction:${c.id}`, memo: `gift #${c.nftId}`,
          buyerId: c.winnerId!, sellerId: c.sellerId, price: c.price!, fee: feeOf(c.price!, c.feeBps),
        }),
      ),
    );
    countOnCommit(uow, "auction_settled", ...sold.map((c) => c.price!));
    uow.commit();
    return { settled: closed.length, unsold: closed.length - sold.length, volume: sold.reduce((s, c) => s + c.price!, 0n) };
  },
});

/** When the next running auction ends: the worker arms its timer for that moment. */
export const nextAuctionEnd = query({
  input: z.object({}),
  output: nextAuctionEndOutput,
  run: async ({ db }) => ({ endsAt: await auctionRepository.nextEnd(db) }),
});
