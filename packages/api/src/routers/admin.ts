import { z } from "zod";
import { adjustBalance } from "@gm/core";
import { adminMoneyProcedure, money, router } from "../procedures";
import { idempotencyKeySchema } from "../middleware/idempotency";

/** 10 million TON: far above any real adjustment, far below BIGINT's range. */
const MAX_ADJUSTMENT = 10_000_000n * 1_000_000_000n;

const adjustBalanceInput = z.object({
  idempotencyKey: idempotencyKeySchema,
  userId: z.bigint().positive("userId must be a Telegram user id"),
  /** Signed nanoTON: positive credits, negative debits. */
  amount: z
    .bigint()
    .refine((a) => a !== 0n, "amount cannot be zero")
    .refine((a) => a <= MAX_ADJUSTMENT && a >= -MAX_ADJUSTMENT, "amount is out of range (at most 10,000,000 TON)"),
  reason: z.string().trim().min(3, "reason must say why (3 to 500 characters)").max(500, "reason must be at most 500 characters"),
});

export const adminRouter = router({
  adjustBalance: adminMoneyProcedure
    .input(adjustBalanceInput)
    .output(z.object({ movementId: z.bigint(), available: z.bigint(), locked: z.bigint() }))
    .mutation(
      money(({ ctx, input }) =>
        adjustBalance(ctx.uow, { id: ctx.user.id, requestId: ctx.requestId }, { userId: input.userId, amount: input.amount, reason: input.reason }),
      ),
    ),
});
