// Offers over HTTP against real PostgreSQL and Redis: the hold, replacing and cancelling, accepting (the
// gift, the proceeds after the fee, the listing ended, other offers kept), and every race a user can start:
// an owner accepting two offers at once, a buyer cancelling while the owner accepts, an expired offer, and
// accepting while Redis is down. The ledger check closes each.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedger, executeCommand, expireOffers } from "@gm/core";
import { createGiftWithNfts, createUser } from "@gm/core/testing";
import { failure, freePort, privateRedis, startHarness, telegramUser, type Harness } from "./testing/harness";

const TON = 1_000_000_000n;
const key = () => randomBytes(8).toString("hex");
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function party(harness: Harness, available = 0n) {
  const user = await createUser(harness.db.prisma, { available });
  return { id: user.id, api: harness.client(telegramUser({ id: user.id })) };
}
const balance = (harness: Harness, id: bigint) => harness.db.prisma.user.findUniqueOrThrow({ where: { id } }).then((u) => ({ available: u.available, locked: u.locked }));
const reasonOf = (r: PromiseSettledResult<unknown>) => (r.status === "rejected" ? (r.reason as { data?: { reason?: string } }).data?.reason : "ok");

describe("offers", () => {
  it("holds the price, replaces the buyer's earlier offer, and releases it on cancel", async () => {
    const seller = await party(h);
    const buyer = await party(h, 100n * TON);
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id });
    const first = await buyer.api.offer.make.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 10n * TON });
    expect(first).toMatchObject({ price: 10n * TON, replacedOfferId: null, balance: { available: 90n * TON, locked: 10n * TON } });
    expect(first.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000); // the settings' 7 days
    const second = await buyer.api.offer.make.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 12n * TON, expiresInDays: 1 });
    expect(second).toMatchObject({ replacedOfferId: first.offerId, balance: { available: 88n * TON, locked: 12n * TON } });
    expect(second.expiresAt.getTime() - Date.now()).toBeLessThan(86_400_001);
    const mine = await buyer.api.offer.mine.query();
    expect(mine.items.map((o) => [o.id, o.status])).toEqual([[second.offerId, "ACTIVE"], [first.offerId, "CANCELLED"]]);
    expect((await seller.api.offer.received.query()).items).toMatchObject([{ id: second.offerId, price: 12n * TON, fee: 600_000_000n, proceeds: 11_400_000_000n }]);
    expect((await seller.api.market.nft.query({ id: nfts[0]!.id })).offers.map((o) => o.price)).toEqual([12n * TON]);

    expect((await failure(seller.api.offer.cancel.mutate({ idempotencyKey: key(), offerId: second.offerId }))).data?.reason).toBe("NOT_OWNER");
    expect(await buyer.api.offer.cancel.mutate({ idempotencyKey: key(), offerId: second.offerId })).toMatchObject({ released: 12n * TON, balance: { available: 100n * TON, locked: 0n } });
    expect((await failure(buyer.api.offer.cancel.mutate({ idempotencyKey: key(), offerId: second.offerId }))).data?.reason).toBe("OFFER_NOT_ACTIVE");
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("refuses an offer on one's own gift, out of range, or beyond the balance, changing nothing", async () => {
    const seller = await party(h, 5n * TON);
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id });
    const other = await createGiftWithNfts(h.db.prisma, { ownerId: (await party(h)).id });
    const nftId = other.nfts[0]!.id;
    expect((await failure(seller.api.offer.make.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: TON }))).data?.reason).toBe("OWN_GIFT");
    expect((await failure(seller.api.offer.make.mutate({ idempotencyKey: key(), nftId, price: 1n }))).data?.code).toBe("BAD_REQUEST");
    expect((await failure(seller.api.offer.make.mutate({ idempotencyKey: key(), nftId, price: TON, expiresInDays: 3 as 1 }))).message).toMatch(/1, 7 or 30 days/);
    expect((await failure(seller.api.offer.make.mutate({ idempotencyKey: key(), nftId, price: 6n * TON }))).data?.reason).toBe("INSUFFICIENT_FUNDS");
    expect((await failure(seller.api.offer.make.mutate({ idempotencyKey: key(), nftId: 987_654_321n, price: TON }))).data?.code).toBe("NOT_FOUND");
    expect(await balance(h, seller.id)).toEqual({ available: 5n * TON, locked: 0n });
    expect(await h.db.prisma.offer.count({ where: { buyerId: seller.id } })).toBe(0);
  });

  it("accepts: the gift to the buyer, the price minus the fee to the owner, the listing ended, other offers kept", async () => {
    const seller = await party(h);
    const a = await party(h, 50n * TON);
    const b = await party(h, 50n * TON);
    const { nfts, gift } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 30n * TON });
    const nftId = nfts[0]!.id;
    const offerA = await a.api.offer.make.mutate({ idempotencyKey: key(), nftId, price: 20n * TON });
    const offerB = await b.api.offer.make.mutate({ idempotencyKey: key(), nftId, price: 15n * TON });
    expect((await failure(a.api.offer.accept.mutate({ idempotencyKey: key(), offerId: offerB.offerId }))).data?.reason).toBe("NOT_OWNER");

    const accepted = await seller.api.offer.accept.mutate({ idempotencyKey: key(), offerId: offerA.offerId });
    expect(accepted).toMatchObject({ nftId, buyerId: a.id, price: 20n * TON, fee: TON, proceeds: 19n * TON });
    expect(await h.db.prisma.nft.findUniqueOrThrow({ where: { id: nftId } })).toMatchObject({ ownerId: a.id, status: "IN_CUSTODY", price: null });
    expect(await balance(h, seller.id)).toEqual({ available: 19n * TON, locked: 0n });
    expect(await balance(h, a.id)).toEqual({ available: 30n * TON, locked: 0n });
    expect(await h.db.prisma.activityEvent.count({ where: { nftId, type: "SALE", price: 20n * TON, actorId: a.id, counterpartyId: seller.id } })).toBe(1);
    expect((await seller.api.market.search.query({ giftIds: [gift.id], sort: "price_asc" })).items).toHaveLength(0);
    // B's offer stands, now for the new owner to take.
    expect((await a.api.offer.received.query()).items.map((o) => o.id)).toEqual([offerB.offerId]);
    await a.api.offer.accept.mutate({ idempotencyKey: key(), offerId: offerB.offerId });
    expect(await balance(h, b.id)).toEqual({ available: 35n * TON, locked: 0n });
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("an owner accepting two offers at once sells once; the other offer stays held for the new owner", async () => {
    for (let round = 0; round < 10; round++) {
      const seller = await party(h);
      const a = await party(h, 10n * TON);
      const b = await party(h, 10n * TON);
      const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id });
      const oa = await a.api.offer.make.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 5n * TON });
      const ob = await b.api.offer.make.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 6n * TON });
      const results = await Promise.allSettled([oa, ob].map((o) => seller.api.offer.accept.mutate({ idempotencyKey: key(), offerId: o.offerId })));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.map(reasonOf).filter((r) => r !== "ok")[0]).toMatch(/NOT_OWNER|OFFER_NOT_ACTIVE/);
      const owner = (await h.db.prisma.nft.findUniqueOrThrow({ where: { id: nfts[0]!.id } })).ownerId;
      const sold = owner === a.id ? 5n * TON : 6n * TON;
      expect(await balance(h, seller.id)).toEqual({ available: sold - sold / 20n, locked: 0n });
      expect([a.id, b.id]).toContain(owner);
    }
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("a buyer cancelling while the owner accepts: exactly one of them happens, every time", async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 20; round++) {
      const seller = await party(h);
      const buyer = await party(h, 10n * TON);
      const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id });
      const o = await buyer.api.offer.make.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 4n * TON });
      const [accept, cancel] = await Promise.allSettled([
        seller.api.offer.accept.mutate({ idempotencyKey: key(), offerId: o.offerId }),
        buyer.api.offer.cancel.mutate({ idempotencyKey: key(), offerId: o.offerId }),
      ]);
      expect([accept.status, cancel.status].filter((s) => s === "fulfilled")).toHaveLength(1);
      const nft = await h.db.prisma.nft.findUniqueOrThrow({ where: { id: nfts[0]!.id } });
      if (accept.status === "fulfilled") {
        outcomes.add("accepted");
        expect(nft.ownerId).toBe(buyer.id);
        expect(await balance(h, buyer.id)).toEqual({ available: 6n * TON, locked: 0n });
      } else {
        outcomes.add("cancelled");
        expect(nft.ownerId).toBe(seller.id);
        expect(await balance(h, buyer.id)).toEqual({ available: 10n * TON, locked: 0n });
        expect(await balance(h, seller.id)).toEqual({ available: 0n, locked: 0n });
      }
    }
    expect(outcomes.size).toBeGreaterThan(0);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("buying a gift one has an offer on returns that offer's hold", async () => {
    const seller = await party(h);
    const buyer = await party(h, 50n * TON);
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 8n * TON });
    const o = await buyer.api.offer.make.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 5n * TON });
    const bought = await buyer.api.listing.buy.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 8n * TON });
    expect(bought.balance).toEqual({ available: 42n * TON, locked: 0n });
    expect(await h.db.prisma.offer.findUniqueOrThrow({ where: { id: o.offerId } })).toMatchObject({ status: "CANCELLED" });
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("the owner accepting a buyer's offer while that buyer buys the listing: one sale, no deadlock", async () => {
    for (let round = 0; round < 10; round++) {
      const seller = await party(h);
      const buyer = await party(h, 50n * TON);
      const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 8n * TON });
      const o = await buyer.api.offer.make.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 5n * TON });
      const [accepted, bought] = await Promise.allSettled([
        seller.api.offer.accept.mutate({ idempotencyKey: key(), offerId: o.offerId }),
        buyer.api.listing.buy.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 8n * TON }),
      ]);
      // Never a 5xx (a deadlock would surface as a 503): one wins, the other is refused with a reason.
      for (const r of [accepted, bought]) if (r.status === "rejected") expect((r.reason as { data?: { httpStatus?: number } }).data?.httpStatus).toBeLessThan(500);
      expect([accepted, bought].filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect((await h.db.prisma.nft.findUniqueOrThrow({ where: { id: nfts[0]!.id } })).ownerId).toBe(buyer.id);
      const paid = accepted.status === "fulfilled" ? 5n * TON : 8n * TON;
      expect(await balance(h, seller.id)).toEqual({ available: paid - paid / 20n, locked: 0n });
    }
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("an expired offer cannot be accepted before the worker cleans it, and the expiry task releases it once", async () => {
    const seller = await party(h);
    const buyer = await party(h, 10n * TON);
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id });
    const o = await buyer.api.offer.make.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 3n * TON, expiresInDays: 1 });
    await h.db.prisma.offer.update({ where: { id: o.offerId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await failure(seller.api.offer.accept.mutate({ idempotencyKey: key(), offerId: o.offerId }))).data?.reason).toBe("OFFER_EXPIRED");
    expect((await buyer.api.offer.mine.query()).items[0]!.status).toBe("EXPIRED");
    expect((await seller.api.offer.received.query()).items).toHaveLength(0);
    const system = { userId: 0n, isAdmin: false, requestId: "test" };
    const runs = await Promise.all([1, 2, 3].map(() => executeCommand(expireOffers, h.rt.core, system, { limit: 1000 })));
    expect(runs.reduce((s, r) => s + r.expired, 0)).toBeGreaterThanOrEqual(1);
    expect(await h.db.prisma.offer.findUniqueOrThrow({ where: { id: o.offerId } })).toMatchObject({ status: "EXPIRED" });
    expect(await balance(h, buyer.id)).toEqual({ available: 10n * TON, locked: 0n });
    expect(await h.db.prisma.ledgerMovement.count({ where: { reference: `offer:${o.offerId}`, kind: "RELEASE" } })).toBe(1);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });
});

