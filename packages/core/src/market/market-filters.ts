// market.filters and market.floors: aggregates over every listed NFT, cached in Redis for
// MARKET_CACHE_TTL_SECONDS and dropped by invalidateListings() whenever a listing changes.
// getOrLoad lets one caller (across instances) load a cold or expiring key; the rest wait or get the
// stale value. Two queries per load, whatever the number of collections.
import { z } from "zod";
import { query } from "../common/use-case";
import { filtersOutput, floorsInput, floorsOutput } from "./schemas";
import { notFound } from "../common/errors";
import { MARKET_CACHE_TTL_SECONDS, marketCacheKeys } from "../market/cache-keys";
import { marketReadRepository, type AttributeKindName, type AttributeSummaryRow, type CollectionSummaryRow } from "./market-repository";
import type { MarketReadDeps } from "./search-market";

export interface AttributeValue {
  name: string;
  rarityPermille: number;
  /** Listed NFTs with this value. */
  listed: number;
  /** Lowest listed price with this value, nanoTON. */
  floor: bigint | null;
}

export interface CollectionFilters extends CollectionSummaryRow {
  models: AttributeValue[];
  backdrops: AttributeValue[];
  symbols: AttributeValue[];
}

export interface MarketFilters {
  collections: CollectionFilters[];
}

const listKey: Record<AttributeKindName, "models" | "backdrops" | "symbols"> = { MODEL: "models", BACKDROP: "backdrops", SYMBOL: "symbols" };

async function loadFilters(deps: Pick<MarketReadDeps, "prisma">): Promise<MarketFilters> {
  const [collections, attributes] = await Promise.all([
    marketReadRepository.collections(deps.prisma),
    marketReadRepository.attributes(deps.prisma),
  ]);
  const byId = new Map<number, CollectionFilters>(collections.map((c) => [c.id, { ...c, models: [], backdrops: [], symbols: [] }]));
  for (const a of attributes) {
    // Rows come ordered by gift, kind, rarity (rarest first), name.
    byId.get(a.giftId)?.[listKey[a.kind]].push({ name: a.name, rarityPermille: a.rarityPermille, listed: a.listed, floor: a.floor });
  }
  return { collections: [...byId.values()] };
}

/** Every collection with its floor and listed count, and each collection's model, backdrop and symbol values. */
export function loadMarketFilters(deps: MarketReadDeps): Promise<MarketFilters> {
  return deps.cache.getOrLoad(marketCacheKeys.filters(), MARKET_CACHE_TTL_SECONDS, () => loadFilters(deps));
}

export interface MarketFloors {
  collections: { giftId: number; floor: bigint | null; listed: number }[];
  attributes: { giftId: number; kind: AttributeKindName; name: string; floor: bigint | null; listed: number }[];
}

async function loadFloors(deps: Pick<MarketReadDeps, "prisma">, giftId?: number): Promise<MarketFloors> {
  const [collections, attributes] = await Promise.all([
    marketReadRepository.collections(deps.prisma, giftId),
    marketReadRepository.attributes(deps.prisma, giftId),
  ]);
  if (giftId !== undefined && collections.length === 0) throw notFound(`Collection #${giftId}`);
  return {
    collections: collections.map((c) => ({ giftId: c.id, floor: c.floor, listed: c.listed })),
    attributes: attributes.map((a: AttributeSummaryRow) => ({ giftId: a.giftId, kind: a.kind, name: a.name, floor: a.floor, listed: a.listed })),
  };
}

/** Floor prices (lowest listed price) per collection and per attribute value; of one collection with `giftId`. */
export function loadMarketFloors(deps: MarketReadDeps, input: { giftId?: number } = {}): Promise<MarketFloors> {
  const key = input.giftId === undefined ? marketCacheKeys.floors() : marketCacheKeys.giftFloors(input.giftId);
  return deps.cache.getOrLoad(key, MARKET_CACHE_TTL_SECONDS, () => loadFloors(deps, input.giftId));
}

export const marketFilters = query({
  input: z.void(),
  output: filtersOutput,
  run: ({ db, cache }) => loadMarketFilters({ prisma: db, cache }),
});

export const marketFloors = query({
  input: floorsInput,
  output: floorsOutput,
  run: ({ db, cache }, input) => loadMarketFloors({ prisma: db, cache }, input),
});
