// Test factories: users with balances created through the ledger, so every test starts from books
// that close.
import { randomInt, randomUUID } from "node:crypto";
import type { z } from "zod";
import type { PrismaClient } from "@gm/db";
import { inUnitOfWork } from "@gm/db";
import { postMovement } from "../ledger/ledger-service";
import { userRepository } from "../users/user-repository";
import { executeCommand, executeMoneyCommand, type CoreRuntime } from "../common/execute";
import type { Actor, Command, MoneyCommand } from "../common/use-case";

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

let nextBulkId = BigInt(randomInt(100_000, 900_000)) * 10_000_000n;

/** Many users at once, each funded by its own balanced ledger movement (set-based, one transaction). */
export async function createUsers(prisma: PrismaClient, count: number, available: bigint): Promise<bigint[]> {
  const first = nextBulkId;
  nextBulkId += BigInt(count);
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO users (id, first_name, username, language_code, deposit_memo, available, updated_at)
      SELECT ${first}::bigint + g, 'Bulk ' || g, 'bulk' || (${first}::bigint + g), 'en', 'memo-' || (${first}::bigint + g), ${available}, now()
      FROM generate_series(0, ${count - 1}) g`;
    if (available === 0n) return; // nothing to fund: no ledger movement (its entries must be non-zero)
    await tx.$executeRaw`
      WITH m AS (
        INSERT INTO ledger_movements (kind, reference)
        SELECT 'DEPOSIT', 'test:' || (${first}::bigint + g) FROM generate_series(0, ${count - 1}) g
        RETURNING id, reference
      )
      INSERT INTO ledger_entries (movement_id, account, user_id, amount)
      SELECT m.id, x.account::"LedgerAccount", CASE WHEN x.account = 'EXTERNAL' THEN NULL ELSE substr(m.reference, 6)::bigint END, x.amount
      FROM m CROSS JOIN (VALUES ('USER_AVAILABLE', ${available}::bigint), ('EXTERNAL', -${available}::bigint)) AS x(account, amount)`;
  });
  return Array.from({ length: count }, (_, i) => first + BigInt(i));
}

let giftSeq = randomInt(1, 1_000_000);

/** A transferable collection and `count` NFTs owned by `ownerId`, listed at `price` when given. */
export async function createGiftWithNfts(
  prisma: PrismaClient,
  opts: { ownerId: bigint; count?: number; price?: bigint; transferable?: boolean; title?: string },
) {
  const n = giftSeq++;
  const gift = await prisma.gift.create({
    data: {
      slug: `test-gift-${n}`,
      title: opts.title ?? `Test Gift ${n}`,
      supply: 10_000,
      transferableAt: opts.transferable === false ? null : new Date(Date.now() - 86_400_000),
    },
  });
  const count = opts.count ?? 1;
  await prisma.nft.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      giftId: gift.id,
      number: i + 1,
      model: "Original",
      modelRarity: 20,
      backdrop: "Black",
      backdropRarity: 15,
      symbol: "Star",
      symbolRarity: 5,
      rarity: 20 * 15 * 5,
      ownerId: opts.ownerId,
      status: opts.price ? ("LISTED" as const) : ("IN_CUSTODY" as const),
      price: opts.price ?? null,
      listedAt: opts.price ? new Date() : null,
    })),
  });
  const nfts = await prisma.nft.findMany({ where: { giftId: gift.id }, orderBy: { number: "asc" } });
  // Listed as the market lists: each listing has its LISTING event.
  const listed = nfts.filter((n) => n.price !== null);
  if (listed.length > 0) {
    await prisma.activityEvent.createMany({
      data: listed.map((n) => ({ type: "LISTING" as const, giftId: gift.id, nftId: n.id, actorId: n.ownerId, price: n.price, createdAt: n.listedAt! })),
    });
  }
  return { gift, nfts };
}

/** An actor for calling use cases directly in tests. */
export function actorFor(userId: bigint, opts: { isAdmin?: boolean } = {}): Actor {
  return { userId, isAdmin: opts.isAdmin ?? false, requestId: `test-${randomInt(1_000_000)}` };
}

/** Runs a command (its own unit of work) as `userId`, as the API would. */
export function runCommandAs<I extends z.ZodType, O extends z.ZodType>(rt: CoreRuntime, useCase: Command<I, O>, userId: bigint, input: z.input<I>) {
  return executeCommand(useCase, rt, actorFor(userId), useCase.input.parse(input));
}

/** Runs a money command as `userId` with a fresh idempotency key, as the API would. */
export async function runMoneyAs<I extends z.ZodObject, O extends z.ZodType>(rt: CoreRuntime, useCase: MoneyCommand<I, O>, userId: bigint, input: z.input<I>, procedure = "test") {
  const parsed = useCase.input.parse({ ...input, idempotencyKey: `test-${randomUUID()}` });
  return (await executeMoneyCommand(useCase, rt, actorFor(userId), procedure, parsed)).value;
}

export { TON, createCollection, type FactoryNft } from "./market-factory";
