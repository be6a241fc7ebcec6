// market.* over real HTTP (superjson, signed init data), on a fresh database and the real Redis.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import superjson from "superjson";
import { createUser, createUsers } from "@gm/core/testing";
import { failure as trpcError, startHarness, telegramUser, type Harness } from "./testing/harness";

const TON = 1_000_000_000n;

let h: Harness;
let giftId: number;
let nftIds: bigint[];
const me = telegramUser({ firstName: "Browser" });

const client = (user = me) => h.client(user);

beforeAll(async () => {
  h = await startHarness();
  const prisma = h.db.prisma;
  const owner = await createUser(prisma, { firstName: "Seller" });
  const gift = await prisma.gift.create({ data: { slug: "plush-pepe", title: "Plush Pepe", supply: 100, glyph: "🐸", transferableAt: new Date(Date.now() - 86_400_000) } });
  giftId = gift.id;
  await prisma.giftAttribute.createMany({
    data: [
      { giftId, kind: "MODEL", name: "Gold", rarityPermille: 5, data: { glyph: "🥇" } },
      { giftId, kind: "MODEL", name: "Plain", rarityPermille: 200 },
      { giftId, kind: "BACKDROP", name: "Onyx", rarityPermille: 10, data: { center: "#111111", edge: "#000000", pattern: "#222222", text: "#ffffff" } },
      { giftId, kind: "SYMBOL", name: "Star", rarityPermille: 3 },
    ],
  });
  await prisma.nft.createMany({
    data: Array.from({ length: 6 }, (_, i) => ({
      giftId,
      number: i + 1,
      model: i % 2 ? "Gold" : "Plain",
      modelRarity: i % 2 ? 5 : 200,
      backdrop: "Onyx",
      backdropRarity: 10,
      symbol: "Star",
      symbolRarity: 3,
      rarity: (i % 2 ? 5 : 200) * 10 * 3,
      ownerId: owner.id,
      status: i < 5 ? ("LISTED" as const) : ("IN_CUSTODY" as const),
      // A price beyond 2^53: it must cross the wire as an exact bigint.
      price: i < 5 ? 9_007_199_254_740_993n + BigInt(i) * TON : null,
      listedAt: i < 5 ? new Date(Date.now() - i * 1000) : null,
    })),
  });
  nftIds = (await prisma.nft.findMany({ where: { giftId }, orderBy: { number: "asc" }, select: { id: true } })).map((n) => n.id);
  await prisma.activityEvent.createMany({
    data: [
      { type: "SALE", giftId, nftId: nftIds[5], actorId: owner.id, price: 3n * TON, createdAt: new Date(Date.now() - 3_600_000) },
      { type: "LISTING", giftId, nftId: nftIds[0], actorId: owner.id, price: 9_007_199_254_740_993n },
    ],
  });
});

afterAll(async () => {
  await h?.close();
});

