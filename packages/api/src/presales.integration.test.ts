// Presales over HTTP against real PostgreSQL and Redis: a seller presells a gift that cannot be
// transferred yet with collateral (held, kept at its share when the price changes, released on cancel),
// only the seller changes it, a buyer pays the price they saw into escrow (concurrent buyers: one wins),
// delivery by an admin or by the custody intake port pays the seller minus the fee and returns the
// collateral, and a missed deadline refunds the buyer with the collateral. The ledger check closes each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedger, custodyIntake, executeCommand, expirePresales } from "@gm/core";
import { createGiftWithNfts } from "@gm/core/testing";
import { inUnitOfWork } from "@gm/db";
import { failure, idempotencyKey, refusalOf, startHarness, type Harness } from "./testing/harness";

const TON = 1_000_000_000n;
const key = idempotencyKey;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const party = (available = 0n, role?: "ADMIN") => h.party(available, role);
const balance = (id: bigint) => h.balance(id);
const reason = refusalOf;
const expire = () => executeCommand(expirePresales, h.rt.core, { userId: 0n, isAdmin: false, requestId: "test" }, { limit: 1000 });
/** A collection that cannot be transferred yet, and its id. */
async function upcoming() {
  const { gift } = await createGiftWithNfts(h.db.prisma, { ownerId: (await party()).id, count: 0, transferable: false });
  return gift.id;
}

