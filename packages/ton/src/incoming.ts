// What a transaction of the platform wallet means for deposits, following TON's payment guidance: only
// a clean incoming TON transfer is a deposit candidate — an internal inbound message with a source, not
// bounced, whose transaction succeeded and sent nothing back, carrying a text comment (op 0). Everything
// else is ignored with its reason, so an admin can see why a payment was not credited.
import type { Address, Cell, Transaction } from "@ton/core";

export type IgnoredReason =
  | "NOT_INCOMING" // an external message (our own outgoing transfer), or no inbound message
  | "NO_SOURCE"
  | "BOUNCED" // a message of ours that came back
  | "FAILED" // the transaction aborted, or its compute phase failed
  | "SENT_BACK" // the transaction sent something out (a bounce of the incoming value)
  | "NOT_A_TEXT_TRANSFER" // a body with another op code, e.g. a jetton transfer notification
  | "NO_COMMENT";

export interface WalletTransaction {
  /** Logical time and hash (hex): the unique id, and the paging cursor. */
  lt: bigint;
  hash: string;
  utime: number;
  /** The inbound value in nanoTON (0 for an external message). */
  value: bigint;
  source: Address | null;
  /** The text comment of the inbound message, when it has one. */
  comment: string | null;
  /** Null for a deposit candidate; else why it can never be one. */
  ignored: IgnoredReason | null;
}

const JETTON_TRANSFER_NOTIFICATION = 0x7362d09c;

/** The text comment of a body (op 0 followed by UTF-8), "" for an empty body, null for another op. */
export function textComment(body: Cell): { op: number | null; text: string | null } {
  const s = body.beginParse();
  if (s.remainingBits === 0 && s.remainingRefs === 0) return { op: null, text: null };
  if (s.remainingBits < 32) return { op: null, text: null };
  const op = s.loadUint(32);
  if (op !== 0) return { op, text: null };
  try {
    return { op, text: s.loadStringTail() };
  } catch {
    return { op, text: null };
  }
}

export function classify(tx: Transaction): WalletTransaction {
  const base = { lt: tx.lt, hash: tx.hash().toString("hex"), utime: tx.now };
  const msg = tx.inMessage;
  if (!msg || msg.info.type !== "internal") return { ...base, value: 0n, source: null, comment: null, ignored: "NOT_INCOMING" };
  const info = msg.info;
  const value = info.value.coins;
  const { op, text } = textComment(msg.body);
  const out = { ...base, value, source: info.src ?? null, comment: text };
  if (!info.src) return { ...out, ignored: "NO_SOURCE" };
  if (info.bounced) return { ...out, ignored: "BOUNCED" };
  // A contract that ran and failed (or aborted) kept nothing it should. An account with no code yet
  // (compute skipped) still received a non-bounceable value; a bounceable one went back (SENT_BACK).
  const d = tx.description;
  if (d.type === "generic" && d.computePhase.type === "vm" && (!d.computePhase.success || d.aborted)) return { ...out, ignored: "FAILED" };
  if (d.type === "generic" && d.bouncePhase) return { ...out, ignored: "SENT_BACK" };
  if (tx.outMessagesCount > 0) return { ...out, ignored: "SENT_BACK" };
  if (op === JETTON_TRANSFER_NOTIFICATION || (op !== null && op !== 0)) return { ...out, ignored: "NOT_A_TEXT_TRANSFER" };
  if (text === null || text.trim() === "") return { ...out, ignored: "NO_COMMENT" };
  return { ...out, ignored: null };
}
