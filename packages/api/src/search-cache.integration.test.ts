// market.search's page cache, over HTTP on two instances of one deployment (one database, one Redis):
// a page is shared while nothing changes, and a listing change on either instance is seen by every read
// that starts after its caller heard back — the buyer's own next read included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGiftWithNfts, createUser } from "@gm/core/testing";
import { startHarness, telegramUser, type Harness } from "./testing/harness";

const TON = 1_000_000_000n;
const key = () => `cache-${crypto.randomUUID()}`;

let one: Harness;
let two: Harness;
beforeAll(async () => {
  one = await startHarness();
  two = await startHarness({}, { shareWith: one });
});
afterAll(async () => {
  await two?.close();
  await one?.close();
});

async function market() {
  const seller = await createUser(one.db.prisma);
  const buyer = await createUser(one.db.prisma, { available: 100n * TON });
  const { gift, nfts } = await createGiftWithNfts(one.db.prisma, { ownerId: seller.id, price: 3n * TON, count: 4 });
  const reader = telegramUser();
  return { seller, buyer, gift, nfts, reader };
}

const ids = (page: { items: { id: bigint }[] }) => page.items.map((i) => i.id);

describe("market.search's page cache", () => {
  it("never shows a bought gift as for sale to the buyer or anyone else, on either instance, once the purchase returned", async () => {
    const { buyer, gift, nfts, reader } = await market();
    const page = { giftIds: [gift.id], sort: "price_asc" as const, limit: 10 };
    const readerOnOne = one.client(reader);
    const buyerOnOne = one.client(telegramUser({ id: buyer.id }));
    const buyerOnTwo = two.client(telegramUser({ id: buyer.id }));
    // Both instances have the page with every gift in it.
    expect(ids(await readerOnOne.market.search.query(page))).toEqual(expect.arrayContaining(nfts.map((n) => n.id)));
    expect(ids(await two.client(reader).market.search.query(page))).toHaveLength(nfts.length);

    // Bought through instance two: instance one's cached page must not be served any more.
    await buyerOnTwo.listing.buy.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 3n * TON });
    expect(ids(await buyerOnOne.market.search.query(page))).not.toContain(nfts[0]!.id);
    expect(ids(await readerOnOne.market.search.query(page))).not.toContain(nfts[0]!.id);

    // Delisted through instance one: instance two sees it at once too.
    const sellerOnOne = one.client(telegramUser({ id: (await one.db.prisma.nft.findUniqueOrThrow({ where: { id: nfts[1]!.id } })).ownerId }));
    await sellerOnOne.listing.delist.mutate({ nftId: nfts[1]!.id });
    expect(ids(await two.client(reader).market.search.query(page))).not.toContain(nfts[1]!.id);
    expect(ids(await readerOnOne.market.search.query(page))).toEqual(nfts.slice(2).map((n) => n.id));
  });

  it("shares a page between readers while nothing changes, and no page outlives a second", async () => {
    const { gift, nfts, reader } = await market();
    const page = { giftIds: [gift.id], sort: "price_desc" as const, limit: 10 };
    const first = await one.client(reader).market.search.query(page);
    // A change that bypasses the use cases (no listing change is announced): the shared page is served…
    await one.db.prisma.nft.update({ where: { id: nfts[0]!.id }, data: { price: 9n * TON } });
    const other = await one.client(telegramUser()).market.search.query(page);
    expect(other.items.map((i) => i.price)).toEqual(first.items.map((i) => i.price));
    // …for at most a second.
    await new Promise((r) => setTimeout(r, 1_100));
    const later = await one.client(reader).market.search.query(page);
    expect(later.items[0]).toMatchObject({ id: nfts[0]!.id, price: 9n * TON });
  });

  it("never caches an inventory: a gift that reaches a user's custody shows in their profile at once", async () => {
    const { seller } = await market();
    const inventory = { ownerId: seller.id, listedOnly: false, limit: 50 };
    const viewer = one.client(telegramUser());
    const before = await viewer.market.search.query(inventory);
    // Custody changes no listing, so it announces nothing the page cache could hear.
    await createGiftWithNfts(one.db.prisma, { ownerId: seller.id, count: 1 });
    const after = await viewer.market.search.query(inventory);
    expect(after.items).toHaveLength(before.items.length + 1);
  });
});
