// Sends withdrawals from the platform wallet, exactly once (docs/money.md, "Withdrawals"). One run, under
// the task's lock (one sender across instances):
//  1. An open signed transfer comes first: its outcome is looked for on chain (the wallet's transaction
//     started by that very body) before anything else is signed. Landed → settled; never ran and its
//     validity is over with the wallet's seqno unchanged → it can never run, the withdrawals wait again;
//     otherwise the same signed message is sent again (a resend of the same seqno cannot run twice).
//  2. With none open, up to 255 due withdrawals that the wallet's balance covers are signed into one W5
//     transfer, persisted with the withdrawals it carries, and only then sent.
//  3. Sent withdrawals are looked up at their destination: delivered, or bounced and refunded.
// A crash between any two steps leaves a state the next run (on any instance) resumes from.
import { Address, Cell } from "@ton/core";
import {
  dueWithdrawals, executeCommand, noteWithdrawalSend, openWithdrawalBatch, recordWithdrawalBatch, recordWithdrawalDelivery, settleWithdrawalBatch,
  withdrawalsInFlight, type CoreRuntime,
} from "@gm/core";
import { deliveryOf, MAX_TRANSFERS_PER_BATCH, signTransfer, transferOutcome, type PlatformWallet, type TonGateway } from "@gm/ton";
import type { Logger } from "@gm/observability/logger";
import type { TaskFn } from "../task-manager";

export const TON_WITHDRAWALS = { name: "ton-withdrawals" } as const;
const SYSTEM = { userId: 0n, isAdmin: false, requestId: "ton-withdrawals" };
/** What the wallet keeps for the transfer's own fees: pay-gas-separately takes them on top of the values. */
const FEE_RESERVE = 50_000_000n; // 0.05 TON
const FEE_PER_MESSAGE = 10_000_000n; // 0.01 TON

export interface TonWithdrawalsOptions {
  core: CoreRuntime;
  gateway: TonGateway;
  wallet: PlatformWallet;
  logger: Logger;
  /** How long a signed transfer is valid; after it (and `expiryMarginSeconds`) an unsent one is replaced. */
  validForSeconds?: number;
  /** How far past its validity a transfer must be before the wallet's seqno is trusted to say it never ran. */
  expiryMarginSeconds?: number;
  now?: () => Date;
}

const commentFor = (id: bigint) => `Withdrawal #${id} from Gift Market`;
const idOfComment = (comment: string | null) => {
  const m = comment && /^Withdrawal #(\d+) from Gift Market$/.exec(comment);
  return m ? BigInt(m[1]!) : null;
};

