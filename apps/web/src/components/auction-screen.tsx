"use client";

// One auction: the time left second by second (and when a late bid moved the end), the price it stands
// at, the minimum next bid, the bids; bidding through Telegram's MainButton (an in-page button outside
// Telegram) with the exact amount held confirmed first; the viewer's place (leading, outbid: their hold
// is back), polled while it runs; and once it ends, what came of it for the viewer.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";

import { formatTon, parseBigintId } from "@gm/api/client";
import { useNow } from "@/lib/clock";
import { errorCode, errorMessage, errorReason } from "@/lib/errors";
import { formatDate, parseTonInput, tonInputText } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/idempotency";
import { auctionPrice, type AuctionDetail, invalidateAfterTrade } from "@/lib/market-api";
import { hapticResult } from "@/lib/telegram/haptics";
import { useIsMockedTelegram } from "@/lib/telegram/env";
import { useMainButton } from "@/lib/telegram/main-button";
import { useTRPC } from "@/lib/trpc";

import { AuctionBadge } from "./auction-badge";
import { Countdown } from "./countdown";
import { GiftArt } from "./gift-art";
import { EmptyState, ErrorCard, ListSkeleton, Sheet } from "./ui";
import styles from "./auctions.module.css";

/** How often a running auction is re-read: bids by others, the end moving, the settlement. */
const POLL_MS = 3_000;

type Person = { id: bigint; firstName: string; username: string | null };
const nameOf = (p: Person) => (p.username ? `@${p.username}` : p.firstName);

export function AuctionScreen({ id }: { id: string }) {
  const t = useTranslations();
  const auctionId = parseBigintId(id);
  if (auctionId === null) {
    return (
      <main className="screen">
        <EmptyState title={t("auctionNotFound")} testId="auction-not-found" />
      </main>
    );
  }
  return <AuctionView auctionId={auctionId} />;
}

function AuctionView({ auctionId }: { auctionId: bigint }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.auth.me.queryOptions());
  const detail = useQuery(trpc.auction.detail.queryOptions({ auctionId }, { refetchInterval: (q) => (q.state.data?.status === "ACTIVE" ? POLL_MS : false) }));
  const a = detail.data;

  // The end moving later while the screen is open: a bid in the anti-sniping window extended it.
  const [extendedTo, setExtendedTo] = useState<Date | null>(null);
  const seenEnd = useRef<number | undefined>(undefined);
  const endMs = a?.endsAt.getTime();
  useEffect(() => {
    if (endMs === undefined) return;
    if (seenEnd.current !== undefined && endMs > seenEnd.current) setExtendedTo(new Date(endMs));
    seenEnd.current = endMs;
  }, [endMs]);

  // Someone bid, or it settled: the viewer's balance may have moved (an outbid hold released, proceeds, the gift).
  const outbid = a?.viewer.outbid;
  const state = a ? `${a.status}:${a.bestBid ?? ""}` : undefined;
  const seenState = useRef<string | undefined>(undefined);
  const seenOutbid = useRef<boolean | undefined>(undefined);
  useEffect(() => {
    if (state === undefined) return;
    if (seenState.current !== undefined && seenState.current !== state) void invalidateAfterTrade(queryClient);
    seenState.current = state;
  }, [state, queryClient]);
  useEffect(() => {
    // Only a change seen here vibrates, not an outbid state the screen opened on.
    if (outbid === undefined) return;
    if (outbid && seenOutbid.current === false) hapticResult("warning");
    seenOutbid.current = outbid;
  }, [outbid]);

  if (detail.isPending || me.isPending) {
    return (
      <main className="screen" aria-busy="true">
        <div className={`skeleton ${styles.skeletonHead}`} />
        <div className="skeleton skeleton-title" />
        <ListSkeleton rows={3} />
      </main>
    );
  }
  if (detail.isError || me.isError) {
    const error = detail.error ?? me.error;
    return (
      <main className="screen">
        {errorCode(error) === "NOT_FOUND" ? <EmptyState title={t("auctionNotFound")} testId="auction-not-found" /> : <ErrorCard error={error} onRetry={() => void (detail.isError ? detail.refetch() : me.refetch())} />}
      </main>
    );
  }
  const auction = detail.data;
  const { nft } = auction;
  const name = `${nft.gift.title} #${nft.number}`;
  return (
    <main className="screen with-main-button" data-testid="auction" data-status={auction.status}>
      {/* A compact head, so the time left and the bid are on the first screen of a phone. */}
      <header className={styles.head}>
        <GiftArt className={`gift-art ${styles.thumb}`} glyph={nft.gift.glyph} symbolGlyph={nft.symbol.glyph} modelName={nft.model.name} backdropName={nft.backdrop.name} colors={nft.backdrop.colors} showModel label={name} />
        <div className={styles.headText}>
          <h1 className="title" data-testid="auction-title">
            {name}
          </h1>
          <p className="hint">
            {nft.model.name} · {nft.backdrop.name}
          </p>
          <p className="hint">
            {t("auctionSeller")}: {auction.viewer.isSeller ? t("you") : nameOf(auction.seller)}
          </p>
          <p className={styles.headLinks}>
            <AuctionBadge viewer={auction.viewer} ended={auction.status !== "ACTIVE"} />
            <Link href={`/nft/${nft.id.toString()}`} className={styles.link} data-testid="auction-nft-link">
              {t("auctionOpenGift")} ›
            </Link>
          </p>
        </div>
      </header>
      <StatusCard auction={auction} extendedTo={extendedTo} meId={me.data.id} name={name} />
      {auction.status === "ACTIVE" && auction.viewer.isSeller ? <SellerPanel auction={auction} /> : null}
      {auction.status === "ACTIVE" && !auction.viewer.isSeller ? <BidPanel auction={auction} name={name} onExtended={setExtendedTo} /> : null}
      <History auction={auction} meId={me.data.id} />
    </main>
  );
}

