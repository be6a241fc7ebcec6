import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { checkLedger } from "@gm/core";
import { createGiftWithNfts, createUser, createUsers } from "@gm/core/testing";
import { failure, startHarness, telegramUser, type Harness } from "./testing/harness";
import type { AppRouter } from "./router";

const TON = 1_000_000_000n;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});


const as = (id: bigint) => h.client(telegramUser({ id }));
const key = () => `buy-${crypto.randomUUID()}`;
/** Transactions the unit of work had to retry (deadlocks, serialization failures) since `from` log lines. */
const retriesSince = (from: number) => h.logs.slice(from).filter((l) => l.msg === "transaction retried after a deadlock or serialization failure").length;
const balanceOf = async (id: bigint) => h.db.prisma.user.findUniqueOrThrow({ where: { id }, select: { available: true, locked: true } });

describe("listing.buy", () => {
  it("moves the gift and exactly the price: seller gets price minus 5%, the platform the fee", async () => {
    const seller = await createUser(h.db.prisma);
    const buyer = await createUser(h.db.prisma, { available: 100n * TON });
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 40n * TON });
    const nft = nfts[0]!;
    const res = await as(buyer.id).listing.buy.mutate({ idempotencyKey: key(), nftId: nft.id, price: 40n * TON });
    expect(res).toMatchObject({ nftId: nft.id, price: 40n * TON, fee: 2n * TON, sellerId: seller.id, balance: { available: 60n * TON, locked: 0n } });
    expect(await balanceOf(buyer.id)).toEqual({ available: 60n * TON, locked: 0n });
    expect(await balanceOf(seller.id)).toEqual({ available: 38n * TON, locked: 0n });
    expect(await h.db.prisma.nft.findUniqueOrThrow({ where: { id: nft.id } })).toMatchObject({ ownerId: buyer.id, status: "IN_CUSTODY", price: null });
    const sale = await h.db.prisma.activityEvent.findFirstOrThrow({ where: { nftId: nft.id, type: "SALE" } });
    expect(sale).toMatchObject({ actorId: buyer.id, counterpartyId: seller.id, price: 40n * TON });
    const report = await checkLedger(h.db.prisma);
    expect(report.ok).toBe(true);
    expect(report.totals.PLATFORM_FEES).toBeGreaterThanOrEqual(2n * TON);
  });

  it("lets exactly one of 500 concurrent buyers have the gift; everyone else gets a clear error", async () => {
    const seller = await createUser(h.db.prisma);
    const buyers = await createUsers(h.db.prisma, 500, 50n * TON);
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 10n * TON });
    const nft = nfts[0]!;
    const results = await Promise.allSettled(buyers.map((id) => as(id).listing.buy.mutate({ idempotencyKey: key(), nftId: nft.id, price: 10n * TON })));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as TRPCClientError<AppRouter>);
    expect(refusals).toHaveLength(499);
    for (const e of refusals) {
      expect(e.data?.code).toBe("CONFLICT");
      expect(e.message).toBe("This gift is no longer for sale.");
    }
    const owner = (await h.db.prisma.nft.findUniqueOrThrow({ where: { id: nft.id } })).ownerId;
    expect(buyers).toContain(owner);
    // Only the winner paid; the seller was paid once.
    const paid = await h.db.prisma.user.count({ where: { id: { in: buyers }, available: { lt: 50n * TON } } });
    expect(paid).toBe(1);
    expect(await balanceOf(seller.id)).toEqual({ available: 9_500_000_000n, locked: 0n });
    expect(await h.db.prisma.activityEvent.count({ where: { nftId: nft.id, type: "SALE" } })).toBe(1);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("lets one user buy 10 listings from different sellers at once: all succeed, none waits on a deadlock", async () => {
    const buyer = await createUser(h.db.prisma, { available: 100n * TON });
    const sellers = await createUsers(h.db.prisma, 10, 1n * TON);
    const nfts = await Promise.all(sellers.map(async (ownerId) => (await createGiftWithNfts(h.db.prisma, { ownerId, price: 5n * TON })).nfts[0]!));
    const logsBefore = h.logs.length;
    const results = await Promise.allSettled(nfts.map((nft) => as(buyer.id).listing.buy.mutate({ idempotencyKey: key(), nftId: nft.id, price: 5n * TON })));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => (r.reason as Error).message);
    expect(refused).toEqual([]);
    expect(retriesSince(logsBefore)).toBe(0);
    expect(await balanceOf(buyer.id)).toEqual({ available: 50n * TON, locked: 0n });
    expect(await h.db.prisma.nft.count({ where: { id: { in: nfts.map((n) => n.id) }, ownerId: buyer.id } })).toBe(10);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("lets two users buy each other's gifts at the same time, many times over, without a deadlock", async () => {
    const [a, b] = await createUsers(h.db.prisma, 2, 100n * TON);
    const mine = (await createGiftWithNfts(h.db.prisma, { ownerId: a!, price: 1n * TON, count: 10 })).nfts;
    const theirs = (await createGiftWithNfts(h.db.prisma, { ownerId: b!, price: 1n * TON, count: 10 })).nfts;
    const logsBefore = h.logs.length;
    const calls = mine.flatMap((nft, i) => [
      as(b!).listing.buy.mutate({ idempotencyKey: key(), nftId: nft.id, price: 1n * TON }),
      as(a!).listing.buy.mutate({ idempotencyKey: key(), nftId: theirs[i]!.id, price: 1n * TON }),
    ]);
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(retriesSince(logsBefore)).toBe(0);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("refuses a purchase when the price changed since the buyer saw it, and charges nothing", async () => {
    const seller = await createUser(h.db.prisma);
    const buyer = await createUser(h.db.prisma, { available: 100n * TON });
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 10n * TON });
    const nft = nfts[0]!;
    await as(seller.id).listing.changePrice.mutate({ nftId: nft.id, price: 12n * TON });
    const err = await failure(as(buyer.id).listing.buy.mutate({ idempotencyKey: key(), nftId: nft.id, price: 10n * TON }));
    expect(err.data?.code).toBe("CONFLICT");
    expect(err.message).toBe("The price changed from 10.00 TON to 12.00 TON. Check the new price and try again.");
    expect(err.data?.reason).toBe("PRICE_CHANGED");
    // A price the gift was never offered at is not a change: the buyer is told the real price.
    const lower = await failure(as(buyer.id).listing.buy.mutate({ idempotencyKey: key(), nftId: nft.id, price: 11_999_999_999n }));
    expect(lower.data?.reason).toBe("PRICE_MISMATCH");
    expect(lower.message).toBe("This gift costs 12.00 TON, not 11.999999999 TON. Check the price and try again.");
    expect(await balanceOf(buyer.id)).toEqual({ available: 100n * TON, locked: 0n });
    expect((await h.db.prisma.nft.findUniqueOrThrow({ where: { id: nft.id } })).ownerId).toBe(seller.id);
  });

  it("refuses your own gift, an unlisted gift and a purchase beyond the balance, changing nothing", async () => {
    const seller = await createUser(h.db.prisma, { available: 5n * TON });
    const poor = await createUser(h.db.prisma, { available: 1n * TON });
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 3n * TON, count: 2 });
    await as(seller.id).listing.delist.mutate({ nftId: nfts[1]!.id });
    const own = await failure(as(seller.id).listing.buy.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 3n * TON }));
    expect([own.data?.code, own.message]).toEqual(["FORBIDDEN", "You already own this gift."]);
    const unlisted = await failure(as(poor.id).listing.buy.mutate({ idempotencyKey: key(), nftId: nfts[1]!.id, price: 3n * TON }));
    expect([unlisted.data?.code, unlisted.message]).toEqual(["CONFLICT", "This gift is no longer for sale."]);
    const broke = await failure(as(poor.id).listing.buy.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 3n * TON }));
    expect([broke.data?.code, broke.message]).toEqual(["PRECONDITION_FAILED", "Not enough balance: 1.00 TON available, 3.00 TON needed."]);
    const missing = await failure(as(poor.id).listing.buy.mutate({ idempotencyKey: key(), nftId: 999_999_999n, price: 3n * TON }));
    expect(missing.data?.code).toBe("NOT_FOUND");
    const bad = await failure(as(poor.id).listing.buy.mutate({ idempotencyKey: key(), nftId: nfts[0]!.id, price: 1n }));
    expect(bad.data?.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/price must be between 0.10 TON and 10,000,000.00 TON/);
    expect(await balanceOf(poor.id)).toEqual({ available: 1n * TON, locked: 0n });
    expect(await balanceOf(seller.id)).toEqual({ available: 5n * TON, locked: 0n });
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("answers a repeated idempotency key with the first purchase and charges once", async () => {
    const seller = await createUser(h.db.prisma);
    const buyer = await createUser(h.db.prisma, { available: 30n * TON });
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 10n * TON });
    const input = { idempotencyKey: key(), nftId: nfts[0]!.id, price: 10n * TON };
    // 8 repeats: within the 10-a-minute purchase limit, which counts repeats too.
    const answers = await Promise.all(Array.from({ length: 8 }, () => as(buyer.id).listing.buy.mutate(input)));
    expect(new Set(answers.map((a) => a.movementId)).size).toBe(1);
    expect(await balanceOf(buyer.id)).toEqual({ available: 20n * TON, locked: 0n });
  });

  it("limits purchases to 10 a minute per user, with Retry-After", async () => {
    const limited = await startHarness({ userRateLimitPerMinute: 1000 });
    try {
      const buyer = await createUser(limited.db.prisma, { available: TON });
      const auth = `tma ${limited.initData(telegramUser({ id: buyer.id }))}`;
      const buy = () =>
        fetch(`${limited.url}/api/trpc/listing.buy`, {
          method: "POST",
          headers: { authorization: auth, "content-type": "application/json" },
          body: JSON.stringify({ json: { idempotencyKey: key(), nftId: "1", price: "1000000000" }, meta: { values: { nftId: ["bigint"], price: ["bigint"] } } }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await buy()).status);
      expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
      expect(statuses[10]).toBe(429);
      expect(Number((await buy()).headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

describe("idempotent replays and the purchase limit", () => {
  it("answers a replay without spending the limit, even when the limit is used up", async () => {
    const seller = await createUser(h.db.prisma);
    const buyer = await createUser(h.db.prisma, { available: 100n * TON });
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 1n * TON, count: 12 });
    const buyer$ = as(buyer.id);
    const first = { idempotencyKey: key(), nftId: nfts[0]!.id, price: 1n * TON };
    const bought = await buyer$.listing.buy.mutate(first);
    // Retried after "network errors": five replays, none of them counted.
    for (let i = 0; i < 5; i++) expect(await buyer$.listing.buy.mutate(first)).toEqual(bought);
    // So nine more purchases still fit in the 10-a-minute limit...
    for (const nft of nfts.slice(1, 10)) await buyer$.listing.buy.mutate({ idempotencyKey: key(), nftId: nft.id, price: 1n * TON });
    // ...the eleventh is refused...
    const refused = await failure(buyer$.listing.buy.mutate({ idempotencyKey: key(), nftId: nfts[10]!.id, price: 1n * TON }));
    expect(refused.data?.code).toBe("TOO_MANY_REQUESTS");
    // ...and a replay still gets its answer, charging nothing.
    expect(await buyer$.listing.buy.mutate(first)).toEqual(bought);
    expect(await balanceOf(buyer.id)).toEqual({ available: 90n * TON, locked: 0n });
  });
});

describe("listing management", () => {
  it("lists, reprices and delists only the owner's gifts, within price bounds", async () => {
    const owner = await createUser(h.db.prisma);
    const other = await createUser(h.db.prisma);
    const { nfts, gift } = await createGiftWithNfts(h.db.prisma, { ownerId: owner.id, count: 3 });
    const c = as(owner.id);
    expect(await c.listing.list.mutate({ nftId: nfts[0]!.id, price: 5n * TON })).toEqual({ nftId: nfts[0]!.id, price: 5n * TON });
    const again = await failure(c.listing.list.mutate({ nftId: nfts[0]!.id, price: 6n * TON }));
    expect([again.data?.code, again.message]).toEqual(["CONFLICT", "This gift is already listed: change its price instead."]);
    const notMine = await failure(as(other.id).listing.changePrice.mutate({ nftId: nfts[0]!.id, price: TON }));
    expect([notMine.data?.code, notMine.message]).toEqual(["FORBIDDEN", "Only the owner can do this with the gift."]);
    const cheap = await failure(c.listing.changePrice.mutate({ nftId: nfts[0]!.id, price: 1000n }));
    expect(cheap.data?.code).toBe("BAD_REQUEST");
    await c.listing.changePrice.mutate({ nftId: nfts[0]!.id, price: 7n * TON });
    const bulk = await c.listing.bulkList.mutate({ items: [{ nftId: nfts[1]!.id, price: 2n * TON }, { nftId: nfts[2]!.id, price: 3n * TON }] });
    expect(bulk.items).toHaveLength(2);
    await c.listing.delist.mutate({ nftId: nfts[1]!.id });
    const rows = await h.db.prisma.nft.findMany({ where: { giftId: gift.id }, orderBy: { number: "asc" } });
    expect(rows.map((r) => [r.status, r.price])).toEqual([["LISTED", 7n * TON], ["IN_CUSTODY", null], ["LISTED", 3n * TON]]);
    const events = await h.db.prisma.activityEvent.findMany({ where: { giftId: gift.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["LISTING", "PRICE_CHANGE", "LISTING", "LISTING", "DELIST"]);
  });

  it("refuses a bulk listing as a whole when one gift cannot be listed", async () => {
    const owner = await createUser(h.db.prisma);
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: owner.id, count: 2 });
    await h.db.prisma.nft.update({ where: { id: nfts[1]!.id }, data: { status: "IN_AUCTION" } });
    const err = await failure(as(owner.id).listing.bulkList.mutate({ items: nfts.map((n) => ({ nftId: n.id, price: 2n * TON })) }));
    expect([err.data?.code, err.message]).toEqual(["CONFLICT", "This gift is in an auction and cannot be listed or changed until it ends."]);
    expect(await h.db.prisma.nft.count({ where: { id: { in: nfts.map((n) => n.id) }, status: "LISTED" } })).toBe(0);
  });

  it("refuses to list a gift that Telegram does not let be transferred yet", async () => {
    const owner = await createUser(h.db.prisma);
    const { nfts, gift } = await createGiftWithNfts(h.db.prisma, { ownerId: owner.id, transferable: false, title: "Lunar Snake" });
    const err = await failure(as(owner.id).listing.list.mutate({ nftId: nfts[0]!.id, price: 2n * TON }));
    expect(err.data?.code).toBe("CONFLICT");
    expect(err.message).toBe("Lunar Snake cannot be transferred yet: sell it as a presale instead.");
    expect(gift.transferableAt).toBeNull();
  });
});
