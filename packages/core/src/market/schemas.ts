// The market's wire shapes: what market.* procedures accept and return. Every input is bounded to what
// the database can hold, and strict: an unknown field is refused, not ignored.
import { z } from "zod";
import { bigintId, intId, pageCursor, saneDate, text } from "../common/input";
import { MAX_PRICE } from "../listings/price-rules";
import { MARKET_ACTIVITY_TYPES } from "./activity-repository";
import { MARKET_SORTS } from "./search-sql";

export const MAX_FILTER_VALUES = 50;
export const giftId = intId("A collection id");
export const names = z
  .array(text("A filter value", { min: 1, max: 64 }))
  .max(MAX_FILTER_VALUES, { message: `Choose at most ${MAX_FILTER_VALUES} values.` });
export const price = z
  .bigint({ message: "Prices are whole nanoTON (bigint)." })
  .min(0n, { message: "A price cannot be negative." })
  .max(MAX_PRICE, { message: "That price is above the market's maximum." });
export const cursor = pageCursor;
/** tRPC's infinite queries add this to the input; the lists page forward only, so it is accepted and unused. */
export const direction = z.enum(["forward", "backward"]).optional();

/** The market's filters, shared by every list of gifts (the market, auctions, presales). */
export const giftFilters = {
  giftIds: z.array(giftId).max(MAX_FILTER_VALUES, { message: `Choose at most ${MAX_FILTER_VALUES} collections.` }).optional(),
  models: names.optional(),
  backdrops: names.optional(),
  symbols: names.optional(),
  priceMin: price.optional(),
  priceMax: price.optional(),
};
/** The refinement every price range takes. */
export const priceRange: [(i: { priceMin?: bigint; priceMax?: bigint }) => boolean, { message: string; path: string[] }] = [
  (i) => i.priceMin === undefined || i.priceMax === undefined || i.priceMin <= i.priceMax,
  { message: "The minimum price must not be above the maximum.", path: ["priceMax"] },
];

export const searchInput = z
  .strictObject({
    ...giftFilters,
    /** False shows NFTs that are not for sale too (a profile's inventory). */
    listedOnly: z.boolean().default(true),
    ownerId: bigintId("ownerId").optional(),
    sort: z.enum(MARKET_SORTS, { message: `Sort by one of: ${MARKET_SORTS.join(", ")}.` }).default("price_asc"),
    /** The `nextCursor` of the previous page. */
    cursor: cursor.optional(),
    direction,
    limit: z.number().int().min(1, { message: "Ask for at least 1 item." }).max(100, { message: "Ask for at most 100 items per page." }).default(24),
  })
  .refine(...priceRange)
  .prefault({});

export const rarityOf = z.number().int();
export const backdropColors = z.object({ center: z.string().nullable(), edge: z.string().nullable(), pattern: z.string().nullable(), text: z.string().nullable() });
export const attribute = z.object({ name: z.string(), rarityPermille: rarityOf, glyph: z.string().nullable() });
export const backdrop = z.object({ name: z.string(), rarityPermille: rarityOf, colors: backdropColors.nullable() });
export const nftStatus = z.enum(["IN_CUSTODY", "LISTED", "IN_AUCTION", "WITHDRAWING", "WITHDRAWN"]);

export const marketItem = z.object({
  id: z.bigint(),
  giftId: z.number().int(),
  gift: z.object({ slug: z.string(), title: z.string(), glyph: z.string() }),
  number: z.number().int(),
  model: attribute,
  backdrop,
  symbol: attribute,
  rarity: z.number().int(),
  status: nftStatus,
  price: z.bigint().nullable(),
  listedAt: z.date().nullable(),
  ownerId: z.bigint(),
});

export const searchOutput = z.object({ items: z.array(marketItem), nextCursor: z.string().nullable() });

