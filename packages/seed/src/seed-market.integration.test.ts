import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedger, DEV_USER, executeQuery, searchMarket as searchUseCase } from "@gm/core";
import { createTestDatabase, actorFor, type TestDatabase } from "@gm/core/testing";
import { memoryCache } from "@gm/redis";
import { CATALOG_GIFTS } from "./catalog-data";
import { allocate, DEV_USER_LISTED_NFTS, DEV_USER_NFTS, SEED_LEDGER_REFERENCE, SEED_USER_ID_BASE, seedMarket, type SeedMarketOptions } from "./seed-market";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const SMALL: SeedMarketOptions = { users: 60, nfts: 2_000, listings: 300, sales: 2_500, presales: 12 };

const one = async (sql: string) => Number((await db.prisma.$queryRawUnsafe<{ n: bigint }[]>(sql))[0]!.n);

describe("allocate", () => {
  it("splits in proportion, exactly, within caps", () => {
    expect(allocate(10, [1, 1, 2])).toEqual([3, 2, 5]);
    const parts = allocate(1000, [5, 100, 900], [3, 1000, 1000]);
    expect(parts.reduce((s, n) => s + n, 0)).toBe(1000);
    expect(parts[0]).toBe(3);
    expect(() => allocate(10, [1, 1], [2, 3])).toThrow(/cannot place/);
  });
});

