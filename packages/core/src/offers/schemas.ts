// The offers' wire shapes.
import { z } from "zod";
import { bigintId, int4, intId, text } from "../common/input";
import { price } from "../listings/schemas";

export const offerStatus = z.enum(["ACTIVE", "ACCEPTED", "CANCELLED", "EXPIRED"], { message: "The status is ACTIVE, ACCEPTED, CANCELLED or EXPIRED." });

export const makeOfferInput = z.object({
  nftId: bigintId("nftId"),
  price,
  /** How long the offer stands: 1, 7 or 30 days; the settings' default (7 days) when absent. */
  expiresInDays: z.union([z.literal(1), z.literal(7), z.literal(30)], { message: "An offer lasts 1, 7 or 30 days." }).optional(),
});
const balance = z.object({ available: z.bigint(), locked: z.bigint() });
export const makeOfferOutput = z.object({ offerId: z.bigint(), nftId: z.bigint(), price: z.bigint(), expiresAt: z.date(), replacedOfferId: z.bigint().nullable(), balance });

export const offerIdInput = z.object({ offerId: bigintId("offerId") });
export const cancelOfferOutput = z.object({ offerId: z.bigint(), released: z.bigint(), balance });
export const acceptOfferOutput = z.object({ offerId: z.bigint(), nftId: z.bigint(), buyerId: z.bigint(), price: z.bigint(), fee: z.bigint(), proceeds: z.bigint(), movementId: z.bigint() });

const item = z.object({
  id: z.bigint(),
  nft: z.object({ id: z.bigint(), giftId: z.number(), giftTitle: z.string(), giftSlug: z.string(), number: z.number(), model: z.string(), backdrop: z.string() }),
  buyer: z.object({ id: z.bigint(), firstName: z.string(), username: z.string().nullable() }),
  price: z.bigint(),
  status: offerStatus,
  expiresAt: z.date(),
  createdAt: z.date(),
});
const page = { limit: int4("limit", 1, 100).default(20), cursor: bigintId("cursor").optional() };
export const mineInput = z.object({ ...page, status: offerStatus.optional() }).default({ limit: 20 });
export const receivedInput = z.object(page).default({ limit: 20 });
export const mineOutput = z.object({ items: z.array(item), nextCursor: z.bigint().nullable() });
/** What the seller would receive for each: the price minus the platform fee. */
export const receivedOutput = z.object({ items: z.array(item.extend({ fee: z.bigint(), proceeds: z.bigint() })), nextCursor: z.bigint().nullable() });

const attribute = (what: string) => text(what, { min: 1, max: 64 }).optional();
export const makeCollectionInput = z.object({
  giftId: intId("giftId"),
  /** Per NFT. */
  price,
  quantity: int4("quantity", 1, 100).default(1),
  model: attribute("The model"),
  backdrop: attribute("The backdrop"),
  symbol: attribute("The symbol"),
  expiresInDays: makeOfferInput.shape.expiresInDays,
});
export const makeCollectionOutput = z.object({ offerId: z.bigint(), giftId: z.number(), price: z.bigint(), quantity: z.number(), held: z.bigint(), expiresAt: z.date(), balance });
export const fillCollectionInput = z.object({ offerId: bigintId("offerId"), nftId: bigintId("nftId") });
export const fillCollectionOutput = z.object({ offerId: z.bigint(), nftId: z.bigint(), buyerId: z.bigint(), price: z.bigint(), fee: z.bigint(), proceeds: z.bigint(), filled: z.number(), quantity: z.number() });
export const cancelCollectionOutput = z.object({ offerId: z.bigint(), released: z.bigint(), balance });
