"use client";

import { useTranslations } from "next-intl";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { errorMessage } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

import { ErrorCard, StatusMessage } from "../ui";

/** bps ↔ "5.00" (percent with two decimals), integer math only. */
function bpsToPercent(bps: number): string {
  return `${Math.trunc(bps / 100)}.${String(bps % 100).padStart(2, "0")}`;
}
function percentToBps(text: string): number | null {
  const m = /^(\d{1,2})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bps <= 5000 ? bps : null;
}

export function FeeSection() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.admin.settings.queryOptions());
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const update = useMutation(
    trpc.admin.updateSettings.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.admin.settings.queryKey(), data);
        setText(null);
        setMessage({ ok: true, text: t("saved") });
        void queryClient.invalidateQueries({ queryKey: trpc.admin.auditLog.pathKey() });
      },
      onError: (e) => setMessage({ ok: false, text: errorMessage(e, t) }),
    }),
  );
  const value = text ?? (settings.data ? bpsToPercent(settings.data.feeBps) : "");
  return (
    <section className="card" aria-labelledby="admin-fee">
      <h2 id="admin-fee" className="section-title">
        {t("adminFee")}
      </h2>
      {settings.isPending ? (
        <div className="skeleton skeleton-line" />
      ) : settings.isError ? (
        <ErrorCard error={settings.error} onRetry={() => void settings.refetch()} inline />
      ) : (
        <form
          className="row-inputs"
          onSubmit={(e) => {
            e.preventDefault();
            const bps = percentToBps(value);
            if (bps === null) {
              setMessage({ ok: false, text: t("adminFeeInvalid") });
              return;
            }
            update.mutate({ feeBps: bps });
          }}
        >
          <input className="input" inputMode="decimal" value={value} onChange={(e) => { setText(e.target.value); setMessage(null); }} aria-label={t("adminFee")} data-testid="fee-input" />
          <span className="hint">% ({percentToBps(value) ?? "—"} bps)</span>
          <button type="submit" className="button compact" disabled={update.isPending} data-testid="fee-save">
            {t("save")}
          </button>
        </form>
      )}
      <p className="hint small">{t("adminFeeHint")}</p>
      <StatusMessage message={message} />
    </section>
  );
}