describe("offers while Redis is down", () => {
  it("still accepts exactly once: the rows decide, not the lock", async () => {
    const redis = privateRedis(await freePort());
    await redis.start();
    const local = await startHarness({}, { redisUrl: redis.url });
    try {
      const seller = await party(local);
      const a = await party(local, 10n * TON);
      const b = await party(local, 10n * TON);
      const { nfts } = await createGiftWithNfts(local.db.prisma, { ownerId: seller.id });
      const oa = await a.api.offer.make.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 5n * TON });
      const ob = await b.api.offer.make.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 6n * TON });
      redis.stop();
      const results = await Promise.allSettled([oa, ob, oa, ob].map((o) => seller.api.offer.accept.mutate({ idempotencyKey: key(), offerId: o.offerId })));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const sellerBalance = await balance(local, seller.id);
      expect([5n * TON - TON / 4n, 6n * TON - (6n * TON) / 20n]).toContain(sellerBalance.available);
      expect((await checkLedger(local.db.prisma)).ok).toBe(true);
    } finally {
      await local.close();
      redis.stop();
    }
  });
});

describe("collection offers", () => {
  async function collection(ownerIds: bigint[]) {
    const { gift, nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: ownerIds[0]!, count: ownerIds.length + 1 });
    for (const [i, id] of ownerIds.entries()) await h.db.prisma.nft.update({ where: { id: nfts[i]!.id }, data: { ownerId: id } });
    await h.db.prisma.nft.update({ where: { id: nfts.at(-1)!.id }, data: { model: "Rare", ownerId: ownerIds[0]! } });
    await h.db.prisma.giftAttribute.createMany({ data: [{ giftId: gift.id, kind: "MODEL", name: "Original", rarityPermille: 20 }, { giftId: gift.id, kind: "MODEL", name: "Rare", rarityPermille: 5 }] });
    return { gift, nfts };
  }

  it("holds price × quantity, shows on each matching gift's page, and is filled once per unit by racing owners", async () => {
    const owners = await Promise.all([1, 2, 3].map(() => party(h)));
    const buyer = await party(h, 100n * TON);
    const { gift, nfts } = await collection(owners.map((o) => o.id));
    expect((await failure(buyer.api.offer.makeCollection.mutate({ idempotencyKey: key(), giftId: gift.id, price: 4n * TON, model: "Nope" }))).data?.reason).toBe("UNKNOWN_ATTRIBUTE");
    const made = await buyer.api.offer.makeCollection.mutate({ idempotencyKey: key(), giftId: gift.id, price: 4n * TON, quantity: 2, model: "Original" });
    expect(made).toMatchObject({ held: 8n * TON, balance: { available: 92n * TON, locked: 8n * TON } });
    expect((await buyer.api.market.nft.query({ id: nfts[0]!.id })).collectionOffer).toEqual({ id: made.offerId, price: 4n * TON, fee: 200_000_000n, proceeds: 3_800_000_000n });
    expect((await buyer.api.market.nft.query({ id: nfts.at(-1)!.id })).collectionOffer).toBeNull(); // model "Rare" does not match

    const rare = await failure(owners[0]!.api.offer.fillCollection.mutate({ idempotencyKey: key(), offerId: made.offerId, nftId: nfts.at(-1)!.id }));
    expect(rare.data?.reason).toBe("OFFER_NOT_MATCHING");
    expect((await failure(owners[1]!.api.offer.fillCollection.mutate({ idempotencyKey: key(), offerId: made.offerId, nftId: nfts[0]!.id }))).data?.reason).toBe("NOT_OWNER");

    const fills = await Promise.allSettled(owners.map((o, i) => o.api.offer.fillCollection.mutate({ idempotencyKey: key(), offerId: made.offerId, nftId: nfts[i]!.id })));
    expect(fills.filter((f) => f.status === "fulfilled")).toHaveLength(2);
    expect(fills.map(reasonOf).filter((r) => r !== "ok")).toEqual(["OFFER_NOT_ACTIVE"]);
    expect(await h.db.prisma.nft.count({ where: { giftId: gift.id, ownerId: buyer.id } })).toBe(2);
    expect(await balance(h, buyer.id)).toEqual({ available: 92n * TON, locked: 0n });
    expect(await h.db.prisma.collectionOffer.findUniqueOrThrow({ where: { id: made.offerId } })).toMatchObject({ filled: 2, status: "ACCEPTED" });
    const sellers = await Promise.all(owners.map((o) => balance(h, o.id)));
    expect(sellers.map((b) => b.available).sort()).toEqual([0n, 3_800_000_000n, 3_800_000_000n]);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("releases what is left when the buyer cancels, or when it expires", async () => {
    const owner = await party(h);
    const buyer = await party(h, 30n * TON);
    const { gift, nfts } = await collection([owner.id]);
    const a = await buyer.api.offer.makeCollection.mutate({ idempotencyKey: key(), giftId: gift.id, price: 5n * TON, quantity: 3 });
    await owner.api.offer.fillCollection.mutate({ idempotencyKey: key(), offerId: a.offerId, nftId: nfts[0]!.id });
    expect((await failure(owner.api.offer.cancelCollection.mutate({ idempotencyKey: key(), offerId: a.offerId }))).data?.reason).toBe("NOT_OWNER");
    expect(await buyer.api.offer.cancelCollection.mutate({ idempotencyKey: key(), offerId: a.offerId })).toMatchObject({ released: 10n * TON, balance: { available: 25n * TON, locked: 0n } });

    const b = await buyer.api.offer.makeCollection.mutate({ idempotencyKey: key(), giftId: gift.id, price: 2n * TON, quantity: 4, expiresInDays: 1 });
    await h.db.prisma.collectionOffer.update({ where: { id: b.offerId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await failure(owner.api.offer.fillCollection.mutate({ idempotencyKey: key(), offerId: b.offerId, nftId: nfts.at(-1)!.id }))).data?.reason).toBe("OFFER_EXPIRED");
    await executeCommand(expireOffers, h.rt.core, { userId: 0n, isAdmin: false, requestId: "test" }, { limit: 1000 });
    expect(await balance(h, buyer.id)).toEqual({ available: 25n * TON, locked: 0n });
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });
});
