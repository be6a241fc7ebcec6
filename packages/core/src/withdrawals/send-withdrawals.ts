// The sender's side of withdrawals (the worker's ton-withdrawals task; docs/money.md, "Withdrawals").
// A signed transfer is persisted with the withdrawals it carries *before* it is sent; its outcome is then
// read from the chain and settled here once (every change guarded by the state it leaves):
//   landed  → each withdrawal SENT, its hold moved to withdrawals in flight (WITHDRAWAL_SEND)
//   failed or expired → the withdrawals wait again, nothing moved
//   the destination's transaction → CONFIRMED (in flight → the outside world and the fee to the platform)
//                                   or bounced: FAILED, amount and fee back to the user (WITHDRAWAL_REFUND)
import { countOnCommit } from "../common/business";
import { z } from "zod";
import type { Database } from "@gm/db";
import { conflict } from "../common/errors";
import { command } from "../common/use-case";
import { postMovement } from "../ledger/ledger-service";
import { withdrawalRepository } from "./withdrawal-repository";

const hash = z.string().regex(/^[0-9a-f]{64}$/);

/** The open signed transfer of `wallet` (raw form), with the ids it carries, or null. */
export const openWithdrawalBatch = (database: Database, wallet: string) => withdrawalRepository.openBatch(database.prisma, wallet);
/** Withdrawals waiting for a transfer whose turn has come. */
export const dueWithdrawals = (database: Database, now: Date, limit: number) => withdrawalRepository.due(database.prisma, now, limit);
/** Withdrawals sent and not yet seen at their destination. */
export const withdrawalsInFlight = (database: Database, limit: number) => withdrawalRepository.inFlight(database.prisma, limit);
/** Counts a send of the open transfer (and its error), or notes a problem with it. */
export const noteWithdrawalSend = (database: Database, batchId: bigint, note: { sent: boolean; error: string | null }) =>
  withdrawalRepository.noteSend(database.prisma, batchId, note);

export const recordWithdrawalBatch = command({
  input: z.object({
    wallet: z.string().min(1).max(100),
    seqno: z.number().int().nonnegative(),
    validUntil: z.date(),
    afterLt: z.bigint().nonnegative(),
    bodyHash: hash,
    boc: z.string().min(1),
    withdrawalIds: z.array(z.bigint()).min(1).max(255),
  }),
  output: z.object({ batchId: z.bigint() }),
  async run({ uow }, input) {
    const batchId = await withdrawalRepository.insertBatch(uow.tx, input);
    if (batchId === null) throw conflict("Another signed transfer of the platform wallet is still open.");
    const claimed = await withdrawalRepository.claimForBatch(uow.tx, batchId, input.withdrawalIds);
    // Someone else took one of them (another instance): this transfer must not exist at all.
    if (claimed !== input.withdrawalIds.length) throw conflict("A withdrawal of this transfer is no longer waiting.");
    uow.commit();
    return { batchId };
  },
});

export const settleWithdrawalBatch = command({
  input: z.discriminatedUnion("outcome", [
    z.object({
      outcome: z.literal("LANDED"),
      batchId: z.bigint(),
      txHash: hash,
      txLt: z.bigint(),
      /** Each withdrawal's message: its logical time finds the destination's transaction. */
      messages: z.array(z.object({ withdrawalId: z.bigint(), createdLt: z.bigint() })).max(255),
    }),
    z.object({ outcome: z.literal("FAILED"), batchId: z.bigint(), txHash: hash, txLt: z.bigint(), error: z.string().max(1000) }),
    z.object({ outcome: z.literal("EXPIRED"), batchId: z.bigint(), error: z.string().max(1000) }),
  ]),
  output: z.object({ settled: z.boolean(), withdrawals: z.number() }),
  async run({ uow }, input) {
    const tx = uow.tx;
    const chainTx = input.outcome === "EXPIRED" ? null : { hash: input.txHash, lt: input.txLt };
    if (!(await withdrawalRepository.closeBatch(tx, input.batchId, input.outcome, chainTx, input.outcome === "LANDED" ? null : input.error))) {
      uow.commit(); // settled already (another instance): nothing to do
      return { settled: false, withdrawals: 0 };
    }
    if (input.outcome !== "LANDED") {
      const n = await withdrawalRepository.requeue(tx, input.batchId, input.outcome === "FAILED", input.error);
      uow.commit();
      return { settled: true, withdrawals: n };
    }
    const sent: bigint[] = [];
    for (const m of input.messages) {
      const w = await withdrawalRepository.markSent(tx, m.withdrawalId, input.batchId, input.txHash, m.createdLt);
      if (!w) throw new Error(`withdrawal ${m.withdrawalId} is not being sent in transfer ${input.batchId}`);
      await postMovement(tx, {
        kind: "WITHDRAWAL_SEND",
        reference: `withdrawal:${m.withdrawalId}`,
        memo: `tx ${input.txHash}`,
        lines: [
          { account: "USER_LOCKED", userId: w.userId, amount: -(w.amount + w.fee) },
          { account: "WITHDRAWALS_IN_FLIGHT", amount: w.amount + w.fee },
        ],
      });
      sent.push(w.amount);
    }
    // All or nothing on chain, so every withdrawal of the transfer has its message.
    const left = await withdrawalRepository.requeue(tx, input.batchId, true, "the transfer carried no message for it");
    if (left > 0) throw new Error(`transfer ${input.batchId} landed without a message for ${left} of its withdrawals`);
    countOnCommit(uow, "withdrawal_sent", ...sent);
    uow.commit();
    return { settled: true, withdrawals: input.messages.length };
  },
});

export const recordWithdrawalDelivery = command({
  input: z.object({ withdrawalId: z.bigint(), delivered: z.boolean(), resultTxHash: hash }),
  output: z.object({ recorded: z.boolean(), userId: z.bigint().nullable() }),
  async run({ uow }, input) {
    const w = await withdrawalRepository.finish(uow.tx, input.withdrawalId, input.delivered, input.resultTxHash);
    if (!w) {
      uow.commit(); // recorded already
      return { recorded: false, userId: null };
    }
    const total = w.amount + w.fee;
    await postMovement(uow.tx, {
      kind: input.delivered ? "WITHDRAWAL_CONFIRM" : "WITHDRAWAL_REFUND",
      reference: `withdrawal:${input.withdrawalId}`,
      memo: input.delivered ? `delivered to ${w.destination}, tx ${input.resultTxHash}` : `bounced by ${w.destination}, tx ${input.resultTxHash}`,
      lines: input.delivered
        ? [
            { account: "WITHDRAWALS_IN_FLIGHT", amount: -total },
            { account: "EXTERNAL", amount: w.amount },
            { account: "PLATFORM_FEES", amount: w.fee },
          ]
        : [
            { account: "WITHDRAWALS_IN_FLIGHT", amount: -total },
            { account: "USER_AVAILABLE", userId: w.userId, amount: total },
          ],
    });
    countOnCommit(uow, input.delivered ? "withdrawal_confirmed" : "withdrawal_refunded", w.amount);
    uow.commit();
    return { recorded: true, userId: w.userId };
  },
});
