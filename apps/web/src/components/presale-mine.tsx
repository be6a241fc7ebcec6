"use client";

// The user's presales, as seller or buyer, in every state with its deadline and what it means for their
// money; for the seller, a new presale (the collateral held and the deadline shown before it is sent), and
// on an open one a new price (the collateral follows it: the difference held or released) or a cancel
// (the collateral released). Every money action is confirmed with its exact amounts under a fresh key.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";

import { formatTon } from "@gm/api/client";
import { errorMessage, type Translate } from "@/lib/errors";
import { formatDate, parseTonInput } from "@/lib/format";
import { newIdempotencyKey } from "@/lib/idempotency";
import { invalidateAfterTrade, presaleCollateral, type PresaleItem, usePresaleMineInfinite } from "@/lib/market-api";
import { hapticResult } from "@/lib/telegram/haptics";
import { useTRPC } from "@/lib/trpc";

import { PresaleSummary } from "./presale-summary";
import { EmptyState, ErrorCard, ListSkeleton, LoadMoreSentinel, Sheet } from "./ui";
import styles from "./presales.module.css";

type Role = "seller" | "buyer";

export function MyPresales({ role }: { role: Role }) {
  const t = useTranslations();
  const mine = usePresaleMineInfinite({ role, limit: 24 });
  const items = mine.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {role === "seller" ? <PresaleCreate /> : null}
      {mine.isPending ? (
        <ListSkeleton rows={3} />
      ) : mine.isError ? (
        <ErrorCard error={mine.error} onRetry={() => void mine.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={role === "seller" ? t("presalesNoneSelling") : t("presalesNoneBuying")} testId="my-presales-empty" />
      ) : (
        <>
          <ul className="card list" data-testid="my-presales">
            {items.map((p) => (
              <MyPresale key={p.id.toString()} presale={p} role={role} />
            ))}
          </ul>
          <LoadMoreSentinel enabled={mine.hasNextPage} loading={mine.isFetchingNextPage} onVisible={() => void mine.fetchNextPage()} loadingText={t("loadingMore")} />
        </>
      )}
    </>
  );
}

/** What a presale's state means for this user: a sentence, and one about the collateral when there is one. */
function stateText(t: Translate, p: PresaleItem, role: Role, locale: string): string {
  const date = formatDate(p.deliverBy, locale);
  const buyer = p.buyer ? (p.buyer.username ? `@${p.buyer.username}` : p.buyer.firstName) : "";
  const collateral = formatTon(p.collateral);
  const pledged = p.collateral > 0n;
  if (role === "seller") {
    switch (p.status) {
      case "ACTIVE":
        return t("presaleSellerActive", { date });
      case "SOLD":
        return [t("presaleSellerSold", { buyer, date, proceeds: formatTon(p.proceeds) }), pledged ? t("presaleCollateralBack", { collateral }) : ""].join(" ").trim();
      case "DELIVERED":
        return [t("presaleSellerDelivered", { proceeds: formatTon(p.proceeds) }), pledged ? t("presaleCollateralCameBack", { collateral }) : ""].join(" ").trim();
      case "CANCELLED":
        return [t("presaleSellerCancelled"), pledged ? t("presaleCollateralCameBack", { collateral }) : ""].join(" ").trim();
      case "FAILED":
        return [t("presaleSellerFailed", { date }), pledged ? t("presaleCollateralLost", { collateral }) : ""].join(" ").trim();
    }
  }
  switch (p.status) {
    case "DELIVERED":
      return t("presaleBuyerDelivered");
    case "FAILED":
      return pledged ? t("presaleBuyerFailed", { refund: formatTon(p.price + p.collateral), price: formatTon(p.price), collateral }) : t("presaleBuyerFailedNoCollateral", { price: formatTon(p.price) });
    default:
      return t("presaleBuyerSold", { date, price: formatTon(p.price) });
  }
}

type Manage =
  | { kind: "price"; price: bigint; collateral: bigint; key: string; error?: string }
  | { kind: "cancel"; key: string; error?: string };

