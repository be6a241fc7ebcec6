"use client";

import { useLocale, useTranslations } from "next-intl";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";

import { formatTon, parseBigintId, parseTon } from "@gm/api/client";
import { errorCode, errorMessage, errorReason } from "@/lib/errors";
import { newIdempotencyKey } from "@/lib/idempotency";
import { auctionPrice, type NftDetail, type PriceInterval, invalidateAfterTrade } from "@/lib/market-api";
import { useIsMockedTelegram } from "@/lib/telegram/env";
import { useMainButton } from "@/lib/telegram/main-button";
import { useTRPC } from "@/lib/trpc";
import { formatDate, formatPermille } from "@/lib/format";

import { AuctionStart } from "./auction-start";
import { Countdown } from "./countdown";
import { GiftArt } from "./gift-art";
import { OffersCard } from "./offers-card";
import { PriceChart } from "./price-chart";
import { EmptyState, ErrorCard, ListSkeleton, Sheet, Tabs } from "./ui";
import styles from "./nft-screen.module.css";

const parseId = parseBigintId;

export function NftScreen({ id }: { id: string }) {
  const t = useTranslations();
  const nftId = parseId(id);
  if (nftId === null) {
    return (
      <main className="screen">
        <EmptyState title={t("nftNotFound")} testId="nft-not-found" />
      </main>
    );
  }
  return <NftView nftId={nftId} />;
}

