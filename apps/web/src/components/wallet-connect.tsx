"use client";

// TON Connect, loaded only on the screens that need a wallet (next/dynamic): its UI kit is the largest
// package of the app (~135 KB gzipped), and the market never needs it. Connecting runs ton_proof: the
// server issues a payload, the wallet signs it, the server checks the proof and stores the address.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { beginCell } from "@ton/core";
import { TonConnect, TonConnectButton, TonConnectUIProvider, useTonConnectUI, useTonWallet } from "@tonconnect/ui-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { formatTon, parseTon } from "@gm/api/client";
import { errorMessage } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

let connector: TonConnect | undefined;
/** One connector per page load: remounting the wallet area must not start a second session. */
function sharedConnector(): TonConnect {
  connector ??= new TonConnect({
    manifestUrl: `${window.location.origin}/tonconnect-manifest.json`,
    // Served by the app itself: no request to config.ton.org on page load.
    walletsListSource: `${window.location.origin}/tonconnect-wallets.json`,
    analytics: { mode: "off" },
  });
  return connector;
}

// A payload lives TON_PROOF_MAX_AGE_SECONDS (15 min by default): fetch a fresh one well before.
const PAYLOAD_REFRESH_MS = 5 * 60_000;

/** The ton_proof flow: a fresh payload for the connect request, and the proof sent to the server. */
function ProofFlow({ onError }: { onError(message: string | null): void }) {
  const t = useTranslations();
  const [tonConnectUI] = useTonConnectUI();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const payload = useQuery({ ...trpc.auth.tonProofPayload.queryOptions(), staleTime: 0, refetchInterval: PAYLOAD_REFRESH_MS });
  const connect = useMutation(trpc.auth.connectWallet.mutationOptions());
  const disconnect = useMutation(trpc.auth.disconnectWallet.mutationOptions());

  useEffect(() => {
    tonConnectUI.setConnectRequestParameters(payload.data ? { state: "ready", value: { tonProof: payload.data.payload } } : { state: "loading" });
  }, [tonConnectUI, payload.data]);

  useEffect(() => {
    // Only a disconnect seen here (the user pressed it) removes the wallet on the server: a device
    // without a TON Connect session (a new phone) must not undo a proof made elsewhere.
    let connected = false;
    return tonConnectUI.onStatusChange((wallet) => {
      const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
      if (!wallet) {
        if (connected) disconnect.mutate(undefined, { onSuccess: refresh });
        connected = false;
        return;
      }
      connected = true;
      const item = wallet.connectItems?.tonProof;
      if (!item || !("proof" in item) || !wallet.account.walletStateInit) return; // restored session: already proven
      onError(null);
      connect.mutate(
        { address: wallet.account.address, network: wallet.account.chain as "-3" | "-239", publicKey: wallet.account.publicKey, proof: { ...item.proof, stateInit: wallet.account.walletStateInit } },
        {
          onSuccess: refresh,
          onError: (error) => {
            onError(errorMessage(error, t));
            connected = false; // not ours to remove on the server: it was never accepted
            void tonConnectUI.disconnect(); // a wallet the server did not accept is not shown as connected
          },
          onSettled: () => void payload.refetch(), // a payload proves once
        },
      );
    });
    // Subscribed once per mount: `mutate` and `refetch` are stable across renders.
  }, [tonConnectUI]);
  return connect.isPending ? <p className="hint small">{t("walletProving")}</p> : null;
}

/** A deposit from the connected wallet: the platform address, the memo as a text comment, the amount. */
function DepositWithWallet() {
  const t = useTranslations();
  const trpc = useTRPC();
  const [tonConnectUI] = useTonConnectUI();
  const wallet = useTonWallet();
  const info = useQuery(trpc.wallet.depositInfo.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const [amount, setAmount] = useState("5");
  const [state, setState] = useState<{ sent?: boolean; error?: string }>({});
  if (!wallet || !info.data) return null;
  const { address, memo, minDeposit } = info.data;
  const send = async () => {
    let nano: bigint;
    try {
      nano = parseTon(amount);
    } catch {
      return setState({ error: t("invalidPrice") });
    }
    if (nano < minDeposit) return setState({ error: t("depositMin", { amount: formatTon(minDeposit) }) });
    const payload = beginCell().storeUint(0, 32).storeStringTail(memo).endCell().toBoc().toString("base64");
    try {
      await tonConnectUI.sendTransaction({ validUntil: Math.floor(Date.now() / 1000) + 300, messages: [{ address, amount: nano.toString(), payload }] });
      setState({ sent: true });
    } catch {
      setState({}); // the user declined in the wallet: nothing to say
    }
  };
  return (
    <div className="field">
      <span className="label">{t("depositWithWallet")}</span>
      <div className="row">
        <input className="input" inputMode="decimal" aria-label={t("depositAmount")} value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="deposit-amount" />
        <button type="button" className="button compact" onClick={() => void send()} data-testid="deposit-send">
          {t("deposit")}
        </button>
      </div>
      {state.sent ? <p className="hint small">{t("depositSent")}</p> : null}
      {state.error ? <p className="field-error">{state.error}</p> : null}
    </div>
  );
}

/** The wallet button (connect, show, disconnect) with its TON Connect session. */
export default function WalletConnect({ proven }: { proven: boolean }) {
  // TON Connect's own texts (the button, the wallet list) in the user's language: it speaks both of ours.
  const language = useLocale();
  const t = useTranslations();
  const [error, setError] = useState<string | null>(null);
  return (
    <TonConnectUIProvider connector={sharedConnector()} analytics={{ mode: "off" }} language={language}>
      <TonConnectButton />
      <ProofFlow onError={setError} />
      <DepositWithWallet />
      {proven ? (
        <p className="hint small" data-testid="wallet-proven">
          ✓ {t("walletProven")}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert" data-testid="wallet-error">
          {error}
        </p>
      ) : null}
    </TonConnectUIProvider>
  );
}
