// admin.withdrawals and admin.retryWithdrawal: every withdrawal with its state, attempts and last error;
// one whose retries ran out (it waits with no next attempt) can be put back in the queue, audited.
import { z } from "zod";
import { conflict, notFound } from "../common/errors";
import { command, query } from "../common/use-case";
import { auditRepository } from "../admin/audit-repository";
import { withdrawalRepository } from "./withdrawal-repository";
import { adminWithdrawalsInput, adminWithdrawalsOutput, retryWithdrawalInput } from "./schemas";

export const listWithdrawals = query({
  input: adminWithdrawalsInput,
  output: adminWithdrawalsOutput,
  async run({ db }, page) {
    const rows = await withdrawalRepository.list(db, { status: page.status, limit: page.limit + 1, cursor: page.cursor });
    const items = rows.slice(0, page.limit);
    return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
  },
});

export const retryWithdrawal = command({
  input: retryWithdrawalInput,
  output: z.object({ withdrawalId: z.bigint(), retried: z.literal(true) }),
  async run({ uow, actor }, input) {
    if (!(await withdrawalRepository.retry(uow.tx, input.withdrawalId))) {
      if (!(await withdrawalRepository.exists(uow.tx, input.withdrawalId))) throw notFound(`Withdrawal #${input.withdrawalId}`);
      throw conflict("This withdrawal is not stuck: it is queued, on its way or finished.", "WITHDRAWAL_NOT_STUCK");
    }
    await auditRepository.record(uow.tx, {
      actorId: actor.userId, action: "withdrawal.retry", targetType: "withdrawal", targetId: input.withdrawalId.toString(),
      data: { reason: input.reason }, requestId: actor.requestId,
    });
    uow.commit();
    return { withdrawalId: input.withdrawalId, retried: true as const };
  },
});
