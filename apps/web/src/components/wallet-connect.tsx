"use client";

// TON Connect, loaded only on the screens that need a wallet (next/dynamic): its UI kit is the largest
// package of the app (~135 KB gzipped), and the market never needs it.
import { TonConnect, TonConnectButton, TonConnectUIProvider } from "@tonconnect/ui-react";
import { useLocale } from "next-intl";

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

/** The wallet button (connect, show, disconnect) with its TON Connect session. */
export default function WalletConnect() {
  // TON Connect's own texts (the button, the wallet list) in the user's language: it speaks both of ours.
  const language = useLocale();
  return (
    <TonConnectUIProvider connector={sharedConnector()} analytics={{ mode: "off" }} language={language}>
      <TonConnectButton />
    </TonConnectUIProvider>
  );
}
