// Test factories: users with balances created through the ledger, so every test starts from books
// that close.
import { randomInt } from "node:crypto";
import type { PrismaClient } from "@gm/db";
import { inUnitOfWork } from "@gm/db";
import { postMovement } from "../ledger/ledger-service";
import { userRepository } from "../repositories/user-repository";

let nextId = BigInt(randomInt(10_000_000, 90_000_000)) * 1000n;

export async function createUser(
  prisma: PrismaClient,
  opts: { available?: bigint; firstName?: string; role?: "USER" | "ADMIN"; isBanned?: boolean; id?: bigint } = {},
) {
  const id = opts.id ?? nextId++;
  await userRepository.upsertFromTelegram(prisma, { id, firstName: opts.firstName ?? `User ${id}`, username: `user${id}`, languageCode: "en" });
  if (opts.role || opts.isBanned) await prisma.user.update({ where: { id }, data: { role: opts.role, isBanned: opts.isBanned } });
  if (opts.available) {
    await inUnitOfWork(prisma, async (uow) => {
      await postMovement(uow.tx, {
        kind: "DEPOSIT",
        reference: `test:${id}`,
        lines: [
          { account: "USER_AVAILABLE", userId: id, amount: opts.available! },
          { account: "EXTERNAL", amount: -opts.available! },
        ],
      });
      uow.commit();
    });
  }
  return prisma.user.findUniqueOrThrow({ where: { id } });
}

export { createTestDatabase, type TestDatabase } from "@gm/db/testing";
