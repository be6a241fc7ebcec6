"use client";

// Delivering a sold presale by hand: the presale's id and the gift that fulfils it (the seller's gift of
// that collection, free in custody — credited above first if it arrived some other way). The seller's
// gifts in custody are listed from their id to pick from; the server checks the match. One idempotency
// key per confirmation, so a double click delivers once.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";

import { formatTon, parseBigintId } from "@gm/api/client";
import { errorMessage } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/idempotency";
import { invalidateAfterTrade } from "@/lib/market-api";
import { useTRPC } from "@/lib/trpc";

import { Sheet, StatusMessage } from "../ui";
import styles from "./admin.module.css";

type Delivery = { presaleId: bigint; nftId: bigint; label: string; key: string; error?: string };

export function PresaleSection() {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [presaleText, setPresaleText] = useState("");
  const [sellerText, setSellerText] = useState("");
  const [nftText, setNftText] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const sellerId = parseBigintId(sellerText.trim());
  const gifts = useQuery({ ...trpc.market.search.queryOptions({ ownerId: sellerId ?? 0n, listedOnly: false, sort: "number_asc", limit: 100 }), enabled: sellerId !== null });
  const free = (gifts.data?.items ?? []).filter((g) => g.status === "IN_CUSTODY");
  const deliver = useMutation(trpc.admin.deliverPresale.mutationOptions());
  const awaiting = useQuery(trpc.admin.presales.queryOptions({ status: "SOLD" }));
  const sold = awaiting.data?.items ?? [];
  const pick = (p: (typeof sold)[number]) => {
    setPresaleText(p.id.toString());
    setSellerText(p.seller.id.toString());
    setNftText("");
  };
  const chosen = sold.find((p) => p.id.toString() === presaleText.trim()) ?? null;

  const review = () => {
    const presaleId = parseBigintId(presaleText.trim());
    const nftId = parseBigintId(nftText.trim());
    if (presaleId === null || nftId === null) return setFormError(t("adminPresaleIds"));
    setFormError(null);
    setMessage(null);
    const gift = free.find((g) => g.id === nftId);
    setDelivery({ presaleId, nftId, label: gift ? `${gift.gift.title} #${gift.number}` : `#${nftId}`, key: newIdempotencyKey() });
  };
  const submit = () => {
    if (!delivery || deliver.isPending) return;
    const sent = delivery;
    deliver.mutate(
      { idempotencyKey: sent.key, presaleId: sent.presaleId, nftId: sent.nftId },
      {
        onSuccess: (r) => {
          setDelivery(null);
          setNftText("");
          setMessage({ ok: true, text: t("adminPresaleDelivered", { id: r.presaleId.toString(), buyer: r.buyerId.toString(), price: formatTon(r.price), fee: formatTon(r.fee), proceeds: formatTon(r.proceeds), collateral: formatTon(r.collateralReleased) }) });
          void invalidateAfterTrade(queryClient);
          void queryClient.invalidateQueries({ queryKey: trpc.admin.auditLog.pathKey() });
          void queryClient.invalidateQueries({ queryKey: trpc.admin.presales.pathKey() });
        },
        onError: (error) => setDelivery({ ...sent, error: errorMessage(error, t) }),
      },
    );
  };

  return (
    <section className="card" aria-labelledby="admin-presale" data-testid="admin-presale">
      <h2 id="admin-presale" className="section-title">
        {t("adminPresale")}
      </h2>
      <p className="hint small">{t("adminPresaleHint")}</p>
      <h3 className="small">{t("adminPresaleAwaiting")}</h3>
      {awaiting.data && sold.length === 0 ? <p className="hint small">{t("adminPresaleNone")}</p> : null}
      <div className={styles.choices} role="group" aria-label={t("adminPresaleAwaiting")}>
        {sold.map((p) => (
          <button key={p.id.toString()} type="button" className={chosen?.id === p.id ? "chip active" : "chip"} aria-pressed={chosen?.id === p.id} onClick={() => pick(p)} data-testid="deliver-presale-option" data-presale-id={p.id.toString()}>
            {t("adminPresaleRow", { id: p.id.toString(), gift: `${p.gift.glyph} ${p.gift.title}`, seller: p.seller.firstName, buyer: p.buyer?.firstName ?? "—", price: formatTon(p.price), due: formatDate(p.deliverBy, locale) })}
          </button>
        ))}
      </div>
      <form className={styles.inlineForm} onSubmit={(e) => { e.preventDefault(); review(); }}>
        <input className="input" inputMode="numeric" placeholder={t("adminPresaleId")} aria-label={t("adminPresaleId")} value={presaleText} onChange={(e) => setPresaleText(e.target.value)} data-testid="deliver-presale-id" />
        <input className="input" inputMode="numeric" placeholder={t("adminPresaleSeller")} aria-label={t("adminPresaleSeller")} value={sellerText} onChange={(e) => setSellerText(e.target.value)} data-testid="deliver-seller-id" />
        {sellerId !== null && gifts.data ? (
          free.length === 0 ? (
            <p className="hint small">{t("adminPresaleNoGifts")}</p>
          ) : (
            <div className={styles.choices} role="group" aria-label={t("adminPresaleGifts")}>
              {free.map((g) => (
                <button key={g.id.toString()} type="button" className={nftText === g.id.toString() ? "chip active" : "chip"} aria-pressed={nftText === g.id.toString()} onClick={() => setNftText(g.id.toString())} data-testid="deliver-gift-option" data-nft-id={g.id.toString()}>
                  {g.gift.glyph} {g.gift.title} #{g.number}
                </button>
              ))}
            </div>
          )
        ) : null}
        <input className="input" inputMode="numeric" placeholder={t("adminPresaleNft")} aria-label={t("adminPresaleNft")} value={nftText} onChange={(e) => setNftText(e.target.value)} data-testid="deliver-nft-id" />
        <button type="submit" className="button compact" data-testid="deliver-review">
          {t("adminPresaleDeliver")}
        </button>
        {formError ? <p className="field-error small">{formError}</p> : null}
      </form>
      <StatusMessage message={message} />

      <Sheet open={delivery !== null} title={t("adminPresaleConfirmTitle")} onClose={() => !deliver.isPending && setDelivery(null)} closeLabel={t("close")} testId="deliver-sheet">
        {delivery ? (
          <div className="confirm">
            <p>{t("adminPresaleConfirmText", { id: delivery.presaleId.toString(), gift: delivery.label })}</p>
            {chosen && chosen.id === delivery.presaleId ? (
              <p data-testid="deliver-amounts">{t("adminPresaleAmounts", { price: formatTon(chosen.price), proceeds: formatTon(chosen.proceeds), fee: formatTon(chosen.fee), collateral: formatTon(chosen.collateral) })}</p>
            ) : null}
            {delivery.error ? <p className="field-error" role="alert" data-testid="deliver-error">{delivery.error}</p> : null}
            <div className="sheet-actions">
              <button type="button" className="button secondary" onClick={() => setDelivery(null)} disabled={deliver.isPending}>{t("cancel")}</button>
              <button type="button" className="button" onClick={submit} disabled={deliver.isPending} data-testid="deliver-confirm">{t("adminPresaleDeliver")}</button>
            </div>
          </div>
        ) : null}
      </Sheet>
    </section>
  );
}