function MyPresale({ presale: p, role }: { presale: PresaleItem; role: Role }) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [priceText, setPriceText] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const [manage, setManage] = useState<Manage | null>(null);
  const done = () => {
    hapticResult("success");
    setManage(null);
    setEditing(false);
    void invalidateAfterTrade(queryClient);
  };
  const fail = (error: unknown) => {
    hapticResult("error");
    setManage((m) => (m ? { ...m, error: errorMessage(error, t) } : m));
  };
  const setPrice = useMutation(trpc.presale.setPrice.mutationOptions({ onSuccess: done, onError: fail }));
  const cancel = useMutation(trpc.presale.cancel.mutationOptions({ onSuccess: done, onError: fail }));
  const pending = setPrice.isPending || cancel.isPending;
  const open = role === "seller" && p.status === "ACTIVE";

  const review = () => {
    const price = parseTonInput(priceText);
    if (price === null) return setFormError(t("invalidPrice"));
    setFormError(null);
    setManage({ kind: "price", price, collateral: presaleCollateral(price, p.collateralPercent), key: newIdempotencyKey() });
  };
  const submit = () => {
    if (!manage || pending) return;
    if (manage.kind === "price") setPrice.mutate({ idempotencyKey: manage.key, presaleId: p.id, price: manage.price });
    else cancel.mutate({ idempotencyKey: manage.key, presaleId: p.id });
  };
  const delta = manage?.kind === "price" ? manage.collateral - p.collateral : 0n;

  return (
    <li className={styles.mineRow} data-testid="my-presale" data-presale-id={p.id.toString()} data-status={p.status}>
      <div className="list-row">
        <PresaleSummary presale={p} />
        <span className={styles.side}>
          <span className="amount-small" data-testid="presale-price">{formatTon(p.price)}</span>
          <span className={`badge ${p.status === "DELIVERED" ? "positive-badge" : p.status === "FAILED" || p.status === "CANCELLED" ? "secondary" : ""}`} data-testid="presale-status">
            {t(`presaleStatus${p.status}`)}
          </span>
        </span>
      </div>
      <p className="hint small" data-testid="presale-state">{stateText(t, p, role, locale)}</p>
      {role === "buyer" && p.status === "DELIVERED" && p.deliveredNftId !== null ? (
        <Link href={`/nft/${p.deliveredNftId.toString()}`} className={styles.link} data-testid="presale-delivered-link">
          {t("presaleOpenGift")} ›
        </Link>
      ) : null}
      {open ? (
        editing ? (
          <form className="row-inputs" onSubmit={(e) => { e.preventDefault(); review(); }}>
            <input className="input" inputMode="decimal" placeholder={formatTon(p.price, { unit: false })} aria-label={t("presaleNewPrice")} value={priceText} onChange={(e) => { setPriceText(e.target.value); setFormError(null); }} data-testid="presale-new-price" />
            <button type="submit" className="button compact" data-testid="presale-price-review">{t("presaleReview")}</button>
            <button type="button" className="button compact secondary" onClick={() => setEditing(false)}>{t("cancel")}</button>
          </form>
        ) : (
          <div className={styles.actions}>
            <button type="button" className="button compact secondary" onClick={() => setEditing(true)} data-testid="presale-change-price">{t("changePrice")}</button>
            <button type="button" className="button compact secondary" onClick={() => setManage({ kind: "cancel", key: newIdempotencyKey() })} data-testid="presale-cancel">{t("presaleCancel")}</button>
          </div>
        )
      ) : null}
      {formError ? <p className="field-error" role="alert">{formError}</p> : null}

      <Sheet open={manage !== null} title={manage?.kind === "price" ? t("presalePriceTitle") : t("presaleCancelTitle")} onClose={() => !pending && setManage(null)} closeLabel={t("close")} testId="presale-manage-sheet">
        {manage ? (
          <div className="confirm">
            <p className="hint">{p.gift.glyph} {p.gift.title}</p>
            {manage.kind === "price" ? (
              <>
                <p className="amount" data-testid="presale-confirm-new-price">{formatTon(manage.price)}</p>
                <div className="row"><span className="hint">{t("presaleOldPrice")}</span><span className="amount-small">{formatTon(p.price)}</span></div>
                <div className="row"><span className="hint">{t("presaleCollateralNew", { percent: String(p.collateralPercent) })}</span><span className="amount-small">{formatTon(manage.collateral)}</span></div>
                {delta !== 0n ? (
                  <div className="row">
                    <span className="hint">{delta > 0n ? t("presaleHeldMore") : t("presaleReleased")}</span>
                    <span className="amount-small" data-testid="presale-collateral-delta">{formatTon(delta > 0n ? delta : -delta)}</span>
                  </div>
                ) : null}
              </>
            ) : (
              <>
                <p className="hint">{t("presaleCancelText")}</p>
                <div className="row"><span className="hint">{t("presaleReleased")}</span><span className="amount-small" data-testid="presale-confirm-released">{formatTon(p.collateral)}</span></div>
              </>
            )}
            {manage.error ? <p className="field-error" role="alert" data-testid="presale-manage-error">{manage.error}</p> : null}
            <div className="sheet-actions">
              <button type="button" className="button secondary" onClick={() => setManage(null)} disabled={pending}>{t("close")}</button>
              <button type="button" className={manage.kind === "cancel" ? "button danger" : "button"} onClick={submit} disabled={pending} data-testid="presale-manage-confirm">
                {manage.kind === "price" ? t("changePrice") : t("presaleCancel")}
              </button>
            </div>
          </div>
        ) : null}
      </Sheet>
    </li>
  );
}

