import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@gm/db/testing";
import { inUnitOfWork } from "@gm/db";
import { AppError, InsufficientFundsError } from "../common/errors";
import { hold, postMovement, release, transfer } from "./ledger-service";
import { checkLedger } from "./ledger-check";
import { createUser } from "../testing";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ DB_POOL_SIZE: "10", DB_POOL_OVERFLOW: "10" });
});
afterAll(async () => {
  await db?.drop();
});

const TON = 1_000_000_000n;

describe("ledger", () => {
  it("moves money between users, holds and releases, and the books close", async () => {
    const a = await createUser(db.prisma, { available: 10n * TON });
    const b = await createUser(db.prisma);
    await inUnitOfWork(db.prisma, async (uow) => {
      await transfer(uow.tx, a.id, b.id, 3n * TON);
      await hold(uow.tx, a.id, 2n * TON, { reference: "test" });
      await release(uow.tx, a.id, 1n * TON, { reference: "test" });
      uow.commit();
    });
    const [ua, ub] = await Promise.all([db.prisma.user.findUniqueOrThrow({ where: { id: a.id } }), db.prisma.user.findUniqueOrThrow({ where: { id: b.id } })]);
    expect([ua.available, ua.locked]).toEqual([6n * TON, 1n * TON]);
    expect([ub.available, ub.locked]).toEqual([3n * TON, 0n]);
    const report = await checkLedger(db.prisma, { holds: false });
    expect(report.ok).toBe(true);
    expect(report.grandTotal).toBe(0n);
  });

  it("refuses to overdraw with a clear message and changes nothing", async () => {
    const a = await createUser(db.prisma, { available: 1n * TON });
    const b = await createUser(db.prisma);
    const attempt = inUnitOfWork(db.prisma, async (uow) => {
      await transfer(uow.tx, a.id, b.id, 2n * TON);
      uow.commit();
    });
    await expect(attempt).rejects.toBeInstanceOf(InsufficientFundsError);
    await expect(attempt).rejects.toThrow("Not enough balance: 1.00 TON available, 2.00 TON needed.");
    const ua = await db.prisma.user.findUniqueOrThrow({ where: { id: a.id } });
    expect(ua.available).toBe(1n * TON);
    expect((await checkLedger(db.prisma, { holds: false })).ok).toBe(true);
  });

  it("cannot commit an unbalanced movement, even written row by row past the service", async () => {
    const a = await createUser(db.prisma, { available: 1n * TON });
    await expect(
      postMovement({} as never, { kind: "TRANSFER", lines: [{ account: "USER_AVAILABLE", userId: a.id, amount: 5n }] }),
    ).rejects.toThrow(/unbalanced/);
    // Straight SQL: the deferred trigger refuses the commit.
    await expect(
      db.prisma.$transaction(async (tx) => {
        const [m] = await tx.$queryRaw<{ id: bigint }[]>`INSERT INTO ledger_movements (kind) VALUES ('TRANSFER') RETURNING id`;
        await tx.$executeRaw`INSERT INTO ledger_entries (movement_id, account, amount) VALUES (${m!.id}, 'PLATFORM_FEES', 5)`;
      }),
    ).rejects.toThrow(/unbalanced/);
    // And the balances' CHECK constraints hold even against a direct UPDATE.
    await expect(db.prisma.$executeRaw`UPDATE users SET available = -1 WHERE id = ${a.id}`).rejects.toThrow(/users_available_nonnegative/);
    expect((await checkLedger(db.prisma, { holds: false })).ok).toBe(true);
  });

  it("stays exact under 200 concurrent random transfers and holds between 10 users", async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => createUser(db.prisma, { available: 5n * TON })));
    const ids = users.map((u) => u.id);
    const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        inUnitOfWork(db.prisma, async (uow) => {
          const amount = BigInt(1 + Math.floor(Math.random() * 3)) * TON; // often more than some have: refusals happen
          const kind = i % 3;
          if (kind === 0) await transfer(uow.tx, pick(), pick(), amount);
          else if (kind === 1) await hold(uow.tx, pick(), amount, { reference: `c${i}` });
          else {
            const from = pick();
            await transfer(uow.tx, from, pick(), amount);
            await hold(uow.tx, from, 1n, { reference: `c${i}` });
          }
          uow.commit();
        }),
      ),
    );
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    const fulfilled = results.length - rejected.length;
    expect(fulfilled).toBeGreaterThan(0);
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as AppError).reason).toBe("INSUFFICIENT_FUNDS");
      expect((r.reason as AppError).message).toMatch(/^Not enough balance: .* available, .* needed\.$/);
    }
    const report = await checkLedger(db.prisma, { holds: false });
    expect(report.userDrift).toEqual([]);
    expect(report.unbalancedMovements).toEqual([]);
    expect(report.negativeBalances).toEqual([]);
    expect(report.ok).toBe(true);
    const total = await db.prisma.user.aggregate({ where: { id: { in: ids } }, _sum: { available: true, locked: true } });
    expect((total._sum.available ?? 0n) + (total._sum.locked ?? 0n)).toBe(50n * TON); // no money made or lost
  });

  it("reports a hold that no open commitment accounts for, even when the books balance", async () => {
    const fresh = await createTestDatabase();
    try {
      const user = await createUser(fresh.prisma, { available: 10_000_000_000n });
      expect((await checkLedger(fresh.prisma)).ok).toBe(true);
      await inUnitOfWork(fresh.prisma, async (uow) => {
        await hold(uow.tx, user.id, 4_000_000_000n, { reference: "nothing" });
        uow.commit();
      });
      const report = await checkLedger(fresh.prisma);
      expect(report.grandTotal).toBe(0n);
      expect(report.unbackedHolds).toEqual([{ userId: user.id, locked: 4_000_000_000n, committed: 0n }]);
      expect(report.ok).toBe(false);
    } finally {
      await fresh.drop();
    }
  });
});
