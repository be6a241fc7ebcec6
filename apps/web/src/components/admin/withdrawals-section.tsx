"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { formatTon, parseTon } from "@gm/api/client";
import { errorMessage } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

import { ExplorerLink } from "../explorer-link";
import { EmptyState, ErrorCard, StatusMessage } from "../ui";
import styles from "./admin.module.css";

const STATUSES = ["", "PENDING", "SENDING", "SENT", "CONFIRMED", "FAILED"] as const;
type Status = Exclude<(typeof STATUSES)[number], "">;

/** Every withdrawal with its state, attempts and last error; a stuck one (retries used up) can be retried. */
export function WithdrawalsSection() {
  const t = useTranslations();
  const trpc = useTRPC();
  const [status, setStatus] = useState<Status | "">("");
  const list = useQuery(trpc.admin.withdrawals.queryOptions({ limit: 50, ...(status ? { status } : {}) }, { refetchInterval: 10_000 }));
  const network = useQuery(trpc.wallet.withdrawInfo.queryOptions()).data?.network ?? "testnet";
  return (
    <section className="card" aria-labelledby="admin-withdrawals" data-testid="admin-withdrawals">
      <h2 id="admin-withdrawals" className="section-title">
        {t("adminWithdrawals")}
      </h2>
      <select className="input" value={status} onChange={(e) => setStatus(e.target.value as Status | "")} aria-label={t("adminWithdrawalsStatus")}>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {s || t("adminWithdrawalsAll")}
          </option>
        ))}
      </select>
      {list.isPending ? (
        <div className="skeleton skeleton-line" />
      ) : list.isError ? (
        <ErrorCard error={list.error} onRetry={() => void list.refetch()} inline />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t("adminWithdrawalsEmpty")} />
      ) : (
        <ul className="list">
          {list.data.items.map((w) => (
            <li key={w.id.toString()} className="list-row" data-testid="admin-withdrawal" data-status={w.status}>
              <div className="grow">
                <span className="row-title">
                  #{w.id.toString()} · {w.status} · {formatTon(w.amount)} · {t("adminUserShort", { id: w.userId.toString() })}
                </span>
                <span className={styles.auditData}>
                  {w.destination} · {t("adminAttempts", { count: w.attempts })}
                  {w.txHash ? <ExplorerLink network={network} hash={w.txHash} /> : null}
                </span>
                {w.lastError ? <span className="field-error small">{w.lastError}</span> : null}
                {w.status === "PENDING" && w.nextAttemptAt === null ? <RetryForm id={w.id} /> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RetryForm({ id }: { id: bigint }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const retry = useMutation(
    trpc.admin.retryWithdrawal.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.admin.withdrawals.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.admin.auditLog.pathKey() });
      },
      onError: (e) => setError(errorMessage(e, t)),
    }),
  );
  return (
    <form
      className={styles.inlineForm}
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim().length < 3) return setError(t("adminReasonShort"));
        setError(null);
        retry.mutate({ withdrawalId: id, reason: reason.trim() });
      }}
    >
      <input className="input" placeholder={t("adminReason")} value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="submit" className="button compact" disabled={retry.isPending} data-testid="withdrawal-retry">
        {t("adminRetry")}
      </button>
      {error ? <p className="field-error small">{error}</p> : null}
    </form>
  );
}

const LIMITS = ["minWithdrawal", "maxWithdrawal", "dailyWithdrawalLimit", "withdrawalFee"] as const;
type Limit = (typeof LIMITS)[number];

/** The withdrawal rules users see before they confirm: minimum, maximum, daily limit and the network fee. */
export function WithdrawalLimitsSection() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.admin.settings.queryOptions());
  const [edits, setEdits] = useState<Partial<Record<Limit, string>>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const update = useMutation(
    trpc.admin.updateSettings.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.admin.settings.queryKey(), data);
        setEdits({});
        setMessage({ ok: true, text: t("saved") });
        void queryClient.invalidateQueries({ queryKey: trpc.admin.auditLog.pathKey() });
      },
      onError: (e) => setMessage({ ok: false, text: errorMessage(e, t) }),
    }),
  );
  if (settings.isPending) return <div className="card skeleton skeleton-line" />;
  if (settings.isError) return <ErrorCard error={settings.error} onRetry={() => void settings.refetch()} />;
  const shown = (k: Limit) => edits[k] ?? formatTon(settings.data[k], { unit: false }).replace(/,/g, "");
  const save = () => {
    const patch: Partial<Record<Limit, bigint>> = {};
    for (const k of LIMITS) {
      if (edits[k] === undefined) continue;
      try {
        patch[k] = parseTon(edits[k]!.replace(",", "."));
      } catch {
        return setMessage({ ok: false, text: t("withdrawBadAmount") });
      }
    }
    update.mutate(patch);
  };
  return (
    <section className="card" aria-labelledby="admin-withdrawal-limits" data-testid="admin-withdrawal-limits">
      <h2 id="admin-withdrawal-limits" className="section-title">
        {t("adminWithdrawalLimits")}
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        {LIMITS.map((k) => (
          <label key={k} className="field">
            <span className="label">{t(`adminLimit_${k}`)}</span>
            <input className="input" inputMode="decimal" value={shown(k)} onChange={(e) => { setEdits({ ...edits, [k]: e.target.value }); setMessage(null); }} data-testid={`limit-${k}`} />
          </label>
        ))}
        <button type="submit" className="button compact" disabled={update.isPending || Object.keys(edits).length === 0}>
          {t("save")}
        </button>
      </form>
      <StatusMessage message={message} />
    </section>
  );
}