describe("market input validation", () => {
  const bad: { name: string; input: unknown; message: RegExp }[] = [
    { name: "a page of 1000", input: { limit: 1000 }, message: /limit: Ask for at most 100 items per page\./ },
    { name: "a negative price", input: { priceMin: -1n }, message: /priceMin: A price cannot be negative\./ },
    { name: "an unknown sort", input: { sort: "cheapest" }, message: /sort: Sort by one of: price_asc, price_desc, listed_desc, number_asc, rarity\./ },
    { name: "a price as a plain number", input: { priceMax: 5 }, message: /priceMax: Prices are whole nanoTON \(bigint\)\./ },
    { name: "min above max", input: { priceMin: 5n * TON, priceMax: TON }, message: /priceMax: The minimum price must not be above the maximum\./ },
    { name: "51 collections", input: { giftIds: Array.from({ length: 51 }, (_, i) => i + 1) }, message: /giftIds: Choose at most 50 collections\./ },
    { name: "an unknown field", input: { colour: "red" }, message: /Invalid input —.*colour/ },
  ];

  it.each(bad)("refuses $name with BAD_REQUEST and a readable message", async ({ input, message }) => {
    const error = await trpcError(client().market.search.query(input as never));
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(error.data?.httpStatus).toBe(400);
    expect(error.message).toMatch(/^Invalid input — /);
    expect(error.message).toMatch(message);
  });

  it("refuses bad activity and price-history inputs too", async () => {
    const c = client();
    expect((await trpcError(c.market.activity.query({ limit: 0 }))).message).toMatch(/limit: Ask for at least 1 event\./);
    expect((await trpcError(c.market.activity.query({ types: ["HACK" as never] }))).data?.code).toBe("BAD_REQUEST");
    expect((await trpcError(c.market.priceHistory.query({ giftId, interval: "week" as never }))).message).toMatch(/interval: The interval is hour or day\./);
    const range = await trpcError(c.market.priceHistory.query({ giftId, interval: "hour", from: new Date(Date.now() - 100 * 86_400_000) }));
    expect(range.data?.code).toBe("BAD_REQUEST");
    expect(range.message).toMatch(/at most 90 days/);
    expect((await trpcError(c.market.nft.query({ id: -1n }))).data?.code).toBe("BAD_REQUEST");
  });

  it("refuses a cursor that is not one of ours with BAD_REQUEST", async () => {
    const error = await trpcError(client().market.search.query({ cursor: "not-a-cursor" }));
    expect(error.data).toMatchObject({ code: "BAD_REQUEST", reason: "INVALID_CURSOR" });
    expect(error.message).toMatch(/start again from the first page/);
  });

  it("asks for signed init data", async () => {
    const res = await fetch(`${h.url}/api/trpc/market.filters`);
    expect(res.status).toBe(401);
  });
});

describe("market reads over HTTP", () => {
  it("returns search results with exact bigint prices through superjson", async () => {
    const raw = await fetch(`${h.url}/api/trpc/market.search?input=${encodeURIComponent(superjson.stringify({ giftIds: [giftId], limit: 2, sort: "price_desc" }))}`, {
      headers: { authorization: `tma ${h.initData(me)}` },
    });
    expect(raw.status).toBe(200);
    const body = (await raw.json()) as { result: { data: { json: { items: { price: string }[] }; meta: { values: Record<string, unknown> } } } };
    expect(body.result.data.json.items[0]!.price).toBe((9_007_199_254_740_993n + 4n * TON).toString());
    expect(body.result.data.meta.values["items.0.price"]).toEqual(["bigint"]);

    const c = client();
    const first = await c.market.search.query({ giftIds: [giftId], limit: 2, sort: "price_desc" });
    expect(first.items.map((i) => i.price)).toEqual([9_007_199_254_740_993n + 4n * TON, 9_007_199_254_740_993n + 3n * TON]);
    expect(typeof first.items[0]!.price).toBe("bigint");
    expect(first.items[0]).toMatchObject({ gift: { slug: "plush-pepe", title: "Plush Pepe", glyph: "🐸" }, backdrop: { colors: { center: "#111111" } } });
    expect(first.items[0]!.listedAt).toBeInstanceOf(Date);
    const rest = await c.market.search.query({ giftIds: [giftId], limit: 5, sort: "price_desc", cursor: first.nextCursor! });
    expect(rest.items.map((i) => i.price)).toEqual([2n, 1n, 0n].map((k) => 9_007_199_254_740_993n + k * TON));
    expect(rest.nextCursor).toBeNull();
    const gold = await c.market.search.query({ giftIds: [giftId], models: ["Gold"], priceMin: 9_007_199_254_740_993n + TON });
    expect(gold.items.map((i) => i.model.name)).toEqual(["Gold", "Gold"]);
  });

  it("serves filters, floors, NFT detail, activity and price history", async () => {
    const c = client();
    const floor = 9_007_199_254_740_993n;
    const filters = await c.market.filters.query();
    expect(filters.collections).toEqual([
      expect.objectContaining({ id: giftId, slug: "plush-pepe", floor, listed: 5, models: [expect.objectContaining({ name: "Gold", listed: 2 }), expect.objectContaining({ name: "Plain", listed: 3, floor })] }),
    ]);
    const floors = await c.market.floors.query({ giftId });
    expect(floors.collections).toEqual([{ giftId, floor, listed: 5 }]);
    expect(floors.attributes).toContainEqual({ giftId, kind: "MODEL", name: "Gold", floor: floor + TON, listed: 2 });
    expect((await trpcError(c.market.floors.query({ giftId: 424242 }))).data?.code).toBe("NOT_FOUND");

    const nft = await c.market.nft.query({ id: nftIds[5]! });
    expect(nft).toMatchObject({ id: nftIds[5], status: "IN_CUSTODY", price: null, owner: { firstName: "Seller" }, sales: [{ price: 3n * TON }], offers: [] });
    const missing = await trpcError(c.market.nft.query({ id: 99_999_999n }));
    expect(missing.data?.code).toBe("NOT_FOUND");
    expect(missing.message).toBe("Gift #99999999 was not found.");

    const activity = await c.market.activity.query({ giftId, limit: 1 });
    expect(activity.items).toEqual([expect.objectContaining({ type: "LISTING", price: floor, nft: { id: nftIds[0], number: 1 } })]);
    const next = await c.market.activity.query({ giftId, limit: 1, cursor: activity.nextCursor! });
    expect(next.items).toEqual([expect.objectContaining({ type: "SALE", price: 3n * TON })]);

    const history = await c.market.priceHistory.query({ giftId, interval: "hour", from: new Date(Date.now() - 6 * 3_600_000) });
    expect(history.buckets.length).toBeGreaterThanOrEqual(6);
    expect(history.buckets.filter((b) => b.count > 0)).toEqual([expect.objectContaining({ floor: 3n * TON, volume: 3n * TON, count: 1 })]);
  });
});