function NftView({ nftId }: { nftId: bigint }) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const nft = useQuery(trpc.market.nft.queryOptions({ id: nftId }));

  if (nft.isPending || me.isPending) {
    return (
      <main className="screen" aria-busy="true">
        <div className={`skeleton ${styles.skeletonHero}`} />
        <div className="skeleton skeleton-title" />
        <ListSkeleton rows={3} />
      </main>
    );
  }
  if (nft.isError) {
    return (
      <main className="screen">
        {errorCode(nft.error) === "NOT_FOUND" ? <EmptyState title={t("nftNotFound")} testId="nft-not-found" /> : <ErrorCard error={nft.error} onRetry={() => void nft.refetch()} />}
      </main>
    );
  }
  if (me.isError) {
    return (
      <main className="screen">
        <ErrorCard error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }

  const item = nft.data;
  const isOwner = item.owner.id === me.data.id;
  const name = `${item.gift.title} #${item.number}`;
  return (
    <main className="screen with-main-button">
      <div className="hero">
        <GiftArt className={`gift-art ${styles.heroArt}`} glyph={item.gift.glyph} symbolGlyph={item.symbol.glyph} modelName={item.model.name} backdropName={item.backdrop.name} colors={item.backdrop.colors} showModel label={name} />
      </div>
      <header>
        <h1 className="title" data-testid="nft-title">
          {name}
        </h1>
        <p className="hint">
          {t("owner")}:{" "}
          <span data-testid="nft-owner">{isOwner ? t("you") : item.owner.username ? `@${item.owner.username}` : item.owner.firstName}</span>
        </p>
      </header>

      <section className="card">
        {item.auction ? (
          <AuctionLink auction={item.auction} />
        ) : (
          <div className={styles.priceRow}>
            <span className="label">{t("price")}</span>
            {item.price !== null ? (
              <span className={styles.amountMedium} data-testid="nft-price">
                {formatTon(item.price)}
              </span>
            ) : (
              <span className="hint" data-testid="nft-not-for-sale">
                {t("notForSale")}
              </span>
            )}
          </div>
        )}
        {item.gift.floor !== null ? (
          <div className="row">
            <span className="hint">{t("floor")}</span>
            <span className="amount-small">{formatTon(item.gift.floor)}</span>
          </div>
        ) : null}
      </section>

      {isOwner ? <OwnerPanel item={item} /> : null}
      {/* Stays mounted after a purchase (when the buyer becomes the owner) to show the success sheet. */}
      <BuyPanel item={item} name={name} isOwner={isOwner} />

      <section className="card" aria-labelledby="attrs">
        <h2 id="attrs" className="section-title">
          {t("attributes")}
        </h2>
        <dl className={styles.attrs} data-testid="nft-attributes">
          {[
            [t("model"), item.model.name, item.model.rarityPermille],
            [t("backdrop"), item.backdrop.name, item.backdrop.rarityPermille],
            [t("symbol"), item.symbol.name, item.symbol.rarityPermille],
          ].map(([label, value, permille]) => (
            <div key={label} className={styles.attr}>
              <dt className="hint">{label}</dt>
              <dd>
                {value} <span className={styles.rarity}>{formatPermille(permille as number)}</span>
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <PriceHistoryCard giftId={item.giftId} />

      <OffersCard item={item} isOwner={isOwner} />

      <section className="card" aria-labelledby="sales">
        <h2 id="sales" className="section-title">
          {t("recentSales")}
        </h2>
        {item.sales.length === 0 ? (
          <p className="hint">{t("noSales")}</p>
        ) : (
          <ul className="list" data-testid="nft-sales">
            {item.sales.map((s) => (
              <li key={s.id.toString()} className="list-row">
                <span className="hint">{formatDate(s.createdAt, locale)}</span>
                <span className="amount-small">{s.price !== null ? formatTon(s.price) : "—"}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

function PriceHistoryCard({ giftId }: { giftId: number }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const [interval, setInterval] = useState<PriceInterval>("day");
  const history = useQuery(trpc.market.priceHistory.queryOptions({ giftId, interval }, { staleTime: 60_000 }));
  return (
    <section className="card" aria-labelledby="chart">
      <div className="section-head">
        <h2 id="chart" className="section-title">
          {t("priceChart")}
        </h2>
        <Tabs value={interval} onChange={setInterval} items={[{ key: "day", label: t("chartDay") }, { key: "hour", label: t("chartHour") }]} />
      </div>
      {history.isPending ? <div className={`skeleton ${styles.skeletonChart}`} /> : history.isError ? <ErrorCard error={history.error} onRetry={() => void history.refetch()} inline /> : <PriceChart buckets={history.data.buckets} />}
    </section>
  );
}

type Confirm =
  // `soldOut`: the gift can no longer be bought here, so paying is disabled (a state, not a sentence).
  | { step: "confirm"; price: bigint; key: string; changedFrom?: bigint; error?: string; soldOut?: boolean }
  | { step: "done"; price: bigint };

function BuyPanel({ item, name, isOwner }: { item: NftDetail; name: string; isOwner: boolean }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mocked = useIsMockedTelegram();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const buy = useMutation(trpc.listing.buy.mutationOptions());
  const forSale = !isOwner && item.status === "LISTED" && item.price !== null;

  const open = () => {
    if (!forSale || item.price === null) return;
    buy.reset();
    setConfirm({ step: "confirm", price: item.price, key: newIdempotencyKey() });
  };

  useMainButton({ text: item.price !== null ? t("buyFor", { price: formatTon(item.price) }) : "", visible: forSale && confirm === null, onClick: open });

  const submit = () => {
    if (confirm?.step !== "confirm" || buy.isPending) return;
    const { price, key } = confirm;
    buy.mutate(
      { idempotencyKey: key, nftId: item.id, price },
      {
        onSuccess: () => {
          setConfirm({ step: "done", price });
          void invalidateAfterTrade(queryClient);
        },
        onError: async (error) => {
          const reason = errorReason(error);
          if (reason === "PRICE_CHANGED" || reason === "PRICE_MISMATCH") {
            // Ask again with the price the market shows now, under a new key.
            const fresh = await queryClient.fetchQuery({ ...trpc.market.nft.queryOptions({ id: item.id }), staleTime: 0 });
            if (fresh.status === "LISTED" && fresh.price !== null) {
              setConfirm({ step: "confirm", price: fresh.price, key: newIdempotencyKey(), changedFrom: price });
            } else {
              setConfirm({ step: "confirm", price, key, error: t("soldOut"), soldOut: true });
            }
            return;
          }
          if (reason === "NOT_FOR_SALE") {
            setConfirm({ step: "confirm", price, key, error: t("soldOut"), soldOut: true });
            void invalidateAfterTrade(queryClient);
            return;
          }
          setConfirm({ step: "confirm", price, key, error: errorMessage(error, t) });
        },
      },
    );
  };

  const close = () => {
    if (buy.isPending) return;
    setConfirm(null);
  };

  return (
    <>
      {forSale && mocked ? (
        <button type="button" className="button full" onClick={open} data-testid="buy-button">
          {t("buyFor", { price: formatTon(item.price!) })}
        </button>
      ) : null}
      <Sheet open={confirm !== null} title={confirm?.step === "done" ? t("boughtTitle") : confirm?.changedFrom !== undefined ? t("priceChangedTitle") : t("confirmTitle")} onClose={close} closeLabel={t("close")} testId="buy-sheet">
        {confirm?.step === "done" ? (
          <div className="notice" data-testid="buy-success">
            <div className="empty-icon" aria-hidden="true">
              🎉
            </div>
            <p>{t("boughtText", { name })}</p>
            <Link href="/profile" className="button" data-testid="open-profile">
              {t("openProfile")}
            </Link>
          </div>
        ) : confirm ? (
          <div className="confirm">
            {confirm.changedFrom !== undefined ? (
              <p className={styles.warning} data-testid="price-changed">
                {t("priceChangedText", { old: formatTon(confirm.changedFrom), new: formatTon(confirm.price) })}
              </p>
            ) : (
              <p className="hint">{t("confirmText")}</p>
            )}
            <p className={styles.confirmName}>{name}</p>
            <p className="amount" data-testid="confirm-price">
              {formatTon(confirm.price)}
            </p>
            {confirm.error ? (
              <p className="field-error" role="alert" data-testid="buy-error">
                {confirm.error}
              </p>
            ) : null}
            <div className="sheet-actions">
              <button type="button" className="button secondary" onClick={close} disabled={buy.isPending}>
                {t("cancel")}
              </button>
              <button type="button" className="button" onClick={submit} disabled={buy.isPending || confirm.soldOut === true} data-testid="confirm-buy">
                {buy.isPending ? t("buying") : t("confirmBuy", { price: formatTon(confirm.price) })}
              </button>
            </div>
          </div>
        ) : null}
      </Sheet>
    </>
  );
}

function OwnerPanel({ item }: { item: NftDetail }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState(item.price !== null ? formatTon(item.price, { unit: false }).replace(/,/g, "") : "");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const done = {
    onSuccess: () => {
      setError(null);
      setSaved(true);
      void invalidateAfterTrade(queryClient);
    },
    onError: (e: unknown) => {
      setSaved(false);
      setError(errorMessage(e, t));
    },
  };
  const list = useMutation({ ...trpc.listing.list.mutationOptions(), ...done });
  const change = useMutation({ ...trpc.listing.changePrice.mutationOptions(), ...done });
  const delist = useMutation({ ...trpc.listing.delist.mutationOptions(), ...done });
  const busy = list.isPending || change.isPending || delist.isPending;
  const listed = item.status === "LISTED";

  const submitPrice = () => {
    let price: bigint;
    try {
      price = parseTon(text.trim().replace(",", "."));
    } catch {
      setError(t("invalidPrice"));
      return;
    }
    if (price <= 0n) {
      setError(t("invalidPrice"));
      return;
    }
    setSaved(false);
    if (listed) change.mutate({ nftId: item.id, price });
    else list.mutate({ nftId: item.id, price });
  };

  if (item.status !== "LISTED" && item.status !== "IN_CUSTODY") {
    // In an auction, the auction's card above says where it stands.
    if (item.status === "IN_AUCTION") return null;
    return (
      <section className="card" data-testid="owner-panel">
        <p className="hint">{t("notForSale")}</p>
      </section>
    );
  }
  return (
    <section className="card" data-testid="owner-panel">
      <h2 className="section-title">{t("ownGift")}</h2>
      <p className="hint">{listed && item.price !== null ? t("listedAt", { price: formatTon(item.price) }) : t("notListedYet")}</p>
      <form
        className="row-inputs"
        onSubmit={(e) => {
          e.preventDefault();
          submitPrice();
        }}
      >
        <input className="input" inputMode="decimal" placeholder="0.00" aria-label={t("price")} value={text} onChange={(e) => { setText(e.target.value); setError(null); setSaved(false); }} data-testid="list-price" />
        <span className="hint">TON</span>
        <button type="submit" className="button compact" disabled={busy} data-testid={listed ? "change-price" : "list-submit"}>
          {listed ? t("changePrice") : t("listForSale")}
        </button>
      </form>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : saved ? (
        <p className="hint">{t("saved")}</p>
      ) : null}
      {listed ? (
        <button type="button" className="button secondary full" disabled={busy} onClick={() => delist.mutate({ nftId: item.id })} data-testid="delist">
          {t("delist")}
        </button>
      ) : (
        <AuctionStart item={item} />
      )}
    </section>
  );
}

/** The running auction of this gift, in place of its price: where it stands, the time left, and the way to it. */
function AuctionLink({ auction }: { auction: NonNullable<NftDetail["auction"]> }) {
  const t = useTranslations();
  return (
    <Link href={`/auction/${auction.id.toString()}`} className={styles.auctionLink} data-testid="nft-auction-link">
      <span>
        <span className="label">🔨 {t("auctionRunning")}</span>
        <span className={styles.amountMedium} data-testid="nft-auction-price">{formatTon(auctionPrice(auction))}</span>
        <span className="hint small">
          {auction.bestBid !== null ? t("auctionCurrentBid") : t("auctionStartPrice")} · {t("auctionMinBid")} {formatTon(auction.minNextBid)}
        </span>
      </span>
      <span className={styles.auctionLinkSide}>
        <Countdown endsAt={auction.endsAt} testId="nft-auction-countdown" />
        <span className="button compact">{t("auctionGoTo")}</span>
      </span>
    </Link>
  );
}
