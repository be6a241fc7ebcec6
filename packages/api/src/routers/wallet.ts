import { z } from "zod";
import { bigintId, int4, getBalance, getWalletHistory } from "@gm/core";
import { router, userProcedure } from "../procedures";

const balanceOutput = z.object({ available: z.bigint(), locked: z.bigint() });

const historyInput = z
  .object({
    limit: int4("limit", 1, 100).default(20),
    /** The `nextCursor` of the previous page. */
    cursor: bigintId("cursor").optional(),
  })
  .default({ limit: 20 });

const historyOutput = z.object({
  items: z.array(
    z.object({
      id: z.bigint(),
      movementId: z.bigint(),
      kind: z.string(),
      account: z.enum(["USER_AVAILABLE", "USER_LOCKED"]),
      amount: z.bigint(),
      reference: z.string().nullable(),
      memo: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
  nextCursor: z.bigint().nullable(),
});

export const walletRouter = router({
  balance: userProcedure.output(balanceOutput).query(({ ctx }) => getBalance(ctx.rt.db.prisma, ctx.user.id)),
  history: userProcedure
    .input(historyInput)
    .output(historyOutput)
    .query(({ ctx, input }) => getWalletHistory(ctx.rt.db.prisma, ctx.user.id, input)),
});
