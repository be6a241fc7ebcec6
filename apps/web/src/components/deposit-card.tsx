"use client";

// How to put TON into Gift Market: the platform wallet's address and the user's memo (copy both), a
// ton:// link and its QR code for any wallet, and the connected wallet's own transfer (wallet-connect).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

import { formatTon } from "@gm/api/client";
import { useTRPC } from "@/lib/trpc";

import { ErrorCard } from "./ui";

// While the card is open the balance is polled: a deposit shows without a reload.
const BALANCE_POLL_MS = 5_000;

function CopyRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  const t = useTranslations();
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard?.writeText(value).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  return (
    <div className="field">
      <span className="label">{label}</span>
      <div className="row">
        <code className="grow" data-testid={testId} style={{ overflowWrap: "anywhere" }}>
          {value}
        </code>
        <button type="button" className="button compact secondary" onClick={copy}>
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
    </div>
  );
}

export function DepositCard() {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const info = useQuery(trpc.wallet.depositInfo.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const balance = useQuery(trpc.wallet.balance.queryOptions(undefined, { refetchInterval: BALANCE_POLL_MS }));
  const [qr, setQr] = useState<string | null>(null);

  // A deposit arrived: the history and the portfolio moved too.
  const last = useRef<bigint | undefined>(undefined);
  useEffect(() => {
    const available = balance.data?.available;
    if (available !== undefined && last.current !== undefined && available !== last.current) {
      void queryClient.invalidateQueries({ queryKey: trpc.wallet.history.pathKey() });
    }
    last.current = available;
  }, [balance.data?.available, queryClient, trpc]);

  if (info.isPending) return <div className="card skeleton skeleton-line" aria-busy="true" />;
  if (info.isError) return <ErrorCard error={info.error} onRetry={() => void info.refetch()} />;
  const { address, memo, minDeposit } = info.data;
  const link = `ton://transfer/${address}?text=${encodeURIComponent(memo)}`;
  const showQr = () => void import("qrcode").then((QR) => QR.toDataURL(link, { margin: 1, width: 240 })).then(setQr);

  return (
    <section className="card" aria-labelledby="deposit-title" data-testid="deposit">
      <h2 id="deposit-title" className="section-title">
        {t("deposit")}
      </h2>
      <p className="hint">{t("depositHint")}</p>
      <CopyRow label={t("depositAddress")} value={address} testId="deposit-address" />
      <CopyRow label={t("depositMemo")} value={memo} testId="deposit-memo" />
      <p className="hint small">
        {t("depositMemoWarning")} {t("depositMin", { amount: formatTon(minDeposit) })}
      </p>
      <div className="row">
        <a className="button secondary" href={link} data-testid="deposit-link">
          {t("depositOpenWallet")}
        </a>
        {qr ? null : (
          <button type="button" className="button secondary" onClick={showQr}>
            {t("depositShowQr")}
          </button>
        )}
      </div>
      {qr ? <img src={qr} alt={link} width={240} height={240} data-testid="deposit-qr" /> : null}
    </section>
  );
}
