// the market search uses the partial indexes on listed NFTs. 20,000 NFTs in 10 collections
// (70% listed) are written with generate_series and ANALYZEd; then the plan of the exact SQL the API runs
// (searchMarketSql) is read with EXPLAIN (FORMAT JSON) for each main filter/sort mix. The planner is left
// free (no enable_seqscan = off): the data is big enough that the index is its own choice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing";
import { explainSearch, findMarketPage as searchMarket, type SearchMarketInput } from "./search-market";

let db: TestDatabase;
let gifts: number[];
let owner: bigint;

beforeAll(async () => {
  db = await createTestDatabase();
  const p = db.prisma;
  await p.$executeRaw`
    INSERT INTO users (id, first_name, deposit_memo, updated_at)
    SELECT 9000000000 + s, 'Plan ' || s, 'plan-memo-' || s, now() FROM generate_series(1, 200) s`;
  const rows = await p.$queryRaw<{ id: number }[]>`
    INSERT INTO gifts (slug, title, supply, glyph, transferable_at)
    SELECT 'plan-' || g, 'Plan Gift ' || g, 5000, '🎁', now() - interval '1 day' FROM generate_series(1, 10) g
    RETURNING id`;
  gifts = rows.map((r) => r.id).sort((a, b) => a - b);
  await p.$executeRaw`
    INSERT INTO gift_attributes (gift_id, kind, name, rarity_permille, data)
    SELECT g.id, k.kind::"AttributeKind", k.prefix || ' ' || v, 1 + v * 7,
           CASE WHEN k.kind = 'BACKDROP' THEN jsonb_build_object('center', '#112233', 'edge', '#000000', 'pattern', '#445566', 'text', '#ffffff') END
    FROM gifts g
    CROSS JOIN (VALUES ('MODEL', 'Model', 12), ('BACKDROP', 'Backdrop', 20), ('SYMBOL', 'Symbol', 30)) AS k(kind, prefix, n)
    CROSS JOIN LATERAL generate_series(0, k.n - 1) v
    WHERE g.slug LIKE 'plan-%'`;
  // Deterministic pseudo-random values from hashes, so every run builds the same table.
  await p.$executeRaw`
    INSERT INTO nfts (gift_id, number, model, model_rarity, backdrop, backdrop_rarity, symbol, symbol_rarity, rarity,
                      owner_id, status, price, listed_at, updated_at)
    SELECT x.gift_id, x.num, 'Model ' || x.m, 1 + x.m * 7, 'Backdrop ' || x.b, 1 + x.b * 7, 'Symbol ' || x.s, 1 + x.s * 7,
           (1 + x.m * 7) * (1 + x.b * 7) * (1 + x.s * 7),
           9000000000 + 1 + (x.h % 200),
           CASE WHEN x.h % 10 < 7 THEN 'LISTED' ELSE 'IN_CUSTODY' END::"NftStatus",
           CASE WHEN x.h % 10 < 7 THEN 100000000::bigint * (1 + (x.h2 % 5000)) END,
           CASE WHEN x.h % 10 < 7 THEN now() - make_interval(secs => x.h2 % 2000000) END,
           now()
    FROM (
      SELECT g.id AS gift_id, n AS num,
             (hashint4(n * 31 + g.id) & 2147483647) AS h,
             (hashint4(n * 17 + g.id * 7919) & 2147483647) AS h2,
             (hashint4(n * 13 + g.id * 3) & 2147483647) % 12 AS m,
             (hashint4(n * 29 + g.id * 5) & 2147483647) % 20 AS b,
             (hashint4(n * 37 + g.id * 11) & 2147483647) % 30 AS s
      FROM gifts g CROSS JOIN generate_series(1, 2000) n
      WHERE g.slug LIKE 'plan-%'
    ) x`;
  for (const table of ["users", "gifts", "gift_attributes", "nfts"]) await p.$executeRawUnsafe(`ANALYZE ${table}`);
  owner = 9000000000n + 42n;
}, 120_000);

afterAll(async () => {
  await db?.drop();
});

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** How the plan reads nfts: each scan node as "Index Scan nfts_listed_price_idx", "Seq Scan", … */
function nftScans(plan: PlanNode): string[] {
  return nodes(plan)
    .filter((n) => n["Relation Name"] === "nfts" || n["Index Name"]?.startsWith("nfts_"))
    .filter((n) => n["Node Type"] !== "Bitmap Heap Scan")
    .map((n) => `${n["Node Type"]}${n["Index Name"] ? ` ${n["Index Name"]}` : ""}`);
}

