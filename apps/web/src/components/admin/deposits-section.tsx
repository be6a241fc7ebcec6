"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { formatTon, parseBigintId, parseTon } from "@gm/api/client";
import { errorMessage } from "@/lib/errors";
import { newIdempotencyKey } from "@/lib/idempotency";
import { useTRPC } from "@/lib/trpc";

import { EmptyState, ErrorCard, StatusMessage } from "../ui";
import styles from "./admin.module.css";

type Unmatched = { id: bigint; amount: bigint; comment: string | null; sender: string; createdAt: Date };

/** Deposits whose memo matched nobody: an admin gives each to its owner (credited once, audited). */
export function DepositsSection() {
  const t = useTranslations();
  const trpc = useTRPC();
  const deposits = useQuery(trpc.admin.deposits.queryOptions({ status: "UNMATCHED", limit: 50 }));
  return (
    <section className="card" aria-labelledby="admin-deposits" data-testid="admin-deposits">
      <h2 id="admin-deposits" className="section-title">
        {t("adminDeposits")}
      </h2>
      {deposits.isPending ? (
        <div className="skeleton skeleton-line" />
      ) : deposits.isError ? (
        <ErrorCard error={deposits.error} onRetry={() => void deposits.refetch()} inline />
      ) : deposits.data.items.length === 0 ? (
        <EmptyState title={t("adminDepositsEmpty")} />
      ) : (
        <ul className="list">
          {deposits.data.items.map((d) => (
            <AssignRow key={d.id.toString()} deposit={d} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AssignRow({ deposit }: { deposit: Unmatched }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [userId, setUserId] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(newIdempotencyKey); // one key per row: a double click credits once
  const assign = useMutation(
    trpc.admin.assignDeposit.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.admin.deposits.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.admin.auditLog.pathKey() });
      },
      onError: (e) => setError(errorMessage(e, t)),
    }),
  );
  const submit = () => {
    const id = parseBigintId(userId.trim());
    if (id === null) return setError(t("adminInvalidUser"));
    if (reason.trim().length < 3) return setError(t("adminReasonShort"));
    setError(null);
    assign.mutate({ idempotencyKey: key, depositId: deposit.id, userId: id, reason: reason.trim() });
  };
  return (
    <li className="list-row" data-testid="unmatched-deposit">
      <div className="grow">
        <span className="row-title">
          {formatTon(deposit.amount)} · <code>{deposit.comment ?? "—"}</code>
        </span>
        <span className={styles.auditData}>{deposit.sender}</span>
        <form
          className={styles.inlineForm}
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <input className="input" inputMode="numeric" placeholder={t("adminUserId")} value={userId} onChange={(e) => setUserId(e.target.value)} />
          <input className="input" placeholder={t("adminReason")} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="button compact" disabled={assign.isPending}>
            {t("adminAssign")}
          </button>
          {error ? <p className="field-error small">{error}</p> : null}
        </form>
      </div>
    </li>
  );
}

/** Test TON from the local chain's faucet to the platform wallet with a memo (development only). */
export function FaucetSection() {
  const t = useTranslations();
  const trpc = useTRPC();
  const network = useQuery(trpc.wallet.depositInfo.queryOptions(undefined, { staleTime: 5 * 60_000 })).data?.network;
  const [amount, setAmount] = useState("5");
  const [memo, setMemo] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const send = useMutation(
    trpc.admin.devFaucet.mutationOptions({
      onSuccess: (r) => setMessage({ ok: true, text: t("adminFaucetSent", { amount: formatTon(r.amount), memo: r.memo }) }),
      onError: (e) => setMessage({ ok: false, text: errorMessage(e, t) }),
    }),
  );
  if (network !== "testnet") return null; // a faucet only exists on the local chain
  const submit = () => {
    let nano: bigint;
    try {
      nano = parseTon(amount.replace(",", "."));
    } catch {
      return setMessage({ ok: false, text: t("withdrawBadAmount") });
    }
    send.mutate({ amount: nano, ...(memo.trim() ? { memo: memo.trim() } : {}) });
  };
  return (
    <section className="card" aria-labelledby="admin-faucet" data-testid="admin-faucet">
      <h2 id="admin-faucet" className="section-title">
        {t("adminFaucet")}
      </h2>
      <p className="hint small">{t("adminFaucetHint")}</p>
      <form
        className={styles.inlineForm}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <input className="input" inputMode="decimal" aria-label={t("withdrawAmount")} value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="faucet-amount" />
        <input className="input" placeholder={t("adminFaucetMemo")} value={memo} onChange={(e) => setMemo(e.target.value)} data-testid="faucet-memo" />
        <button type="submit" className="button compact" disabled={send.isPending} data-testid="faucet-send">
          {t("adminFaucetSend")}
        </button>
      </form>
      <StatusMessage message={message} />
    </section>
  );
}