/** The price, the time left, the step; the viewer's place; the result once it ended. */
function StatusCard({ auction, extendedTo, meId, name }: { auction: AuctionDetail; extendedTo: Date | null; meId: bigint; name: string }) {
  const t = useTranslations();
  const locale = useLocale();
  const now = useNow();
  const running = auction.status === "ACTIVE";
  const over = auction.endsAt.getTime() <= now;
  return (
    <section className="card" aria-labelledby="auction-status">
      <h2 id="auction-status" className="section-title">
        {running ? (over ? t("auctionEndedTitle") : t("auctionEndsIn")) : t("auctionEndedTitle")}
      </h2>
      {running ? <Countdown endsAt={auction.endsAt} className={styles.clock} testId="auction-countdown" /> : <p className="hint">{formatDate(auction.endsAt, locale)}</p>}
      <div className={`row ${styles.stats}`}>
        <div className={styles.stat}>
          <span className="hint">{auction.bestBid !== null ? (running ? t("auctionCurrentBid") : t("auctionFinalBid")) : t("auctionStartPrice")}</span>
          <span className={styles.statValue} data-testid="auction-price">{formatTon(auctionPrice(auction))}</span>
        </div>
        <div className={styles.stat}>
          <span className="hint">{t("auctionBids", { count: auction.bids })}</span>
          {running ? (
            <span className="hint small">
              {auction.minStep !== null ? t("auctionStepAmount", { amount: formatTon(auction.minStep) }) : t("auctionStepPercent", { percent: String(auction.minStepPercent ?? 0) })}
            </span>
          ) : null}
        </div>
      </div>
      <div className={styles.bidForm}>
        {extendedTo && running ? (
          <p className={`${styles.stateBanner} ${styles.extended}`} data-testid="auction-extended">
            {t("auctionExtended", { date: formatDate(extendedTo, locale) })}
          </p>
        ) : null}
        {running && over ? <p className={`${styles.stateBanner} ${styles.result}`} data-testid="auction-settling">{t("auctionSettling")}</p> : null}
        {running && !over && auction.viewer.leading && auction.viewer.myBid !== null ? (
          <p className={`${styles.stateBanner} ${styles.leading}`} data-testid="auction-leading">
            {t("auctionLeading", { amount: formatTon(auction.viewer.myBid) })}
          </p>
        ) : null}
        {running && auction.viewer.outbid && auction.viewer.myBid !== null ? (
          <div className={`${styles.stateBanner} ${styles.outbid}`} role="status" data-testid="auction-outbid">
            <strong>{t("auctionOutbid")}</strong>
            <br />
            {t("auctionOutbidText", { amount: formatTon(auction.viewer.myBid) })}
          </div>
        ) : null}
        {running ? null : <Result auction={auction} meId={meId} name={name} />}
      </div>
    </section>
  );
}

