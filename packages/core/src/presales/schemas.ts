// The presales' wire shapes.
import { z } from "zod";
import { bigintId, int4 } from "../common/input";
import { price } from "../listings/schemas";
import { cursor, direction, giftFilters, giftId, priceRange } from "../market/schemas";

export const presaleStatus = z.enum(["ACTIVE", "SOLD", "DELIVERED", "CANCELLED", "FAILED"], { message: "The status is ACTIVE, SOLD, DELIVERED, CANCELLED or FAILED." });
export const PRESALE_SORTS = ["price_asc", "price_desc", "newest", "deadline"] as const;
const balance = z.object({ available: z.bigint(), locked: z.bigint() });
const person = z.object({ id: z.bigint(), firstName: z.string(), username: z.string().nullable() });
export const presaleIdInput = { presaleId: bigintId("presaleId") };

export const createPresaleInput = z.strictObject({
  giftId: giftId,
  price,
  /** The share of the price the seller pledges (held now, lost to the buyer if undelivered): 0–100%. */
  collateralPercent: int4("The collateral percent", 0, 100).default(0),
});
export const createPresaleOutput = z.object({ presaleId: z.bigint(), giftId: z.number(), price: z.bigint(), collateral: z.bigint(), deliverBy: z.date(), balance });

export const setPresalePriceInput = z.strictObject({ ...presaleIdInput, price });
export const setPresalePriceOutput = z.object({ presaleId: z.bigint(), price: z.bigint(), collateral: z.bigint(), balance });

export const cancelPresaleInput = z.strictObject(presaleIdInput);
export const cancelPresaleOutput = z.object({ presaleId: z.bigint(), released: z.bigint(), balance });

export const buyPresaleInput = z.strictObject({
  ...presaleIdInput,
  /** The price the buyer saw: a changed price is refused, never charged. */
  price,
});
export const buyPresaleOutput = z.object({ presaleId: z.bigint(), price: z.bigint(), deliverBy: z.date(), balance });

export const deliverPresaleInput = z.strictObject({ ...presaleIdInput, nftId: bigintId("nftId") });
export const deliverPresaleOutput = z.object({ presaleId: z.bigint(), nftId: z.bigint(), buyerId: z.bigint(), sellerId: z.bigint(), price: z.bigint(), fee: z.bigint(), proceeds: z.bigint(), collateralReleased: z.bigint() });

export const presaleItem = z.object({
  id: z.bigint(),
  gift: z.object({ id: z.number(), slug: z.string(), title: z.string(), glyph: z.string(), transferableAt: z.date().nullable() }),
  seller: person,
  buyer: person.nullable(),
  price: z.bigint(),
  collateral: z.bigint(),
  collateralPercent: z.number(),
  status: presaleStatus,
  deliverBy: z.date(),
  soldAt: z.date().nullable(),
  createdAt: z.date(),
  deliveredNftId: z.bigint().nullable(),
  /** What the seller receives on delivery: the price minus the platform fee (the collateral comes back on top). */
  fee: z.bigint(),
  proceeds: z.bigint(),
  viewer: z.object({ isSeller: z.boolean(), isBuyer: z.boolean() }),
});

export const listPresalesInput = z
  .strictObject({
    giftIds: giftFilters.giftIds,
    priceMin: giftFilters.priceMin,
    priceMax: giftFilters.priceMax,
    sort: z.enum(PRESALE_SORTS, { message: `Sort by one of: ${PRESALE_SORTS.join(", ")}.` }).default("price_asc"),
    cursor: cursor.optional(),
    direction,
    limit: int4("limit", 1, 100).default(24),
  })
  .refine(...priceRange)
  .prefault({});
export const presalePage = z.object({ items: z.array(presaleItem), nextCursor: z.string().nullable() });

export const myPresalesInput = z
  .strictObject({
    role: z.enum(["seller", "buyer"], { message: "role is seller or buyer." }).default("seller"),
    status: presaleStatus.optional(),
    cursor: cursor.optional(),
    direction,
    limit: int4("limit", 1, 100).default(24),
  })
  .prefault({});

export const adminPresalesInput = z
  .strictObject({ status: presaleStatus.default("SOLD"), cursor: cursor.optional(), direction, limit: int4("limit", 1, 100).default(50) })
  .prefault({});

export const presaleGiftsOutput = z.object({
  items: z.array(z.object({ id: z.number(), slug: z.string(), title: z.string(), glyph: z.string(), supply: z.number(), transferableAt: z.date().nullable(), active: z.number(), lowest: z.bigint().nullable() })),
  deliveryDays: z.number(),
  feeBps: z.number(),
});

export const expirePresalesInput = z.object({ limit: z.number().int().min(1).max(10_000) });
export const expirePresalesOutput = z.object({ failed: z.number(), expired: z.number(), refunded: z.bigint() });
