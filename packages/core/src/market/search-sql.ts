// The market search as one SQL statement. Every sort is a keyset over a total order
// that the partial indexes on listed NFTs (WHERE status = 'LISTED') return directly:
//   price_asc / price_desc   (price, id)           nfts_listed_price_idx, or (gift_id, price, id) for one gift
//   listed_desc              (listed_at, id) desc   nfts_listed_recent_idx, or (gift_id, listed_at, id)
//   rarity (rarest first)    (rarity, id)           nfts_listed_rarity_idx, or (gift_id, rarity, id)
//   number_asc               (gift_id, number)      the unique (gift_id, number) index: unique, so no id tiebreak
// The page is chosen from nfts alone (ORDER BY … LIMIT in a subquery) and only its rows are joined to
// gifts and gift_attributes, so the join never changes the plan of the scan.
// Identifiers and directions come from the fixed table below (Prisma.raw); every value is a parameter.
import { Prisma } from "@gm/db";
import { decodeCursor, type CursorKeyType } from "./cursor";

import { MARKET_SORTS, type MarketSort } from "./sorts";
export { MARKET_SORTS, type MarketSort };

export const SEARCH_DEFAULT_LIMIT = 24;
export const SEARCH_MAX_LIMIT = 100;

export interface SearchMarketInput {
  /** Collections (gift ids). */
  giftIds?: number[];
  /** Attribute values by name (multi-select). */
  models?: string[];
  backdrops?: string[];
  symbols?: string[];
  /** Inclusive bounds, nanoTON. */
  priceMin?: bigint;
  priceMax?: bigint;
  /** Default true. False also shows NFTs in custody, in auction or being withdrawn (a profile's inventory). */
  listedOnly?: boolean;
  ownerId?: bigint;
  sort?: MarketSort;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** 1–100, default 24. */
  limit?: number;
}

interface SortKey {
  column: "price" | "id" | "listed_at" | "gift_id" | "number" | "rarity";
  type: CursorKeyType;
  /** When unlisted NFTs are included: what a NULL sorts as (last in both directions). */
  whenNull?: string;
}

interface SortSpec {
  dir: "ASC" | "DESC";
  keys: readonly SortKey[];
}

const SORTS: Record<MarketSort, SortSpec> = {
  price_asc: { dir: "ASC", keys: [{ column: "price", type: "bigint", whenNull: "9223372036854775807" }, { column: "id", type: "bigint" }] },
  price_desc: { dir: "DESC", keys: [{ column: "price", type: "bigint", whenNull: "0" }, { column: "id", type: "bigint" }] },
  listed_desc: { dir: "DESC", keys: [{ column: "listed_at", type: "timestamp", whenNull: "'-infinity'::timestamp" }, { column: "id", type: "bigint" }] },
  number_asc: { dir: "ASC", keys: [{ column: "gift_id", type: "int" }, { column: "number", type: "int" }] },
  rarity: { dir: "ASC", keys: [{ column: "rarity", type: "int" }, { column: "id", type: "bigint" }] },
};

const CASTS: Record<CursorKeyType, string> = { bigint: "bigint", int: "int", timestamp: "timestamp(3)" };

/** One sort key as SQL on table alias `alias`. Listed rows always have a price and listed_at, so the bare
 * column is used there: it is what the partial indexes are built on. */
function keyExpr(alias: "n" | "s", key: SortKey, listedOnly: boolean): Prisma.Sql {
  const column = Prisma.raw(`${alias}.${key.column}`);
  return !listedOnly && key.whenNull ? Prisma.sql`COALESCE(${column}, ${Prisma.raw(key.whenNull)})` : column;
}

function orderBy(alias: "n" | "s", spec: SortSpec, listedOnly: boolean): Prisma.Sql {
  return Prisma.join(
    spec.keys.map((k) => Prisma.sql`${keyExpr(alias, k, listedOnly)} ${Prisma.raw(spec.dir)}`),
    ", ",
  );
}

/** `col = $1` for one value (so the planner can use it as an index equality), `col = ANY($1)` for several. */
function oneOf(column: string, values: readonly (string | number)[], type: "int" | "text"): Prisma.Sql {
  const col = Prisma.raw(column);
  if (values.length === 1) return Prisma.sql`${col} = ${values[0]}`;
  return Prisma.sql`${col} = ANY(${[...values]}::${Prisma.raw(type)}[])`;
}

export interface NormalizedSearch {
  giftIds: number[];
  models: string[];
  backdrops: string[];
  symbols: string[];
  priceMin?: bigint;
  priceMax?: bigint;
  listedOnly: boolean;
  ownerId?: bigint;
  sort: MarketSort;
  cursor?: string;
  limit: number;
}

export function normalizeSearch(input: SearchMarketInput): NormalizedSearch {
  const uniq = <T>(xs: T[] | undefined) => [...new Set(xs ?? [])];
  return {
    giftIds: uniq(input.giftIds),
    models: uniq(input.models),
    backdrops: uniq(input.backdrops),
    symbols: uniq(input.symbols),
    priceMin: input.priceMin,
    priceMax: input.priceMax,
    listedOnly: input.listedOnly ?? true,
    ownerId: input.ownerId,
    sort: input.sort ?? "price_asc",
    cursor: input.cursor,
    limit: Math.min(Math.max(Math.trunc(input.limit ?? SEARCH_DEFAULT_LIMIT), 1), SEARCH_MAX_LIMIT),
  };
}