function Result({ auction, meId, name }: { auction: AuctionDetail; meId: bigint; name: string }) {
  const t = useTranslations();
  const price = auction.bestBid;
  let text: string;
  let kind: string;
  if (auction.status === "SETTLED" && price !== null && auction.winner) {
    if (auction.winner.id === meId) {
      kind = "won";
      text = t("auctionWon", { name, price: formatTon(price) });
    } else if (auction.viewer.isSeller) {
      kind = "sold";
      text = t("auctionSold", { price: formatTon(price), proceeds: formatTon(auction.proceeds ?? price), fee: formatTon(auction.fee ?? 0n) });
    } else {
      kind = "sold-to";
      text = t("auctionSoldTo", { name: nameOf(auction.winner), price: formatTon(price) });
    }
  } else if (auction.status === "CANCELLED") {
    kind = "cancelled";
    text = t("auctionCancelledText");
  } else {
    kind = "no-bids";
    text = auction.viewer.isSeller ? t("auctionNoBidsSeller") : t("auctionNoBids");
  }
  return (
    <div className={`${styles.stateBanner} ${styles.result}`} data-testid="auction-result" data-result={kind}>
      <p style={{ margin: 0 }}>{text}</p>
      {kind === "won" ? (
        <Link href="/profile" className="button compact" style={{ marginTop: 8 }} data-testid="open-profile">
          {t("openProfile")}
        </Link>
      ) : null}
    </div>
  );
}

type BidConfirm = { amount: bigint; key: string; released: bigint | null; error?: string };

function BidPanel({ auction, name, onExtended }: { auction: AuctionDetail; name: string; onExtended: (to: Date) => void }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mocked = useIsMockedTelegram();
  const now = useNow();
  const balance = useQuery(trpc.wallet.balance.queryOptions());
  // null: follow the minimum next bid as it rises; a string once the user typed their own amount.
  const [typed, setTyped] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<BidConfirm | null>(null);
  const bid = useMutation(trpc.auction.bid.mutationOptions());
  const open = auction.endsAt.getTime() > now;
  const text = typed ?? tonInputText(auction.minNextBid);
  const amount = parseTonInput(text);

  const review = () => {
    if (!open) return;
    if (amount === null) return setFormError(t("invalidPrice"));
    if (amount < auction.minNextBid) return setFormError(t("auctionBidTooLow", { min: formatTon(auction.minNextBid) }));
    setFormError(null);
    bid.reset();
    // The leader raising their own bid: their standing bid is released as the new one is held.
    setConfirm({ amount, key: newIdempotencyKey(), released: auction.viewer.leading ? auction.viewer.myBid : null });
  };

  useMainButton({ text: amount !== null ? t("auctionBidFor", { amount: formatTon(amount) }) : t("auctionBid"), visible: open && confirm === null, loading: bid.isPending, onClick: review });

  const submit = () => {
    if (!confirm || bid.isPending) return;
    const sent = confirm;
    bid.mutate(
      { idempotencyKey: sent.key, auctionId: auction.id, amount: sent.amount },
      {
        onSuccess: (r) => {
          hapticResult("success");
          setConfirm(null);
          setTyped(null);
          if (r.extended) onExtended(r.endsAt);
          queryClient.setQueryData(trpc.wallet.balance.queryKey(), r.balance);
          void invalidateAfterTrade(queryClient);
        },
        onError: (error) => {
          hapticResult("error");
          const reason = errorReason(error);
          // Someone bid first, or it ended: what the screen shows is stale.
          if (reason === "BID_TOO_LOW" || reason === "AUCTION_ENDED") void queryClient.invalidateQueries({ queryKey: trpc.auction.detail.queryKey({ auctionId: auction.id }) });
          setConfirm({ ...sent, error: errorMessage(error, t) });
        },
      },
    );
  };
  const close = () => {
    if (!bid.isPending) setConfirm(null);
  };

  if (!open) return null;
  return (
    <section className="card" aria-labelledby="bid-title" data-testid="bid-panel">
      <h2 id="bid-title" className="section-title">
        {t("auctionPlaceBid")}
      </h2>
      <div className="row" style={{ borderTop: 0, paddingTop: 0 }}>
        <span className="hint">{t("auctionMinBid")}</span>
        <span className="amount-small" data-testid="auction-min-bid">{formatTon(auction.minNextBid)}</span>
      </div>
      <div className="row">
        <span className="hint">{t("available")}</span>
        <span className="amount-small" data-testid="balance-available">{balance.data ? formatTon(balance.data.available) : "…"}</span>
      </div>
      <form className={styles.bidForm} onSubmit={(e) => { e.preventDefault(); review(); }}>
        <label className="field">
          <span className="label">{t("auctionYourBid")}</span>
          <input className="input" inputMode="decimal" value={text} onChange={(e) => { setTyped(e.target.value); setFormError(null); }} data-testid="bid-amount" />
        </label>
        {formError ? <p className="field-error" role="alert">{formError}</p> : null}
        {mocked ? (
          <button type="submit" className="button full" data-testid="bid-button">
            {amount !== null ? t("auctionBidFor", { amount: formatTon(amount) }) : t("auctionBid")}
          </button>
        ) : null}
      </form>

      <Sheet open={confirm !== null} title={t("auctionBidTitle")} onClose={close} closeLabel={t("close")} testId="bid-sheet">
        {confirm ? (
          <div className="confirm">
            <p className="hint">{name}</p>
            <p className="amount" data-testid="bid-confirm-amount">{formatTon(confirm.amount)}</p>
            <div className="row">
              <span className="hint">{t("auctionHeld")}</span>
              <span className="amount-small" data-testid="bid-confirm-held">{formatTon(confirm.amount)}</span>
            </div>
            {confirm.released !== null ? (
              <>
                <div className="row">
                  <span className="hint">{t("auctionReleased")}</span>
                  <span className="amount-small">+{formatTon(confirm.released)}</span>
                </div>
                <div className="row">
                  <span className="hint">{t("auctionNetHeld")}</span>
                  <span className="amount-small" data-testid="bid-confirm-net">{formatTon(confirm.amount - confirm.released)}</span>
                </div>
              </>
            ) : null}
            <p className="hint small">{t("auctionBidHold", { minutes: Math.max(1, Math.ceil(auction.antiSnipingSeconds / 60)) })}</p>
            {confirm.error ? (
              <p className="field-error" role="alert" data-testid="bid-error">
                {confirm.error}
              </p>
            ) : null}
            <div className="sheet-actions">
              <button type="button" className="button secondary" onClick={close} disabled={bid.isPending}>
                {t("cancel")}
              </button>
              <button type="button" className="button" onClick={submit} disabled={bid.isPending} data-testid="bid-confirm">
                {bid.isPending ? t("auctionBidding") : t("auctionBidFor", { amount: formatTon(confirm.amount) })}
              </button>
            </div>
          </div>
        ) : null}
      </Sheet>
    </section>
  );
}

