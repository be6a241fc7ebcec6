// market.search: the market grid and a profile's inventory. One query per page (search-sql.ts).
import { LRUCache } from "lru-cache";
import type { Db, SqlReader } from "@gm/db";
import type { Cache } from "@gm/redis";
import { query } from "../common/use-case";
import { marketCacheKeys } from "./cache-keys";
import { encodeCursor } from "./cursor";
import { marketReadRepository } from "./market-repository";
import { searchInput, searchOutput } from "./schemas";
import { buildSearchSql, normalizeSearch, type NftColumns, type SearchMarketInput, type SearchRow } from "./search-sql";

export { MARKET_SORTS, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT, type MarketSort, type SearchMarketInput } from "./search-sql";

/** What the market's read use cases need: a client (the primary or a read replica) and the cache. */
export interface MarketReadDeps {
  prisma: Db;
  cache: Cache;
}

/** Backdrop drawing hints from gift_attributes.data: #rrggbb colours. */
export interface BackdropColors {
  center: string | null;
  edge: string | null;
  pattern: string | null;
  text: string | null;
}

export interface MarketItem {
  id: bigint;
  giftId: number;
  gift: { slug: string; title: string; glyph: string };
  number: number;
  model: { name: string; rarityPermille: number; glyph: string | null };
  backdrop: { name: string; rarityPermille: number; colors: BackdropColors | null };
  symbol: { name: string; rarityPermille: number; glyph: string | null };
  /** model × backdrop × symbol rarity: lower is rarer. */
  rarity: number;
  status: "IN_CUSTODY" | "LISTED" | "IN_AUCTION" | "WITHDRAWING" | "WITHDRAWN";
  /** nanoTON; null when not listed. */
  price: bigint | null;
  listedAt: Date | null;
  ownerId: bigint;
}

export interface MarketPage {
  items: MarketItem[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** The attribute columns a search row and a detail row share, as the API shows them. */
export function attributesOf(r: NftColumns) {
  const hasColors = r.backdropCenter !== null || r.backdropEdge !== null || r.backdropPattern !== null || r.backdropText !== null;
  return {
    model: { name: r.model, rarityPermille: r.modelRarity, glyph: r.modelGlyph },
    backdrop: {
      name: r.backdrop,
      rarityPermille: r.backdropRarity,
      colors: hasColors ? { center: r.backdropCenter, edge: r.backdropEdge, pattern: r.backdropPattern, text: r.backdropText } : null,
    },
    symbol: { name: r.symbol, rarityPermille: r.symbolRarity, glyph: r.symbolGlyph },
  };
}

function toItem(r: SearchRow): MarketItem {
  return {
    id: r.id,
    giftId: r.giftId,
    gift: { slug: r.giftSlug, title: r.giftTitle, glyph: r.giftGlyph },
    number: r.number,
    ...attributesOf(r),
    rarity: r.rarity,
    status: r.status as MarketItem["status"],
    price: r.price,
    listedAt: r.listedAt,
    ownerId: r.ownerId,
  };
}

/**
 * One page of NFTs matching the filters, in a stable keyset order: a row that does not change while the
 * caller pages is returned exactly once, whatever else is listed, delisted or repriced meanwhile.
 */
export async function findMarketPage(deps: { reader: SqlReader }, input: SearchMarketInput = {}): Promise<MarketPage> {
  const q = normalizeSearch(input);
  const rows = await marketReadRepository.searchPage(deps.reader, buildSearchSql(q));
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    nextCursor: rows.length > q.limit && last ? encodeCursor(q.sort, [last.k0, last.k1]) : null,
  };
}

/** The exact SQL text and parameters `searchMarket` runs for `input` (for EXPLAIN in tests and benchmarks). */
export function searchMarketSql(input: SearchMarketInput = {}): { sql: string; values: unknown[] } {
  const sql = buildSearchSql(input);
  return { sql: sql.text, values: sql.values };
}

/** EXPLAIN (FORMAT JSON[, ANALYZE]) of the search for `input`: the plan's root node. */
export async function explainSearch(db: Db, input: SearchMarketInput = {}, opts: { analyze?: boolean } = {}): Promise<unknown> {
  const { sql, values } = searchMarketSql(input);
  const rows = await marketReadRepository.explain(db, sql, values, opts.analyze ?? false);
  const plan = rows[0]?.["QUERY PLAN"];
  return Array.isArray(plan) ? (plan[0] as { Plan: unknown }).Plan : plan;
}

// The hottest pages (the market grid's: the same for every reader) are kept in this process for a
// second (SEARCH_PAGE_CACHE_MS) under the listings' generation. Every listing change moves the generation after its commit and
// before its caller hears back, so the buyer's next read, and any read that starts after the buyer has
// heard back, never gets a page from before the change. The second bounds what an instance that could not
// see the move (Redis unreachable: then nothing is cached) might still serve. An inventory search is
// never cached: custody and withdrawals change it without a listing change. One set of pages per cache
// backend, i.e. per runtime: two runtimes in one process (tests) never see each other's pages.
const pagesByBackend = new WeakMap<Cache, LRUCache<string, Promise<MarketPage>>>();
function pagesOf(cache: Cache, ttlMs: number) {
  let pages = pagesByBackend.get(cache);
  if (!pages) pagesByBackend.set(cache, (pages = new LRUCache({ max: 2_000, ttl: ttlMs })));
  return pages;
}

const keyOf = (generation: string, q: ReturnType<typeof normalizeSearch>) =>
  `${generation}|${JSON.stringify(q, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`;

/** `findMarketPage` through the page cache: concurrent readers of one page share one query. */
async function searchMarketCached(deps: { reader: SqlReader; cache: Cache; ttlMs: number }, input: SearchMarketInput = {}): Promise<MarketPage> {
  const q = normalizeSearch(input);
  if (!q.listedOnly || deps.ttlMs <= 0) return findMarketPage(deps, q);
  const generation = await deps.cache.generation(marketCacheKeys.listings());
  if (generation === null) return findMarketPage(deps, q);
  const key = keyOf(generation, q);
  const pages = pagesOf(deps.cache, deps.ttlMs);
  let page = pages.get(key);
  if (!page) {
    page = findMarketPage(deps, q);
    pages.set(key, page);
    page.catch(() => pages.delete(key)); // a failed query is the caller's error, not a cached answer
  }
  return page;
}

export const searchMarket = query({
  input: searchInput,
  output: searchOutput,
  hot: true,
  run: ({ reader, cache, config }, input) => searchMarketCached({ reader, cache, ttlMs: config.searchPageCacheMs }, input),
});
