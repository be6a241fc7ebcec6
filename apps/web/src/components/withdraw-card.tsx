"use client";

// Taking TON out: an amount and a destination (the connected wallet unless another address is typed),
// the fee and the total shown before anything moves, a confirmation with the exact amounts under one
// idempotency key (a double tap withdraws once), and the user's withdrawals with their state and, once
// sent, the transaction on the explorer. The list refreshes itself while one is on its way.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { formatTon, parseTon } from "@gm/api/client";
import { errorMessage } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/idempotency";
import { useTRPC } from "@/lib/trpc";

import { ExplorerLink } from "./explorer-link";
import { ErrorCard, LoadMoreSentinel, Sheet } from "./ui";

const IN_FLIGHT_POLL_MS = 3_000;

type Review = { amount: bigint; destination?: string; shownTo: string; key: string; error?: string; done?: boolean };

function amountOf(text: string): bigint | null {
  try {
    const nano = parseTon(text.replace(",", "."));
    return nano > 0n ? nano : null;
  } catch {
    return null;
  }
}

export function WithdrawCard() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const info = useQuery(trpc.wallet.withdrawInfo.queryOptions());
  const withdraw = useMutation(trpc.wallet.withdraw.mutationOptions());
  const [amountText, setAmountText] = useState("");
  const [destination, setDestination] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const [review, setReview] = useState<Review | null>(null);

  if (info.isPending) return <div className="card skeleton skeleton-line" aria-busy="true" />;
  if (info.isError) return <ErrorCard error={info.error} onRetry={() => void info.refetch()} />;
  const { fee, minWithdrawal, maxWithdrawal, remainingToday, defaultDestination, network } = info.data;
  const amount = amountOf(amountText);
  const typed = destination.trim();

  const open = () => {
    if (amount === null) return setFormError(t("withdrawBadAmount"));
    if (!typed && !defaultDestination) return setFormError(t("withdrawNoWallet"));
    setFormError(null);
    withdraw.reset();
    setReview({ amount, destination: typed || undefined, shownTo: typed || defaultDestination!, key: newIdempotencyKey() });
  };

  const submit = () => {
    if (!review || review.done || withdraw.isPending) return;
    withdraw.mutate(
      { idempotencyKey: review.key, amount: review.amount, ...(review.destination ? { destination: review.destination } : {}) },
      {
        onSuccess: () => {
          setReview({ ...review, done: true, error: undefined });
          setAmountText("");
          void queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() });
        },
        onError: (error) => setReview({ ...review, error: errorMessage(error, t) }),
      },
    );
  };
  const close = () => {
    if (!withdraw.isPending) setReview(null);
  };

  return (
    <section className="card" aria-labelledby="withdraw-title" data-testid="withdraw">
      <h2 id="withdraw-title" className="section-title">
        {t("withdraw")}
      </h2>
      <p className="hint">{t("withdrawHint")}</p>
      <label className="field">
        <span className="label">{t("withdrawAmount")}</span>
        <input className="input" inputMode="decimal" placeholder="0.00" value={amountText} onChange={(e) => { setAmountText(e.target.value); setFormError(null); }} data-testid="withdraw-amount" />
      </label>
      <label className="field">
        <span className="label">{t("withdrawDestination")}</span>
        <input className="input" spellCheck={false} autoCapitalize="off" placeholder={defaultDestination ?? t("withdrawDestinationPlaceholder")} value={destination} onChange={(e) => { setDestination(e.target.value); setFormError(null); }} data-testid="withdraw-destination" />
      </label>
      <p className="hint small">
        {defaultDestination ? t("withdrawToConnected") : t("withdrawNoWallet")}{" "}
        {t("withdrawLimits", { min: formatTon(minWithdrawal), max: formatTon(maxWithdrawal), remaining: formatTon(remainingToday) })}
      </p>
      <div className="row">
        <span className="hint">{t("withdrawFee")}</span>
        <span className="amount-small" data-testid="withdraw-fee">{formatTon(fee)}</span>
      </div>
      {amount !== null ? (
        <div className="row">
          <span className="hint">{t("withdrawTotal")}</span>
          <span className="amount-small" data-testid="withdraw-total">{formatTon(amount + fee)}</span>
        </div>
      ) : null}
      {formError ? <p className="field-error" role="alert">{formError}</p> : null}
      <button type="button" className="button full" onClick={open} data-testid="withdraw-review">
        {t("withdrawReview")}
      </button>

      <Sheet open={review !== null} title={t("withdrawConfirmTitle")} onClose={close} closeLabel={t("close")} testId="withdraw-sheet">
        {review?.done ? (
          <div className="notice" data-testid="withdraw-success">
            <p>{t("withdrawQueued")}</p>
            <button type="button" className="button" onClick={close}>
              {t("close")}
            </button>
          </div>
        ) : review ? (
          <div className="confirm">
            <div className="row">
              <span className="hint">{t("withdrawYouReceive")}</span>
              <span className="amount-small" data-testid="withdraw-confirm-amount">{formatTon(review.amount)}</span>
            </div>
            <div className="row">
              <span className="hint">{t("withdrawFee")}</span>
              <span className="amount-small">{formatTon(fee)}</span>
            </div>
            <div className="row">
              <span className="hint">{t("withdrawTotal")}</span>
              <span className="amount-small" data-testid="withdraw-confirm-total">{formatTon(review.amount + fee)}</span>
            </div>
            <p className="hint small">{t("withdrawDestination")}</p>
            <code style={{ overflowWrap: "anywhere" }} data-testid="withdraw-confirm-destination">{review.shownTo}</code>
            {review.error ? (
              <p className="field-error" role="alert" data-testid="withdraw-error">
                {review.error}
              </p>
            ) : null}
            <div className="sheet-actions">
              <button type="button" className="button secondary" onClick={close} disabled={withdraw.isPending}>
                {t("cancel")}
              </button>
              <button type="button" className="button" onClick={submit} disabled={withdraw.isPending} data-testid="withdraw-confirm">
                {t("withdrawConfirm", { amount: formatTon(review.amount) })}
              </button>
            </div>
          </div>
        ) : null}
      </Sheet>

      <Withdrawals network={network} />
    </section>
  );
}

