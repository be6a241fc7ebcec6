// admin.adjustBalance: an audited credit or debit of a user's available balance against the outside world
// (support refunds, corrections). A debit can never take the balance below zero.
import { notFound } from "../common/errors";
import { moneyCommand } from "../common/use-case";
import { postMovement } from "../ledger/ledger-service";
import { userRepository } from "../users/user-repository";
import { auditRepository } from "./audit-repository";
import { adjustBalanceInput, adjustBalanceOutput } from "./schemas";

export const adjustBalance = moneyCommand({
  input: adjustBalanceInput,
  output: adjustBalanceOutput,
  async run({ uow, actor }, input) {
    if (!(await userRepository.exists(uow.tx, input.userId))) throw notFound("The user");
    const { movementId, balances } = await postMovement(uow.tx, {
      kind: "ADJUSTMENT",
      reference: `user:${input.userId}`,
      memo: input.reason,
      actorId: actor.userId,
      lines: [
        { account: "USER_AVAILABLE", userId: input.userId, amount: input.amount },
        { account: "EXTERNAL", amount: -input.amount },
      ],
    });
    await auditRepository.record(uow.tx, {
      actorId: actor.userId,
      action: "balance.adjust",
      targetType: "user",
      targetId: input.userId.toString(),
      data: { amount: input.amount.toString(), reason: input.reason, movementId: movementId.toString() },
      requestId: actor.requestId,
    });
    uow.commit();
    const balance = balances[0]!;
    return { movementId, available: balance.available, locked: balance.locked };
  },
});
