// The auctions' wire shapes.
import { z } from "zod";
import { bigintId, int4 } from "../common/input";
import { MAX_PRICE, MIN_PRICE } from "../listings/price-rules";
import { price } from "../listings/schemas";
import { cursor, direction, giftFilters, marketItem, priceRange } from "../market/schemas";
import { MAX_DURATION_HOURS, MIN_DURATION_HOURS } from "./bid-rules";

export const auctionStatus = z.enum(["ACTIVE", "SETTLED", "ENDED_NO_BIDS", "CANCELLED"]);
const balance = z.object({ available: z.bigint(), locked: z.bigint() });
const person = z.object({ id: z.bigint(), firstName: z.string(), username: z.string().nullable() });
const MIN_STEP = 10_000_000n; // 0.01 TON

export const createAuctionInput = z
  .strictObject({
    nftId: bigintId("nftId"),
    startPrice: price,
    /** The minimum raise as an amount (nanoTON)… */
    minStep: z.bigint({ message: "The minimum step is whole nanoTON (bigint)." })
      .min(MIN_STEP, { message: "The minimum step must be at least 0.01 TON." })
      .max(MAX_PRICE, { message: "The minimum step is above the market's maximum price." })
      .optional(),
    /** …or as a percent of the best bid (0.01 to 100, two decimals). Neither: 5%. */
    minStepPercent: z.number({ message: "The minimum step percent must be a number." })
      .min(0.01, { message: "The minimum step must be at least 0.01%." })
      .max(100, { message: "The minimum step can be at most 100%." })
      .refine((p) => Number.isInteger(Math.round(p * 100)) && Math.abs(p * 100 - Math.round(p * 100)) < 1e-6, { message: "The minimum step percent has at most two decimals." })
      .optional(),
    durationHours: int4("The duration in hours", MIN_DURATION_HOURS, MAX_DURATION_HOURS).default(24),
  })
  .refine((i) => i.minStep === undefined || i.minStepPercent === undefined, { message: "Give the minimum step as an amount or as a percent, not both.", path: ["minStepPercent"] });

export const createAuctionOutput = z.object({
  auctionId: z.bigint(), nftId: z.bigint(), startPrice: z.bigint(), minStep: z.bigint().nullable(), minStepBps: z.number().nullable(), endsAt: z.date(),
});

export const auctionIdInput = z.strictObject({ auctionId: bigintId("auctionId") });
export const cancelAuctionOutput = z.object({ auctionId: z.bigint(), nftId: z.bigint() });

export const bidInput = z.strictObject({
  auctionId: bigintId("auctionId"),
  amount: z.bigint({ message: "A bid is whole nanoTON (bigint)." })
    .min(MIN_PRICE, { message: "A bid must be at least 0.1 TON." })
    .max(MAX_PRICE, { message: "That bid is above the market's maximum." }),
});
export const bidOutput = z.object({
  auctionId: z.bigint(), bidId: z.bigint(), amount: z.bigint(), endsAt: z.date(),
  /** The bid fell in the anti-sniping window and pushed the end back. */
  extended: z.boolean(),
  minNextBid: z.bigint(),
  balance,
});

export const auctionItem = z.object({
  id: z.bigint(),
  nft: marketItem,
  seller: person,
  status: auctionStatus,
  startPrice: z.bigint(),
  minStep: z.bigint().nullable(),
  /** The step as a percent of the best bid, when it is one. */
  minStepPercent: z.number().nullable(),
  bestBid: z.bigint().nullable(),
  /** What auction.bid accepts at least, right now. */
  minNextBid: z.bigint(),
  bids: z.number().int(),
  endsAt: z.date(),
  createdAt: z.date(),
  winner: person.nullable(),
  /** The caller's place in it. */
  viewer: z.object({
    isSeller: z.boolean(),
    /** The caller's best bid, held while it leads. */
    myBid: z.bigint().nullable(),
    leading: z.boolean(),
    /** The caller bid and someone bid more: their hold went back to their balance. */
    outbid: z.boolean(),
  }),
});

export const listAuctionsInput = z
  .strictObject({
    /** The price filters apply to the current price: the best bid, or the start price without bids. */
    ...giftFilters,
    /** Only the auctions the caller runs, or bid in. */
    participant: z.enum(["seller", "bidder"], { message: "participant is seller or bidder." }).optional(),
    cursor: cursor.optional(),
    direction,
    limit: int4("limit", 1, 100).default(24),
  })
  .refine(...priceRange)
  .prefault({});
export const listAuctionsOutput = z.object({ items: z.array(auctionItem), nextCursor: z.string().nullable() });

export const auctionDetailOutput = auctionItem.extend({
  history: z.array(z.object({ id: z.bigint(), amount: z.bigint(), bidder: person, status: z.enum(["ACTIVE", "OUTBID", "WON", "RELEASED"]), createdAt: z.date() })),
  antiSnipingSeconds: z.number().int(),
  /** What the seller receives if the best bid wins: the bid minus the platform fee. */
  fee: z.bigint().nullable(),
  proceeds: z.bigint().nullable(),
});

export const settleAuctionsInput = z.object({ limit: z.number().int().min(1).max(5_000) });
export const settleAuctionsOutput = z.object({ settled: z.number(), unsold: z.number(), volume: z.bigint() });
export const nextAuctionEndOutput = z.object({ endsAt: z.date().nullable() });

