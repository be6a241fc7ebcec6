"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";

import { formatTon, parseBigintId } from "@gm/api/client";
import { errorMessage } from "@/lib/errors";
import { newIdempotencyKey } from "@/lib/idempotency";
import { useTRPC } from "@/lib/trpc";

import { EmptyState, ErrorCard } from "../ui";
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
