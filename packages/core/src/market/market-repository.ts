// The market's read queries (besides the search, in search-sql.ts): aggregates for filters and floors,
// an NFT's detail, the activity feed and price history. Raw SQL, every value a parameter; each function is
// one statement, whatever the number of collections or rows.
import { Prisma, type Db, type SqlReader } from "@gm/db";
import type { SearchRow } from "./search-sql";
import type { NftColumns } from "./search-sql";


export type AttributeKindName = "MODEL" | "BACKDROP" | "SYMBOL";

export interface CollectionSummaryRow {
  id: number;
  slug: string;
  title: string;
  glyph: string;
  supply: number;
  /** Lowest listed price, nanoTON; null when nothing is listed. */
  floor: bigint | null;
  listed: number;
}

export interface AttributeSummaryRow {
  giftId: number;
  kind: AttributeKindName;
  name: string;
  rarityPermille: number;
  listed: number;
  floor: bigint | null;
}

export interface NftDetailRow extends NftColumns {
  giftSupply: number;
  giftFloor: bigint | null;
  address: string | null;
  ownerFirstName: string;
  ownerUsername: string | null;
  auctionId: bigint | null;
  auctionEndsAt: Date | null;
  auctionStartPrice: bigint | null;
  auctionMinStep: bigint | null;
  auctionMinStepBps: number | null;
  auctionBestBid: bigint | null;
  collectionOfferId: bigint | null;
  collectionOfferPrice: bigint | null;
  feeBps: number;
}

export interface OfferRow {
  id: bigint;
  buyerId: bigint;
  buyerFirstName: string;
  buyerUsername: string | null;
  price: bigint;
  expiresAt: Date;
  createdAt: Date;
}

export interface SaleRow {
  id: bigint;
  price: bigint | null;
  buyerId: bigint | null;
  sellerId: bigint | null;
  createdAt: Date;
}

export interface ActivityRow {
  id: bigint;
  type: string;
  giftId: number | null;
  giftSlug: string | null;
  giftTitle: string | null;
  giftGlyph: string | null;
  nftId: bigint | null;
  nftNumber: number | null;
  actorId: bigint | null;
  actorName: string | null;
  counterpartyId: bigint | null;
  counterpartyName: string | null;
  price: bigint | null;
  createdAt: Date;
}

export interface PriceBucketRow {
  bucket: Date;
  floor: bigint | null;
  average: bigint | null;
  volume: string;
  count: number;
}

const backdropColumns = Prisma.sql`
  ba.data->>'center' AS "backdropCenter", ba.data->>'edge' AS "backdropEdge",
  ba.data->>'pattern' AS "backdropPattern", ba.data->>'text' AS "backdropText"`;

/** The `NftColumns` of NFT `n` (with its gift `g`), for other features' reads; joins in `nftAttributeJoins`. */
export const nftColumns = Prisma.sql`
  n.id, n.gift_id AS "giftId", g.slug AS "giftSlug", g.title AS "giftTitle", g.glyph AS "giftGlyph",
  n.number, n.model, n.model_rarity AS "modelRarity", ma.data->>'glyph' AS "modelGlyph",
  n.backdrop, n.backdrop_rarity AS "backdropRarity", ${backdropColumns},
  n.symbol, n.symbol_rarity AS "symbolRarity", sa.data->>'glyph' AS "symbolGlyph",
  n.rarity, n.status::text AS status, n.price, n.listed_at AS "listedAt", n.owner_id AS "ownerId"`;
export const nftAttributeJoins = Prisma.sql`
  JOIN gifts g ON g.id = n.gift_id
  LEFT JOIN gift_attributes ma ON ma.gift_id = n.gift_id AND ma.kind = 'MODEL' AND ma.name = n.model
  LEFT JOIN gift_attributes ba ON ba.gift_id = n.gift_id AND ba.kind = 'BACKDROP' AND ba.name = n.backdrop
  LEFT JOIN gift_attributes sa ON sa.gift_id = n.gift_id AND sa.kind = 'SYMBOL' AND sa.name = n.symbol`;

