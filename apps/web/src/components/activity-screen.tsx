"use client";

import type { PlainKey } from "@/i18n/messages";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";

import { formatTon } from "@gm/api/client";
import { type ActivityType, useMarketActivityInfinite } from "@/lib/market-api";
import { formatDate } from "@/lib/format";

import { EmptyState, ErrorCard, ListSkeleton, LoadMoreSentinel } from "./ui";
import styles from "./activity-screen.module.css";

const TYPE_KEYS: Record<ActivityType, PlainKey> = {
  LISTING: "actListing",
  PRICE_CHANGE: "actPriceChange",
  DELIST: "actDelist",
  SALE: "actSale",
  OFFER: "actOffer",
  OFFER_ACCEPTED: "actOfferAccepted",
  OFFER_CANCELLED: "actOfferCancelled",
  BID: "actBid",
  AUCTION_CREATED: "actAuctionCreated",
  AUCTION_SETTLED: "actAuctionSettled",
  PRESALE_CREATED: "actPresaleCreated",
  PRESALE_SOLD: "actPresaleSold",
  PRESALE_DELIVERED: "actPresaleDelivered",
  CREDIT: "actCredit",
  WITHDRAW: "actWithdraw",
};

export function ActivityScreen() {
  const t = useTranslations();
  const locale = useLocale();
  const feed = useMarketActivityInfinite({ limit: 30 });

  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <main className="screen">
      <h1 className="title">{t("activityTitle")}</h1>
      {feed.isPending ? (
        <ListSkeleton rows={8} />
      ) : feed.isError ? (
        <ErrorCard error={feed.error} onRetry={() => void feed.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t("activityEmpty")} testId="activity-empty" />
      ) : (
        <>
          <ul className="card list" data-testid="activity">
            {items.map((ev) => {
              const title = ev.gift ? `${ev.gift.title}${ev.nft?.number != null ? ` #${ev.nft.number}` : ""}` : "—";
              const body = (
                <>
                  <span className={styles.activityGlyph} aria-hidden="true">
                    {ev.gift?.glyph ?? "🎁"}
                  </span>
                  <span className="grow">
                    <span className="row-title">{title}</span>
                    <span className="hint small">
                      {t(TYPE_KEYS[ev.type])}
                      {ev.actor?.name ? ` ${t("byUser", { name: ev.actor.name })}` : ""} · {formatDate(ev.createdAt, locale)}
                    </span>
                  </span>
                  {ev.price !== null ? <span className="amount-small">{formatTon(ev.price)}</span> : null}
                </>
              );
              return (
                <li key={ev.id.toString()} data-testid="activity-row">
                  {ev.nft ? (
                    <Link href={`/nft/${ev.nft.id.toString()}`} className={`list-row ${styles.linkRow}`}>
                      {body}
                    </Link>
                  ) : (
                    <div className={`list-row ${styles.linkRow}`}>{body}</div>
                  )}
                </li>
              );
            })}
          </ul>
          <LoadMoreSentinel enabled={feed.hasNextPage} loading={feed.isFetchingNextPage} onVisible={() => void feed.fetchNextPage()} loadingText={t("loadingMore")} endText={t("endOfList")} />
        </>
      )}
    </main>
  );
}
