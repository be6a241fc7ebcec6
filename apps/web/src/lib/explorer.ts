/** A transaction on the public explorer (tonviewer), by network. */
export function explorerTransactionUrl(network: "mainnet" | "testnet", hashHex: string): string {
  return `https://${network === "testnet" ? "testnet." : ""}tonviewer.com/transaction/${hashHex}`;
}

/** The chain transaction a ledger memo names (`tx <64 hex>`, as deposits write it), if any. */
export function transactionOfMemo(memo: string | null): string | null {
  return /^tx ([0-9a-f]{64})$/.exec(memo ?? "")?.[1] ?? null;
}
