"use client";

// The Presales tab: gifts of collections that cannot be transferred yet, sold now and delivered later.
// "Buy": the open presales by collection and sort; buying holds the price in escrow until the seller
// delivers by the deadline (else it comes back with the seller's collateral), confirmed with those exact
// terms. "Selling" and "Buying": the user's own presales in every state, with creating, repricing and
// cancelling for the seller.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";

import { formatTon } from "@gm/api/client";
import type { Translate } from "@/lib/errors";
import { errorMessage, errorParams, errorReason } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/idempotency";
import { invalidateAfterTrade, PRESALE_SORTS, presaleCollateral, type PresaleItem, type PresaleSort, usePresaleListInfinite } from "@/lib/market-api";
import { hapticResult } from "@/lib/telegram/haptics";
import { useTRPC } from "@/lib/trpc";

import { MyPresales } from "./presale-mine";
import { PresaleSummary } from "./presale-summary";
import { EmptyState, ErrorCard, ListSkeleton, LoadMoreSentinel, Sheet, Tabs } from "./ui";
import marketStyles from "./market-screen.module.css";
import styles from "./presales.module.css";

type Tab = "buy" | "seller" | "buyer";

export function presaleSortLabel(t: Translate, sort: PresaleSort): string {
  switch (sort) {
    case "price_asc":
      return t("sortPriceAsc");
    case "price_desc":
      return t("sortPriceDesc");
    case "newest":
      return t("presaleSortNewest");
    case "deadline":
      return t("presaleSortDeadline");
  }
}

export function PresalesScreen() {
  const t = useTranslations();
  const trpc = useTRPC();
  const balance = useQuery(trpc.wallet.balance.queryOptions());
  const [tab, setTab] = useState<Tab>("buy");
  return (
    <main className="screen">
      <header className="header">
        <div className="grow">
          <h1 className="title">{t("presalesTitle")}</h1>
          <p className="hint">{t("presalesSubtitle")}</p>
        </div>
        <div className={marketStyles.balanceChip} title={t("available")}>
          {balance.data ? <span data-testid="balance-available">{formatTon(balance.data.available)}</span> : <span className={`skeleton ${marketStyles.skeletonChip}`} />}
        </div>
      </header>
      <Tabs value={tab} onChange={setTab} items={[{ key: "buy", label: t("presalesBuy") }, { key: "seller", label: t("presalesSelling") }, { key: "buyer", label: t("presalesBuying") }]} />
      {tab === "buy" ? <PresaleMarket onBought={() => setTab("buyer")} /> : <MyPresales key={tab} role={tab} />}
    </main>
  );
}

