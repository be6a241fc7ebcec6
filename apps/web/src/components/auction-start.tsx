"use client";

// The owner's "Start an auction" on a free gift in custody: a start price, a minimum raise (an amount in
// TON or a percent of the best bid) and a duration of 1 to 72 hours, confirmed with the end time before
// the gift is locked into the auction; then the auction's screen.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { formatTon } from "@gm/api/client";
import { errorMessage } from "@/lib/errors";
import { formatDate, parseTonInput } from "@/lib/format";
import { invalidateAfterTrade, type NftDetail } from "@/lib/market-api";
import { hapticResult } from "@/lib/telegram/haptics";
import { useTRPC } from "@/lib/trpc";

import { Sheet } from "./ui";
import styles from "./auctions.module.css";

const DURATIONS = [1, 3, 6, 12, 24, 48, 72] as const;
type StepKind = "percent" | "amount";
type Plan = { startPrice: bigint; step: { minStep: bigint } | { minStepPercent: number }; durationHours: number; endsAt: Date };

/** "5" or "2.5" (at most two decimals, 0.01–100) as a number of percent; null otherwise. Not money. */
function percentOf(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return null;
  const p = Number(t);
  return p >= 0.01 && p <= 100 ? p : null;
}

export function AuctionStart({ item }: { item: NftDetail }) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [priceText, setPriceText] = useState("");
  const [stepKind, setStepKind] = useState<StepKind>("percent");
  const [stepText, setStepText] = useState("5");
  const [hours, setHours] = useState<number>(24);
  const [formError, setFormError] = useState<string | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const create = useMutation(trpc.auction.create.mutationOptions());

  const review = () => {
    const startPrice = parseTonInput(priceText);
    if (startPrice === null) return setFormError(t("invalidPrice"));
    let step: Plan["step"];
    if (stepKind === "amount") {
      const minStep = parseTonInput(stepText);
      if (minStep === null) return setFormError(t("invalidPrice"));
      step = { minStep };
    } else {
      const minStepPercent = percentOf(stepText);
      if (minStepPercent === null) return setFormError(t("auctionBadPercent"));
      step = { minStepPercent };
    }
    setFormError(null);
    create.reset();
    // The end as the server will set it (now + duration): shown so the owner knows when it closes.
    setPlan({ startPrice, step, durationHours: hours, endsAt: new Date(Date.now() + hours * 3_600_000) });
  };

  const submit = () => {
    if (!plan || create.isPending) return;
    create.mutate(
      { nftId: item.id, startPrice: plan.startPrice, durationHours: plan.durationHours, ...plan.step },
      {
        onSuccess: (r) => {
          hapticResult("success");
          void invalidateAfterTrade(queryClient);
          router.push(`/auction/${r.auctionId.toString()}`);
        },
        onError: () => hapticResult("error"),
      },
    );
  };

  if (!open) {
    return (
      <button type="button" className="button secondary full" onClick={() => setOpen(true)} data-testid="auction-start-open">
        🔨 {t("auctionStart")}
      </button>
    );
  }
  return (
    <form className={styles.startForm} onSubmit={(e) => { e.preventDefault(); review(); }} data-testid="auction-start">
      <h3 className="section-title">{t("auctionStart")}</h3>
      <p className="hint small">{t("auctionStartHint")}</p>
      <label className="field">
        <span className="label">{t("auctionStartPriceLabel")}</span>
        <input className="input" inputMode="decimal" placeholder="0.00" value={priceText} onChange={(e) => { setPriceText(e.target.value); setFormError(null); }} data-testid="auction-start-price" />
      </label>
      <div className="field">
        <span className="label">{t("auctionStep")}</span>
        <div className="row-inputs">
          <input className="input" inputMode="decimal" value={stepText} onChange={(e) => { setStepText(e.target.value); setFormError(null); }} aria-label={t("auctionStep")} data-testid="auction-start-step" />
          <select className="select" value={stepKind} onChange={(e) => { setStepKind(e.target.value as StepKind); setFormError(null); }} aria-label={t("auctionStepKind")} data-testid="auction-start-step-kind">
            <option value="percent">%</option>
            <option value="amount">TON</option>
          </select>
        </div>
      </div>
      <label className="field">
        <span className="label">{t("auctionDuration")}</span>
        <select className="select full" value={hours} onChange={(e) => setHours(Number(e.target.value))} data-testid="auction-start-hours">
          {DURATIONS.map((h) => (
            <option key={h} value={h}>{t("auctionHours", { count: h })}</option>
          ))}
        </select>
      </label>
      {formError ? <p className="field-error" role="alert">{formError}</p> : null}
      <div className="sheet-actions">
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>{t("cancel")}</button>
        <button type="submit" className="button" data-testid="auction-start-review">{t("auctionReview")}</button>
      </div>

      <Sheet open={plan !== null} title={t("auctionStartTitle")} onClose={() => !create.isPending && setPlan(null)} closeLabel={t("close")} testId="auction-start-sheet">
        {plan ? (
          <div className="confirm">
            <p className="hint">{`${item.gift.title} #${item.number}`} · {t("auctionStartPrice")}</p>
            <p className="amount" data-testid="auction-start-confirm-price">{formatTon(plan.startPrice)}</p>
            <div className="row">
              <span className="hint">{t("auctionStep")}</span>
              <span className="amount-small">{"minStep" in plan.step ? formatTon(plan.step.minStep) : `${plan.step.minStepPercent}%`}</span>
            </div>
            <div className="row">
              <span className="hint">{t("auctionEnds")}</span>
              <span className="amount-small" data-testid="auction-start-confirm-ends">
                {formatDate(plan.endsAt, locale)} · {t("auctionHours", { count: plan.durationHours })}
              </span>
            </div>
            <p className="hint small">{t("auctionStartText")}</p>
            {create.isError ? <p className="field-error" role="alert" data-testid="auction-start-error">{errorMessage(create.error, t)}</p> : null}
            <div className="sheet-actions">
              <button type="button" className="button secondary" onClick={() => setPlan(null)} disabled={create.isPending}>{t("cancel")}</button>
              <button type="button" className="button" onClick={submit} disabled={create.isPending} data-testid="auction-start-confirm">{t("auctionStartConfirm")}</button>
            </div>
          </div>
        ) : null}
      </Sheet>
    </form>
  );
}
