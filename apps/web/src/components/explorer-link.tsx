"use client";

import { useTranslations } from "next-intl";

import { explorerTransactionUrl } from "@/lib/explorer";

/** " · View transaction": a chain transaction on the public explorer, after a row's other details. */
export function ExplorerLink({ network, hash, testId = "explorer-link" }: { network: "mainnet" | "testnet"; hash: string; testId?: string }) {
  const t = useTranslations();
  return (
    <>
      {" · "}
      <a href={explorerTransactionUrl(network, hash)} target="_blank" rel="noreferrer" data-testid={testId}>
        {t("viewTransaction")}
      </a>
    </>
  );
}