export function tonWithdrawalsTask(opts: TonWithdrawalsOptions): TaskFn {
  const { core, gateway, wallet, logger } = opts;
  const raw = wallet.address.toRawString();
  const now = opts.now ?? (() => new Date());
  const validFor = opts.validForSeconds ?? 60;
  const margin = opts.expiryMarginSeconds ?? 30;

  async function seqnoNow(): Promise<{ seqno: number; deployed: boolean; balance: bigint; lastLt: bigint }> {
    const state = await gateway.walletState(wallet.address);
    const deployed = state.state === "active";
    const seqno = deployed ? Number(await gateway.getNumber(wallet.address, "seqno")) : 0;
    return { seqno, deployed, balance: state.balance, lastLt: state.lastLt ?? 0n };
  }

  type OpenBatch = NonNullable<Awaited<ReturnType<typeof openWithdrawalBatch>>>;

  /** Settles the open transfer if its transaction is on chain; true when it was. */
  async function settleIfLanded(open: Pick<OpenBatch, "id" | "afterLt" | "bodyHash" | "withdrawals">): Promise<boolean> {
    const found = await gateway.findExternal(wallet.address, open.afterLt, open.bodyHash);
    if (!found) return false;
    const outcome = transferOutcome(found);
    if (!outcome.sent) {
      logger.error({ batchId: open.id, tx: outcome.txHash, error: outcome.error, withdrawals: open.withdrawals.length }, "withdrawal transfer failed on chain: its withdrawals wait again");
      await executeCommand(settleWithdrawalBatch, core, SYSTEM, { outcome: "FAILED", batchId: open.id, txHash: outcome.txHash, txLt: outcome.lt, error: outcome.error }, TON_WITHDRAWALS.name);
      return true;
    }
    const messages = outcome.messages.flatMap((m) => {
      const withdrawalId = idOfComment(m.comment);
      return withdrawalId === null ? [] : [{ withdrawalId, createdLt: m.createdLt }];
    });
    const { withdrawals } = await executeCommand(
      settleWithdrawalBatch, core, SYSTEM, { outcome: "LANDED", batchId: open.id, txHash: outcome.txHash, txLt: outcome.lt, messages }, TON_WITHDRAWALS.name,
    );
    logger.info({ batchId: open.id, tx: outcome.txHash, withdrawals }, "withdrawal transfer landed");
    return true;
  }

  /** Settles the open transfer when its outcome is known, else sends it again; true when nothing is open any more. */
  async function reconcile(open: OpenBatch): Promise<boolean> {
    // The seqno before the search: if it still equals ours after the validity ran out, the transfer
    // can never run, whatever the search missed.
    const before = await seqnoNow();
    if (await settleIfLanded(open)) return true;
    const expired = now().getTime() > open.validUntil.getTime() + margin * 1000;
    if (before.seqno === open.seqno && expired) {
      await executeCommand(settleWithdrawalBatch, core, SYSTEM, { outcome: "EXPIRED", batchId: open.id, error: "the transfer expired before it was sent" }, TON_WITHDRAWALS.name);
      logger.warn({ batchId: open.id, seqno: open.seqno, sends: open.sends }, "withdrawal transfer expired unsent: its withdrawals wait again");
      return true;
    }
    if (before.seqno > open.seqno) {
      // The seqno moved on without our transfer in sight: the indexer may lag; if it persists, something
      // else spent this seqno with the hot wallet's key, and an admin must look (nothing is resent).
      logger.error({ batchId: open.id, seqno: open.seqno, walletSeqno: before.seqno }, "the platform wallet's seqno moved past an open withdrawal transfer that is not found on chain");
      await noteWithdrawalSend(core.database, open.id, { sent: false, error: `seqno ${before.seqno} is past this transfer's ${open.seqno} but its transaction is not found` });
      return false;
    }
    if (expired) return false; // past validity by the clock, not yet by the seqno: wait, never resend
    // Same seqno, still valid: the very same signed message again (it can run once at most).
    await send(open.id, open.boc);
    return settleIfLanded(open);
  }

  async function send(batchId: bigint, boc: string): Promise<void> {
    try {
      await gateway.sendExternal(Cell.fromBase64(boc));
      await noteWithdrawalSend(core.database, batchId, { sent: true, error: null });
    } catch (error) {
      // Unknown outcome: it may have arrived. The next run looks for it before doing anything else.
      const message = error instanceof Error ? error.message : String(error);
      await noteWithdrawalSend(core.database, batchId, { sent: true, error: message.slice(0, 500) });
      logger.warn({ batchId, err: error }, "sending the withdrawal transfer failed: its outcome is looked for on chain before anything is resent");
    }
  }

  /** Signs, persists and sends a new transfer; what it needs to be found on chain, or null when nothing was due. */
  async function startBatch(): Promise<Parameters<typeof settleIfLanded>[0] | null> {
    const due = await dueWithdrawals(core.database, now(), MAX_TRANSFERS_PER_BATCH);
    if (due.length === 0) return null;
    const wallet_ = await seqnoNow();
    // As many as the hot wallet's balance covers, oldest first; the rest wait for it to be topped up.
    let left = wallet_.balance - FEE_RESERVE;
    const chosen = [];
    for (const w of due) {
      if (w.amount + FEE_PER_MESSAGE > left) break;
      left -= w.amount + FEE_PER_MESSAGE;
      chosen.push(w);
    }
    if (chosen.length === 0) {
      logger.error({ balance: wallet_.balance.toString(), waiting: due.length, oldest: due[0]!.id }, "the platform wallet's balance does not cover the next withdrawal: top it up");
      return null;
    }
    const validUntil = new Date((Math.floor(now().getTime() / 1000) + validFor) * 1000);
    const signed = signTransfer(wallet, {
      seqno: wallet_.seqno,
      validUntil: validUntil.getTime() / 1000,
      deploy: !wallet_.deployed,
      transfers: chosen.map((w) => ({ to: Address.parse(w.destination), value: w.amount, bounce: w.bounce, comment: commentFor(w.id) })),
    });
    // Persisted before it is sent: after a crash the next run finds it and looks for it on chain.
    const { batchId } = await executeCommand(
      recordWithdrawalBatch, core, SYSTEM,
      { wallet: raw, seqno: wallet_.seqno, validUntil, afterLt: wallet_.lastLt, bodyHash: signed.bodyHash, boc: signed.boc, withdrawalIds: chosen.map((w) => w.id) },
      TON_WITHDRAWALS.name,
    );
    for (const w of chosen) logger.info({ withdrawalId: w.id, batchId, originRequestId: w.requestId, amount: w.amount.toString(), to: w.destination }, "withdrawal signed into a transfer");
    await send(batchId, signed.boc);
    return { id: batchId, afterLt: wallet_.lastLt, bodyHash: signed.bodyHash, withdrawals: chosen.map((w) => w.id) };
  }

  async function deliveries(signal: AbortSignal): Promise<void> {
    for (const w of await withdrawalsInFlight(core.database, 100)) {
      if (signal.aborted) return;
      const tx = await gateway.messageResult(Address.parse(w.destination), wallet.address, w.messageLt);
      if (!tx) continue;
      const { delivered, txHash } = deliveryOf(tx);
      const { recorded } = await executeCommand(recordWithdrawalDelivery, core, SYSTEM, { withdrawalId: w.id, delivered, resultTxHash: txHash }, TON_WITHDRAWALS.name);
      if (recorded) {
        const fields = { withdrawalId: w.id, originRequestId: w.requestId, tx: txHash };
        if (delivered) logger.info(fields, "withdrawal confirmed");
        else logger.warn(fields, "withdrawal bounced: refunded to the user");
      }
    }
  }

  return async (signal) => {
    const open = await openWithdrawalBatch(core.database, raw);
    if (open && !(await reconcile(open))) {
      await deliveries(signal);
      return;
    }
    const started = signal.aborted ? null : await startBatch();
    // The local chain (and a fast network) runs it at once: settle it in the same run when it has.
    if (started) await settleIfLanded(started);
    await deliveries(signal);
  };
}