function Withdrawals({ network }: { network: "mainnet" | "testnet" }) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(
    trpc.wallet.withdrawals.infiniteQueryOptions(
      { limit: 10 },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        // Poll while one is on its way; when it lands, the balance and history moved too.
        refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((w) => w.status !== "CONFIRMED" && w.status !== "FAILED")) ? IN_FLIGHT_POLL_MS : false),
      },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const finished = items.filter((w) => w.status === "CONFIRMED" || w.status === "FAILED").length;
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    // One more finished (delivered, or refunded): the balance and the history changed.
    if (seen.current !== undefined && finished > seen.current) void queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() });
    seen.current = finished;
  }, [finished, queryClient, trpc]);
  if (list.isError) return <ErrorCard error={list.error} onRetry={() => void list.refetch()} inline />;
  if (items.length === 0) return null;
  return (
    <>
      <h3 className="label">{t("withdrawals")}</h3>
      <ul className="list" data-testid="withdrawals">
        {items.map((w) => (
          <li key={w.id.toString()} className="list-row" data-testid="withdrawal-row" data-status={w.status}>
            <span>
              <span className="row-title">{t(`withdrawal${w.status}`)}</span>
              <span className="hint small">
                {formatDate(w.createdAt, locale)} · <code>{w.destination.slice(0, 6)}…{w.destination.slice(-6)}</code>
                {w.txHash ? <ExplorerLink network={network} hash={w.txHash} testId="withdrawal-explorer-link" /> : null}
              </span>
            </span>
            <span className="amount-small negative">−{formatTon(w.amount)}</span>
          </li>
        ))}
      </ul>
      <LoadMoreSentinel enabled={list.hasNextPage} loading={list.isFetchingNextPage} onVisible={() => void list.fetchNextPage()} loadingText={t("loadingMore")} />
    </>
  );
}