export const attributeValue = z.object({ name: z.string(), rarityPermille: rarityOf, listed: z.number().int(), floor: z.bigint().nullable() });
export const filtersOutput = z.object({
  collections: z.array(
    z.object({
      id: z.number().int(),
      slug: z.string(),
      title: z.string(),
      glyph: z.string(),
      supply: z.number().int(),
      floor: z.bigint().nullable(),
      listed: z.number().int(),
      models: z.array(attributeValue),
      backdrops: z.array(attributeValue),
      symbols: z.array(attributeValue),
    }),
  ),
});

export const floorsInput = z.strictObject({ giftId: giftId.optional() }).prefault({});
export const floorsOutput = z.object({
  collections: z.array(z.object({ giftId: z.number().int(), floor: z.bigint().nullable(), listed: z.number().int() })),
  attributes: z.array(
    z.object({ giftId: z.number().int(), kind: z.enum(["MODEL", "BACKDROP", "SYMBOL"]), name: z.string(), floor: z.bigint().nullable(), listed: z.number().int() }),
  ),
});

export const nftInput = z.strictObject({ id: bigintId("An NFT id") });
export const person = z.object({ id: z.bigint(), firstName: z.string(), username: z.string().nullable() });
// The detail is a market item with more about the gift, the owner, and its offers and sales.
export const nftOutput = marketItem.omit({ ownerId: true }).extend({
  gift: z.object({ slug: z.string(), title: z.string(), glyph: z.string(), supply: z.number().int(), floor: z.bigint().nullable() }),
  address: z.string().nullable(),
  owner: person,
  auction: z.object({ id: z.bigint(), endsAt: z.date(), startPrice: z.bigint(), bestBid: z.bigint().nullable(), minNextBid: z.bigint() }).nullable(),
  collectionOffer: z.object({ id: z.bigint(), price: z.bigint(), fee: z.bigint(), proceeds: z.bigint() }).nullable(),
  offers: z.array(z.object({ id: z.bigint(), buyer: person, price: z.bigint(), expiresAt: z.date(), createdAt: z.date() })),
  sales: z.array(z.object({ id: z.bigint(), price: z.bigint().nullable(), buyerId: z.bigint().nullable(), sellerId: z.bigint().nullable(), createdAt: z.date() })),
});

export const activityType = z.enum(MARKET_ACTIVITY_TYPES);
export const activityInput = z
  .strictObject({
    giftId: giftId.optional(),
    /** Events where this user is the actor or the counterparty. */
    userId: bigintId("userId").optional(),
    types: z.array(activityType).max(MARKET_ACTIVITY_TYPES.length).optional(),
    cursor: cursor.optional(),
    direction,
    limit: z.number().int().min(1, { message: "Ask for at least 1 event." }).max(100, { message: "Ask for at most 100 events per page." }).default(30),
  })
  .prefault({});
export const activityOutput = z.object({
  items: z.array(
    z.object({
      id: z.bigint(),
      type: activityType,
      gift: z.object({ id: z.number().int(), slug: z.string(), title: z.string(), glyph: z.string() }).nullable(),
      nft: z.object({ id: z.bigint(), number: z.number().int().nullable() }).nullable(),
      actor: z.object({ id: z.bigint(), name: z.string().nullable() }).nullable(),
      counterparty: z.object({ id: z.bigint(), name: z.string().nullable() }).nullable(),
      price: z.bigint().nullable(),
      createdAt: z.date(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const priceHistoryInput = z
  .strictObject({
    giftId,
    interval: z.enum(["hour", "day"], { message: "The interval is hour or day." }),
    from: saneDate("The start of the range").optional(),
    to: saneDate("The end of the range").optional(),
  })
  .refine((i) => !i.from || !i.to || i.from < i.to, { message: "The start of the range must be before its end.", path: ["from"] });
export const priceHistoryOutput = z.object({
  giftId: z.number().int(),
  interval: z.enum(["hour", "day"]),
  from: z.date(),
  to: z.date(),
  buckets: z.array(z.object({ time: z.date(), floor: z.bigint().nullable(), average: z.bigint().nullable(), volume: z.bigint(), count: z.number().int() })),
});
