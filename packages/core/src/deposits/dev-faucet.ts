// admin.devFaucet: test TON from the local chain's faucet to the platform wallet with a memo (the admin's
// own by default), so a deposit can be tried end to end from the admin page. The worker credits it like
// any deposit. Only where the deployment wired a faucet: the local chain, never production.
import { z } from "zod";
import { badRequest, notFound } from "../common/errors";
import { NANO_PER_TON } from "../common/money";
import { command } from "../common/use-case";
import { text } from "../common/input";
import { auditRepository } from "../admin/audit-repository";
import { depositRepository } from "./deposit-repository";

export const devFaucet = command({
  input: z.object({
    amount: z.bigint({ message: "The amount must be a whole number of nanoTON (bigint)." }).positive({ message: "The amount must be positive." })
      .max(10_000n * NANO_PER_TON, { message: "The faucet gives at most 10,000 TON at a time." }),
    memo: text("The memo", { min: 1, max: 120 }).optional(),
  }),
  output: z.object({ amount: z.bigint(), memo: z.string() }),
  async run({ uow, actor, config }, input) {
    const faucet = config.ton?.faucet;
    if (!faucet) throw badRequest("The faucet exists only on the local chain (development and tests).", "FAUCET_UNAVAILABLE");
    const memo = input.memo ?? (await depositRepository.memoOf(uow.tx, actor.userId));
    if (memo === null) throw notFound("The user");
    await faucet(input.amount, memo);
    await auditRepository.record(uow.tx, { actorId: actor.userId, action: "ton.faucet", targetType: "deposit", targetId: memo, data: { amount: input.amount.toString() }, requestId: actor.requestId });
    uow.commit();
    return { amount: input.amount, memo };
  },
});
