// The market read side against real PostgreSQL and real Redis: filters, sorts, keyset pagination under
// concurrent listing changes, cached aggregates and their invalidation, NFT detail, activity, price history.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@gm/db";
import { readRedisConfig, redisBackends, type Backends } from "@gm/redis";
import { createTestDatabase, createUser, runCommandAs, type TestDatabase } from "../testing";
import type { CoreRuntime } from "../common/execute";
import { AppError } from "../common/errors";
import { invalidateListings } from "../market/cache-keys";
import { changeListingPrice } from "../listings/change-price";
import { delistNft } from "../listings/delist-nft";
import { bulkListNfts } from "../listings/list-nfts";
import { findMarketPage as searchMarket, type MarketItem, type MarketReadDeps, type MarketSort, type SearchMarketInput } from "./search-market";
import { MARKET_SORTS } from "./search-sql";
import { loadMarketFilters as marketFilters, loadMarketFloors as marketFloors } from "./market-filters";
import { loadNftDetail as nftDetail } from "./nft-detail";
import { loadMarketActivity as marketActivity } from "./market-activity";
import { loadPriceHistory as priceHistory } from "./price-history";
import { TON, createCollection, type FactoryNft } from "../testing/market-factory";

let db: TestDatabase;
const opened: Backends[] = [];
const prefix = `gm-test-market-${randomBytes(5).toString("hex")}:`;
const backends = () => {
  const b = redisBackends(readRedisConfig({ REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", REDIS_KEY_PREFIX: prefix }));
  opened.push(b);
  return b;
};
let deps: MarketReadDeps & { reader: TestDatabase["reader"] };
let rt: CoreRuntime;
// The listing changes, through their use cases as the API runs them.
const listNfts = (_deps: unknown, ownerId: bigint, items: { nftId: bigint; price: bigint }[]) => runCommandAs(rt, bulkListNfts, ownerId, { items });
const changePrice = (_deps: unknown, ownerId: bigint, nftId: bigint, price: bigint) => runCommandAs(rt, changeListingPrice, ownerId, { nftId, price });
const delist = (_deps: unknown, ownerId: bigint, nftId: bigint) => runCommandAs(rt, delistNft, ownerId, { nftId });
let owners: bigint[];

beforeAll(async () => {
  db = await createTestDatabase({ DB_POOL_SIZE: "10", DB_POOL_OVERFLOW: "10" });
  const shared = backends();
  await shared.ping();
  deps = { prisma: db.prisma, cache: shared.cache, reader: db.reader } as MarketReadDeps & { reader: typeof db.reader };
  rt = { database: db, cache: deps.cache };
  owners = (await Promise.all([createUser(db.prisma), createUser(db.prisma), createUser(db.prisma)])).map((u) => u.id);
});
afterAll(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
  await db?.drop();
});

const MAX = 2n ** 63n - 1n;
const cmpBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

/** The order each sort promises, as a comparator over the factory's rows (unlisted rows last). */
function comparator(sort: MarketSort): (a: FactoryNft, b: FactoryNft) => number {
  switch (sort) {
    case "price_asc":
      return (a, b) => cmpBig(a.price ?? MAX, b.price ?? MAX) || cmpBig(a.id, b.id);
    case "price_desc":
      return (a, b) => cmpBig(b.price ?? 0n, a.price ?? 0n) || cmpBig(b.id, a.id);
    case "listed_desc":
      return (a, b) => (b.listedAt?.getTime() ?? -Infinity) - (a.listedAt?.getTime() ?? -Infinity) || cmpBig(b.id, a.id);
    case "number_asc":
      return (a, b) => a.giftId - b.giftId || a.number - b.number;
    case "rarity":
      return (a, b) => a.rarity - b.rarity || cmpBig(a.id, b.id);
  }
}

/** Every page of a search; `between` runs after each page (to change listings while paging). */
async function allPages(input: SearchMarketInput, between?: (pageNo: number) => Promise<void>): Promise<MarketItem[]> {
  const items: MarketItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const res = await searchMarket(deps, { ...input, cursor });
    expect(res.items.length).toBeLessThanOrEqual(input.limit ?? 24);
    items.push(...res.items);
    if (!res.nextCursor) return items;
    cursor = res.nextCursor;
    await between?.(page);
  }
  throw new Error("pagination did not end");
}

/** A small deterministic PRNG, so a failure can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("searchMarket", () => {
  it("combines collection, attribute and price filters", async () => {
    const a = await createCollection(db.prisma, { count: 80, owners });
    const b = await createCollection(db.prisma, { count: 40, owners, seed: 3 });
    const both = [...a.nfts, ...b.nfts];
    const cases: { input: SearchMarketInput; keep: (n: FactoryNft) => boolean }[] = [
      { input: { giftIds: [a.id] }, keep: (n) => n.giftId === a.id },
      { input: { giftIds: [a.id, b.id], models: ["Gold"] }, keep: (n) => n.model === "Gold" },
      { input: { giftIds: [a.id, b.id], models: ["Gold", "Silver"], backdrops: ["Sky"] }, keep: (n) => ["Gold", "Silver"].includes(n.model) && n.backdrop === "Sky" },
      { input: { giftIds: [b.id], symbols: ["Star", "Leaf"], priceMin: 3n * TON, priceMax: 9n * TON }, keep: (n) => n.giftId === b.id && ["Star", "Leaf"].includes(n.symbol) && n.price! >= 3n * TON && n.price! <= 9n * TON },
      { input: { giftIds: [a.id, b.id], ownerId: owners[1] }, keep: (n) => n.ownerId === owners[1] },
      { input: { giftIds: [a.id, b.id], priceMax: 2n * TON, backdrops: ["Onyx"], models: ["Plain"] }, keep: (n) => n.price! <= 2n * TON && n.backdrop === "Onyx" && n.model === "Plain" },
    ];
    for (const { input, keep } of cases) {
      const expected = both.filter((n) => n.status === "LISTED" && keep(n)).sort(comparator("price_asc")).map((n) => n.id);
      expect(expected.length).toBeGreaterThan(0);
      const got = await allPages({ ...input, limit: 9 });
      expect(got.map((i) => i.id), JSON.stringify(input, (_k, v) => (typeof v === "bigint" ? v.toString() : v))).toEqual(expected);
    }
  });

  it("returns everything the grid draws: gift, attributes with rarity, backdrop colours, price and owner", async () => {
    const c = await createCollection(db.prisma, { count: 5, owners, listed: () => true });
    const { items } = await searchMarket(deps, { giftIds: [c.id], limit: 1, sort: "number_asc" });
    const n = c.nfts[0]!;
    const backdrop = c.backdrops.find((x) => x.name === n.backdrop)!;
    expect(items).toEqual([
      {
        id: n.id,
        giftId: c.id,
        gift: { slug: c.slug, title: c.title, glyph: "🧸" },
        number: 1,
        model: { name: n.model, rarityPermille: c.models.find((x) => x.name === n.model)!.rarity, glyph: "🐸" },
        backdrop: { name: n.backdrop, rarityPermille: backdrop.rarity, colors: { center: backdrop.center, edge: "#000000", pattern: "#222222", text: "#ffffff" } },
        symbol: { name: n.symbol, rarityPermille: c.symbols.find((x) => x.name === n.symbol)!.rarity, glyph: "⭐" },
        rarity: n.rarity,
        status: "LISTED",
        price: n.price,
        listedAt: n.listedAt,
        ownerId: n.ownerId,
      },
    ]);
    expect(typeof items[0]!.price).toBe("bigint");
  });

  it.each(MARKET_SORTS)("sorts by %s across pages in exactly the promised order", async (sort) => {
    const a = await createCollection(db.prisma, { count: 45, owners });
    const b = await createCollection(db.prisma, { count: 30, owners, seed: 11 });
    const listed = [...a.nfts, ...b.nfts].filter((n) => n.status === "LISTED");
    const got = await allPages({ giftIds: [a.id, b.id], sort, limit: 8 });
    expect(got.map((i) => i.id)).toEqual([...listed].sort(comparator(sort)).map((n) => n.id));
    // One collection takes the single-gift plan (gift_id equality): same order.
    const single = await allPages({ giftIds: [a.id], sort, limit: 7 });
    expect(single.map((i) => i.id)).toEqual(a.nfts.filter((n) => n.status === "LISTED").sort(comparator(sort)).map((n) => n.id));
  });

  it.each(MARKET_SORTS)("shows a profile's whole inventory with listedOnly=false, sorted by %s, unlisted last", async (sort) => {
    const owner = (await createUser(db.prisma)).id;
    const c = await createCollection(db.prisma, { count: 23, owners: [owner], listed: (i) => i % 3 === 0 });
    const got = await allPages({ ownerId: owner, listedOnly: false, sort, limit: 5 });
    expect(got.map((i) => i.id)).toEqual([...c.nfts].sort(comparator(sort)).map((n) => n.id));
    expect(got.some((i) => i.status === "IN_CUSTODY" && i.price === null)).toBe(true);
    const listedOnly = await allPages({ ownerId: owner, sort, limit: 5 });
    expect(listedOnly.map((i) => i.id)).toEqual(c.nfts.filter((n) => n.status === "LISTED").sort(comparator(sort)).map((n) => n.id));
  });

  it.each(MARKET_SORTS)(
    "pages by %s without duplicates or skips of unchanged rows while others are listed, delisted and repriced",
    async (sort) => {
      const c = await createCollection(db.prisma, { count: 70, owners, listed: (i) => i % 4 !== 0 });
      const rand = prng(sort.length * 7919);
      const state = new Map(c.nfts.map((n) => [n.id, { ...n }]));
      const initiallyListed = c.nfts.filter((n) => n.status === "LISTED").map((n) => n.id);
      const changed = new Set<bigint>();
      const seenSoFar = new Set<bigint>();
      const choose = (pred: (n: FactoryNft) => boolean) => {
        const xs = [...state.values()].filter(pred);
        return xs.length ? xs[Math.floor(rand() * xs.length)] : undefined;
      };
      const seen: bigint[] = [];
      let cursor: string | undefined;
      for (let page = 0; ; page++) {
        const res = await searchMarket(deps, { giftIds: [c.id], sort, limit: 6, cursor });
        for (const item of res.items) {
          seen.push(item.id);
          seenSoFar.add(item.id);
        }
        if (!res.nextCursor) break;
        cursor = res.nextCursor;
        // Between pages, concurrently: delist one, list one, reprice one seen and one not yet seen.
        const toDelist = choose((n) => n.status === "LISTED");
        const toList = choose((n) => n.status === "IN_CUSTODY");
        const seenListed = choose((n) => n.status === "LISTED" && seenSoFar.has(n.id) && n.id !== toDelist?.id);
        const unseenListed = choose((n) => n.status === "LISTED" && !seenSoFar.has(n.id) && n.id !== toDelist?.id && n.id !== seenListed?.id);
        const newPrice = () => BigInt(1 + Math.floor(rand() * 13)) * TON + 1n;
        await Promise.all([
          toDelist && delist(deps, toDelist.ownerId, toDelist.id),
          toList && listNfts(deps, toList.ownerId, [{ nftId: toList.id, price: newPrice() }]),
          seenListed && changePrice(deps, seenListed.ownerId, seenListed.id, newPrice()),
          unseenListed && changePrice(deps, unseenListed.ownerId, unseenListed.id, newPrice()),
        ]);
        for (const n of [toDelist, toList, seenListed, unseenListed]) if (n) changed.add(n.id);
        if (toDelist) state.get(toDelist.id)!.status = "IN_CUSTODY";
        if (toList) state.get(toList.id)!.status = "LISTED";
        expect(page).toBeLessThan(100);
      }
      const counts = new Map<bigint, number>();
      for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
      const unchanged = initiallyListed.filter((id) => !changed.has(id));
      expect(unchanged.length).toBeGreaterThan(10);
      expect(changed.size).toBeGreaterThan(10);
      // Stable: every row that stayed listed and untouched appears exactly once…
      for (const id of unchanged) expect(counts.get(id), `unchanged NFT ${id}`).toBe(1);
      // …and only a row that changed while the caller paged may appear twice.
      for (const [id, n] of counts) if (n > 1) expect(changed.has(id), `duplicated NFT ${id}`).toBe(true);
    },
  );

  it("refuses a tampered cursor or one from another sort with a readable BAD_REQUEST", async () => {
    const c = await createCollection(db.prisma, { count: 10, owners, listed: () => true });
    const first = await searchMarket(deps, { giftIds: [c.id], limit: 2, sort: "price_asc" });
    expect(first.nextCursor).toEqual(expect.any(String));
    await expect(searchMarket(deps, { giftIds: [c.id], limit: 2, sort: "rarity", cursor: first.nextCursor! })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/another sort order/),
    });
    const forged = Buffer.from(JSON.stringify({ s: "price_asc", k: ["1; DROP TABLE nfts", "1"] })).toString("base64url");
    for (const cursor of ["%%%", "e30", forged]) {
      const error = await searchMarket(deps, { giftIds: [c.id], cursor }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "BAD_REQUEST", reason: "INVALID_CURSOR" });
    }
  });
});

describe("marketFilters and marketFloors", () => {
  it("aggregates collections and attribute values, serves them from the cache, and is fresh after invalidateListings", async () => {
    const c = await createCollection(db.prisma, { count: 50, owners });
    const listed = c.nfts.filter((n) => n.status === "LISTED");
    const minPrice = (xs: FactoryNft[]) => (xs.length ? xs.map((n) => n.price!).reduce((x, y) => (y < x ? y : x)) : null);
    await invalidateListings(deps.cache, [c.id]);

    const filters = await marketFilters(deps);
    const mine = filters.collections.find((x) => x.id === c.id)!;
    expect(mine).toMatchObject({ slug: c.slug, title: c.title, glyph: "🧸", listed: listed.length, floor: minPrice(listed) });
    // Rarest first, with per-value counts and floors.
    expect(mine.models).toEqual(
      [...c.models].sort((x, y) => x.rarity - y.rarity).map((m) => {
        const xs = listed.filter((n) => n.model === m.name);
        return { name: m.name, rarityPermille: m.rarity, listed: xs.length, floor: minPrice(xs) };
      }),
    );
    expect(mine.backdrops.map((b) => b.name)).toEqual(["Onyx", "Sky"]);
    expect(mine.symbols.map((s) => s.listed).reduce((x, y) => x + y)).toBe(listed.length);

    const floors = await marketFloors(deps, { giftId: c.id });
    expect(floors.collections).toEqual([{ giftId: c.id, floor: minPrice(listed), listed: listed.length }]);
    expect(floors.attributes).toContainEqual({ giftId: c.id, kind: "SYMBOL", name: "Star", floor: minPrice(listed.filter((n) => n.symbol === "Star")), listed: listed.filter((n) => n.symbol === "Star").length });
    const allFloors = await marketFloors(deps);
    expect(allFloors.collections).toContainEqual({ giftId: c.id, floor: minPrice(listed), listed: listed.length });

    // A listing change written behind the use cases' back: the cache still serves the old view…
    const unlisted = c.nfts.find((n) => n.status === "IN_CUSTODY")!;
    await db.prisma.$executeRaw`UPDATE nfts SET status = 'LISTED', price = 1000, listed_at = now() WHERE id = ${unlisted.id}`;
    expect((await marketFilters(deps)).collections.find((x) => x.id === c.id)!.floor).toBe(minPrice(listed));
    expect((await marketFloors(deps, { giftId: c.id })).collections[0]!.floor).toBe(minPrice(listed));
    expect((await marketFloors(deps)).collections.find((x) => x.giftId === c.id)!.floor).toBe(minPrice(listed));
    // …until the writers' invalidation runs: then every view is fresh.
    await invalidateListings(deps.cache, [c.id]);
    const fresh = (await marketFilters(deps)).collections.find((x) => x.id === c.id)!;
    expect(fresh).toMatchObject({ floor: 1000n, listed: listed.length + 1 });
    expect(fresh.models.find((m) => m.name === unlisted.model)!.floor).toBe(1000n);
    expect((await marketFloors(deps, { giftId: c.id })).collections[0]).toEqual({ giftId: c.id, floor: 1000n, listed: listed.length + 1 });
    expect((await marketFloors(deps)).collections.find((x) => x.giftId === c.id)!.floor).toBe(1000n);
  });

  it("is invalidated by the real listing use cases", async () => {
    const c = await createCollection(db.prisma, { count: 6, owners, listed: () => false });
    await invalidateListings(deps.cache, [c.id]);
    expect((await marketFloors(deps, { giftId: c.id })).collections[0]).toEqual({ giftId: c.id, floor: null, listed: 0 });
    const n = c.nfts[0]!;
    await listNfts(deps, n.ownerId, [{ nftId: n.id, price: 2n * TON }]);
    expect((await marketFloors(deps, { giftId: c.id })).collections[0]).toEqual({ giftId: c.id, floor: 2n * TON, listed: 1 });
    expect((await marketFilters(deps)).collections.find((x) => x.id === c.id)).toMatchObject({ floor: 2n * TON, listed: 1 });
    await changePrice(deps, n.ownerId, n.id, 3n * TON);
    expect((await marketFloors(deps, { giftId: c.id })).collections[0]!.floor).toBe(3n * TON);
    await delist(deps, n.ownerId, n.id);
    expect((await marketFilters(deps)).collections.find((x) => x.id === c.id)).toMatchObject({ floor: null, listed: 0 });
  });

  it("runs the loader once for 50 concurrent cold reads across two app instances", async () => {
    const [a, b] = [backends(), backends()];
    // Connected first: until then the cache is bypassed, by design.
    await Promise.all([a.ping(), b.ping()]);
    let queries = 0;
    // Counts every query the loader sends.
    const counting = new Proxy(db.prisma, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop === "$queryRaw" && typeof value === "function") {
          return (...args: unknown[]) => {
            queries++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return value;
      },
    }) as PrismaClient;
    await invalidateListings(a.cache, []);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => marketFilters({ prisma: counting, cache: (i % 2 ? a : b).cache })),
    );
    expect(queries).toBe(2); // one load: collections + attribute values
    expect(new Set(results.map((r) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v)))).size).toBe(1);

    const c = await createCollection(db.prisma, { count: 5, owners });
    for (const input of [{ giftId: c.id }, {}]) {
      queries = 0;
      await invalidateListings(a.cache, [c.id]);
      const floors = await Promise.all(Array.from({ length: 50 }, (_, i) => marketFloors({ prisma: counting, cache: (i % 2 ? a : b).cache }, input)));
      expect(queries).toBe(2);
      expect(floors.every((f) => f.collections.some((x) => x.giftId === c.id))).toBe(true);
    }
  });

  it("says which collection is missing", async () => {
    await expect(marketFloors(deps, { giftId: 999_999 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("nftDetail", () => {
  it("shows the NFT, its owner, attributes, price, the 5 best active offers and the 10 latest sales", async () => {
    const c = await createCollection(db.prisma, { count: 3, owners, listed: () => true });
    const n = c.nfts[1]!;
    // One active offer per buyer per NFT (a partial unique index): a buyer each.
    const buyers = await Promise.all(Array.from({ length: 8 }, () => createUser(db.prisma)));
    const future = new Date(Date.now() + 86_400_000);
    await db.prisma.offer.createMany({
      data: [
        ...[5n, 9n, 1n, 7n, 3n, 8n, 2n].map((p, i) => ({ nftId: n.id, buyerId: buyers[i]!.id, price: p * TON, expiresAt: future })),
        { nftId: n.id, buyerId: buyers[0]!.id, price: 50n * TON, expiresAt: future, status: "CANCELLED" as const },
        { nftId: n.id, buyerId: buyers[7]!.id, price: 40n * TON, expiresAt: new Date(Date.now() - 1000) },
        { nftId: c.nfts[0]!.id, buyerId: buyers[0]!.id, price: 60n * TON, expiresAt: future },
      ],
    });
    const t0 = Date.now() - 100 * 60_000;
    await db.prisma.activityEvent.createMany({
      data: [
        ...Array.from({ length: 12 }, (_, i) => ({
          type: "SALE" as const,
          giftId: c.id,
          nftId: n.id,
          actorId: buyers[i % 3]!.id,
          counterpartyId: owners[0],
          price: BigInt(i + 1) * TON,
          createdAt: new Date(t0 + i * 60_000),
        })),
        { type: "LISTING" as const, giftId: c.id, nftId: n.id, actorId: owners[0], price: TON, createdAt: new Date() },
        { type: "SALE" as const, giftId: c.id, nftId: c.nfts[0]!.id, actorId: owners[0], price: TON, createdAt: new Date() },
      ],
    });
    const d = await nftDetail(deps, n.id);
    const owner = await db.prisma.user.findUniqueOrThrow({ where: { id: n.ownerId } });
    expect(d).toMatchObject({
      id: n.id,
      giftId: c.id,
      gift: { slug: c.slug, title: c.title, glyph: "🧸", floor: c.nfts.map((x) => x.price!).reduce((x, y) => (y < x ? y : x)) },
      number: 2,
      model: { name: n.model, glyph: "🐸" },
      backdrop: { name: n.backdrop, colors: { center: expect.stringMatching(/^#/) } },
      symbol: { name: n.symbol },
      status: "LISTED",
      price: n.price,
      owner: { id: owner.id, firstName: owner.firstName, username: owner.username },
      auction: null,
    });
    expect(d.offers.map((o) => o.price)).toEqual([9n, 8n, 7n, 5n, 3n].map((p) => p * TON));
    expect(d.offers[0]!.buyer.firstName).toEqual(expect.any(String));
    expect(d.sales.map((s) => s.price)).toEqual([12n, 11n, 10n, 9n, 8n, 7n, 6n, 5n, 4n, 3n].map((p) => p * TON));
    expect(d.sales[0]).toMatchObject({ buyerId: buyers[11 % 3]!.id, sellerId: owners[0] });
  });

  it("is NOT_FOUND for an unknown NFT", async () => {
    await expect(nftDetail(deps, 987_654_321n)).rejects.toMatchObject({ code: "NOT_FOUND", message: "Gift #987654321 was not found." });
  });
});

describe("marketActivity", () => {
  it("pages newest first by collection, by user (actor or counterparty) and by type", async () => {
    const a = await createCollection(db.prisma, { count: 4, owners, listed: () => true });
    const b = await createCollection(db.prisma, { count: 2, owners, listed: () => true });
    const [u1, u2] = [(await createUser(db.prisma, { firstName: "Ann" })).id, (await createUser(db.prisma)).id];
    const types = ["LISTING", "SALE", "PRICE_CHANGE", "OFFER"] as const;
    for (let i = 0; i < 17; i++) {
      const gift = i % 3 === 0 ? b : a;
      await db.prisma.activityEvent.create({
        data: { type: types[i % 4]!, giftId: gift.id, nftId: gift.nfts[i % gift.nfts.length]!.id, actorId: i % 2 ? u1 : u2, counterpartyId: i % 5 === 0 ? u1 : null, price: BigInt(i + 1) * TON },
      });
    }
    const events = await db.prisma.activityEvent.findMany({ where: { giftId: { in: [a.id, b.id] } }, orderBy: { id: "desc" } });
    const pages = async (input: Parameters<typeof marketActivity>[1]) => {
      const out: Awaited<ReturnType<typeof marketActivity>>["items"] = [];
      let cursor: string | undefined;
      do {
        const res = await marketActivity(deps, { ...input, cursor, limit: 4 });
        out.push(...res.items);
        cursor = res.nextCursor ?? undefined;
      } while (cursor);
      return out;
    };
    const byGift = await pages({ giftId: a.id });
    expect(byGift.map((e) => e.id)).toEqual(events.filter((e) => e.giftId === a.id).map((e) => e.id));
    expect(byGift[0]).toMatchObject({ gift: { id: a.id, title: a.title, glyph: "🧸" }, nft: { number: expect.any(Number) } });
    const byUser = await pages({ userId: u1 });
    expect(byUser.map((e) => e.id)).toEqual(events.filter((e) => e.actorId === u1 || e.counterpartyId === u1).map((e) => e.id));
    expect(byUser.find((e) => e.actor?.id === u1)!.actor!.name).toMatch(/^user\d+$/);
    const sales = await pages({ giftId: a.id, types: ["SALE", "OFFER"] });
    expect(sales.map((e) => e.id)).toEqual(events.filter((e) => e.giftId === a.id && (e.type === "SALE" || e.type === "OFFER")).map((e) => e.id));
    await expect(marketActivity(deps, { cursor: "bogus" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("priceHistory", () => {
  it("buckets a collection's sales per hour and per day: floor, average, volume, count", async () => {
    const c = await createCollection(db.prisma, { count: 2, owners, listed: () => true });
    const day = Date.UTC(2026, 0, 10);
    const at = (h: number, m = 0) => new Date(day + h * 3_600_000 + m * 60_000);
    const sale = (when: Date, ton: bigint) => ({ type: "SALE" as const, giftId: c.id, nftId: c.nfts[0]!.id, price: ton * TON, createdAt: when });
    await db.prisma.activityEvent.createMany({
      data: [
        sale(at(1, 5), 4n),
        sale(at(1, 50), 2n),
        sale(at(1, 59), 3n),
        sale(at(3, 0), 10n),
        sale(at(26), 7n),
        { type: "LISTING" as const, giftId: c.id, nftId: c.nfts[0]!.id, price: 1n, createdAt: at(1, 30) },
      ],
    });
    const hours = await priceHistory(deps, { giftId: c.id, interval: "hour", from: at(0), to: at(5) });
    expect(hours.buckets.map((b) => b.time)).toEqual([0, 1, 2, 3, 4].map((h) => at(h)));
    expect(hours.buckets[1]).toEqual({ time: at(1), floor: 2n * TON, average: 3n * TON, volume: 9n * TON, count: 3 });
    expect(hours.buckets[0]).toEqual({ time: at(0), floor: null, average: null, volume: 0n, count: 0 });
    expect(hours.buckets[3]).toMatchObject({ floor: 10n * TON, count: 1 });
    const days = await priceHistory(deps, { giftId: c.id, interval: "day", from: at(0), to: at(48) });
    expect(days.buckets.map((b) => [b.time, b.floor, b.volume, b.count])).toEqual([
      [at(0), 2n * TON, 19n * TON, 4],
      [at(24), 7n * TON, 7n * TON, 1],
    ]);
  });

  it("bounds the range and knows unknown collections", async () => {
    const now = Date.now();
    await expect(priceHistory(deps, { giftId: 1, interval: "day", from: new Date(now - 91 * 86_400_000), to: new Date(now) })).rejects.toMatchObject({ code: "BAD_REQUEST", reason: "RANGE_TOO_LONG" });
    await expect(priceHistory(deps, { giftId: 1, interval: "hour", from: new Date(now - 2001 * 3_600_000), to: new Date(now) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(priceHistory(deps, { giftId: 1, interval: "hour", from: new Date(now), to: new Date(now - 1) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(priceHistory(deps, { giftId: 999_999, interval: "day" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
