// The wallet's wire shapes.
import { z } from "zod";
import { bigintId, int4 } from "../common/input";

export const balanceOutput = z.object({ available: z.bigint(), locked: z.bigint() });

export const historyInput = z
  .object({
    limit: int4("limit", 1, 100).default(20),
    /** The `nextCursor` of the previous page. */
    cursor: bigintId("cursor").optional(),
  })
  .default({ limit: 20 });

export const historyOutput = z.object({
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
