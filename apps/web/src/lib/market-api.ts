"use client";

// The market's types, inferred from the API's routers, and the cache invalidation after a trade.
import type { AppRouter } from "@gm/api/client";
import { type QueryClient, useInfiniteQuery } from "@tanstack/react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import { useTRPC, useTRPCClient } from "./trpc";

type Out = inferRouterOutputs<AppRouter>["market"];
type In = inferRouterInputs<AppRouter>["market"];

/** market.search's input as the screens build it: the router's, without the paging the hook adds. */
export type SearchInput = Omit<Exclude<In["search"], void | undefined>, "cursor" | "direction">;
export type MarketSort = NonNullable<SearchInput["sort"]>;
export { MARKET_SORTS } from "@gm/api/client";
export type MarketItem = Out["search"]["items"][number];
export type NftStatus = MarketItem["status"];
export type BackdropColors = NonNullable<MarketItem["backdrop"]["colors"]>;
export type MarketFilters = Out["filters"];
export type CollectionFilters = MarketFilters["collections"][number];
export type NftDetail = Out["nft"];
export type ActivityItem = Out["activity"]["items"][number];
export type ActivityType = ActivityItem["type"];
export type PriceInterval = In["priceHistory"]["interval"];
export type PriceBucket = Out["priceHistory"]["buckets"][number];

type AuctionOut = inferRouterOutputs<AppRouter>["auction"];
type AuctionIn = inferRouterInputs<AppRouter>["auction"];
export type AuctionListInput = Omit<Exclude<AuctionIn["list"], void | undefined>, "cursor" | "direction">;
export type AuctionItem = AuctionOut["list"]["items"][number];
export type AuctionDetail = AuctionOut["detail"];
export type AuctionStatus = AuctionItem["status"];

/** The price an auction stands at: its best bid, or its start price before the first bid. */
export const auctionPrice = (a: { bestBid: bigint | null; startPrice: bigint }): bigint => a.bestBid ?? a.startPrice;

type PresaleOut = inferRouterOutputs<AppRouter>["presale"];
type PresaleIn = inferRouterInputs<AppRouter>["presale"];
export type PresaleListInput = Omit<Exclude<PresaleIn["list"], void | undefined>, "cursor" | "direction">;
export type PresaleMineInput = Omit<Exclude<PresaleIn["mine"], void | undefined>, "cursor" | "direction">;
export type PresaleSort = NonNullable<PresaleListInput["sort"]>;
export const PRESALE_SORTS = ["price_asc", "price_desc", "newest", "deadline"] as const satisfies readonly PresaleSort[];
export type PresaleItem = PresaleOut["list"]["items"][number];
export type PresaleStatus = PresaleItem["status"];
export type PresaleGift = PresaleOut["gifts"]["items"][number];

/**
 * The collateral a presale holds: ⌊price × percent / 100⌋, exactly as the server computes it (core's
 * collateralOf, not exported to the browser), so the amount confirmed is the amount held.
 */
export const presaleCollateral = (price: bigint, percent: number): bigint => (price * BigInt(Math.round(percent * 100))) / 10_000n;

/** After a purchase, a listing change, a bid or a credit: every market, auction and presale read, the balance and the wallet history. */
export async function invalidateAfterTrade(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({
    predicate: (q) => {
      const head = q.queryKey[0];
      const path = Array.isArray(head) ? head : [head];
      return path[0] === "market" || path[0] === "wallet" || path[0] === "auction" || path[0] === "presale";
    },
  });
}

/**
 * Infinite lists of market.search and market.activity. Not `infiniteQueryOptions()`: tRPC adds a
 * `direction` field to an infinite query's input, and the market's input schemas are strict objects
 * that refuse unknown keys. This sends only the input and the `cursor`, under tRPC's own query key.
 */
export function useMarketSearchInfinite(input: SearchInput) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useInfiniteQuery({
    queryKey: trpc.market.search.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) => client.market.search.query({ ...input, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useMarketActivityInfinite(input: { giftId?: number; userId?: bigint; limit?: number }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useInfiniteQuery({
    queryKey: trpc.market.activity.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) => client.market.activity.query({ ...input, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Running auctions, ending soonest first (auction.list), paged like the market's search. */
export function useAuctionListInfinite(input: AuctionListInput, options: { refetchInterval?: number } = {}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useInfiniteQuery({
    queryKey: trpc.auction.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) => client.auction.list.query({ ...input, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    ...options,
  });
}

/** Open presales (presale.list), paged like the market's search. */
export function usePresaleListInfinite(input: PresaleListInput) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useInfiniteQuery({
    queryKey: trpc.presale.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) => client.presale.list.query({ ...input, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The caller's presales as seller or buyer, in every state, newest first (presale.mine). */
export function usePresaleMineInfinite(input: PresaleMineInput) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  return useInfiniteQuery({
    queryKey: trpc.presale.mine.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) => client.presale.mine.query({ ...input, ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
