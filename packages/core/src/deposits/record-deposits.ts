// Deposits from the platform wallet, exactly once (docs/money.md, "Deposits"). The worker's `ton-deposits`
// task reads the wallet's new transactions (oldest first) and hands them here a batch at a time. Each
// batch is one transaction: every transaction's row (unique by hash), the credit of each clean transfer
// whose comment is a user's memo, and the cursor moved past the batch. A crash anywhere rolls the whole
// batch back, and the next run reads it again from the old cursor; a second instance (or a replayed
// page) finds the hashes already recorded and credits nothing twice.
import { countOnCommit } from "../common/business";
import { z } from "zod";
import type { Database } from "@gm/db";
import { command } from "../common/use-case";
import { postMovement } from "../ledger/ledger-service";
import { depositRepository, type DepositStatus, type TxCursorRow } from "./deposit-repository";

const incoming = z.object({
  lt: z.bigint().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  value: z.bigint().nonnegative(),
  source: z.string().max(100),
  comment: z.string().max(4096).nullable(),
  ignored: z.string().max(40).nullable(),
});

/** A transaction of the platform wallet, as the TON gateway classified it. */
export type IncomingTransaction = z.infer<typeof incoming>;

const outcomeSchema = z.object({ credited: z.number(), unmatched: z.number(), ignored: z.number(), seen: z.number(), creditedAmount: z.bigint() });
export type DepositOutcome = z.infer<typeof outcomeSchema>;

export function depositCursor(database: Database, wallet: string): Promise<TxCursorRow | null> {
  return depositRepository.cursor(database.prisma, wallet);
}

/** One batch (oldest first, at most 1,000), run by the worker through `executeCommand`. */
export const recordDeposits = command({
  input: z.object({ wallet: z.string().min(1).max(100), batch: z.array(incoming).max(1000) }),
  output: outcomeSchema,
  async run({ uow }, { wallet, batch }) {
    const outcome: DepositOutcome = { credited: 0, unmatched: 0, ignored: 0, seen: 0, creditedAmount: 0n };
    if (batch.length === 0) {
      uow.commit();
      return outcome;
    }
    const tx = uow.tx;
    const min = await depositRepository.minDeposit(tx);
    const credited: bigint[] = [];
    const memos = [...new Set(batch.map((t) => t.comment?.trim()).filter((m): m is string => !!m))];
    const users = await depositRepository.usersByMemo(tx, memos);
    for (const t of batch) {
      const memo = t.comment?.trim() ?? null;
      const userId = t.ignored === null && memo ? (users.get(memo) ?? null) : null;
      let status: DepositStatus;
      let reason: string | null = null;
      if (t.ignored !== null) [status, reason] = ["IGNORED", t.ignored];
      else if (t.value < min) [status, reason] = ["IGNORED", "BELOW_MINIMUM"];
      else if (userId === null) [status, reason] = ["UNMATCHED", "UNKNOWN_MEMO"];
      else status = "CREDITED";
      const id = await depositRepository.insert(tx, { txHash: t.hash, lt: t.lt, amount: t.value, sender: t.source, comment: t.comment, userId: status === "CREDITED" ? userId : null, status, reason });
      if (id === null) {
        outcome.seen++;
      } else if (status === "CREDITED") {
        await postMovement(tx, {
          kind: "DEPOSIT",
          reference: `deposit:${id}`,
          memo: `tx ${t.hash}`,
          lines: [
            { account: "EXTERNAL", amount: -t.value },
            { account: "USER_AVAILABLE", userId: userId!, amount: t.value },
          ],
        });
        outcome.credited++;
        credited.push(t.value);
        outcome.creditedAmount += t.value;
      } else if (status === "UNMATCHED") outcome.unmatched++;
      else outcome.ignored++;
    }
    const last = batch.at(-1)!;
    await depositRepository.advance(tx, wallet, { lt: last.lt, hash: last.hash });
    countOnCommit(uow, "deposit_credited", ...credited);
    uow.commit();
    return outcome;
  },
});