type Draft = { giftId: number; price: bigint; percent: number; collateral: bigint; deliverBy: Date; key: string; error?: string };

/** A new presale: the collection (not transferable yet), the price, the collateral share and the amount it holds now. */
function PresaleCreate() {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const gifts = useQuery(trpc.presale.gifts.queryOptions(undefined, { staleTime: 60_000 }));
  const [open, setOpen] = useState(false);
  const [giftId, setGiftId] = useState<number | null>(null);
  const [priceText, setPriceText] = useState("");
  const [percentText, setPercentText] = useState("20");
  const [formError, setFormError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const create = useMutation(trpc.presale.create.mutationOptions());

  if (!open) {
    return (
      <button type="button" className="button full" onClick={() => setOpen(true)} data-testid="presale-new">
        {t("presaleNew")}
      </button>
    );
  }
  if (gifts.isPending) return <div className="card skeleton skeleton-line" aria-busy="true" />;
  if (gifts.isError) return <ErrorCard error={gifts.error} onRetry={() => void gifts.refetch()} />;
  const { items, deliveryDays, feeBps } = gifts.data;
  const price = parseTonInput(priceText);
  const percent = /^\d{1,3}$/.test(percentText.trim()) && Number(percentText) <= 100 ? Number(percentText) : null;
  const held = price !== null && percent !== null ? presaleCollateral(price, percent) : null;
  // The deadline as the server sets it (now + the settings' delivery days), shown before anything is held.
  const deliverBy = new Date(Date.now() + deliveryDays * 86_400_000);
  const chosen = giftId ?? items[0]?.id ?? null;

  const review = () => {
    if (chosen === null) return setFormError(t("presaleNoCollections"));
    if (price === null) return setFormError(t("invalidPrice"));
    if (percent === null || held === null) return setFormError(t("presaleBadPercent"));
    setFormError(null);
    setDraft({ giftId: chosen, price, percent, collateral: held, deliverBy, key: newIdempotencyKey() });
  };
  const submit = () => {
    if (!draft || create.isPending) return;
    const sent = draft;
    create.mutate(
      { idempotencyKey: sent.key, giftId: sent.giftId, price: sent.price, collateralPercent: sent.percent },
      {
        onSuccess: () => {
          hapticResult("success");
          setDraft(null);
          setOpen(false);
          setPriceText("");
          void invalidateAfterTrade(queryClient);
        },
        onError: (error) => {
          hapticResult("error");
          setDraft({ ...sent, error: errorMessage(error, t) });
        },
      },
    );
  };
  const gift = items.find((g) => g.id === (draft?.giftId ?? chosen));

  return (
    <form className={`card ${styles.form}`} onSubmit={(e) => { e.preventDefault(); review(); }} data-testid="presale-create">
      <h2 className="section-title">{t("presaleNew")}</h2>
      <p className="hint small">{t("presaleNewHint")}</p>
      <label className="field">
        <span className="label">{t("adminCollection")}</span>
        <select className="select full" value={chosen ?? ""} onChange={(e) => setGiftId(Number(e.target.value))} data-testid="presale-create-gift">
          {items.map((g) => (
            <option key={g.id} value={g.id}>
              {g.glyph} {g.title}
              {g.lowest !== null ? ` · ${t("presaleFrom", { price: formatTon(g.lowest) })}` : ""}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="label">{t("presalePriceLabel")}</span>
        <input className="input" inputMode="decimal" placeholder="0.00" value={priceText} onChange={(e) => { setPriceText(e.target.value); setFormError(null); }} data-testid="presale-create-price" />
      </label>
      <label className="field">
        <span className="label">{t("presaleCollateralLabel")}</span>
        <input className="input" inputMode="numeric" value={percentText} onChange={(e) => { setPercentText(e.target.value); setFormError(null); }} data-testid="presale-create-percent" />
      </label>
      <div className="row">
        <span className="hint">{t("presaleHeldNow")}</span>
        <span className="amount-small" data-testid="presale-create-held">{held !== null ? formatTon(held) : "—"}</span>
      </div>
      <div className="row">
        <span className="hint">{t("presaleDeadline")}</span>
        <span className="amount-small" data-testid="presale-create-deadline">{formatDate(deliverBy, locale)}</span>
      </div>
      <p className="hint small">{t("presaleCreateTerms", { days: deliveryDays, fee: `${feeBps / 100}%` })}</p>
      {formError ? <p className="field-error" role="alert">{formError}</p> : null}
      <div className="sheet-actions">
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>{t("cancel")}</button>
        <button type="submit" className="button" data-testid="presale-create-review">{t("presaleReview")}</button>
      </div>

      <Sheet open={draft !== null} title={t("presaleCreateTitle")} onClose={() => !create.isPending && setDraft(null)} closeLabel={t("close")} testId="presale-create-sheet">
        {draft ? (
          <div className="confirm">
            <p className="hint">{gift ? `${gift.glyph} ${gift.title}` : ""}</p>
            <p className="amount" data-testid="presale-create-confirm-price">{formatTon(draft.price)}</p>
            <div className="row"><span className="hint">{t("presaleCollateralHeld", { percent: String(draft.percent) })}</span><span className="amount-small" data-testid="presale-create-confirm-held">{formatTon(draft.collateral)}</span></div>
            <div className="row"><span className="hint">{t("presaleDeadline")}</span><span className="amount-small">{formatDate(draft.deliverBy, locale)}</span></div>
            <p className="hint small">{t("presaleCreateText")}</p>
            {draft.error ? <p className="field-error" role="alert" data-testid="presale-create-error">{draft.error}</p> : null}
            <div className="sheet-actions">
              <button type="button" className="button secondary" onClick={() => setDraft(null)} disabled={create.isPending}>{t("cancel")}</button>
              <button type="button" className="button" onClick={submit} disabled={create.isPending} data-testid="presale-create-confirm">
                {draft.collateral > 0n ? t("presaleCreateHold", { amount: formatTon(draft.collateral) }) : t("presaleCreateButton")}
              </button>
            </div>
          </div>
        ) : null}
      </Sheet>
    </form>
  );
}
