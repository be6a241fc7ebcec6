// Withdrawals on chain: one signed W5 transfer carries up to 255 of them (one internal message each), and
// its outcome is read back from the chain — never assumed from the send. See docs/money.md, "Withdrawals".
import { Address, beginCell, external, internal, SendMode, storeMessage, type Transaction } from "@ton/core";
import { textComment } from "./incoming";
import type { PlatformWallet } from "./platform-wallet";

/** W5 (wallet v5r1) takes at most 255 actions in one transfer. */
export const MAX_TRANSFERS_PER_BATCH = 255;

export interface OutgoingTransfer {
  to: Address;
  value: bigint;
  bounce: boolean;
  /** A text comment the recipient's wallet shows (it names the withdrawal, which also identifies a bounce). */
  comment: string;
}

export interface SignedTransfer {
  /** The external message, BoC base64: persisted before it is sent, resent as is. */
  boc: string;
  /** The signed body's hash (hex): how its transaction is found on chain. */
  bodyHash: string;
}

/**
 * Signs the platform wallet's transfer of `transfers` under `seqno`, valid until `validUntil` (unix
 * seconds): after that the wallet refuses it, so an unsent or lost message can be replaced safely once the
 * seqno shows it never ran. Pay-gas-separately without ignore-errors: the transfer sends all or nothing.
 */
export function signTransfer(wallet: PlatformWallet, opts: { seqno: number; validUntil: number; deploy: boolean; transfers: OutgoingTransfer[] }): SignedTransfer {
  if (opts.transfers.length === 0 || opts.transfers.length > MAX_TRANSFERS_PER_BATCH) throw new Error(`a transfer carries 1 to ${MAX_TRANSFERS_PER_BATCH} messages`);
  const body = wallet.contract.createTransfer({
    seqno: opts.seqno,
    secretKey: wallet.keys.secretKey,
    timeout: opts.validUntil,
    sendMode: SendMode.PAY_GAS_SEPARATELY,
    messages: opts.transfers.map((t) => internal({ to: t.to, value: t.value, bounce: t.bounce, body: t.comment })),
  });
  const message = external({ to: wallet.address, init: opts.deploy ? wallet.contract.init : undefined, body });
  return { boc: beginCell().store(storeMessage(message)).endCell().toBoc().toString("base64"), bodyHash: body.hash().toString("hex") };
}

export interface SentMessage {
  to: Address;
  value: bigint;
  createdLt: bigint;
  comment: string | null;
}

export type TransferOutcome =
  | { sent: true; txHash: string; lt: bigint; messages: SentMessage[] }
  | { sent: false; txHash: string; lt: bigint; error: string };

/** What the platform wallet's transaction for a signed transfer did: sent its messages, or nothing. */
export function transferOutcome(tx: Transaction): TransferOutcome {
  const base = { txHash: tx.hash().toString("hex"), lt: tx.lt };
  const d = tx.description;
  if (d.type !== "generic") return { ...base, sent: false, error: `unexpected ${d.type} transaction` };
  if (d.aborted || d.computePhase.type !== "vm" || !d.computePhase.success) return { ...base, sent: false, error: "the wallet's code refused the transfer" };
  if (!d.actionPhase?.success) {
    // Result code 37: not enough TON for the messages.
    const code = d.actionPhase?.resultCode;
    return { ...base, sent: false, error: code === 37 ? "the platform wallet's balance is too low for this transfer" : `the wallet's action phase failed (code ${code})` };
  }
  const messages: SentMessage[] = [];
  for (const m of tx.outMessages.values()) {
    if (m.info.type !== "internal") continue;
    messages.push({ to: m.info.dest, value: m.info.value.coins, createdLt: m.info.createdLt, comment: textComment(m.body).text });
  }
  return { ...base, sent: true, messages };
}

/** Whether the destination kept the value (delivered) or sent it back (bounced). */
export function deliveryOf(tx: Transaction): { delivered: boolean; txHash: string } {
  const d = tx.description;
  // Only a bounce that carried the value back counts: with "no-funds" the value stayed at the destination.
  const bounced = d.type === "generic" && d.bouncePhase?.type === "ok";
  return { delivered: !bounced, txHash: tx.hash().toString("hex") };
}
