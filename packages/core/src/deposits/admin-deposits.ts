// admin.deposits and admin.assignDeposit: every transfer the platform wallet received, with what became
// of it; a deposit whose memo matched nobody can be given to a user by an admin — credited once, audited.
import { countOnCommit } from "../common/business";
import { z } from "zod";
import { bigintId, int4, text } from "../common/input";
import { conflict, notFound } from "../common/errors";
import { moneyCommand, query } from "../common/use-case";
import { postMovement } from "../ledger/ledger-service";
import { auditRepository } from "../admin/audit-repository";
import { userRepository } from "../users/user-repository";
import { depositRepository } from "./deposit-repository";

const status = z.enum(["CREDITED", "UNMATCHED", "IGNORED"], { message: "The status is CREDITED, UNMATCHED or IGNORED." });

export const listDeposits = query({
  input: z.object({ status: status.optional(), limit: int4("limit", 1, 100).default(50), cursor: bigintId("cursor").optional() }).default({ limit: 50 }),
  output: z.object({
    items: z.array(
      z.object({
        id: z.bigint(), txHash: z.string(), lt: z.bigint(), amount: z.bigint(), sender: z.string(), comment: z.string().nullable(),
        userId: z.bigint().nullable(), status, reason: z.string().nullable(), creditedAt: z.date().nullable(), createdAt: z.date(),
      }),
    ),
    nextCursor: z.bigint().nullable(),
  }),
  async run({ db }, input) {
    const rows = await depositRepository.list(db, { ...input, limit: input.limit + 1 });
    const items = rows.slice(0, input.limit);
    return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
  },
});

export const assignDeposit = moneyCommand({
  input: z.object({ depositId: bigintId("depositId"), userId: bigintId("userId"), reason: text("The reason", { min: 3, max: 500 }) }),
  output: z.object({ depositId: z.bigint(), userId: z.bigint(), amount: z.bigint(), movementId: z.bigint() }),
  async run({ uow, actor }, input) {
    if (!(await userRepository.exists(uow.tx, input.userId))) throw notFound("The user");
    const deposit = await depositRepository.assign(uow.tx, input.depositId, input.userId);
    if (!deposit) {
      if (!(await depositRepository.exists(uow.tx, input.depositId))) throw notFound(`Deposit #${input.depositId}`);
      throw conflict("This deposit is not waiting for an admin: it was credited or ignored already.", "DEPOSIT_NOT_UNMATCHED");
    }
    const { movementId } = await postMovement(uow.tx, {
      kind: "DEPOSIT",
      reference: `deposit:${input.depositId}`,
      memo: `tx ${deposit.txHash}`,
      actorId: actor.userId,
      lines: [
        { account: "EXTERNAL", amount: -deposit.amount },
        { account: "USER_AVAILABLE", userId: input.userId, amount: deposit.amount },
      ],
    });
    await auditRepository.record(uow.tx, {
      actorId: actor.userId,
      action: "deposit.assign",
      targetType: "deposit",
      targetId: input.depositId.toString(),
      data: { userId: input.userId.toString(), amount: deposit.amount.toString(), txHash: deposit.txHash, reason: input.reason },
      requestId: actor.requestId,
    });
    countOnCommit(uow, "deposit_credited", deposit.amount);
    uow.commit();
    return { depositId: input.depositId, userId: input.userId, amount: deposit.amount, movementId };
  },
});
