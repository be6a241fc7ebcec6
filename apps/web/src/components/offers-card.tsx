"use client";

// The offers on one gift: its best offers; for its owner, "Accept" on each with the exact proceeds after
// the fee confirmed first; for anyone else, an offer of their own (a price held from the balance, lasting
// 1, 7 or 30 days) and, once made, its cancellation. Every money action is confirmed with its amounts.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";

import { formatTon, parseTon } from "@gm/api/client";
import { errorMessage } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/idempotency";
import { invalidateAfterTrade, type NftDetail } from "@/lib/market-api";
import { useTRPC } from "@/lib/trpc";

import { Sheet } from "./ui";

type Confirm =
  | { kind: "make"; price: bigint; days: 1 | 7 | 30; key: string; error?: string }
  | { kind: "accept"; offerId: bigint; price: bigint; fee: bigint; proceeds: bigint; key: string; error?: string }
  // Selling this gift to the best collection offer it can fill: the same terms, shown the same way.
  | { kind: "fill"; offerId: bigint; price: bigint; fee: bigint; proceeds: bigint; key: string; error?: string }
  | { kind: "cancel"; offerId: bigint; price: bigint; key: string; error?: string };

export function OffersCard({ item, isOwner }: { item: NftDetail; isOwner: boolean }) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const received = useQuery({ ...trpc.offer.received.queryOptions({ limit: 100 }), enabled: isOwner });
  const mine = useQuery({ ...trpc.offer.mine.queryOptions({ status: "ACTIVE", limit: 100 }), enabled: !isOwner });
  const myOffer = mine.data?.items.find((o) => o.nft.id === item.id) ?? null;
  const [priceText, setPriceText] = useState("");
  const [days, setDays] = useState<1 | 7 | 30>(7);
  const [formError, setFormError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const done = () => {
    setConfirm(null);
    void queryClient.invalidateQueries({ queryKey: trpc.offer.pathKey() });
    void invalidateAfterTrade(queryClient);
  };
  const fail = (error: unknown) => setConfirm((c) => (c ? { ...c, error: errorMessage(error, t) } : c));
  const make = useMutation(trpc.offer.make.mutationOptions({ onSuccess: () => { setPriceText(""); done(); }, onError: fail }));
  const accept = useMutation(trpc.offer.accept.mutationOptions({ onSuccess: done, onError: fail }));
  const cancel = useMutation(trpc.offer.cancel.mutationOptions({ onSuccess: done, onError: fail }));
  const fill = useMutation(trpc.offer.fillCollection.mutationOptions({ onSuccess: done, onError: fail }));
  const pending = make.isPending || accept.isPending || cancel.isPending || fill.isPending;
  const canSell = isOwner && (item.status === "IN_CUSTODY" || item.status === "LISTED");

  const review = () => {
    let price: bigint;
    try {
      price = parseTon(priceText.replace(",", "."));
    } catch {
      return setFormError(t("withdrawBadAmount"));
    }
    setFormError(null);
    setConfirm({ kind: "make", price, days, key: newIdempotencyKey() });
  };
  const submit = () => {
    if (!confirm || pending) return;
    if (confirm.kind === "make") make.mutate({ idempotencyKey: confirm.key, nftId: item.id, price: confirm.price, expiresInDays: confirm.days });
    else if (confirm.kind === "accept") accept.mutate({ idempotencyKey: confirm.key, offerId: confirm.offerId });
    else if (confirm.kind === "fill") fill.mutate({ idempotencyKey: confirm.key, offerId: confirm.offerId, nftId: item.id });
    else cancel.mutate({ idempotencyKey: confirm.key, offerId: confirm.offerId });
  };
  const terms = new Map((received.data?.items ?? []).map((o) => [o.id, o]));

  return (
    <section className="card" aria-labelledby="offers" data-testid="offers-card">
      <h2 id="offers" className="section-title">
        {t("bestOffers")}
      </h2>
      {item.offers.length === 0 ? (
        <p className="hint">{t("noOffers")}</p>
      ) : (
        <ul className="list" data-testid="nft-offers">
          {item.offers.map((o) => {
            const own = terms.get(o.id);
            return (
              <li key={o.id.toString()} className="list-row" data-testid="nft-offer">
                <span>
                  {o.buyer.username ? `@${o.buyer.username}` : o.buyer.firstName}
                  <span className="hint small"> · {t("expires", { date: formatDate(o.expiresAt, locale) })}</span>
                </span>
                <span className="row">
                  <span className="amount-small">{formatTon(o.price)}</span>
                  {isOwner && own ? (
                    <button type="button" className="button compact" data-testid="offer-accept"
                      onClick={() => setConfirm({ kind: "accept", offerId: o.id, price: own.price, fee: own.fee, proceeds: own.proceeds, key: newIdempotencyKey() })}>
                      {t("offerAccept")}
                    </button>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {item.collectionOffer ? (
        <div className="row" data-testid="collection-offer">
          <span className="hint">{t("collectionOfferTop")}</span>
          <span className="row-end">
            <span className="amount-small">{formatTon(item.collectionOffer.price)}</span>
            {canSell ? (
              <button type="button" className="button compact" data-testid="collection-offer-sell"
                onClick={() => { const c = item.collectionOffer!; setConfirm({ kind: "fill", offerId: c.id, price: c.price, fee: c.fee, proceeds: c.proceeds, key: newIdempotencyKey() }); }}>
                {t("collectionOfferSell")}
              </button>
            ) : null}
          </span>
        </div>
      ) : null}
      {!isOwner && myOffer ? (
        <div className="row" data-testid="my-offer">
          <span className="hint">{t("offerYours", { price: formatTon(myOffer.price), date: formatDate(myOffer.expiresAt, locale) })}</span>
          <button type="button" className="button compact secondary" data-testid="offer-cancel"
            onClick={() => setConfirm({ kind: "cancel", offerId: myOffer.id, price: myOffer.price, key: newIdempotencyKey() })}>
            {t("cancel")}
          </button>
        </div>
      ) : null}
      {!isOwner && item.status !== "WITHDRAWING" && item.status !== "WITHDRAWN" ? (
        <form className="field" onSubmit={(e) => { e.preventDefault(); review(); }}>
          <span className="label">{myOffer ? t("offerReplace") : t("offerMake")}</span>
          <div className="row">
            <input className="input" inputMode="decimal" placeholder="0.00" aria-label={t("price")} value={priceText} onChange={(e) => { setPriceText(e.target.value); setFormError(null); }} data-testid="offer-price" />
            <select className="input" value={days} onChange={(e) => setDays(Number(e.target.value) as 1 | 7 | 30)} aria-label={t("offerLasts")} data-testid="offer-days">
              {([1, 7, 30] as const).map((d) => (
                <option key={d} value={d}>{t("offerDays", { count: d })}</option>
              ))}
            </select>
            <button type="submit" className="button compact" data-testid="offer-review">{t("offerMakeButton")}</button>
          </div>
          {formError ? <p className="field-error" role="alert">{formError}</p> : null}
        </form>
      ) : null}

      <Sheet open={confirm !== null} title={confirm?.kind === "make" ? t("offerMakeTitle") : confirm?.kind === "accept" ? t("offerAcceptTitle") : confirm?.kind === "fill" ? t("collectionOfferFillTitle") : t("offerCancel")} onClose={() => !pending && setConfirm(null)} closeLabel={t("close")} testId="offer-sheet">
        {confirm ? (
          <div className="confirm">
            {confirm.kind === "accept" || confirm.kind === "fill" ? (
              <>
                {confirm.kind === "fill" ? <p className="hint">{t("collectionOfferFillText")}</p> : null}
                <div className="row"><span className="hint">{t("offerPrice")}</span><span className="amount-small">{formatTon(confirm.price)}</span></div>
                <div className="row"><span className="hint">{t("offerFee")}</span><span className="amount-small">−{formatTon(confirm.fee)}</span></div>
                <div className="row"><span className="hint">{t("offerProceeds")}</span><span className="amount" data-testid="offer-proceeds">{formatTon(confirm.proceeds)}</span></div>
              </>
            ) : (
              <>
                <p className="hint">{confirm.kind === "make" ? t("offerHoldText", { count: confirm.days }) : t("offerReleaseText")}</p>
                <p className="amount" data-testid="offer-confirm-amount">{formatTon(confirm.price)}</p>
              </>
            )}
            {confirm.error ? <p className="field-error" role="alert" data-testid="offer-error">{confirm.error}</p> : null}
            <div className="sheet-actions">
              <button type="button" className="button secondary" onClick={() => setConfirm(null)} disabled={pending}>{t("cancel")}</button>
              <button type="button" className="button" onClick={submit} disabled={pending} data-testid="offer-confirm">
                {confirm.kind === "make" ? t("offerMakeButton") : confirm.kind === "accept" ? t("offerAccept") : confirm.kind === "fill" ? t("collectionOfferSellFor", { proceeds: formatTon(confirm.proceeds) }) : t("offerCancel")}
              </button>
            </div>
          </div>
        ) : null}
      </Sheet>
    </section>
  );
}