describe("paging market.search over HTTP while the market moves", () => {
  it("returns every listing that stays put exactly once, while others are bought, delisted and repriced between pages", async () => {
    const prisma = h.db.prisma;
    const seller = await createUser(prisma, { firstName: "Churn seller" });
    // One buyer per purchase: a user may buy 10 times a minute.
    const buyers = await createUsers(prisma, 15, 10_000n * TON);
    const gift = await prisma.gift.create({ data: { slug: `churn-${Date.now()}`, title: "Churn", supply: 1000, transferableAt: new Date(Date.now() - 1000) } });
    await prisma.nft.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        giftId: gift.id, number: i + 1, model: "M", modelRarity: 10, backdrop: "B", backdropRarity: 10, symbol: "S", symbolRarity: 10, rarity: 1000,
        ownerId: seller.id, status: "LISTED" as const, price: BigInt(1 + (i % 40)) * TON, listedAt: new Date(Date.now() - i * 1000),
      })),
    });
    const all = await prisma.nft.findMany({ where: { giftId: gift.id }, orderBy: { number: "asc" } });
    // Every third listing is touched during the walk (bought, delisted or repriced); the others must each
    // appear exactly once: keyset pagination neither skips nor repeats rows that do not change.
    const touched = all.filter((_, i) => i % 3 === 0);
    const untouched = new Set(all.filter((_, i) => i % 3 !== 0).map((n) => n.id));
    const sellerClient = client(telegramUser({ id: seller.id }));
    const seen: bigint[] = [];
    let cursor: string | undefined;
    let page = 0;
    do {
      const res = await client().market.search.query({ giftIds: [gift.id], sort: "price_asc", limit: 10, cursor });
      seen.push(...res.items.map((i) => i.id));
      cursor = res.nextCursor ?? undefined;
      // Between pages: a purchase, a delisting and a price change of listings not yet settled.
      const batch = touched.slice(page * 3, page * 3 + 3);
      if (batch[0]) await client(telegramUser({ id: buyers[page]! })).listing.buy.mutate({ idempotencyKey: `churn-buy-${batch[0].id}`, nftId: batch[0].id, price: batch[0].price! });
      if (batch[1]) await sellerClient.listing.delist.mutate({ nftId: batch[1].id });
      if (batch[2]) await sellerClient.listing.changePrice.mutate({ nftId: batch[2].id, price: batch[2].price! + 7n * TON });
      page++;
    } while (cursor);
    const counts = new Map<bigint, number>();
    for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const id of untouched) expect(counts.get(id), `listing ${id}`).toBe(1);
    // Only a listing whose price moved may show twice (once at each price); none more than that.
    const repriced = new Set(touched.filter((_, j) => j % 3 === 2).map((n) => n.id));
    for (const [id, c] of counts) expect(c === 1 || (c === 2 && repriced.has(id)), `listing ${id} seen ${c} times`).toBe(true);
  });
});