describe("seedMarket", () => {
  it("fills the catalog, users, NFTs, listings and sales, and the books close", async () => {
    const stats = await seedMarket(db.prisma, SMALL);
    expect(stats.skipped).toBe(false);
    expect(stats).toMatchObject({ gifts: CATALOG_GIFTS.length, users: 60, nfts: 2_000, listings: 300, sales: 2_500, listingEvents: 300, presales: 12, devUserNfts: DEV_USER_NFTS });
    expect(CATALOG_GIFTS.length).toBeGreaterThanOrEqual(24);

    expect(await one(`SELECT count(*) AS n FROM gifts`)).toBe(CATALOG_GIFTS.length);
    expect(await one(`SELECT count(*) AS n FROM nfts`)).toBe(2_000);
    expect(await one(`SELECT count(*) AS n FROM users WHERE id > ${SEED_USER_ID_BASE}`)).toBe(60);
    expect(await one(`SELECT count(DISTINCT deposit_memo) AS n FROM users WHERE deposit_memo LIKE 'gm-seed-%'`)).toBe(60);
    // Listings: exactly as many, each priced (≥ 0.1 TON) and dated within the last days.
    expect(await one(`SELECT count(*) AS n FROM nfts WHERE status = 'LISTED'`)).toBe(300);
    expect(
      await one(`SELECT count(*) AS n FROM nfts WHERE status = 'LISTED' AND price >= 100000000 AND listed_at IS NOT NULL
                   AND listed_at > (now() AT TIME ZONE 'UTC') - interval '8 days'`),
    ).toBe(300);
    expect(await one(`SELECT count(*) AS n FROM nfts WHERE status <> 'LISTED' AND (price IS NOT NULL OR listed_at IS NOT NULL)`)).toBe(0);
    // Every attribute exists for its gift, with the rarity the NFT carries; rarity is the product.
    expect(
      await one(`SELECT count(*) AS n FROM nfts n WHERE
        NOT EXISTS (SELECT 1 FROM gift_attributes a WHERE a.gift_id = n.gift_id AND a.kind = 'MODEL' AND a.name = n.model AND a.rarity_permille = n.model_rarity)
        OR NOT EXISTS (SELECT 1 FROM gift_attributes a WHERE a.gift_id = n.gift_id AND a.kind = 'BACKDROP' AND a.name = n.backdrop AND a.rarity_permille = n.backdrop_rarity)
        OR NOT EXISTS (SELECT 1 FROM gift_attributes a WHERE a.gift_id = n.gift_id AND a.kind = 'SYMBOL' AND a.name = n.symbol AND a.rarity_permille = n.symbol_rarity)`),
    ).toBe(0);
    expect(await one(`SELECT count(*) AS n FROM nfts WHERE rarity <> model_rarity * backdrop_rarity * symbol_rarity`)).toBe(0);
    // Rarer attributes really are rarer: the most common model of the biggest collection outnumbers its rarest.
    const spread = await db.prisma.$queryRawUnsafe<{ r: number; n: bigint }[]>(
      `SELECT model_rarity AS r, count(*) AS n FROM nfts WHERE gift_id = (SELECT gift_id FROM nfts GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)
       GROUP BY 1 ORDER BY 1`,
    );
    expect(Number(spread.at(-1)!.n)).toBeGreaterThan(Number(spread[0]!.n));
    // Only transferable gifts are in custody; the others have presales instead.
    expect(await one(`SELECT count(*) AS n FROM nfts n JOIN gifts g ON g.id = n.gift_id WHERE g.transferable_at IS NULL OR g.transferable_at > now() AT TIME ZONE 'UTC'`)).toBe(0);
    expect(await one(`SELECT count(*) AS n FROM presales p JOIN gifts g ON g.id = p.gift_id WHERE g.transferable_at IS NULL OR g.transferable_at > now() AT TIME ZONE 'UTC'`)).toBe(12);
    expect(await one(`SELECT count(*) AS n FROM gifts WHERE transferable_at IS NULL OR transferable_at > now() AT TIME ZONE 'UTC'`)).toBeGreaterThanOrEqual(2);
    // Floors: the lowest listing of each gift.
    expect(
      await one(`SELECT count(*) AS n FROM gifts g LEFT JOIN (SELECT gift_id, min(price) AS m FROM nfts WHERE status = 'LISTED' GROUP BY 1) f ON f.gift_id = g.id
                 WHERE g.floor_price IS DISTINCT FROM f.m`),
    ).toBe(0);
    expect(await one(`SELECT count(*) AS n FROM gifts WHERE floor_price IS NOT NULL`)).toBeGreaterThan(10);
    // Sales: of real NFTs of the named gift, between two different users, over the last 90 days.
    expect(
      await one(`SELECT count(*) AS n FROM activity_events e JOIN nfts n ON n.id = e.nft_id AND n.gift_id = e.gift_id
                 WHERE e.type = 'SALE' AND e.price >= 100000000 AND e.actor_id <> e.counterparty_id
                   AND e.actor_id IN (SELECT id FROM users) AND e.counterparty_id IN (SELECT id FROM users)
                   AND e.created_at BETWEEN (now() AT TIME ZONE 'UTC') - interval '91 days' AND (now() AT TIME ZONE 'UTC')`),
    ).toBe(2_500);
    expect(await one(`SELECT count(*) AS n FROM activity_events WHERE type = 'LISTING'`)).toBe(300);
    // The dev user has gifts to show, a couple of them listed.
    expect(await one(`SELECT count(*) AS n FROM nfts WHERE owner_id = ${DEV_USER.id}`)).toBe(DEV_USER_NFTS);
    expect(await one(`SELECT count(*) AS n FROM nfts WHERE owner_id = ${DEV_USER.id} AND status = 'LISTED'`)).toBe(DEV_USER_LISTED_NFTS);
    // Money: one deposit movement per seed user, and the books close.
    expect(await one(`SELECT count(*) AS n FROM ledger_movements WHERE reference = '${SEED_LEDGER_REFERENCE}'`)).toBe(60);
    const report = await checkLedger(db.prisma);
    expect(report.ok).toBe(true);
    expect(report.totals.USER_AVAILABLE).toBe(stats.credited);
    // A new NFT still gets an id after the seeded block.
    const max = await one(`SELECT max(id) AS n FROM nfts`);
    const next = await one(`SELECT nextval('nfts_id_seq') AS n`);
    expect(next).toBeGreaterThan(max);
  });

  it("gives the market what it needs to draw every gift: backdrop colours and glyphs", async () => {
    const page = await executeQuery(searchUseCase, { database: db, cache: memoryCache() }, actorFor(DEV_USER.id), searchUseCase.input.parse({ limit: 50 }));
    expect(page.items.length).toBeGreaterThan(0);
    for (const item of page.items) {
      expect(item.backdrop.colors).toEqual({ center: expect.stringMatching(/^#[0-9a-f]{6}$/i), edge: expect.stringMatching(/^#[0-9a-f]{6}$/i), pattern: expect.stringMatching(/^#[0-9a-f]{6}$/i), text: expect.stringMatching(/^#[0-9a-f]{6}$/i) });
      expect(item.model.glyph).toBeTruthy();
      expect(item.symbol.glyph).toBeTruthy();
    }
  });

  it("does nothing the second time", async () => {
    const before = await one(`SELECT count(*) AS n FROM activity_events`);
    const again = await seedMarket(db.prisma, SMALL);
    expect(again.skipped).toBe(true);
    expect(await one(`SELECT count(*) AS n FROM activity_events`)).toBe(before);
    expect(await one(`SELECT count(*) AS n FROM nfts`)).toBe(2_000);
  });

  it("reseeds on reset, and a bulk load rebuilds every index it dropped", async () => {
    const indexes = `SELECT count(*) AS n FROM pg_indexes WHERE tablename IN ('nfts', 'activity_events')`;
    const indexCount = await one(indexes);
    const stats = await seedMarket(db.prisma, { users: 20, nfts: 500, listings: 50, sales: 400, reset: true, bulkLoad: true });
    expect(stats).toMatchObject({ skipped: false, nfts: 500, listings: 50, sales: 400, users: 20 });
    expect(stats.phases.map((p) => p.name)).toContain("nfts: insert");
    expect(await one(indexes)).toBe(indexCount);
    expect(await one(`SELECT count(*) AS n FROM nfts`)).toBe(500);
    expect((await checkLedger(db.prisma)).ok).toBe(true);
  });
});
