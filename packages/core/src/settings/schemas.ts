// The settings' wire shapes: every bound is one the database's CHECK constraints also hold.
import { z } from "zod";
import { NANO_PER_TON } from "../common/money";

const nano = (max: bigint, what: string) => z.bigint().min(0n, `${what} cannot be negative`).max(max, `${what} is too large`);

export const settingsOutput = z.object({
  feeBps: z.number(),
  minDeposit: z.bigint(),
  minWithdrawal: z.bigint(),
  withdrawalFee: z.bigint(),
  maxWithdrawal: z.bigint(),
  dailyWithdrawalLimit: z.bigint(),
  offerLifetimeSeconds: z.number(),
  antiSnipingSeconds: z.number(),
  presaleDeliveryDays: z.number(),
  updatedAt: z.date(),
  updatedBy: z.bigint().nullable(),
});

export const settingsPatchInput = z.object({
  feeBps: z.number().int().min(0, "fee cannot be negative").max(5000, "fee can be at most 50% (5000 bps)").optional(),
  minDeposit: nano(1000n * NANO_PER_TON, "minimum deposit").optional(),
  minWithdrawal: nano(1000n * NANO_PER_TON, "minimum withdrawal").refine((v) => v > 0n, "minimum withdrawal must be positive").optional(),
  withdrawalFee: nano(10n * NANO_PER_TON, "withdrawal fee").optional(),
  maxWithdrawal: nano(10_000_000n * NANO_PER_TON, "maximum withdrawal").refine((v) => v > 0n, "maximum withdrawal must be positive").optional(),
  dailyWithdrawalLimit: nano(100_000_000n * NANO_PER_TON, "daily withdrawal limit").refine((v) => v > 0n, "daily withdrawal limit must be positive").optional(),
  offerLifetimeSeconds: z.number().int().min(60).max(90 * 86400).optional(),
  antiSnipingSeconds: z.number().int().min(0).max(3600).optional(),
  presaleDeliveryDays: z.number().int().min(1).max(180).optional(),
});
