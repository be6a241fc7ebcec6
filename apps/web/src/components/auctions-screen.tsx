"use client";

// The Auctions tab: running auctions ending soonest first, narrowed to collections, or to the viewer's
// own (selling) or the ones they bid in (bidding). Prices and places refresh every few seconds.
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { type AuctionListInput, useAuctionListInfinite } from "@/lib/market-api";
import { useTRPC } from "@/lib/trpc";

import { AuctionCard } from "./auction-card";
import { EmptyState, ErrorCard, GridSkeleton, LoadMoreSentinel, Tabs } from "./ui";
import marketStyles from "./market-screen.module.css";

type Mine = "all" | "seller" | "bidder";
const LIST_POLL_MS = 10_000;

export function AuctionsScreen() {
  const t = useTranslations();
  const trpc = useTRPC();
  const filtersQuery = useQuery(trpc.market.filters.queryOptions(undefined, { staleTime: 60_000 }));
  const [giftIds, setGiftIds] = useState<number[]>([]);
  const [mine, setMine] = useState<Mine>("all");
  const input: AuctionListInput = { limit: 24, ...(giftIds.length ? { giftIds } : {}), ...(mine !== "all" ? { participant: mine } : {}) };
  const list = useAuctionListInfinite(input, { refetchInterval: LIST_POLL_MS });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const collections = filtersQuery.data?.collections ?? [];
  const toggle = (id: number) => setGiftIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));

  return (
    <main className="screen">
      <h1 className="title">{t("auctionsTitle")}</h1>
      <Tabs value={mine} onChange={setMine} items={[{ key: "all", label: t("auctionsAll") }, { key: "seller", label: t("auctionsSelling") }, { key: "bidder", label: t("auctionsBidding") }]} />
      <div className={marketStyles.chips} role="toolbar" aria-label={t("collections")}>
        <button type="button" className={giftIds.length === 0 ? "chip active" : "chip"} onClick={() => setGiftIds([])}>
          {t("searchAll")}
        </button>
        {filtersQuery.isPending
          ? Array.from({ length: 5 }, (_, i) => <span key={i} className={`skeleton ${marketStyles.skeletonChip}`} />)
          : collections.map((c) => (
              <button key={c.id} type="button" className={giftIds.includes(c.id) ? "chip active" : "chip"} aria-pressed={giftIds.includes(c.id)} data-testid="auction-collection-chip" data-gift-id={c.id} onClick={() => toggle(c.id)}>
                <span aria-hidden="true">{c.glyph}</span> {c.title}
              </button>
            ))}
      </div>
      {list.isPending ? (
        <GridSkeleton />
      ) : list.isError ? (
        <ErrorCard error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t("auctionsEmpty")} hint={mine === "bidder" ? t("auctionsEmptyBidding") : t("auctionsEmptyHint")} testId="auctions-empty" />
      ) : (
        <>
          <div className="grid" data-testid="auctions-grid">
            {items.map((a) => (
              <AuctionCard key={a.id.toString()} auction={a} />
            ))}
          </div>
          <LoadMoreSentinel enabled={list.hasNextPage} loading={list.isFetchingNextPage} onVisible={() => void list.fetchNextPage()} loadingText={t("loadingMore")} endText={t("endOfList")} />
        </>
      )}
    </main>
  );
}
