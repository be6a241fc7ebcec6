// wallet.portfolio over HTTP: the user's gifts valued at their collections' floors and last sales, the
// totals, and the 24-hour change, from what the market holds.
import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { createGiftWithNfts, createUser } from "@gm/core/testing";
import { startHarness, telegramUser, type Harness } from "./testing/harness";

const TON = 1_000_000_000n;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const hoursAgo = (n: number) => new Date(Date.now() - n * 3_600_000);

describe("wallet.portfolio", () => {
  it("values each holding at its floor and last sale, totals them and shows the 24-hour change", async () => {
    const prisma = h.db.prisma;
    const me = await createUser(prisma);
    const seller = await createUser(prisma);
    // Collection A: I hold 2 (one listed by me at 9 TON), others list at 4 and 6: the floor is 4.
    const a = await createGiftWithNfts(prisma, { ownerId: me.id, count: 2, title: "Alpha" });
    await prisma.nft.update({ where: { id: a.nfts[0]!.id }, data: { status: "LISTED", price: 9n * TON, listedAt: new Date() } });
    const aOthers = await prisma.nft.createManyAndReturn({
      data: [3, 4].map((number, i) => ({ giftId: a.gift.id, number, model: "M", modelRarity: 1, backdrop: "B", backdropRarity: 1, symbol: "S", symbolRarity: 1, rarity: 1, ownerId: seller.id, status: "LISTED" as const, price: [4n, 6n][i]! * TON, listedAt: new Date() })),
    });
    // Sales of A: 3 TON two days ago, 5 TON an hour ago. 24 hours ago the last sale was 3.
    await prisma.activityEvent.createMany({
      data: [
        { type: "SALE", giftId: a.gift.id, nftId: aOthers[0]!.id, price: 3n * TON, createdAt: hoursAgo(48) },
        { type: "SALE", giftId: a.gift.id, nftId: aOthers[1]!.id, price: 5n * TON, createdAt: hoursAgo(1) },
      ],
    });
    // Collection B: I hold 1, nothing is listed, it never sold: zero on both measures, and said so.
    const b = await createGiftWithNfts(prisma, { ownerId: me.id, count: 1, title: "Beta" });

    const p = await h.client(telegramUser({ id: me.id })).wallet.portfolio.query();
    expect(p.collections).toEqual([
      expect.objectContaining({ giftId: a.gift.id, count: 2, floor: 4n * TON, lastSale: 5n * TON, valueAtFloor: 8n * TON, valueAtLastSale: 10n * TON }),
      expect.objectContaining({ giftId: b.gift.id, count: 1, floor: null, lastSale: null, valueAtFloor: 0n, valueAtLastSale: 0n }),
    ]);
    expect(p.totals).toEqual({ count: 3, atFloor: 8n * TON, atLastSale: 10n * TON, atLastSaleDayAgo: 6n * TON, change24h: 4n * TON, withoutFloor: 1, withoutSale: 1 });
  });

  it("is empty for a user with no gifts", async () => {
    const nobody = await createUser(h.db.prisma);
    const p = await h.client(telegramUser({ id: nobody.id })).wallet.portfolio.query();
    expect(p).toEqual({ collections: [], totals: { count: 0, atFloor: 0n, atLastSale: 0n, atLastSaleDayAgo: 0n, change24h: 0n, withoutFloor: 0, withoutSale: 0 } });
  });
});
