"use client";

import type { PlainKey } from "@/i18n/messages";
import { useLocale, useTranslations } from "next-intl";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";

import { formatTon } from "@gm/api/client";
import { useMarketSearchInfinite } from "@/lib/market-api";
import { useTRPC } from "@/lib/trpc";
import { transactionOfMemo } from "@/lib/explorer";
import { formatDate } from "@/lib/format";

import { DepositCard } from "./deposit-card";
import { ExplorerLink } from "./explorer-link";
import { ProfileOffers } from "./profile-offers";
import { WithdrawCard } from "./withdraw-card";
import { LanguageSwitch } from "./language-switch";
import { NftCard } from "./nft-card";
import { PortfolioCard } from "./portfolio-card";
import { EmptyState, ErrorCard, GridSkeleton, ListSkeleton, LoadMoreSentinel, Tabs } from "./ui";
import styles from "./profile-screen.module.css";

type ProfileTab = "inventory" | "history" | "offers";

// TON Connect's UI kit only loads where the wallet is shown (see wallet-connect.tsx).
const WalletConnect = dynamic(() => import("./wallet-connect"), { ssr: false, loading: () => <div className="skeleton skeleton-line" aria-hidden="true" /> });

export function ProfileScreen() {
  const t = useTranslations();
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const balance = useQuery(trpc.wallet.balance.queryOptions());
  const [tab, setTab] = useState<ProfileTab>("inventory");

  if (me.isPending) {
    return (
      <main className="screen" aria-busy="true">
        <div className="skeleton skeleton-title" />
        <div className="card">
          <div className="skeleton skeleton-line" />
          <div className="skeleton skeleton-amount" />
        </div>
        <p className="hint center-text">{t("loading")}</p>
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
        <div className="grow">
          <h1 className="title" data-testid="profile-name">
            {user.firstName}
          </h1>
          <p className="hint">{user.username ? `@${user.username}` : t("profileTitle")}</p>
        </div>
        {user.isAdmin ? (
          <Link href="/admin" className="chip" data-testid="admin-link">
            🛠 {t("tabAdmin")}
          </Link>
        ) : null}
      </header>

      <section className="card" aria-labelledby="balance-title">
        <h2 id="balance-title" className="section-title">
          {t("balanceTitle")}
        </h2>
        {balance.isPending ? (
          <div aria-busy="true">
            <div className="skeleton skeleton-amount" />
          </div>
        ) : balance.isError ? (
          <ErrorCard error={balance.error} onRetry={() => void balance.refetch()} inline />
        ) : (
          <>
            <p className="label">{t("available")}</p>
            <p className="amount" data-testid="balance-available">
              {formatTon(balance.data.available)}
            </p>
            <div className="row">
              <span className="hint">{t("locked")}</span>
              <span className="amount-small" data-testid="balance-locked">
                {formatTon(balance.data.locked)}
              </span>
            </div>
            {balance.data.available === 0n && balance.data.locked === 0n ? (
              <p className={`hint ${styles.empty}`} data-testid="balance-empty">
                {t("emptyBalance")}
              </p>
            ) : null}
          </>
        )}
        <div className={styles.walletButton}>
          <WalletConnect proven={user.tonAddress !== null} />
        </div>
      </section>

      <DepositCard />

      <WithdrawCard />

      <PortfolioCard />

      <LanguageSwitch />

      <Tabs value={tab} onChange={setTab} items={[{ key: "inventory", label: t("inventory") }, { key: "history", label: t("history") }, { key: "offers", label: t("offersTab") }]} />
      {tab === "inventory" ? <Inventory ownerId={user.id} /> : tab === "history" ? <History /> : <ProfileOffers />}
    </main>
  );
}

function Inventory({ ownerId }: { ownerId: bigint }) {
  const t = useTranslations();
  const inventory = useMarketSearchInfinite({ ownerId, listedOnly: false, sort: "number_asc", limit: 24 });
  if (inventory.isPending) return <GridSkeleton count={4} />;
  if (inventory.isError) return <ErrorCard error={inventory.error} onRetry={() => void inventory.refetch()} />;
  const items = inventory.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <EmptyState title={t("inventoryEmpty")} testId="inventory-empty">
        <Link href="/" className="button">
          {t("tabMarket")}
        </Link>
      </EmptyState>
    );
  }
  return (
    <>
      <div className="grid" data-testid="inventory">
        {items.map((item) => (
          <NftCard key={item.id.toString()} item={item} testId="inventory-item" showStatus />
        ))}
      </div>
      <LoadMoreSentinel enabled={inventory.hasNextPage} loading={inventory.isFetchingNextPage} onVisible={() => void inventory.fetchNextPage()} loadingText={t("loadingMore")} />
    </>
  );
}

const KIND_KEYS: Record<string, PlainKey> = {
  DEPOSIT: "kindDeposit",
  ADJUSTMENT: "kindAdjustment",
  TRANSFER: "kindTransfer",
  HOLD: "kindHold",
  RELEASE: "kindRelease",
  PURCHASE: "kindPurchase",
  OFFER_ACCEPT: "kindOfferAccept",
  COLLECTION_OFFER_FILL: "kindCollectionOfferFill",
  AUCTION_SETTLE: "kindAuctionSettle",
  PRESALE_SETTLE: "kindPresaleSettle",
  PRESALE_REFUND: "kindPresaleRefund",
  WITHDRAWAL_REQUEST: "kindWithdrawalRequest",
  WITHDRAWAL_SEND: "kindWithdrawalSend",
  WITHDRAWAL_CONFIRM: "kindWithdrawalConfirm",
  WITHDRAWAL_REFUND: "kindWithdrawalRefund",
};

function History() {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const history = useInfiniteQuery(trpc.wallet.history.infiniteQueryOptions({ limit: 20 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }));
  const network = useQuery(trpc.wallet.depositInfo.queryOptions(undefined, { staleTime: 5 * 60_000 })).data?.network;
  if (history.isPending) return <ListSkeleton />;
  if (history.isError) return <ErrorCard error={history.error} onRetry={() => void history.refetch()} />;
  const items = history.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title={t("historyEmpty")} testId="history-empty" />;
  return (
    <>
      <ul className="card list" data-testid="history">
        {items.map((row) => {
          // One PURCHASE movement debits the buyer and credits the seller: the sign says which this row is.
          const title = row.kind === "PURCHASE" && row.amount > 0n ? t("kindSale") : t(KIND_KEYS[row.kind] ?? "kindOther");
          const chainTx = transactionOfMemo(row.memo);
          return (
            <li key={row.id.toString()} className="list-row" data-testid="history-row">
              <span>
                <span className="row-title">{title}</span>
                <span className="hint small">
                  {formatDate(row.createdAt, locale)}
                  {row.account === "USER_LOCKED" ? ` · ${t("fromLocked")}` : ""}
                  {row.memo && !chainTx ? ` · ${row.memo}` : ""}
                  {chainTx && network ? <ExplorerLink network={network} hash={chainTx} /> : null}
                </span>
              </span>
              <span className={row.amount >= 0n ? "amount-small positive" : "amount-small negative"}>
                {row.amount > 0n ? "+" : ""}
                {formatTon(row.amount)}
              </span>
            </li>
          );
        })}
      </ul>
      <LoadMoreSentinel enabled={history.hasNextPage} loading={history.isFetchingNextPage} onVisible={() => void history.fetchNextPage()} loadingText={t("loadingMore")} />
    </>
  );
}