export const marketReadRepository = {
  /** One page of the search that search-sql.ts built (one statement), on the pool directly: the hottest read. */
  searchPage(reader: SqlReader, sql: Prisma.Sql): Promise<SearchRow[]> {
    return reader.query<SearchRow>(sql.text, sql.values);
  },

  /** EXPLAIN (FORMAT JSON[, ANALYZE]) of a statement. */
  explain(db: Db, sql: string, values: unknown[], analyze: boolean): Promise<{ "QUERY PLAN": unknown }[]> {
    return db.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(`EXPLAIN (FORMAT JSON${analyze ? ", ANALYZE, BUFFERS" : ""}) ${sql}`, ...values);
  },

  /** Every collection with its floor and listed count (one GROUP BY over the listed NFTs). */
  collections(db: Db, giftId?: number): Promise<CollectionSummaryRow[]> {
    const onlyGift = giftId === undefined ? Prisma.empty : Prisma.sql`AND gift_id = ${giftId}`;
    const onlyG = giftId === undefined ? Prisma.empty : Prisma.sql`WHERE g.id = ${giftId}`;
    return db.$queryRaw<CollectionSummaryRow[]>`
      SELECT g.id, g.slug, g.title, g.glyph, g.supply, c.floor, COALESCE(c.listed, 0)::int AS listed
      FROM gifts g
      LEFT JOIN (
        SELECT gift_id, min(price) AS floor, count(*) AS listed
        FROM nfts WHERE status = 'LISTED' ${onlyGift}
        GROUP BY gift_id
      ) c ON c.gift_id = g.id
      ${onlyG}
      ORDER BY g.title, g.id`;
  },

  /**
   * Every attribute value of every collection (or of one) with its listed count and floor: one scan of the
   * listed NFTs grouped three ways (GROUPING SETS), joined to the catalog in gift_attributes. Values found
   * on NFTs but missing from the catalog still appear, with the rarity the NFTs carry.
   */
  attributes(db: Db, giftId?: number): Promise<AttributeSummaryRow[]> {
    const onlyGift = giftId === undefined ? Prisma.empty : Prisma.sql`AND gift_id = ${giftId}`;
    return db.$queryRaw<AttributeSummaryRow[]>`
      WITH counts AS (
        SELECT gift_id,
               CASE WHEN GROUPING(model) = 0 THEN 'MODEL' WHEN GROUPING(backdrop) = 0 THEN 'BACKDROP' ELSE 'SYMBOL' END AS kind,
               CASE WHEN GROUPING(model) = 0 THEN model WHEN GROUPING(backdrop) = 0 THEN backdrop ELSE symbol END AS name,
               CASE WHEN GROUPING(model) = 0 THEN min(model_rarity) WHEN GROUPING(backdrop) = 0 THEN min(backdrop_rarity)
                    ELSE min(symbol_rarity) END AS rarity,
               count(*) AS listed, min(price) AS floor
        FROM nfts
        WHERE status = 'LISTED' ${onlyGift}
        GROUP BY GROUPING SETS ((gift_id, model), (gift_id, backdrop), (gift_id, symbol))
      ), catalog AS (
        SELECT gift_id, kind::text AS kind, name, rarity_permille FROM gift_attributes WHERE TRUE ${onlyGift}
      )
      SELECT COALESCE(a.gift_id, c.gift_id) AS "giftId", COALESCE(a.kind, c.kind) AS kind, COALESCE(a.name, c.name) AS name,
             COALESCE(a.rarity_permille, c.rarity) AS "rarityPermille", COALESCE(c.listed, 0)::int AS listed, c.floor
      FROM catalog a
      FULL JOIN counts c ON c.gift_id = a.gift_id AND c.kind = a.kind AND c.name = a.name
      ORDER BY 1, 2, 4, 3`;
  },

  /** The NFT with its gift, owner, attribute drawing hints, collection floor and running auction. */
  async nft(db: Db, nftId: bigint): Promise<NftDetailRow | undefined> {
    const rows = await db.$queryRaw<NftDetailRow[]>`
      SELECT n.id, n.gift_id AS "giftId", g.slug AS "giftSlug", g.title AS "giftTitle", g.glyph AS "giftGlyph",
             g.supply AS "giftSupply",
             (SELECT min(f.price) FROM nfts f WHERE f.gift_id = n.gift_id AND f.status = 'LISTED') AS "giftFloor",
             n.number, n.model, n.model_rarity AS "modelRarity", ma.data->>'glyph' AS "modelGlyph",
             n.backdrop, n.backdrop_rarity AS "backdropRarity", ${backdropColumns},
             n.symbol, n.symbol_rarity AS "symbolRarity", sa.data->>'glyph' AS "symbolGlyph",
             n.rarity, n.status::text AS status, n.price, n.listed_at AS "listedAt", n.address,
             n.owner_id AS "ownerId", u.first_name AS "ownerFirstName", u.username AS "ownerUsername",
             au.id AS "auctionId", au.ends_at AS "auctionEndsAt", au.start_price AS "auctionStartPrice",
             au.min_step AS "auctionMinStep", au.min_step_bps AS "auctionMinStepBps", au.best_bid AS "auctionBestBid",
             co.id AS "collectionOfferId", co.price AS "collectionOfferPrice", (SELECT fee_bps FROM settings WHERE id = 1) AS "feeBps"
      FROM nfts n
      JOIN gifts g ON g.id = n.gift_id
      JOIN users u ON u.id = n.owner_id
      LEFT JOIN gift_attributes ma ON ma.gift_id = n.gift_id AND ma.kind = 'MODEL' AND ma.name = n.model
      LEFT JOIN gift_attributes ba ON ba.gift_id = n.gift_id AND ba.kind = 'BACKDROP' AND ba.name = n.backdrop
      LEFT JOIN gift_attributes sa ON sa.gift_id = n.gift_id AND sa.kind = 'SYMBOL' AND sa.name = n.symbol
      LEFT JOIN auctions au ON au.nft_id = n.id AND au.status = 'ACTIVE'
      -- The best collection offer this NFT could fill (collection_offers (gift_id, status, price) index).
      LEFT JOIN LATERAL (
        SELECT c.id, c.price FROM collection_offers c
        WHERE c.gift_id = n.gift_id AND c.status = 'ACTIVE' AND c.expires_at > now()
          AND (c.model IS NULL OR c.model = n.model) AND (c.backdrop IS NULL OR c.backdrop = n.backdrop) AND (c.symbol IS NULL OR c.symbol = n.symbol)
        ORDER BY c.price DESC, c.id LIMIT 1
      ) co ON true
      WHERE n.id = ${nftId}`;
    return rows[0];
  },

  /** The best active, unexpired offers on an NFT (offers (nft_id, status, price) index). */
  bestOffers(db: Db, nftId: bigint, limit: number): Promise<OfferRow[]> {
    return db.$queryRaw<OfferRow[]>`
      SELECT o.id, o.buyer_id AS "buyerId", u.first_name AS "buyerFirstName", u.username AS "buyerUsername",
             o.price, o.expires_at AS "expiresAt", o.created_at AS "createdAt"
      FROM offers o JOIN users u ON u.id = o.buyer_id
      WHERE o.nft_id = ${nftId} AND o.status = 'ACTIVE' AND o.expires_at > now()
      ORDER BY o.price DESC, o.id
      LIMIT ${limit}`;
  },

  /** The NFT's latest sales (activity_events (nft_id, created_at) index). SALE: actor = buyer, counterparty = seller. */
  recentSales(db: Db, nftId: bigint, limit: number): Promise<SaleRow[]> {
    return db.$queryRaw<SaleRow[]>`
      SELECT e.id, e.price, e.actor_id AS "buyerId", e.counterparty_id AS "sellerId", e.created_at AS "createdAt"
      FROM activity_events e
      WHERE e.nft_id = ${nftId} AND e.type = 'SALE'
      ORDER BY e.created_at DESC, e.id DESC
      LIMIT ${limit}`;
  },

  /** Activity newest first, keyset by id; the page is chosen first, then joined to names. */
  activity(
    db: Db,
    q: { giftId?: number; userId?: bigint; types?: string[]; beforeId?: bigint; limit: number },
  ): Promise<ActivityRow[]> {
    const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
    if (q.giftId !== undefined) where.push(Prisma.sql`e.gift_id = ${q.giftId}`);
    if (q.userId !== undefined) where.push(Prisma.sql`(e.actor_id = ${q.userId} OR e.counterparty_id = ${q.userId})`);
    if (q.types?.length) where.push(Prisma.sql`e.type = ANY(${q.types}::"ActivityType"[])`);
    if (q.beforeId !== undefined) where.push(Prisma.sql`e.id < ${q.beforeId}`);
    return db.$queryRaw<ActivityRow[]>`
      SELECT e.id, e.type::text AS type, e.gift_id AS "giftId", g.slug AS "giftSlug", g.title AS "giftTitle",
             g.glyph AS "giftGlyph", e.nft_id AS "nftId", n.number AS "nftNumber",
             e.actor_id AS "actorId", COALESCE(a.username, a.first_name) AS "actorName",
             e.counterparty_id AS "counterpartyId", COALESCE(c.username, c.first_name) AS "counterpartyName",
             e.price, e.created_at AS "createdAt"
      FROM (
        SELECT e.* FROM activity_events e
        WHERE ${Prisma.join(where, " AND ")}
        ORDER BY e.id DESC
        LIMIT ${q.limit}
      ) e
      LEFT JOIN gifts g ON g.id = e.gift_id
      LEFT JOIN nfts n ON n.id = e.nft_id
      LEFT JOIN users a ON a.id = e.actor_id
      LEFT JOIN users c ON c.id = e.counterparty_id
      ORDER BY e.id DESC`;
  },

  /**
   * Sales of one collection per hour or day in [from, to): every bucket of the range, empty ones with
   * count 0. No rows at all when the gift does not exist. activity_events (gift_id, type, created_at) index.
   */
  priceHistory(db: Db, q: { giftId: number; unit: "hour" | "day"; from: Date; to: Date }): Promise<PriceBucketRow[]> {
    const step = `1 ${q.unit}`;
    return db.$queryRaw<PriceBucketRow[]>`
      WITH buckets AS (
        SELECT generate_series(date_trunc(${q.unit}, ${q.from}::timestamp), ${q.to}::timestamp - interval '1 millisecond', ${step}::interval) AS bucket
        WHERE EXISTS (SELECT 1 FROM gifts WHERE id = ${q.giftId})
      ), sales AS (
        SELECT date_trunc(${q.unit}, e.created_at) AS bucket, min(e.price) AS floor, round(avg(e.price))::bigint AS average,
               sum(e.price)::text AS volume, count(*)::int AS count
        FROM activity_events e
        WHERE e.gift_id = ${q.giftId} AND e.type = 'SALE' AND e.price IS NOT NULL
          AND e.created_at >= ${q.from}::timestamp AND e.created_at < ${q.to}::timestamp
        GROUP BY 1
      )
      SELECT b.bucket, s.floor, s.average, COALESCE(s.volume, '0') AS volume, COALESCE(s.count, 0) AS count
      FROM buckets b LEFT JOIN sales s ON s.bucket = b.bucket
      ORDER BY b.bucket`;
  },
};
