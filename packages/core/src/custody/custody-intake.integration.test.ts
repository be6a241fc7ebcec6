import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inUnitOfWork } from "@gm/db";
import { memoryCache } from "@gm/redis";
import { createTestDatabase, createUser, type TestDatabase } from "../testing";
import { AppError } from "../common/errors";
import { custodyIntake } from "./custody-intake";
import { creditNft } from "./credit-nft";
import { executeMoneyCommand } from "../common/execute";

type AdminCreditNftInput = { userId: bigint; giftId: number; model?: string; backdrop?: string; symbol?: string; number?: number };

let db: TestDatabase;
let admin: { id: bigint };
const cache = memoryCache();

beforeAll(async () => {
  db = await createTestDatabase();
  admin = await createUser(db.prisma, { role: "ADMIN" });
});
afterAll(async () => {
  await db?.drop();
});

let giftSeq = 0;
async function createGift(supply: number) {
  giftSeq++;
  return db.prisma.gift.create({
    data: {
      slug: `test-gift-${giftSeq}`,
      title: `Test Gift ${giftSeq}`,
      supply,
      transferableAt: new Date("2025-01-01T00:00:00Z"),
      attributes: {
        create: [
          { kind: "MODEL", name: "Common", rarityPermille: 30 },
          { kind: "MODEL", name: "Rare", rarityPermille: 2 },
          { kind: "BACKDROP", name: "Onyx Black", rarityPermille: 12, data: { centerColor: "#4d5159", edgeColor: "#151719", patternColor: "#8b8e94", textColor: "#ffffff" } },
          { kind: "BACKDROP", name: "Pure Gold", rarityPermille: 4 },
          { kind: "SYMBOL", name: "Star", rarityPermille: 20, data: { glyph: "⭐" } },
        ],
      },
    },
  });
}

/** admin.creditNft as the API runs it: a money command with its own idempotency key. */
const credit = async (input: AdminCreditNftInput, requestId = "test") =>
  (
    await executeMoneyCommand(creditNft, { database: db, cache }, { userId: admin.id, isAdmin: true, requestId }, "admin.creditNft", {
      ...input,
      idempotencyKey: `credit-${crypto.randomUUID()}`,
    })
  ).value;

