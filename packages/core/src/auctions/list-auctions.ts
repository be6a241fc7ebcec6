// auction.list and auction.detail: running auctions ending soonest first with the market's filters, and
// one auction with its bid history, what the next bid must be, and the caller's place in it (leading,
// outbid). Past auctions stay readable by id, with their winner.
import { notFound } from "../common/errors";
import { bigintId } from "../common/input";
import { feeOf } from "../common/money";
import { query } from "../common/use-case";
import { decodeCursor, encodeCursor } from "../market/cursor";
import { attributesOf } from "../market/search-market";
import { z } from "zod";
import { auctionRepository, type AuctionRow } from "./auction-repository";
import { minimumNextBid } from "./bid-rules";
import { auctionDetailOutput, listAuctionsInput, listAuctionsOutput } from "./schemas";

const HISTORY = 50;
const CURSOR_TAG = "auctions";

function itemOf(r: AuctionRow, viewer: bigint) {
  return {
    id: r.auctionId,
    nft: {
      id: r.id, giftId: r.giftId, gift: { slug: r.giftSlug, title: r.giftTitle, glyph: r.giftGlyph }, number: r.number,
      ...attributesOf(r), rarity: r.rarity, status: r.status as "IN_AUCTION", price: r.price, listedAt: r.listedAt, ownerId: r.ownerId,
    },
    seller: { id: r.sellerId, firstName: r.sellerFirstName, username: r.sellerUsername },
    status: r.auctionStatus,
    startPrice: r.startPrice,
    minStep: r.minStep,
    minStepPercent: r.minStepBps === null ? null : r.minStepBps / 100,
    bestBid: r.bestBid,
    minNextBid: minimumNextBid(r),
    bids: r.bids,
    endsAt: r.endsAt,
    createdAt: r.createdAt,
    winner: r.winnerId === null ? null : { id: r.winnerId, firstName: r.winnerFirstName ?? "", username: r.winnerUsername },
    viewer: {
      isSeller: r.sellerId === viewer,
      myBid: r.myBid,
      leading: r.leading,
      outbid: r.myBid !== null && !r.leading,
    },
  };
}

export const listAuctions = query({
  input: listAuctionsInput,
  output: listAuctionsOutput,
  async run({ db, actor }, input) {
    let after: { endsAt: string; id: bigint } | undefined;
    if (input.cursor) {
      const [endsAt, id] = decodeCursor(input.cursor, CURSOR_TAG, ["timestamp", "bigint"]);
      after = { endsAt: endsAt!, id: BigInt(id!) };
    }
    const rows = await auctionRepository.list(db, actor.userId, { ...input, after, limit: input.limit + 1 });
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > input.limit && last ? encodeCursor(CURSOR_TAG, [last.endsAt.toISOString().replace("T", " ").replace("Z", ""), last.auctionId.toString()]) : null;
    return { items: page.map((r) => itemOf(r, actor.userId)), nextCursor };
  },
});

export const auctionDetail = query({
  input: z.strictObject({ auctionId: bigintId("auctionId") }),
  output: auctionDetailOutput,
  async run({ db, actor }, { auctionId }) {
    const [row, history, antiSnipingSeconds] = await Promise.all([
      auctionRepository.detail(db, actor.userId, auctionId),
      auctionRepository.history(db, auctionId, HISTORY),
      auctionRepository.antiSnipingSeconds(db),
    ]);
    if (!row) throw notFound(`Auction #${auctionId}`);
    const fee = row.bestBid === null ? null : feeOf(row.bestBid, row.feeBps);
    return {
      ...itemOf(row, actor.userId),
      history: history.map((h) => ({ id: h.id, amount: h.amount, bidder: { id: h.bidderId, firstName: h.firstName, username: h.username }, status: h.status, createdAt: h.createdAt })),
      antiSnipingSeconds,
      fee,
      proceeds: fee === null ? null : row.bestBid! - fee,
    };
  },
});