/** Where the filters and the cursor put the page. Throws BAD_REQUEST for a cursor of another sort. */
function whereClause(q: NormalizedSearch, spec: SortSpec): Prisma.Sql {
  // The literal 'LISTED' (not a parameter) lets the planner match the partial indexes' predicate.
  const where: Prisma.Sql[] = [q.listedOnly ? Prisma.sql`n.status = 'LISTED'` : Prisma.sql`n.status <> 'WITHDRAWN'`];
  if (q.giftIds.length) where.push(oneOf("n.gift_id", q.giftIds, "int"));
  if (q.models.length) where.push(oneOf("n.model", q.models, "text"));
  if (q.backdrops.length) where.push(oneOf("n.backdrop", q.backdrops, "text"));
  if (q.symbols.length) where.push(oneOf("n.symbol", q.symbols, "text"));
  if (q.priceMin !== undefined) where.push(Prisma.sql`n.price >= ${q.priceMin}`);
  if (q.priceMax !== undefined) where.push(Prisma.sql`n.price <= ${q.priceMax}`);
  if (q.ownerId !== undefined) where.push(Prisma.sql`n.owner_id = ${q.ownerId}`);
  if (q.cursor) {
    const values = decodeCursor(q.cursor, q.sort, spec.keys.map((k) => k.type));
    // A row comparison over the index columns: the index seeks straight to the first row after the cursor.
    const left = Prisma.join(spec.keys.map((k) => keyExpr("n", k, q.listedOnly)), ", ");
    const right = Prisma.join(spec.keys.map((k, i) => Prisma.sql`${values[i]}::${Prisma.raw(CASTS[k.type])}`), ", ");
    where.push(Prisma.sql`(${left}) ${Prisma.raw(spec.dir === "ASC" ? ">" : "<")} (${right})`);
  }
  return Prisma.join(where, " AND ");
}

/**
 * The whole search as one parameterized statement. It fetches `limit + 1` rows: the extra row only says
 * whether there is a next page. Exported so benchmarks can EXPLAIN exactly what the API runs.
 */
export function buildSearchSql(input: SearchMarketInput): Prisma.Sql {
  const q = normalizeSearch(input);
  const spec = SORTS[q.sort];
  const keyText = Prisma.join(
    spec.keys.map((k, i) => Prisma.sql`${keyExpr("n", k, q.listedOnly)}::text AS ${Prisma.raw(`k${i}`)}`),
    ", ",
  );
  return Prisma.sql`
    SELECT s.id, s.gift_id AS "giftId", g.slug AS "giftSlug", g.title AS "giftTitle", g.glyph AS "giftGlyph",
           s.number, s.model, s.model_rarity AS "modelRarity", ma.data->>'glyph' AS "modelGlyph",
           s.backdrop, s.backdrop_rarity AS "backdropRarity",
           ba.data->>'center' AS "backdropCenter", ba.data->>'edge' AS "backdropEdge",
           ba.data->>'pattern' AS "backdropPattern", ba.data->>'text' AS "backdropText",
           s.symbol, s.symbol_rarity AS "symbolRarity", sa.data->>'glyph' AS "symbolGlyph",
           s.rarity, s.status::text AS status, s.price, s.listed_at AS "listedAt", s.owner_id AS "ownerId",
           s.k0, s.k1
    FROM (
      SELECT n.id, n.gift_id, n.number, n.model, n.model_rarity, n.backdrop, n.backdrop_rarity, n.symbol,
             n.symbol_rarity, n.rarity, n.status, n.price, n.listed_at, n.owner_id, ${keyText}
      FROM nfts n
      WHERE ${whereClause(q, spec)}
      ORDER BY ${orderBy("n", spec, q.listedOnly)}
      LIMIT ${q.limit + 1}
    ) s
    JOIN gifts g ON g.id = s.gift_id
    -- LATERAL … LIMIT 1: one unique-index probe per row of the page, instead of hashing the whole
    -- attribute table three times (what the planner picks for plain joins).
    LEFT JOIN LATERAL (SELECT a.data FROM gift_attributes a WHERE a.gift_id = s.gift_id AND a.kind = 'MODEL' AND a.name = s.model LIMIT 1) ma ON true
    LEFT JOIN LATERAL (SELECT a.data FROM gift_attributes a WHERE a.gift_id = s.gift_id AND a.kind = 'BACKDROP' AND a.name = s.backdrop LIMIT 1) ba ON true
    LEFT JOIN LATERAL (SELECT a.data FROM gift_attributes a WHERE a.gift_id = s.gift_id AND a.kind = 'SYMBOL' AND a.name = s.symbol LIMIT 1) sa ON true
    ORDER BY ${orderBy("s", spec, q.listedOnly)}`;
}

/** What one row of `buildSearchSql` returns. */
/** The NFT and attribute columns that the search and the detail query both select. */
export interface NftColumns {
  id: bigint;
  giftId: number;
  giftSlug: string;
  giftTitle: string;
  giftGlyph: string;
  number: number;
  model: string;
  modelRarity: number;
  modelGlyph: string | null;
  backdrop: string;
  backdropRarity: number;
  backdropCenter: string | null;
  backdropEdge: string | null;
  backdropPattern: string | null;
  backdropText: string | null;
  symbol: string;
  symbolRarity: number;
  symbolGlyph: string | null;
  rarity: number;
  status: string;
  price: bigint | null;
  listedAt: Date | null;
  ownerId: bigint;
}

export interface SearchRow extends NftColumns {
  k0: string;
  k1: string;
}