describe("search plans on 20,000 NFTs", () => {
  const gift = () => gifts[3]!;
  const cases: { name: string; input: () => SearchMarketInput; indexes: string[] }[] = [
    { name: "all, price_asc", input: () => ({ sort: "price_asc" }), indexes: ["nfts_listed_price_idx"] },
    { name: "all, price_desc", input: () => ({ sort: "price_desc" }), indexes: ["nfts_listed_price_idx"] },
    { name: "all, listed_desc", input: () => ({ sort: "listed_desc" }), indexes: ["nfts_listed_recent_idx"] },
    { name: "all, rarity", input: () => ({ sort: "rarity" }), indexes: ["nfts_listed_rarity_idx"] },
    { name: "all, number_asc", input: () => ({ sort: "number_asc" }), indexes: ["nfts_gift_id_number_key"] },
    { name: "all, price range", input: () => ({ sort: "price_asc", priceMin: 100_000_000_000n, priceMax: 200_000_000_000n }), indexes: ["nfts_listed_price_idx"] },
    { name: "all, one model", input: () => ({ sort: "price_asc", models: ["Model 3"] }), indexes: ["nfts_listed_price_idx"] },
    { name: "gift, price_asc", input: () => ({ giftIds: [gift()], sort: "price_asc" }), indexes: ["nfts_listed_gift_price_idx"] },
    { name: "gift, price_desc", input: () => ({ giftIds: [gift()], sort: "price_desc" }), indexes: ["nfts_listed_gift_price_idx"] },
    { name: "gift, listed_desc", input: () => ({ giftIds: [gift()], sort: "listed_desc" }), indexes: ["nfts_listed_gift_recent_idx"] },
    { name: "gift, rarity", input: () => ({ giftIds: [gift()], sort: "rarity" }), indexes: ["nfts_gift_id_rarity_id_idx", "nfts_listed_rarity_idx"] },
    { name: "gift, number_asc", input: () => ({ giftIds: [gift()], sort: "number_asc" }), indexes: ["nfts_gift_id_number_key"] },
    {
      name: "gift + model, price_asc",
      input: () => ({ giftIds: [gift()], models: ["Model 5"], sort: "price_asc" }),
      indexes: ["nfts_listed_gift_model_price_idx", "nfts_listed_gift_price_idx"],
    },
    {
      name: "gift + backdrop, price_asc",
      input: () => ({ giftIds: [gift()], backdrops: ["Backdrop 7"], sort: "price_asc" }),
      indexes: ["nfts_listed_gift_backdrop_price_idx", "nfts_listed_gift_price_idx"],
    },
    {
      name: "gift + 2 models + symbol, price_desc",
      input: () => ({ giftIds: [gift()], models: ["Model 1", "Model 2"], symbols: ["Symbol 4"], sort: "price_desc" }),
      indexes: ["nfts_listed_gift_model_price_idx", "nfts_listed_gift_price_idx"],
    },
    {
      name: "3 gifts, price_asc",
      input: () => ({ giftIds: gifts.slice(0, 3), sort: "price_asc" }),
      indexes: ["nfts_listed_price_idx", "nfts_listed_gift_price_idx"],
    },
    { name: "owner inventory", input: () => ({ ownerId: owner, listedOnly: false, sort: "listed_desc" }), indexes: ["nfts_owner_id_id_idx"] },
  ];

  it.each(cases)("$name: an index scan on the intended index, never a sequential scan", async ({ name, input, indexes }) => {
    const plan = (await explainSearch(db.prisma, input())) as PlanNode;
    const scans = nftScans(plan);
    if (process.env.PRINT_PLANS) console.log(`${name}: ${scans.join(", ")}`);
    expect(scans.length, JSON.stringify(plan)).toBeGreaterThan(0);
    expect(scans.filter((s) => s.startsWith("Seq Scan")), JSON.stringify(plan)).toEqual([]);
    expect(
      scans.some((s) => indexes.some((i) => s.endsWith(` ${i}`))),
      `expected one of ${indexes.join(", ")}, got ${scans.join(", ")}`,
    ).toBe(true);
  });

  it.each(["price_asc", "price_desc", "listed_desc", "rarity", "number_asc"] as const)(
    "the next page by %s seeks through the same index (keyset row comparison)",
    async (sort) => {
      for (const base of [{ sort }, { sort, giftIds: [gifts[1]!] }] as SearchMarketInput[]) {
        const first = await searchMarket(db, base);
        expect(first.items).toHaveLength(24);
        const plan = (await explainSearch(db.prisma, { ...base, cursor: first.nextCursor! })) as PlanNode;
        const scans = nftScans(plan);
        expect(scans.filter((s) => s.startsWith("Seq Scan"))).toEqual([]);
        expect(scans.some((s) => s.includes("Index"))).toBe(true);
        const analyzed = (await explainSearch(db.prisma, { ...base, cursor: first.nextCursor! }, { analyze: true })) as PlanNode & { "Actual Rows": number };
        expect(analyzed["Actual Rows"]).toBe(25);
      }
    },
  );

  it("a whole page costs little: first page of the market under a few hundred buffers", async () => {
    const plan = (await explainSearch(db.prisma, { sort: "price_asc" }, { analyze: true })) as PlanNode & { "Shared Hit Blocks": number; "Shared Read Blocks": number };
    expect(plan["Shared Hit Blocks"] + plan["Shared Read Blocks"]).toBeLessThan(400);
  });
});
