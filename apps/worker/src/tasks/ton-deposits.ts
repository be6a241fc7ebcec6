// Credits deposits to the platform wallet (docs/money.md, "Deposits"): every run reads the wallet's new
// transactions after the saved cursor and records them in batches, each batch in one transaction with
// the cursor, so a crash re-reads rather than loses or doubles. One instance at a time (the task lock);
// a second one would still credit nothing twice.
import type { Address } from "@ton/core";
import { executeCommand, recordDeposits, depositCursor, TON_DEPOSITS_TASK, type CoreRuntime } from "@gm/core";
import type { TonGateway } from "@gm/ton";
import type { Logger } from "@gm/observability/logger";
import type { TaskFn } from "../task-manager";

export const TON_DEPOSITS = { name: TON_DEPOSITS_TASK } as const;
const BATCH = 500;
const SYSTEM = { userId: 0n, isAdmin: false, requestId: "ton-deposits" };

export function tonDepositsTask(deps: { core: CoreRuntime; gateway: TonGateway; wallet: Address; logger: Logger }): TaskFn {
  const wallet = deps.wallet.toRawString();
  return async (signal) => {
    const cursor = await depositCursor(deps.core.database, wallet);
    const txs = await deps.gateway.transactionsSince(deps.wallet, cursor);
    for (let i = 0; i < txs.length && !signal.aborted; i += BATCH) {
      const batch = txs.slice(i, i + BATCH).map((t) => ({ lt: t.lt, hash: t.hash, value: t.value, source: t.source?.toString() ?? "", comment: t.comment, ignored: t.ignored }));
      const outcome = await executeCommand(recordDeposits, deps.core, SYSTEM, { wallet, batch }, TON_DEPOSITS.name);
      deps.logger.info({ ...outcome, creditedAmount: outcome.creditedAmount.toString(), transactions: batch.length }, "deposits recorded");
    }
  };
}