describe("presales", () => {
  it("creates a presale with collateral held, refuses transferable collections and short balances", async () => {
    const seller = await party(10n * TON);
    const giftId = await upcoming();
    const { gift: tradable } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, count: 0 });
    expect(await reason(seller.api.presale.create.mutate({ idempotencyKey: key(), giftId: tradable.id, price: 5n * TON }))).toBe("ALREADY_TRANSFERABLE");
    expect(await reason(seller.api.presale.create.mutate({ idempotencyKey: key(), giftId, price: 100n * TON, collateralPercent: 50 }))).toBe("INSUFFICIENT_FUNDS");
    expect((await failure(seller.api.presale.create.mutate({ idempotencyKey: key(), giftId, price: 5n * TON, collateralPercent: 101 }))).message).toMatch(/at most 100/);
    expect(await h.db.prisma.presale.count({ where: { sellerId: seller.id } })).toBe(0);
    expect(await balance(seller.id)).toEqual({ available: 10n * TON, locked: 0n });

    const made = await seller.api.presale.create.mutate({ idempotencyKey: key(), giftId, price: 10n * TON, collateralPercent: 20 });
    expect(made).toMatchObject({ price: 10n * TON, collateral: 2n * TON, balance: { available: 8n * TON, locked: 2n * TON } });
    expect(Math.abs(made.deliverBy.getTime() - (Date.now() + 21 * 86_400_000))).toBeLessThan(60_000); // the settings' 21 days
    const gifts = await seller.api.presale.gifts.query();
    expect(gifts.items.find((g) => g.id === giftId)).toMatchObject({ active: 1, lowest: 10n * TON });
    expect(gifts.items.some((g) => g.id === tradable.id)).toBe(false);
    expect((await seller.api.presale.list.query({ giftIds: [giftId] })).items).toMatchObject([
      { id: made.presaleId, price: 10n * TON, collateral: 2n * TON, collateralPercent: 20, status: "ACTIVE", fee: 500_000_000n, proceeds: 9_500_000_000n, viewer: { isSeller: true } },
    ]);
  });

  it("lets only the seller change the price (the collateral follows) or cancel (the collateral returns)", async () => {
    const seller = await party(10n * TON);
    const other = await party(10n * TON);
    const giftId = await upcoming();
    const { presaleId } = await seller.api.presale.create.mutate({ idempotencyKey: key(), giftId, price: 10n * TON, collateralPercent: 10 });
    expect(await reason(other.api.presale.setPrice.mutate({ idempotencyKey: key(), presaleId, price: TON }))).toBe("NOT_OWNER");
    expect(await reason(other.api.presale.cancel.mutate({ idempotencyKey: key(), presaleId }))).toBe("NOT_OWNER");
    expect((await h.db.prisma.presale.findUniqueOrThrow({ where: { id: presaleId } })).price).toBe(10n * TON);

    expect(await seller.api.presale.setPrice.mutate({ idempotencyKey: key(), presaleId, price: 30n * TON })).toMatchObject({ collateral: 3n * TON, balance: { available: 7n * TON, locked: 3n * TON } });
    expect(await seller.api.presale.setPrice.mutate({ idempotencyKey: key(), presaleId, price: 5n * TON })).toMatchObject({ collateral: 500_000_000n, balance: { available: 9_500_000_000n, locked: 500_000_000n } });
    expect(await seller.api.presale.cancel.mutate({ idempotencyKey: key(), presaleId })).toMatchObject({ released: 500_000_000n, balance: { available: 10n * TON, locked: 0n } });
    expect(await reason(seller.api.presale.setPrice.mutate({ idempotencyKey: key(), presaleId, price: TON }))).toBe("PRESALE_NOT_ACTIVE");
    expect(await reason(other.api.presale.buy.mutate({ idempotencyKey: key(), presaleId, price: 5n * TON }))).toBe("PRESALE_NOT_ACTIVE");
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("sells once under concurrent buyers, at the price the buyer saw, into escrow", async () => {
    const seller = await party(10n * TON);
    const giftId = await upcoming();
    const { presaleId } = await seller.api.presale.create.mutate({ idempotencyKey: key(), giftId, price: 10n * TON, collateralPercent: 50 });
    const buyers = await Promise.all(Array.from({ length: 10 }, () => party(20n * TON)));
    expect(await reason(seller.api.presale.buy.mutate({ idempotencyKey: key(), presaleId, price: 10n * TON }))).toBe("OWN_PRESALE");
    const changed = await failure(buyers[0]!.api.presale.buy.mutate({ idempotencyKey: key(), presaleId, price: 9n * TON }));
    expect(changed.data?.reason).toBe("PRICE_CHANGED");

    const results = await Promise.allSettled(buyers.map((b) => b.api.presale.buy.mutate({ idempotencyKey: key(), presaleId, price: 10n * TON })));
    const won = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.data?.reason)).toEqual(Array(9).fill("PRESALE_NOT_ACTIVE"));
    const buyer = buyers[won[0]!]!;
    expect(await balance(buyer.id)).toEqual({ available: 10n * TON, locked: 10n * TON });
    for (const b of buyers.filter((x) => x !== buyer)) expect(await balance(b.id)).toEqual({ available: 20n * TON, locked: 0n });
    expect(await reason(seller.api.presale.cancel.mutate({ idempotencyKey: key(), presaleId }))).toBe("PRESALE_NOT_ACTIVE");
    expect((await buyer.api.presale.mine.query({ role: "buyer" })).items).toMatchObject([{ id: presaleId, status: "SOLD", viewer: { isBuyer: true } }]);
    expect((await seller.api.presale.mine.query({ role: "seller" })).items).toMatchObject([{ id: presaleId, status: "SOLD", buyer: { id: buyer.id } }]);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("delivers by an admin: the gift to the buyer, the price minus the fee and the collateral to the seller", async () => {
    const seller = await party(10n * TON);
    const buyer = await party(50n * TON);
    const admin = await party(0n, "ADMIN");
    const giftId = await upcoming();
    const { presaleId } = await seller.api.presale.create.mutate({ idempotencyKey: key(), giftId, price: 40n * TON, collateralPercent: 25 });
    expect(await reason(admin.api.admin.deliverPresale.mutate({ idempotencyKey: key(), presaleId, nftId: 1n }))).toBe("PRESALE_NOT_SOLD");
    await buyer.api.presale.buy.mutate({ idempotencyKey: key(), presaleId, price: 40n * TON });
    // What awaits delivery, for the admin page (admins only).
    expect((await admin.api.admin.presales.query()).items.find((p) => p.id === presaleId)).toMatchObject({ status: "SOLD", seller: { id: seller.id }, buyer: { id: buyer.id }, fee: 2n * TON, collateral: 10n * TON });
    expect((await failure(buyer.api.admin.presales.query())).data?.code).toBe("FORBIDDEN");
    const [nft] = await h.db.prisma.$queryRaw<{ id: bigint }[]>`
      INSERT INTO nfts (gift_id, number, model, model_rarity, backdrop, backdrop_rarity, symbol, symbol_rarity, owner_id, updated_at)
      VALUES (${giftId}, 1, 'Original', 20, 'Black', 15, 'Star', 5, ${seller.id}, now()) RETURNING id`;
    const { nfts: otherGift } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id });
    expect((await failure(seller.api.admin.deliverPresale.mutate({ idempotencyKey: key(), presaleId, nftId: nft!.id }))).data?.code).toBe("FORBIDDEN");
    expect(await reason(admin.api.admin.deliverPresale.mutate({ idempotencyKey: key(), presaleId, nftId: otherGift[0]!.id }))).toBe("PRESALE_WRONG_GIFT");

    const delivered = await admin.api.admin.deliverPresale.mutate({ idempotencyKey: key(), presaleId, nftId: nft!.id });
    expect(delivered).toMatchObject({ buyerId: buyer.id, price: 40n * TON, fee: 2n * TON, proceeds: 38n * TON, collateralReleased: 10n * TON });
    expect(await balance(seller.id)).toEqual({ available: 48n * TON, locked: 0n }); // 10 + 38
    expect(await balance(buyer.id)).toEqual({ available: 10n * TON, locked: 0n });
    expect(await h.db.prisma.nft.findUniqueOrThrow({ where: { id: nft!.id } })).toMatchObject({ ownerId: buyer.id, status: "IN_CUSTODY" });
    expect(await h.db.prisma.auditLog.count({ where: { action: "presale.deliver", targetId: presaleId.toString() } })).toBe(1);
    expect(await reason(admin.api.admin.deliverPresale.mutate({ idempotencyKey: key(), presaleId, nftId: nft!.id }))).toBe("PRESALE_NOT_SOLD");
    expect((await buyer.api.presale.mine.query({ role: "buyer" })).items[0]).toMatchObject({ status: "DELIVERED", deliveredNftId: nft!.id });
    expect((await admin.api.admin.presales.query()).items.some((p) => p.id === presaleId)).toBe(false);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("delivers through the custody intake port when the seller's gift arrives", async () => {
    const seller = await party();
    const buyer = await party(50n * TON);
    const giftId = await upcoming();
    const { presaleId } = await seller.api.presale.create.mutate({ idempotencyKey: key(), giftId, price: 20n * TON });
    await buyer.api.presale.buy.mutate({ idempotencyKey: key(), presaleId, price: 20n * TON });
    await h.db.prisma.giftAttribute.createMany({ data: [{ giftId, kind: "MODEL", name: "Original", rarityPermille: 100 }, { giftId, kind: "BACKDROP", name: "Black", rarityPermille: 100 }, { giftId, kind: "SYMBOL", name: "Star", rarityPermille: 100 }] });
    const nft = await inUnitOfWork(h.db.prisma, async (uow) => {
      const credited = await custodyIntake.credit(uow, { giftId, ownerId: seller.id, source: "telegram-relayer" });
      uow.commit();
      return credited;
    });
    expect(nft.ownerId).toBe(buyer.id);
    expect(await h.db.prisma.presale.findUniqueOrThrow({ where: { id: presaleId } })).toMatchObject({ status: "DELIVERED", deliveredNftId: nft.id });
    expect(await balance(seller.id)).toEqual({ available: 19n * TON, locked: 0n });
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("refunds the buyer with the collateral when the deadline passes undelivered; an unsold one returns the collateral", async () => {
    const seller = await party(20n * TON);
    const buyer = await party(50n * TON);
    const admin = await party(0n, "ADMIN");
    const giftId = await upcoming();
    const sold = await seller.api.presale.create.mutate({ idempotencyKey: key(), giftId, price: 10n * TON, collateralPercent: 30 });
    const unsold = await seller.api.presale.create.mutate({ idempotencyKey: key(), giftId, price: 10n * TON, collateralPercent: 50 });
    await buyer.api.presale.buy.mutate({ idempotencyKey: key(), presaleId: sold.presaleId, price: 10n * TON });
    await h.db.prisma.presale.updateMany({ where: { id: { in: [sold.presaleId, unsold.presaleId] } }, data: { deliverBy: new Date(Date.now() - 1000) } });
    // Past the deadline before the worker ran: no delivery, no sale.
    expect(await reason(admin.api.admin.deliverPresale.mutate({ idempotencyKey: key(), presaleId: sold.presaleId, nftId: 1n }))).toBe("PRESALE_DEADLINE_PASSED");
    expect(await reason(buyer.api.presale.buy.mutate({ idempotencyKey: key(), presaleId: unsold.presaleId, price: 10n * TON }))).toBe("PRESALE_DEADLINE_PASSED");

    const runs = await Promise.all([expire(), expire(), expire()]);
    expect(runs.reduce((s, r) => s + r.failed, 0)).toBe(1);
    expect(await h.db.prisma.presale.findUniqueOrThrow({ where: { id: sold.presaleId } })).toMatchObject({ status: "FAILED" });
    expect(await h.db.prisma.presale.findUniqueOrThrow({ where: { id: unsold.presaleId } })).toMatchObject({ status: "CANCELLED" });
    expect(await balance(buyer.id)).toEqual({ available: 53n * TON, locked: 0n }); // 50 + the 3 TON collateral
    expect(await balance(seller.id)).toEqual({ available: 17n * TON, locked: 0n });
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });
});