const appError = async (p: Promise<unknown>): Promise<AppError> => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe("admin.creditNft", () => {
  it("credits a numbered NFT in custody, with an activity event and an audit row", async () => {
    const gift = await createGift(100);
    const user = await createUser(db.prisma);
    const nft = await credit({ userId: user.id, giftId: gift.id, model: "Rare", backdrop: "Pure Gold", symbol: "Star" }, "req-1");
    expect(nft).toMatchObject({ giftId: gift.id, number: 1, ownerId: user.id, status: "IN_CUSTODY", price: null, model: "Rare", modelRarity: 2, backdrop: "Pure Gold", backdropRarity: 4, symbol: "Star", symbolRarity: 20, rarity: 2 * 4 * 20 });
    // Not given: drawn by rarity from the gift's own attributes; the number is the next one.
    const second = await credit({ userId: user.id, giftId: gift.id });
    expect(second.number).toBe(2);
    expect(["Common", "Rare"]).toContain(second.model);
    expect(["Onyx Black", "Pure Gold"]).toContain(second.backdrop);
    const stored = await db.prisma.nft.findUniqueOrThrow({ where: { id: second.id } });
    expect(stored.rarity).toBe(stored.modelRarity * stored.backdropRarity * stored.symbolRarity);

    const events = await db.prisma.activityEvent.findMany({ where: { nftId: nft.id } });
    expect(events).toMatchObject([{ type: "CREDIT", giftId: gift.id, actorId: user.id }]);
    const audit = await db.prisma.auditLog.findMany({ where: { targetType: "nft", targetId: nft.id.toString() } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "nft.credit", actorId: admin.id, requestId: "req-1" });
    expect(audit[0]!.data).toMatchObject({ userId: user.id.toString(), giftId: gift.id, number: 1, model: "Rare" });
  });

  it("honours a given number and refuses a taken or impossible one", async () => {
    const gift = await createGift(10);
    const user = await createUser(db.prisma);
    expect((await credit({ userId: user.id, giftId: gift.id, number: 7 })).number).toBe(7);
    expect((await credit({ userId: user.id, giftId: gift.id })).number).toBe(8);
    const taken = await appError(credit({ userId: user.id, giftId: gift.id, number: 7 }));
    expect(taken.code).toBe("CONFLICT");
    expect(taken.message).toBe(`${gift.title} #7 is already in custody.`);
    const tooBig = await appError(credit({ userId: user.id, giftId: gift.id, number: 11 }));
    expect(tooBig.code).toBe("BAD_REQUEST");
    expect(tooBig.message).toBe(`${gift.title} numbers run from 1 to 10; #11 does not exist.`);
  });

  it("refuses an unknown gift, user or attribute with a clear message and writes nothing", async () => {
    const gift = await createGift(10);
    const user = await createUser(db.prisma);
    const noGift = await appError(credit({ userId: user.id, giftId: 987_654 }));
    expect([noGift.code, noGift.message]).toEqual(["NOT_FOUND", "The gift was not found."]);
    const noUser = await appError(credit({ userId: 123n, giftId: gift.id }));
    expect([noUser.code, noUser.message]).toEqual(["NOT_FOUND", "The user was not found."]);
    const noModel = await appError(credit({ userId: user.id, giftId: gift.id, model: "Golden" }));
    expect([noModel.code, noModel.message]).toEqual(["BAD_REQUEST", `${gift.title} has no model named "Golden".`]);
    const noBackdrop = await appError(credit({ userId: user.id, giftId: gift.id, backdrop: "Plaid" }));
    expect(noBackdrop.message).toBe(`${gift.title} has no backdrop named "Plaid".`);
    const noSymbol = await appError(credit({ userId: user.id, giftId: gift.id, symbol: "Moon" }));
    expect(noSymbol.message).toBe(`${gift.title} has no symbol named "Moon".`);
    expect(await db.prisma.nft.count({ where: { giftId: gift.id } })).toBe(0);
    expect(await db.prisma.auditLog.count({ where: { action: "nft.credit", data: { path: ["giftId"], equals: gift.id } } })).toBe(0);
  });

  it("gives 20 concurrent credits of one gift 20 distinct numbers, then refuses beyond the supply", async () => {
    const gift = await createGift(21);
    const users = await Promise.all(Array.from({ length: 4 }, () => createUser(db.prisma)));
    const nfts = await Promise.all(Array.from({ length: 20 }, (_, i) => credit({ userId: users[i % 4]!.id, giftId: gift.id })));
    const numbers = nfts.map((n) => n.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await db.prisma.activityEvent.count({ where: { giftId: gift.id, type: "CREDIT" } })).toBe(20);
    expect((await credit({ userId: users[0]!.id, giftId: gift.id })).number).toBe(21);
    const full = await appError(credit({ userId: users[0]!.id, giftId: gift.id }));
    expect([full.code, full.message]).toEqual(["CONFLICT", `All 21 ${gift.title} gifts are already in custody: there is no number left.`]);
  });

  it("is a port other sources use inside their own unit of work", async () => {
    const gift = await createGift(5);
    const user = await createUser(db.prisma);
    const nft = await inUnitOfWork(db.prisma, async (uow) => {
      const credited = await custodyIntake.credit(uow, { giftId: gift.id, ownerId: user.id, address: "EQ-test-address-1", source: "onchain" });
      uow.commit();
      return credited;
    });
    expect(nft).toMatchObject({ number: 1, address: "EQ-test-address-1", ownerId: user.id });
    const dup = await appError(
      inUnitOfWork(db.prisma, async (uow) => {
        await custodyIntake.credit(uow, { giftId: gift.id, ownerId: user.id, address: "EQ-test-address-1", source: "onchain" });
        uow.commit();
      }),
    );
    expect(dup.code).toBe("CONFLICT");
  });
});
