"use client";

import { useTranslations } from "next-intl";
import { useQuery } from "@tanstack/react-query";

import { useTRPC } from "@/lib/trpc";

import { ErrorCard, ListSkeleton } from "../ui";
import { AuditSection } from "./audit-section";
import { CreditSection } from "./credit-section";
import { DepositsSection, FaucetSection } from "./deposits-section";
import { FeeSection } from "./fee-section";
import { OperationsSection } from "./operations-section";
import { PresaleSection } from "./presale-section";
import { UsersSection } from "./users-section";
import { WithdrawalLimitsSection, WithdrawalsSection } from "./withdrawals-section";

/** The admin page. Shown only to admins; the server re-checks the role on every call anyway. */
export function AdminScreen() {
  const t = useTranslations();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());

  if (me.isPending) {
    return (
      <main className="screen wide" aria-busy="true">
        <div className="skeleton skeleton-title" />
        <ListSkeleton />
      </main>
    );
  }
  if (me.isError) {
    return (
      <main className="screen center">
        <ErrorCard error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data.isAdmin) {
    return (
      <main className="screen center">
        <section className="card notice" data-testid="admin-only">
          <div className="empty-icon" aria-hidden="true">
            🔒
          </div>
          <h1 className="title">{t("adminOnly")}</h1>
          <p className="hint">{t("adminOnlyHint")}</p>
        </section>
      </main>
    );
  }
  return (
    <main className="screen wide" data-testid="admin">
      <h1 className="title">{t("adminTitle")}</h1>
      <OperationsSection />
      <UsersSection selfId={me.data.id} />
      <CreditSection />
      <PresaleSection />
      <DepositsSection />
      <FaucetSection />
      <WithdrawalsSection />
      <FeeSection />
      <WithdrawalLimitsSection />
      <AuditSection />
    </main>
  );
}
