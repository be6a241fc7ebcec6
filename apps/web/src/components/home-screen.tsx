"use client";

import { useQuery } from "@tanstack/react-query";
import { TonConnectButton } from "@tonconnect/ui-react";

import { errorMessageKey } from "@/lib/errors";
import { formatTon } from "@gm/api/client";
import { type Messages, localeFor, messages } from "@/lib/i18n";
import { useTRPC } from "@/lib/trpc";

export function HomeScreen() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const balance = useQuery(trpc.wallet.balance.queryOptions());
  const t = messages(localeFor(me.data?.languageCode));

  if (me.isPending) {
    return (
      <main className="screen" aria-busy="true">
        <div className="skeleton skeleton-title" />
        <div className="card">
          <div className="skeleton skeleton-line" />
          <div className="skeleton skeleton-amount" />
        </div>
        <p className="hint center-text">{t.loading}</p>
      </main>
    );
  }

  if (me.isError) {
    return (
      <main className="screen center">
        <ErrorCard t={t} error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }

  const user = me.data;
  return (
    <main className="screen">
      <header className="header">
        {user.photoUrl ? (
          <img className="avatar" src={user.photoUrl} alt="" width={48} height={48} />
        ) : (
          <div className="avatar avatar-letter" aria-hidden="true">
            {user.firstName.slice(0, 1).toUpperCase()}
          </div>
        )}
        <div>
          <h1 className="title">
            {t.greeting} <span data-testid="user-name">{user.firstName}</span>
          </h1>
          <p className="hint">{t.subtitle}</p>
        </div>
      </header>

      <section className="card" aria-labelledby="balance-title">
        <h2 id="balance-title" className="section-title">
          {t.balanceTitle}
        </h2>
        {balance.isPending ? (
          <div aria-busy="true">
            <div className="skeleton skeleton-amount" />
            <p className="hint">{t.loading}</p>
          </div>
        ) : balance.isError ? (
          <ErrorCard t={t} error={balance.error} onRetry={() => void balance.refetch()} inline />
        ) : (
          <>
            <p className="label">{t.available}</p>
            <p className="amount" data-testid="balance-available">
              {formatTon(balance.data.available)}
            </p>
            <div className="row">
              <span className="hint">{t.locked}</span>
              <span className="amount-small" data-testid="balance-locked">
                {formatTon(balance.data.locked)}
              </span>
            </div>
            {balance.data.available === 0n && balance.data.locked === 0n ? (
              <p className="hint empty" data-testid="balance-empty">
                {t.emptyBalance}
              </p>
            ) : null}
          </>
        )}
      </section>

      <section className="card" aria-labelledby="wallet-title">
        <h2 id="wallet-title" className="section-title">
          {t.wallet}
        </h2>
        <p className="hint">{t.walletHint}</p>
        <div className="wallet-button">
          <TonConnectButton />
        </div>
      </section>
    </main>
  );
}

function ErrorCard({
  t,
  error,
  onRetry,
  inline = false,
}: {
  t: Messages;
  error: unknown;
  onRetry: () => void;
  inline?: boolean;
}) {
  return (
    <div className={inline ? "notice" : "card notice"} role="alert" data-testid="error-state">
      {inline ? null : <h1 className="title">{t.errorTitle}</h1>}
      <p className="hint">{t[errorMessageKey(error)]}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t.retry}
      </button>
    </div>
  );
}
