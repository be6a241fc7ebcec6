// wallet.withdraw, wallet.withdrawInfo, wallet.withdrawals and the admin's withdrawals over HTTP: the
// rules a request must pass (each refusal clear and changing nothing), the hold of amount plus fee, the
// daily limit under many concurrent requests, and an admin's retry of a stuck withdrawal.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Address } from "@ton/core";
import { checkLedger } from "@gm/core";
import { createUser } from "@gm/core/testing";
import { DEV_WALLET_MNEMONIC, platformWallet } from "@gm/ton";
import { failure, startHarness, telegramUser, type Harness } from "./testing/harness";

const TON = 1_000_000_000n;
const FEE = 50_000_000n; // the default network fee
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const key = () => randomBytes(8).toString("hex");
const someone = (bounceable = false) => new Address(0, randomBytes(32)).toString({ bounceable, testOnly: true });
async function signedIn(available: bigint, tonAddress?: Address) {
  const user = await createUser(h.db.prisma, { available });
  if (tonAddress) await h.db.prisma.user.update({ where: { id: user.id }, data: { tonAddress: tonAddress.toRawString() } });
  return { user, api: h.client(telegramUser({ id: user.id })) };
}
const balance = (id: bigint) => h.db.prisma.user.findUniqueOrThrow({ where: { id } }).then((u) => ({ available: u.available, locked: u.locked }));

describe("wallet.withdraw", () => {
  it("holds the amount plus the fee and queues the withdrawal to the connected wallet by default", async () => {
    const proven = new Address(0, randomBytes(32));
    const { user, api } = await signedIn(10n * TON, proven);
    const info = await api.wallet.withdrawInfo.query();
    expect(info).toEqual({
      fee: FEE, minWithdrawal: TON, maxWithdrawal: 10_000n * TON, dailyLimit: 20_000n * TON, remainingToday: 10_000n * TON,
      defaultDestination: proven.toString({ bounceable: false, testOnly: true }), network: "testnet",
    });
    const w = await api.wallet.withdraw.mutate({ idempotencyKey: key(), amount: 4n * TON });
    expect(w).toMatchObject({ amount: 4n * TON, fee: FEE, status: "PENDING", destination: info.defaultDestination, txHash: null, available: 6n * TON - FEE, locked: 4n * TON + FEE });
    expect(await balance(user.id)).toEqual({ available: 6n * TON - FEE, locked: 4n * TON + FEE });
    const row = await h.db.prisma.withdrawal.findUniqueOrThrow({ where: { id: w.id } });
    expect(row).toMatchObject({ bounce: false, attempts: 0, batchId: null });
    expect(row.requestId).toMatch(/.+/);
    const list = await api.wallet.withdrawals.query();
    expect(list.items.map((i) => i.id)).toEqual([w.id]);
    expect(list.items[0]).not.toHaveProperty("lastError");
    const history = await api.wallet.history.query();
    expect(history.items.slice(0, 2).map((e) => [e.kind, e.account, e.amount])).toEqual(
      expect.arrayContaining([["WITHDRAWAL_REQUEST", "USER_AVAILABLE", -(4n * TON + FEE)], ["WITHDRAWAL_REQUEST", "USER_LOCKED", 4n * TON + FEE]]),
    );
    expect((await api.wallet.withdrawInfo.query()).remainingToday).toBe(10_000n * TON); // 20,000 − 4 left today, capped by the maximum
  });

  it("sends to another address as its owner flagged it, and a replayed key withdraws once", async () => {
    const { user, api } = await signedIn(10n * TON);
    const to = someone(true);
    const k = key();
    const a = await api.wallet.withdraw.mutate({ idempotencyKey: k, amount: 2n * TON, destination: to });
    const b = await api.wallet.withdraw.mutate({ idempotencyKey: k, amount: 2n * TON, destination: to }); // a retry after a lost response
    expect(a.destination).toBe(Address.parse(to).toString({ bounceable: true, testOnly: true, urlSafe: true }));
    expect(b.id).toBe(a.id);
    expect(await h.db.prisma.withdrawal.count({ where: { userId: user.id } })).toBe(1);
    expect((await h.db.prisma.withdrawal.findFirstOrThrow({ where: { userId: user.id } })).bounce).toBe(true);
    expect(await balance(user.id)).toEqual({ available: 8n * TON - FEE, locked: 2n * TON + FEE });
  });

  it("refuses, with a reason and nothing changed: too little, too much, no destination, a bad or foreign address, the platform's own, more than the balance", async () => {
    const { user, api } = await signedIn(5n * TON);
    const platform = (await platformWallet(DEV_WALLET_MNEMONIC.split(" "))).address;
    const refusal = async (input: { amount: bigint; destination?: string }) => {
      const e = await failure(api.wallet.withdraw.mutate({ idempotencyKey: key(), ...input }));
      return [e.data?.code, e.data?.reason ?? null, e.message] as const;
    };
    expect(await refusal({ amount: TON - 1n, destination: someone() })).toEqual(["BAD_REQUEST", "WITHDRAWAL_BELOW_MINIMUM", "The minimum withdrawal is 1.00 TON."]);
    expect((await refusal({ amount: 10_001n * TON, destination: someone() })).slice(0, 2)).toEqual(["BAD_REQUEST", "WITHDRAWAL_ABOVE_MAXIMUM"]);
    expect((await refusal({ amount: 2n * TON })).slice(0, 2)).toEqual(["BAD_REQUEST", "WITHDRAWAL_NO_DESTINATION"]);
    for (const bad of ["not an address", "0:1234", `${someone().slice(0, -2)}xx`, new Address(-1, randomBytes(32)).toString()]) {
      expect((await refusal({ amount: 2n * TON, destination: bad })).slice(0, 2)).toEqual(["BAD_REQUEST", "WITHDRAWAL_BAD_ADDRESS"]);
    }
    for (const own of [platform.toRawString(), platform.toString({ testOnly: true }), platform.toString({ bounceable: false })]) {
      expect((await refusal({ amount: 2n * TON, destination: own })).slice(0, 2)).toEqual(["BAD_REQUEST", "WITHDRAWAL_TO_PLATFORM"]);
    }
    expect(await refusal({ amount: 5n * TON, destination: someone() })).toEqual([
      "PRECONDITION_FAILED", "INSUFFICIENT_FUNDS", "Not enough balance: 5.00 TON available, 5.05 TON needed.",
    ]);
    // Hostile shapes: a float, a negative, a string, a huge destination — clear errors, never a 5xx.
    for (const input of [{ amount: 1.5 }, { amount: -TON }, { amount: "1000000000" }, { amount: 2n * TON, destination: "x".repeat(5000) }, { amount: 2n * TON, destination: "\u0000" }]) {
      const e = await failure(api.wallet.withdraw.mutate({ idempotencyKey: key(), ...(input as { amount: bigint }) }));
      expect(e.data?.httpStatus).toBe(400);
    }
    expect(await balance(user.id)).toEqual({ available: 5n * TON, locked: 0n });
    expect(await h.db.prisma.withdrawal.count({ where: { userId: user.id } })).toBe(0);
  });

  it("keeps a user within the daily limit however many withdrawals arrive at once", async () => {
    const { user, api } = await signedIn(100n * TON);
    await h.db.prisma.settings.update({ where: { id: 1 }, data: { maxWithdrawal: 10n * TON, dailyWithdrawalLimit: 25n * TON } });
    try {
      const results = await Promise.allSettled(Array.from({ length: 12 }, () => api.wallet.withdraw.mutate({ idempotencyKey: key(), amount: 5n * TON, destination: someone() })));
      const ok = results.filter((r) => r.status === "fulfilled");
      expect(ok).toHaveLength(5);
      for (const r of results) if (r.status === "rejected") expect((r.reason as { data?: { reason?: string } }).data?.reason).toBe("WITHDRAWAL_DAILY_LIMIT");
      expect(await balance(user.id)).toEqual({ available: 75n * TON - 5n * FEE, locked: 25n * TON + 5n * FEE });
      const e = await failure(api.wallet.withdraw.mutate({ idempotencyKey: key(), amount: TON, destination: someone() }));
      expect(e.message).toBe("This is over your daily withdrawal limit of 25.00 TON: 0.00 TON can still be withdrawn in the next 24 hours.");
      expect((await api.wallet.withdrawInfo.query()).remainingToday).toBe(0n);
      // A refunded (failed) withdrawal gives its share of the limit back.
      const first = await h.db.prisma.withdrawal.findFirstOrThrow({ where: { userId: user.id } });
      await h.db.prisma.withdrawal.update({ where: { id: first.id }, data: { status: "FAILED" } });
      expect((await api.wallet.withdrawInfo.query()).remainingToday).toBe(5n * TON);
      // (Marked by hand, without its refund: put back, so every hold stays accounted for.)
      await h.db.prisma.withdrawal.update({ where: { id: first.id }, data: { status: "PENDING" } });
    } finally {
      await h.db.prisma.settings.update({ where: { id: 1 }, data: { dailyWithdrawalLimit: 20_000n * TON, maxWithdrawal: 10_000n * TON } });
    }
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });
});

