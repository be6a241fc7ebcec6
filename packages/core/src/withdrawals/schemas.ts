// The withdrawals' wire shapes.
import { z } from "zod";
import { bigintId, int4, text } from "../common/input";

export const withdrawalStatus = z.enum(["PENDING", "SENDING", "SENT", "CONFIRMED", "FAILED"], {
  message: "The status is PENDING, SENDING, SENT, CONFIRMED or FAILED.",
});

export const withdrawInput = z.object({
  /** What the destination receives, nanoTON; the fee is held on top. */
  amount: z.bigint({ message: "The amount must be a whole number of nanoTON (bigint)." }).positive({ message: "The amount must be positive." }),
  /** Any TON address; the user's connected wallet when absent. */
  destination: text("The destination address", { min: 1, max: 100 }).optional(),
});

/** A withdrawal as its owner sees it. */
export const withdrawalView = z.object({
  id: z.bigint(),
  amount: z.bigint(),
  fee: z.bigint(),
  destination: z.string(),
  status: withdrawalStatus,
  /** The platform wallet's transaction that sent it (explorer link). */
  txHash: z.string().nullable(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});

export const withdrawOutput = withdrawalView.extend({ available: z.bigint(), locked: z.bigint() });

export const withdrawInfoOutput = z.object({
  fee: z.bigint(),
  minWithdrawal: z.bigint(),
  maxWithdrawal: z.bigint(),
  dailyLimit: z.bigint(),
  /** What the daily limit still allows in the next withdrawal. */
  remainingToday: z.bigint(),
  /** The connected wallet, where a withdrawal goes unless another address is given. */
  defaultDestination: z.string().nullable(),
  network: z.enum(["mainnet", "testnet"]),
});

const page = { limit: int4("limit", 1, 100).default(20), cursor: bigintId("cursor").optional() };
export const myWithdrawalsInput = z.object(page).default({ limit: 20 });
export const myWithdrawalsOutput = z.object({ items: z.array(withdrawalView), nextCursor: z.bigint().nullable() });

export const adminWithdrawalsInput = z.object({ ...page, status: withdrawalStatus.optional() }).default({ limit: 20 });
export const adminWithdrawalsOutput = z.object({
  items: z.array(
    withdrawalView.extend({
      userId: z.bigint(),
      bounce: z.boolean(),
      batchId: z.bigint().nullable(),
      resultTxHash: z.string().nullable(),
      attempts: z.number(),
      lastError: z.string().nullable(),
      nextAttemptAt: z.date().nullable(),
      requestId: z.string().nullable(),
    }),
  ),
  nextCursor: z.bigint().nullable(),
});

export const retryWithdrawalInput = z.object({ withdrawalId: bigintId("withdrawalId"), reason: text("The reason", { min: 3, max: 500 }) });
