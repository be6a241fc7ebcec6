// admin.adjustBalance: an audited credit or debit of a user's available balance against the outside world
// (support refunds, corrections). A debit can never take the balance below zero.
import type { UnitOfWork } from "@gm/db";
import { badRequest, notFound } from "../errors";
import { postMovement } from "../ledger/ledger-service";
import { auditRepository } from "../repositories/audit-repository";

export interface AdjustBalanceInput {
  userId: bigint;
  /** Signed nanoTON: positive credits, negative debits. */
  amount: bigint;
  reason: string;
}

export async function adjustBalance(
  uow: UnitOfWork,
  actor: { id: bigint; requestId?: string },
  input: AdjustBalanceInput,
): Promise<{ movementId: bigint; available: bigint; locked: bigint }> {
  if (input.amount === 0n) throw badRequest("The adjustment amount cannot be zero.");
  const target = await uow.tx.user.findUnique({ where: { id: input.userId }, select: { id: true } });
  if (!target) throw notFound("The user");
  const { movementId, balances } = await postMovement(uow.tx, {
    kind: "ADJUSTMENT",
    reference: `user:${input.userId}`,
    memo: input.reason,
    actorId: actor.id,
    lines: [
      { account: "USER_AVAILABLE", userId: input.userId, amount: input.amount },
      { account: "EXTERNAL", amount: -input.amount },
    ],
  });
  await auditRepository.record(uow.tx, {
    actorId: actor.id,
    action: "balance.adjust",
    targetType: "user",
    targetId: input.userId.toString(),
    data: { amount: input.amount.toString(), reason: input.reason, movementId: movementId.toString() },
    requestId: actor.requestId,
  });
  uow.commit();
  const balance = balances[0]!;
  return { movementId, available: balance.available, locked: balance.locked };
}