describe("admin withdrawals", () => {
  it("lists every withdrawal with its state and attempts, and retries a stuck one once, audited", async () => {
    const admin = h.client(telegramUser({ id: (await createUser(h.db.prisma, { role: "ADMIN" })).id }));
    const { api } = await signedIn(10n * TON);
    const w = await api.wallet.withdraw.mutate({ idempotencyKey: key(), amount: 2n * TON, destination: someone() });
    const page = await admin.admin.withdrawals.query({ status: "PENDING", limit: 100 });
    expect(page.items.find((i) => i.id === w.id)).toMatchObject({ status: "PENDING", attempts: 0, lastError: null, batchId: null });

    const reason = "hot wallet topped up";
    expect((await failure(admin.admin.retryWithdrawal.mutate({ withdrawalId: w.id, reason }))).data?.reason).toBe("WITHDRAWAL_NOT_STUCK");
    // Its retries ran out (the sender gave up): it waits with no next attempt until an admin retries it.
    await h.db.prisma.withdrawal.update({ where: { id: w.id }, data: { nextAttemptAt: null, attempts: 5, lastError: "the platform wallet's balance is too low for this transfer" } });
    const clicks = await Promise.allSettled(Array.from({ length: 5 }, () => admin.admin.retryWithdrawal.mutate({ withdrawalId: w.id, reason })));
    expect(clicks.filter((c) => c.status === "fulfilled")).toHaveLength(1);
    expect(await h.db.prisma.withdrawal.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({ attempts: 0, nextAttemptAt: expect.any(Date) });
    expect(await h.db.prisma.auditLog.count({ where: { action: "withdrawal.retry", targetId: w.id.toString() } })).toBe(1);

    expect((await failure(admin.admin.retryWithdrawal.mutate({ withdrawalId: 987_654_321n, reason }))).data?.code).toBe("NOT_FOUND");
    expect((await failure(api.admin.withdrawals.query())).data?.code).toBe("FORBIDDEN");
    expect((await failure(api.admin.retryWithdrawal.mutate({ withdrawalId: w.id, reason }))).data?.code).toBe("FORBIDDEN");
  });
});
