// wallet.withdraw, wallet.withdrawInfo and wallet.withdrawals (docs/money.md, "Withdrawals"). A request
// holds the amount plus the network fee (available → locked) in the same transaction as its row; the
// worker's ton-withdrawals task sends it. The user's row is locked first, so the daily limit holds for
// any number of concurrent requests.
import { countOnCommit } from "../common/business";
import { Address } from "@ton/core";
import { z } from "zod";
import { badRequest, notFound } from "../common/errors";
import { formatTon } from "../common/money";
import { moneyCommand, query, type CoreConfig } from "../common/use-case";
import { hold } from "../ledger/ledger-service";
import { friendlyOf, parseDestination, type Destination } from "./destination";
import { withdrawalRepository, type WithdrawalRow } from "./withdrawal-repository";
import { myWithdrawalsInput, myWithdrawalsOutput, withdrawInfoOutput, withdrawInput, withdrawOutput } from "./schemas";

const DAY_MS = 86_400_000;

function tonOf(config: CoreConfig): NonNullable<CoreConfig["ton"]> {
  if (!config.ton) throw new Error("TON is not configured (CoreConfig.ton)");
  return config.ton;
}

/** The user's own view of a row: no internals (batch, errors, attempts). */
export const viewOf = (w: WithdrawalRow) => ({
  id: w.id, amount: w.amount, fee: w.fee, destination: w.destination, status: w.status, txHash: w.txHash,
  createdAt: w.createdAt, sentAt: w.sentAt, finishedAt: w.finishedAt,
});

export const requestWithdrawal = moneyCommand({
  input: withdrawInput,
  output: withdrawOutput,
  async run({ uow, actor, config, now, idempotencyKey }, input) {
    const ton = tonOf(config);
    const platform = Address.parse(await ton.depositAddress());
    const user = await withdrawalRepository.lockUser(uow.tx, actor.userId);
    if (!user) throw notFound("The user");
    let to: Destination;
    if (input.destination !== undefined) to = parseDestination(input.destination, ton.network, platform);
    else if (user.tonAddress) {
      // The proven wallet exists (it signed ton_proof) and takes the money: sent non-bounceable.
      const address = Address.parseRaw(user.tonAddress);
      to = { address, friendly: friendlyOf(address, false, ton.network), bounce: false };
    } else throw badRequest("Connect your wallet or enter the address to withdraw to.", "WITHDRAWAL_NO_DESTINATION");

    const limits = await withdrawalRepository.limits(uow.tx);
    if (input.amount < limits.minWithdrawal) {
      throw badRequest(`The minimum withdrawal is ${formatTon(limits.minWithdrawal)}.`, "WITHDRAWAL_BELOW_MINIMUM").with({ min: limits.minWithdrawal.toString() });
    }
    if (input.amount > limits.maxWithdrawal) {
      throw badRequest(`The maximum withdrawal is ${formatTon(limits.maxWithdrawal)}.`, "WITHDRAWAL_ABOVE_MAXIMUM").with({ max: limits.maxWithdrawal.toString() });
    }
    const used = await withdrawalRepository.usedSince(uow.tx, actor.userId, new Date(now().getTime() - DAY_MS));
    const remaining = limits.dailyWithdrawalLimit > used ? limits.dailyWithdrawalLimit - used : 0n;
    if (input.amount > remaining) {
      throw badRequest(
        `This is over your daily withdrawal limit of ${formatTon(limits.dailyWithdrawalLimit)}: ${formatTon(remaining)} can still be withdrawn in the next 24 hours.`,
        "WITHDRAWAL_DAILY_LIMIT",
      ).with({ limit: limits.dailyWithdrawalLimit.toString(), remaining: remaining.toString() });
    }
    const row = await withdrawalRepository.insert(uow.tx, {
      userId: actor.userId, amount: input.amount, fee: limits.withdrawalFee, destination: to.friendly, bounce: to.bounce,
      idempotencyKey: idempotencyKey ?? actor.requestId, requestId: actor.requestId,
    });
    const { balances } = await hold(uow.tx, actor.userId, input.amount + limits.withdrawalFee, {
      kind: "WITHDRAWAL_REQUEST", reference: `withdrawal:${row.id}`, memo: `to ${to.friendly}`,
    });
    countOnCommit(uow, "withdrawal_requested", input.amount);
    uow.commit();
    const balance = balances.find((b) => b.userId === actor.userId)!;
    return { ...viewOf(row), available: balance.available, locked: balance.locked };
  },
});

export const withdrawInfo = query({
  input: z.void(),
  output: withdrawInfoOutput,
  async run({ db, actor, config, now }) {
    const ton = tonOf(config);
    const [limits, used, tonAddress] = await Promise.all([
      withdrawalRepository.limits(db),
      withdrawalRepository.usedSince(db, actor.userId, new Date(now().getTime() - DAY_MS)),
      withdrawalRepository.tonAddress(db, actor.userId),
    ]);
    const left = limits.dailyWithdrawalLimit > used ? limits.dailyWithdrawalLimit - used : 0n;
    return {
      fee: limits.withdrawalFee,
      minWithdrawal: limits.minWithdrawal,
      maxWithdrawal: limits.maxWithdrawal,
      dailyLimit: limits.dailyWithdrawalLimit,
      remainingToday: left < limits.maxWithdrawal ? left : limits.maxWithdrawal,
      defaultDestination: tonAddress ? friendlyOf(Address.parseRaw(tonAddress), false, ton.network) : null,
      network: ton.network,
    };
  },
});

export const myWithdrawals = query({
  input: myWithdrawalsInput,
  output: myWithdrawalsOutput,
  async run({ db, actor }, page) {
    const rows = await withdrawalRepository.list(db, { userId: actor.userId, limit: page.limit + 1, cursor: page.cursor });
    const items = rows.slice(0, page.limit).map(viewOf);
    return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
  },
});