function PresaleMarket({ onBought }: { onBought: () => void }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const gifts = useQuery(trpc.presale.gifts.queryOptions(undefined, { staleTime: 60_000 }));
  const [giftIds, setGiftIds] = useState<number[]>([]);
  const [sort, setSort] = useState<PresaleSort>("price_asc");
  const list = usePresaleListInfinite({ sort, limit: 24, ...(giftIds.length ? { giftIds } : {}) });
  const [buying, setBuying] = useState<PresaleItem | null>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (id: number) => setGiftIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));
  return (
    <>
      <div className={marketStyles.chips} role="toolbar" aria-label={t("collections")}>
        <button type="button" className={giftIds.length === 0 ? "chip active" : "chip"} onClick={() => setGiftIds([])}>
          {t("searchAll")}
        </button>
        {gifts.isPending
          ? Array.from({ length: 3 }, (_, i) => <span key={i} className={`skeleton ${marketStyles.skeletonChip}`} />)
          : (gifts.data?.items ?? []).map((g) => (
              <button key={g.id} type="button" className={giftIds.includes(g.id) ? "chip active" : "chip"} aria-pressed={giftIds.includes(g.id)} data-testid="presale-collection-chip" data-gift-id={g.id} onClick={() => toggle(g.id)}>
                <span aria-hidden="true">{g.glyph}</span> {g.title}
                <span className={marketStyles.chipSub}>{g.active}</span>
              </button>
            ))}
      </div>
      <div className={marketStyles.toolbar}>
        <span className="hint small">{gifts.data ? t("presalesTerms", { days: gifts.data.deliveryDays }) : null}</span>
        <label className="select-label">
          <span className={marketStyles.srOnly}>{t("sort")}</span>
          <select className="select" value={sort} onChange={(e) => setSort(e.target.value as PresaleSort)} data-testid="presale-sort">
            {PRESALE_SORTS.map((s) => (
              <option key={s} value={s}>
                {presaleSortLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.isPending ? (
        <ListSkeleton />
      ) : list.isError ? (
        <ErrorCard error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t("presalesEmpty")} hint={t("presalesEmptyHint")} testId="presales-empty" />
      ) : (
        <>
          <ul className="card list" data-testid="presales">
            {items.map((p) => (
              <li key={p.id.toString()} className="list-row" data-testid="presale" data-presale-id={p.id.toString()}>
                <PresaleSummary presale={p} />
                <span className={styles.side}>
                  <span className="amount-small" data-testid="presale-price">{formatTon(p.price)}</span>
                  {p.viewer.isSeller ? (
                    <span className="badge secondary">{t("presaleYours")}</span>
                  ) : (
                    <button type="button" className="button compact" onClick={() => setBuying(p)} data-testid="presale-buy">
                      {t("presaleBuy")}
                    </button>
                  )}
                </span>
              </li>
            ))}
          </ul>
          <LoadMoreSentinel enabled={list.hasNextPage} loading={list.isFetchingNextPage} onVisible={() => void list.fetchNextPage()} loadingText={t("loadingMore")} endText={t("endOfList")} />
        </>
      )}
      {buying ? <BuySheet presale={buying} onClose={() => setBuying(null)} onBought={onBought} /> : null}
    </>
  );
}

type Buy = { price: bigint; key: string; changedFrom?: bigint; error?: string; gone?: boolean; done?: boolean };

function BuySheet({ presale, onClose, onBought }: { presale: PresaleItem; onClose: () => void; onBought: () => void }) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [buy, setBuy] = useState<Buy>(() => ({ price: presale.price, key: newIdempotencyKey() }));
  const mutation = useMutation(trpc.presale.buy.mutationOptions());
  // The collateral follows the price: after a price change it is the new price's share.
  const collateral = buy.changedFrom !== undefined ? presaleCollateral(buy.price, presale.collateralPercent) : presale.collateral;
  const submit = () => {
    if (mutation.isPending || buy.gone || buy.done) return;
    const sent = buy;
    mutation.mutate(
      { idempotencyKey: sent.key, presaleId: presale.id, price: sent.price },
      {
        onSuccess: () => {
          hapticResult("success");
          setBuy({ ...sent, done: true, error: undefined });
          void invalidateAfterTrade(queryClient);
        },
        onError: (error) => {
          hapticResult("error");
          const reason = errorReason(error);
          const fresh = errorParams(error).new;
          if (reason === "PRICE_CHANGED" && fresh !== undefined && /^\d+$/.test(String(fresh))) {
            // Asked again at the seller's new price, under a new key: a changed price is never charged.
            setBuy({ price: BigInt(fresh), key: newIdempotencyKey(), changedFrom: sent.price });
            return;
          }
          const gone = reason === "PRESALE_NOT_ACTIVE" || reason === "PRESALE_DEADLINE_PASSED" || reason === "NOT_FOUND";
          if (gone) void invalidateAfterTrade(queryClient);
          setBuy({ ...sent, error: errorMessage(error, t), gone });
        },
      },
    );
  };
  const close = () => {
    if (!mutation.isPending) onClose();
  };
  return (
    <Sheet open title={buy.done ? t("presaleBoughtTitle") : buy.changedFrom !== undefined ? t("priceChangedTitle") : t("presaleBuyTitle")} onClose={close} closeLabel={t("close")} testId="presale-sheet">
      {buy.done ? (
        <div className="notice" data-testid="presale-bought">
          <div className="empty-icon" aria-hidden="true">
            ⏳
          </div>
          <p>{t("presaleBoughtText", { price: formatTon(buy.price), date: formatDate(presale.deliverBy, locale) })}</p>
          <button type="button" className="button" onClick={() => { onClose(); onBought(); }} data-testid="presale-open-buying">
            {t("presaleOpenBuying")}
          </button>
        </div>
      ) : (
        <div className="confirm">
          {buy.changedFrom !== undefined ? (
            <p className={styles.warning} data-testid="presale-price-changed">
              {t("priceChangedText", { old: formatTon(buy.changedFrom), new: formatTon(buy.price) })}
            </p>
          ) : null}
          <p className="hint">
            {presale.gift.glyph} {presale.gift.title}
          </p>
          <p className="amount" data-testid="presale-confirm-price">{formatTon(buy.price)}</p>
          <div className="row">
            <span className="hint">{t("presaleEscrow")}</span>
            <span className="amount-small">{formatTon(buy.price)}</span>
          </div>
          <div className="row">
            <span className="hint">{t("presaleDeadline")}</span>
            <span className="amount-small" data-testid="presale-confirm-deadline">{formatDate(presale.deliverBy, locale)}</span>
          </div>
          <div className="row">
            <span className="hint">{t("presaleSellerCollateral")}</span>
            <span className="amount-small" data-testid="presale-confirm-collateral">
              {collateral > 0n ? `${formatTon(collateral)} (${presale.collateralPercent}%)` : t("presaleCollateralNone")}
            </span>
          </div>
          <p className="hint small">{collateral > 0n ? t("presaleBuyText", { refund: formatTon(buy.price + collateral) }) : t("presaleBuyTextNoCollateral")}</p>
          {buy.error ? (
            <p className="field-error" role="alert" data-testid="presale-error">
              {buy.error}
            </p>
          ) : null}
          <div className="sheet-actions">
            <button type="button" className="button secondary" onClick={close} disabled={mutation.isPending}>
              {t("cancel")}
            </button>
            <button type="button" className="button" onClick={submit} disabled={mutation.isPending || buy.gone === true} data-testid="presale-confirm">
              {t("confirmBuy", { price: formatTon(buy.price) })}
            </button>
          </div>
        </div>
      )}
    </Sheet>
  );
}
