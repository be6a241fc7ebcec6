// The market's Redis cache keys and what invalidates them: anything that changes listings.
import type { Cache } from "@gm/redis";

export const MARKET_CACHE_TTL_SECONDS = 300;

export const marketCacheKeys = {
  filters: () => "market:filters",
  floors: () => "market:floors",
  giftFloors: (giftId: number) => `market:floors:${giftId}`,
  /** Not a cached value: its generation versions every cached search page (search-market.ts). */
  listings: () => "market:listings",
};

/** Drops every cached view a listing change can alter; the next reader rebuilds it (one loader). */
export function invalidateListings(cache: Cache, giftIds: Iterable<number>): Promise<void> {
  const keys = [marketCacheKeys.listings(), marketCacheKeys.filters(), marketCacheKeys.floors(), ...[...new Set(giftIds)].map(marketCacheKeys.giftFloors)];
  return cache.invalidate(...keys);
}
