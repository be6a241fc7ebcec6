"use client";

import { useTranslations } from "next-intl";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { parseBigintId } from "@gm/api/client";
import { errorMessage } from "@/lib/errors";
import { newIdempotencyKey } from "@/lib/idempotency";
import { invalidateAfterTrade } from "@/lib/market-api";
import { useTRPC } from "@/lib/trpc";

import { ErrorCard } from "../ui";
import styles from "./credit-section.module.css";

export function CreditSection() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const gifts = useQuery(trpc.admin.gifts.queryOptions());
  const [userId, setUserId] = useState("");
  const [giftId, setGiftId] = useState("");
  const [attrs, setAttrs] = useState<{ model: string; backdrop: string; symbol: string }>({ model: "", backdrop: "", symbol: "" });
  const [error, setError] = useState<string | null>(null);
  // One key per intended credit: a double click re-sends it and credits once; a success starts a new one.
  const [key, setKey] = useState(newIdempotencyKey);
  const credit = useMutation(
    trpc.admin.creditNft.mutationOptions({
      onSuccess: () => {
        setError(null);
        setKey(newIdempotencyKey());
        void invalidateAfterTrade(queryClient);
        void queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
      },
      onError: (e) => setError(errorMessage(e, t)),
    }),
  );

  const gift = gifts.data?.find((g) => String(g.id) === giftId);
  const kinds = [
    ["model", "MODEL", t("model")],
    ["backdrop", "BACKDROP", t("backdrop")],
    ["symbol", "SYMBOL", t("symbol")],
  ] as const;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const targetId = parseBigintId(userId);
    if (targetId === null) {
      setError(t("adminInvalidUser"));
      return;
    }
    if (!gift || credit.isPending) return;
    credit.mutate({
      idempotencyKey: key,
      userId: targetId,
      giftId: gift.id,
      ...(attrs.model ? { model: attrs.model } : {}),
      ...(attrs.backdrop ? { backdrop: attrs.backdrop } : {}),
      ...(attrs.symbol ? { symbol: attrs.symbol } : {}),
    });
  };

  const result = credit.data;
  const resultGift = result ? (gifts.data?.find((g) => g.id === (result.giftId ?? gift?.id)) ?? gift) : undefined;
  return (
    <section className="card" aria-labelledby="admin-credit">
      <h2 id="admin-credit" className="section-title">
        {t("adminCredit")}
      </h2>
      <p className="hint">{t("adminCreditHint")}</p>
      {gifts.isError ? (
        <ErrorCard error={gifts.error} onRetry={() => void gifts.refetch()} inline />
      ) : (
        <form className={styles.form} onSubmit={submit}>
          <label className={styles.field}>
            <span className="label">{t("adminUserId")}</span>
            <input className="input" inputMode="numeric" value={userId} onChange={(e) => { setUserId(e.target.value); setError(null); setKey(newIdempotencyKey()); }} data-testid="credit-user" required />
          </label>
          <label className={styles.field}>
            <span className="label">{t("adminCollection")}</span>
            <select className="select full" value={giftId} onChange={(e) => { setGiftId(e.target.value); setAttrs({ model: "", backdrop: "", symbol: "" }); setKey(newIdempotencyKey()); }} data-testid="credit-gift" required disabled={gifts.isPending}>
              <option value="">{gifts.isPending ? t("loading") : t("adminChoose")}</option>
              {gifts.data?.map((g) => (
                <option key={g.id} value={String(g.id)}>
                  {g.glyph} {g.title} ({g.minted}/{g.supply})
                </option>
              ))}
            </select>
          </label>
          {gift
            ? kinds.map(([field, kind, label]) => (
                <label key={field} className={styles.field}>
                  <span className="label">{label}</span>
                  <select className="select full" value={attrs[field]} onChange={(e) => { setAttrs({ ...attrs, [field]: e.target.value }); setKey(newIdempotencyKey()); }} data-testid={`credit-${field}`}>
                    <option value="">{t("adminAny")}</option>
                    {gift.attributes
                      .filter((a) => a.kind === kind)
                      .map((a) => (
                        <option key={a.name} value={a.name}>
                          {a.name} ({(a.rarityPermille / 10).toFixed(1)}%)
                        </option>
                      ))}
                  </select>
                </label>
              ))
            : null}
          <button type="submit" className="button" disabled={credit.isPending || !gift} data-testid="credit-submit">
            {credit.isPending ? t("loading") : t("adminCreditSubmit")}
          </button>
        </form>
      )}
      {error ? (
        <p className="field-error" role="alert" data-testid="credit-error">
          {error}
        </p>
      ) : null}
      {result && !error ? (
        <p className="success" data-testid="credit-result" data-nft-id={result.id.toString()} data-nft-number={result.number}>
          {t("adminCredited", { name: `${resultGift?.title ?? ""} #${result.number}`.trim(), user: userId.trim() })}
          {` · ${result.model} · ${result.backdrop} · ${result.symbol}`}
        </p>
      ) : null}
    </section>
  );
}