/** The seller's view of their running auction: what they would receive now, and the cancel before any bid. */
function SellerPanel({ auction }: { auction: AuctionDetail }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const cancel = useMutation(
    trpc.auction.cancel.mutationOptions({
      onSuccess: () => {
        hapticResult("success");
        setAsking(false);
        void invalidateAfterTrade(queryClient);
      },
      onError: () => hapticResult("error"),
    }),
  );
  return (
    <section className="card" data-testid="seller-panel">
      {auction.bestBid !== null && auction.proceeds !== null && auction.fee !== null ? (
        <p className="hint" data-testid="auction-seller-proceeds">
          {t("auctionProceedsNow", { proceeds: formatTon(auction.proceeds), fee: formatTon(auction.fee) })}
        </p>
      ) : (
        <>
          <p className="hint">{t("auctionNoBidsYetSeller")}</p>
          <button type="button" className="button secondary full" style={{ marginTop: 12 }} onClick={() => { cancel.reset(); setAsking(true); }} data-testid="auction-cancel">
            {t("auctionCancel")}
          </button>
        </>
      )}
      <Sheet open={asking} title={t("auctionCancelTitle")} onClose={() => !cancel.isPending && setAsking(false)} closeLabel={t("close")} testId="auction-cancel-sheet">
        <div className="confirm">
          <p className="hint">{t("auctionCancelText")}</p>
          {cancel.isError ? <p className="field-error" role="alert">{errorMessage(cancel.error, t)}</p> : null}
          <div className="sheet-actions">
            <button type="button" className="button secondary" onClick={() => setAsking(false)} disabled={cancel.isPending}>
              {t("close")}
            </button>
            <button type="button" className="button danger" onClick={() => cancel.mutate({ auctionId: auction.id })} disabled={cancel.isPending} data-testid="auction-cancel-confirm">
              {t("auctionCancel")}
            </button>
          </div>
        </div>
      </Sheet>
    </section>
  );
}

function History({ auction, meId }: { auction: AuctionDetail; meId: bigint }) {
  const t = useTranslations();
  const locale = useLocale();
  return (
    <section className="card" aria-labelledby="bids-title">
      <h2 id="bids-title" className="section-title">
        {t("auctionHistory")}
      </h2>
      {auction.history.length === 0 ? (
        <p className="hint">{auction.status === "ACTIVE" ? t("auctionFirstBid") : t("auctionNoBidsAtAll")}</p>
      ) : (
        <ul className="list" data-testid="auction-history">
          {auction.history.map((b) => (
            <li key={b.id.toString()} className="list-row" data-testid="auction-bid" data-status={b.status}>
              <span>
                <span className="row-title">{b.bidder.id === meId ? t("you") : nameOf(b.bidder)}</span>
                <span className="hint small">{formatDate(b.createdAt, locale)}</span>
              </span>
              <span className="amount-small">
                {formatTon(b.amount)}
                {b.status === "ACTIVE" || b.status === "WON" ? <span className="badge positive-badge">{t(b.status === "WON" ? "bidWon" : "bidLeading")}</span> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
