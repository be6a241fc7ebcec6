// The market seed:
// the catalog, users with starting balances posted through the ledger, NFTs in custody, listings and a
// 90-day sales history, all generated set-based in SQL (INSERT … SELECT FROM generate_series) inside
// one transaction, so a million rows take seconds and the books close at every commit.
//
// Attribute picks are weighted by rarity with a slot table: each attribute owns `rarity_permille`
// consecutive integer slots of its (gift, kind); a row draws floor(random() × total) and equi-joins on
// the slot. Prices: the collection's floor × a rarity premium × a half-log-normal spread for listings,
// and for sales the same × a per-collection 90-day trend with a weekly wave, so charts have shape.
// Deterministic enough: setseed() fixes PostgreSQL's random() for the session.
import type { PrismaClient, Tx } from "@gm/db";
import { DEV_USER, userRepository } from "@gm/core";

import { CATALOG_BACKDROPS, CATALOG_GIFTS, isTransferable, symbolsFor, transferableDate, type CatalogGift } from "./catalog-data";

/** Seed users' ids: 9×10^12 + n, far above every Telegram id handed out so far and below 2^52. */
export const SEED_USER_ID_BASE = 9_000_000_000_000n;
/** The ledger reference of every seed deposit. */
export const SEED_LEDGER_REFERENCE = "seed:market";
/** NFTs of the dev user (DEV_USER) taken from the generated ones; the first two stay listed. */
export const DEV_USER_NFTS = 10;
export const DEV_USER_LISTED_NFTS = 2;

export interface SeedMarketOptions {
  users: number;
  nfts: number;
  /** How many of the NFTs are listed for sale. */
  listings: number;
  /** SALE activity events over the last 90 days. */
  sales: number;
  /** Active presales of the collections not yet transferable (default: 1 per 100 users, at least 10). */
  presales?: number;
  /** Wipes all market, user and ledger data first (TRUNCATE): for development and bench databases only. */
  reset?: boolean;
  /** Seed of PostgreSQL's random() (-1…1). */
  seed?: number;
  /** VACUUM ANALYZE the seeded tables afterwards instead of a plain ANALYZE (index-only scans, hint bits). */
  vacuum?: boolean;
  /**
   * Load nfts and activity_events without their secondary indexes and rebuild them afterwards (faster
   * from ~100k rows; takes an exclusive lock on both tables). Default: from 100,000 rows.
   */
  bulkLoad?: boolean;
  /** Called after each phase, e.g. to print timings. */
  onPhase?: (phase: SeedPhase) => void;
  /** Multiplies every collection's supply (scale runs beyond the catalog's ~2M transferable gifts). */
  supplyScale?: number;
}

export interface SeedPhase {
  name: string;
  ms: number;
  rows?: number;
}

export interface SeedStats {
  /** True when the catalog was already there and nothing was done. */
  skipped: boolean;
  gifts: number;
  attributes: number;
  users: number;
  nfts: number;
  listings: number;
  sales: number;
  /** LISTING activity events, one per listing at its listed_at. */
  listingEvents: number;
  presales: number;
  devUserNfts: number;
  /** Total starting balance credited through the ledger, nanoTON. */
  credited: bigint;
  phases: SeedPhase[];
  totalMs: number;
}

export type SeedSize = "dev" | "bench";

export const SEED_SIZES: Record<SeedSize, Pick<SeedMarketOptions, "users" | "nfts" | "listings" | "sales" | "presales">> = {
  dev: { users: 300, nfts: 20_000, listings: 3_000, sales: 20_000, presales: 40 },
  bench: { users: 20_000, nfts: 1_000_000, listings: 200_000, sales: 1_000_000, presales: 2_000 },
};

const TON = 1_000_000_000;

/** From this many rows a table is loaded without its secondary indexes, which are rebuilt afterwards. */
const BULK_THRESHOLD = 100_000;

type PhaseFn = <T>(name: string, fn: () => Promise<T>, rows?: (value: T) => number) => Promise<T>;

/**
 * Bulk loading: drops `table`'s indexes other than its primary key, runs `load`, and recreates them from
 * the definitions the catalog held (so they never drift from the migrations). Building an index once
 * over a million rows is several times faster than maintaining it row by row. All of it is
 * transactional: a failure restores the indexes with the rollback. Recreating a unique index checks
 * the loaded rows. With `enabled` false it only runs `load`.
 */
async function withoutSecondaryIndexes<T>(tx: Tx, table: string, enabled: boolean, phase: PhaseFn, load: () => Promise<T>): Promise<T> {
  if (!enabled) return load();
  const indexes = await tx.$queryRawUnsafe<{ name: string; def: string }[]>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    table,
  );
  await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const ix of indexes) await tx.$executeRawUnsafe(`DROP INDEX ${ix.name}`);
  const value = await load();
  await phase(`${table}: ${indexes.length} indexes`, async () => {
    for (const ix of indexes) await tx.$executeRawUnsafe(ix.def);
  });
  return value;
}

/** Splits `total` over `weights` in proportion (largest remainder), never giving an item more than its cap. */
export function allocate(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const cap = (i: number) => caps?.[i] ?? Number.POSITIVE_INFINITY;
  const out = weights.map(() => 0);
  let left = total;
  // Caps can leave some of the total unplaced: repeat over the items that still have room.
  for (let round = 0; left > 0 && round < 50; round++) {
    const open = weights.map((w, i) => (w > 0 && out[i]! < cap(i) ? i : -1)).filter((i) => i >= 0);
    const sum = open.reduce((s, i) => s + weights[i]!, 0);
    if (sum === 0) break;
    const shares = open.map((i) => ({ i, exact: (left * weights[i]!) / sum }));
    let placed = 0;
    for (const s of shares) {
      const n = Math.min(Math.floor(s.exact), cap(s.i) - out[s.i]!);
      out[s.i]! += n;
      placed += n;
    }
    shares.sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.i - b.i);
    for (const s of shares) {
      if (placed >= left) break;
      if (out[s.i]! < cap(s.i)) {
        out[s.i]! += 1;
        placed += 1;
      }
    }
    left -= placed;
  }
  if (left > 0) throw new Error(`cannot place ${total}: the caps hold only ${total - left}`);
  return out;
}

function validate(o: SeedMarketOptions, transferableSupply: number): void {
  const ints: [string, number][] = [["users", o.users], ["nfts", o.nfts], ["listings", o.listings], ["sales", o.sales], ["presales", o.presales ?? 0]];
  for (const [name, v] of ints) {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`seedMarket: ${name} must be a non-negative integer, got ${v}`);
  }
  if (o.users < 2 && (o.nfts > 0 || o.sales > 0 || (o.presales ?? 0) > 0)) throw new Error("seedMarket: at least 2 users are needed to own and trade gifts");
  if (o.listings > o.nfts) throw new Error(`seedMarket: ${o.listings} listings need at least as many NFTs, got ${o.nfts}`);
  if (o.nfts > transferableSupply) throw new Error(`seedMarket: the catalog's transferable supply is ${transferableSupply}, fewer than ${o.nfts} NFTs`);
}

/** Fills the market. Idempotent: when gifts exist it does nothing, unless `reset`. */
export async function seedMarket(prisma: PrismaClient, options: SeedMarketOptions): Promise<SeedStats> {
  const t0 = performance.now();
  const now = new Date();
  const tradable = CATALOG_GIFTS.filter((g) => isTransferable(g, now));
  const presaleGifts = CATALOG_GIFTS.filter((g) => !isTransferable(g, now));
  const presaleCount = options.presales ?? (presaleGifts.length ? Math.max(10, Math.floor(options.users / 100)) : 0);
  // Scale runs beyond the real catalog's supply multiply every collection's supply alike.
  const supplyScale = options.supplyScale ?? 1;
  const supplyOf = (g: { supply: number }) => g.supply * supplyScale;
  validate({ ...options, presales: presaleCount }, tradable.reduce((s, g) => s + supplyOf(g), 0));

  const phases: SeedPhase[] = [];
  const phase = async <T>(name: string, fn: () => Promise<T>, rows?: (value: T) => number): Promise<T> => {
    const start = performance.now();
    const value = await fn();
    const p: SeedPhase = { name, ms: Math.round(performance.now() - start), rows: rows?.(value) };
    phases.push(p);
    options.onPhase?.(p);
    return value;
  };
  const count = (n: number) => n;

  const nftCounts = allocate(options.nfts, tradable.map(supplyOf), tradable.map(supplyOf));
  const saleCounts = allocate(options.sales, nftCounts);
  const presaleCounts = allocate(presaleCount, presaleGifts.map(() => 1));

  const stats = await prisma.$transaction(
    async (tx): Promise<SeedStats | null> => {
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = 0`);
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
      // One seeder at a time; readers go on. (A table lock, not an advisory one: PGlite has none.)
      await tx.$executeRawUnsafe(`LOCK TABLE gifts IN SHARE ROW EXCLUSIVE MODE`);
      const existing = await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM gifts`);
      if (Number(existing[0]?.n ?? 0) > 0) {
        if (!options.reset) return null;
        await phase("reset", () =>
          tx.$executeRawUnsafe(
            `TRUNCATE gifts, gift_attributes, nfts, offers, collection_offers, auctions, bids, presales, activity_events,
                      ledger_entries, ledger_movements, deposits, withdrawals, idempotency_records, users RESTART IDENTITY CASCADE`,
          ),
        );
      }
      await tx.$queryRawUnsafe(`SELECT 1 AS ok FROM (SELECT setseed($1::float8)) s`, options.seed ?? 0.4242);
      return fill(tx);
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
  if (!stats) {
    return { skipped: true, gifts: 0, attributes: 0, users: 0, nfts: 0, listings: 0, sales: 0, listingEvents: 0, presales: 0, devUserNfts: 0, credited: 0n, phases, totalMs: Math.round(performance.now() - t0) };
  }

  const tables = ["gifts", "gift_attributes", "users", "ledger_movements", "ledger_entries", "nfts", "activity_events", "presales"];
  if (options.vacuum) {
    // VACUUM cannot run in a transaction; each table in its own statement keeps every one short.
    await phase("vacuum analyze", async () => {
      for (const t of tables) await prisma.$executeRawUnsafe(`VACUUM (ANALYZE) ${t}`);
    });
  } else {
    await phase("analyze", () =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = 0`);
        await tx.$executeRawUnsafe(`ANALYZE ${tables.join(", ")}`);
      }),
    );
  }
  return { ...stats, phases, totalMs: Math.round(performance.now() - t0) };

  async function fill(tx: Tx): Promise<SeedStats> {
    // ── catalog ──
    const gifts = await phase("gifts", () =>
      tx.$executeRawUnsafe(
        `INSERT INTO gifts (slug, title, supply, glyph, transferable_at)
         SELECT x.slug, x.title, x.supply, x.glyph, x.transferable_at::timestamp
         FROM jsonb_to_recordset($1::jsonb) AS x(slug text, title text, supply int, glyph text, transferable_at text)`,
        JSON.stringify(
          CATALOG_GIFTS.map((g) => ({ slug: g.slug, title: g.title, supply: supplyOf(g), glyph: g.glyph, transferable_at: transferableDate(g, now)?.toISOString() ?? null })),
        ),
      ),
      count,
    );
    const attributeRows = CATALOG_GIFTS.flatMap((g, gi) => [
      ...g.models.map((m) => ({ slug: g.slug, kind: "MODEL", name: m.name, rarity: m.rarityPermille, data: { glyph: g.glyph } })),
      ...CATALOG_BACKDROPS.map((b) => ({
        slug: g.slug,
        kind: "BACKDROP",
        name: b.name,
        rarity: b.rarityPermille,
        data: { center: b.centerColor, edge: b.edgeColor, pattern: b.patternColor, text: b.textColor },
      })),
      ...symbolsFor(gi).map((s) => ({ slug: g.slug, kind: "SYMBOL", name: s.name, rarity: s.rarityPermille, data: { glyph: s.glyph } })),
    ]);
    const attributes = await phase("gift attributes", () =>
      tx.$executeRawUnsafe(
        `INSERT INTO gift_attributes (gift_id, kind, name, rarity_permille, data)
         SELECT g.id, x.kind::"AttributeKind", x.name, x.rarity, x.data
         FROM jsonb_to_recordset($1::jsonb) AS x(slug text, kind text, name text, rarity int, data jsonb)
         JOIN gifts g ON g.slug = x.slug`,
        JSON.stringify(attributeRows),
      ),
      count,
    );

    // ── generation plan: per tradable gift its NFT block, sales and price base; the rarity slot tables ──
    let startK = 0;
    const plan = tradable.map((g: CatalogGift, i) => {
      const row = { slug: g.slug, start_k: startK, cnt: nftCounts[i]!, sales: saleCounts[i]!, base: g.floorTon * TON, trend: g.trend90d, presales: 0 };
      startK += nftCounts[i]!;
      return row;
    });
    plan.push(...presaleGifts.map((g, i) => ({ slug: g.slug, start_k: startK, cnt: 0, sales: 0, base: g.floorTon * TON, trend: 0, presales: presaleCounts[i]! })));
    await phase("plan", async () => {
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE seed_gift ON COMMIT DROP AS
         SELECT g.id AS gift_id, x.start_k, x.cnt, x.sales, x.presales, x.base, x.trend,
                (SELECT COALESCE(sum(rarity_permille), 0)::int FROM gift_attributes a WHERE a.gift_id = g.id AND a.kind = 'MODEL') AS model_total,
                (SELECT COALESCE(sum(rarity_permille), 0)::int FROM gift_attributes a WHERE a.gift_id = g.id AND a.kind = 'BACKDROP') AS backdrop_total,
                (SELECT COALESCE(sum(rarity_permille), 0)::int FROM gift_attributes a WHERE a.gift_id = g.id AND a.kind = 'SYMBOL') AS symbol_total
         FROM jsonb_to_recordset($1::jsonb) AS x(slug text, start_k bigint, cnt int, sales int, presales int, base float8, trend float8)
         JOIN gifts g ON g.slug = x.slug`,
        JSON.stringify(plan),
      );
      await tx.$executeRawUnsafe(
        // One integer key per (gift, kind, slot): a single-column equi-join the planner estimates right
        // (on (gift_id, slot) it guesses one row and picks a nested loop over the whole table).
        `CREATE TEMP TABLE seed_slot ON COMMIT DROP AS
         SELECT (a.gift_id::bigint * 3 + a.k) * 100000 + s.slot AS key, a.name, a.rarity_permille AS rarity
         FROM (SELECT gift_id, name, rarity_permille,
                      CASE kind WHEN 'MODEL' THEN 0 WHEN 'BACKDROP' THEN 1 ELSE 2 END AS k,
                      (sum(rarity_permille) OVER (PARTITION BY gift_id, kind ORDER BY id) - rarity_permille)::int AS lo
               FROM gift_attributes WHERE rarity_permille > 0) a
         CROSS JOIN LATERAL generate_series(a.lo, a.lo + a.rarity_permille - 1) AS s(slot)`,
      );
      await tx.$executeRawUnsafe(`ALTER TABLE seed_slot ADD PRIMARY KEY (key)`);
      await tx.$executeRawUnsafe(`ANALYZE seed_gift`);
      await tx.$executeRawUnsafe(`ANALYZE seed_slot`);
    });

    // ── users, with starting balances posted through the ledger (one DEPOSIT movement each) ──
    const users = await phase(
      "users",
      async () => {
        await tx.$executeRawUnsafe(
          `CREATE TEMP TABLE seed_user ON COMMIT DROP AS
           SELECT n, $1::bigint + n AS id,
                  -- log-normal around 40 TON, at least 1 TON, whole hundredths of a TON
                  (greatest(1e9, round(40e9 * exp(1.1 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) / 1e7) * 1e7))::bigint AS amount,
                  (now() AT TIME ZONE 'UTC') - make_interval(secs => (30 + 300 * random()) * 86400) AS created_at
           FROM generate_series(1, $2::int) AS n`,
          SEED_USER_ID_BASE,
          options.users,
        );
        return tx.$executeRawUnsafe(
          `INSERT INTO users (id, username, first_name, last_name, language_code, is_premium, deposit_memo, available, created_at, updated_at)
           SELECT u.id,
                  CASE WHEN u.n % 7 = 3 THEN NULL ELSE lower(f.name) || '_' || to_hex(u.n::int * 7919) END,
                  f.name,
                  CASE WHEN u.n % 3 = 0 THEN NULL ELSE l.name END,
                  (ARRAY['en','en','en','ru','ru','es','pt','de','uk','tr','id','fa','ar'])[1 + u.n % 13],
                  u.n % 5 = 0,
                  'gm-seed-' || u.id,
                  u.amount, u.created_at, u.created_at
           FROM seed_user u
           CROSS JOIN LATERAL (SELECT (ARRAY['Alex','Maria','Ivan','Sofia','Dmitry','Anna','Max','Elena','Pavel','Olga','Nikita','Daria','Artem','Kate','Leo','Mila','Omar','Lina','Diego','Ana','Lucas','Julia','Mehmet','Aylin','Budi','Sari','Reza','Sara','John','Emma','Noah','Zoe'])[1 + (u.n * 17) % 32] AS name) f
           CROSS JOIN LATERAL (SELECT (ARRAY['Petrov','Smirnova','Garcia','Silva','Müller','Kovalenko','Yilmaz','Santoso','Ahmadi','Smith','Ivanova','Rossi','Nguyen','Kim','Novak','Berg'])[1 + (u.n * 29) % 16] AS name) l`,
        );
      },
      count,
    );
    const ledger = await phase(
      "ledger",
      async () => {
        const entries = await tx.$executeRawUnsafe(
          `WITH m AS (
             INSERT INTO ledger_movements (kind, reference, memo, actor_id, created_at)
             SELECT 'DEPOSIT', $1, 'Seed starting balance', u.id, u.created_at FROM seed_user u ORDER BY u.id
             RETURNING id, actor_id
           )
           INSERT INTO ledger_entries (movement_id, account, user_id, amount, created_at)
           SELECT m.id, e.account::"LedgerAccount", CASE WHEN e.account = 'USER_AVAILABLE' THEN u.id END,
                  CASE WHEN e.account = 'USER_AVAILABLE' THEN u.amount ELSE -u.amount END, u.created_at
           FROM m JOIN seed_user u ON u.id = m.actor_id
           CROSS JOIN (VALUES ('USER_AVAILABLE'), ('EXTERNAL')) AS e(account)`,
          SEED_LEDGER_REFERENCE,
        );
        const total = await tx.$queryRawUnsafe<{ s: bigint | null }[]>(`SELECT sum(amount)::bigint AS s FROM seed_user`);
        return { entries, credited: total[0]?.s ?? 0n };
      },
      (r) => r.entries,
    );

    // ── NFTs, staged in a temp table (no WAL, no indexes): attributes by rarity, owners skewed towards
    // whales, every k-th listed so exactly `listings` are. k runs 1…N over all gifts; the NFT's id will be
    // idBase + k, so sales can pick NFTs by k without touching the real table. ──
    const staged = await phase(
      "nfts: generate",
      async () => {
        const n = await tx.$executeRawUnsafe(
          `CREATE TEMP TABLE seed_nft ON COMMIT DROP AS
           SELECT r.k, r.gift_id, r.num, m.name AS model, m.rarity AS model_rarity, b.name AS backdrop, b.rarity AS backdrop_rarity,
                  s.name AS symbol, s.rarity AS symbol_rarity, m.rarity * b.rarity * s.rarity AS rarity,
                  $1::bigint + r.owner_n AS owner_id,
                  CASE WHEN r.listed THEN greatest(1e8, round(r.base * greatest(1.0, power(27000.0 / (m.rarity * b.rarity * s.rarity), 0.35))
                                                             * exp(0.3 * abs(r.z)) / 1e7) * 1e7)::bigint END AS price,
                  CASE WHEN r.listed THEN r.now - make_interval(secs => 7 * 86400 * r.u_age * r.u_age) END AS listed_at,
                  r.now - make_interval(secs => (8 + 120 * r.u_created) * 86400) AS created_at
           FROM (
             SELECT g.gift_id, g.base, n AS num, g.start_k + n AS k,
                    g.gift_id::bigint * 300000 + floor(random() * g.model_total)::int AS ms,
                    (g.gift_id::bigint * 3 + 1) * 100000 + floor(random() * g.backdrop_total)::int AS bs,
                    (g.gift_id::bigint * 3 + 2) * 100000 + floor(random() * g.symbol_total)::int AS ss,
                    1 + floor($2::int * power(random(), 1.8))::bigint AS owner_n,
                    ((g.start_k + n) * $3::bigint) / $4::bigint > ((g.start_k + n - 1) * $3::bigint) / $4::bigint AS listed,
                    sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z,
                    random() AS u_age, random() AS u_created,
                    (now() AT TIME ZONE 'UTC') AS now
             FROM seed_gift g CROSS JOIN LATERAL generate_series(1, g.cnt) AS n
             WHERE g.cnt > 0
           ) r
           JOIN seed_slot m ON m.key = r.ms
           JOIN seed_slot b ON b.key = r.bs
           JOIN seed_slot s ON s.key = r.ss`,
          SEED_USER_ID_BASE,
          options.users,
          options.listings,
          Math.max(1, options.nfts),
        );
        await tx.$executeRawUnsafe(`ANALYZE seed_nft`);
        return n;
      },
      count,
    );
    if (staged !== options.nfts) throw new Error(`seedMarket: generated ${staged} NFTs instead of ${options.nfts}`);

    // The dev user gets a few of them (two listed, the rest in custody, from different collections).
    const devUserNfts = await phase(
      "nfts: dev user",
      async () => {
        if (options.nfts === 0) return 0;
        await userRepository.upsertFromTelegram(tx, DEV_USER);
        const listed = Math.min(DEV_USER_LISTED_NFTS, options.listings);
        return tx.$executeRawUnsafe(
          `UPDATE seed_nft SET owner_id = $1
           WHERE k IN (
             (SELECT k FROM seed_nft WHERE price IS NOT NULL ORDER BY k LIMIT $2)
             UNION ALL
             (SELECT k FROM (SELECT DISTINCT ON (gift_id) k, gift_id FROM seed_nft WHERE price IS NULL ORDER BY gift_id, k) d
              ORDER BY gift_id DESC LIMIT $3))`,
          DEV_USER.id,
          listed,
          DEV_USER_NFTS - listed,
        );
      },
      count,
    );

    // A block of ids no one else can take: inserts into nfts wait for this transaction.
    await tx.$executeRawUnsafe(`LOCK TABLE nfts IN SHARE ROW EXCLUSIVE MODE`);
    const block = await tx.$queryRawUnsafe<{ base: bigint }[]>(
      `SELECT GREATEST((SELECT last_value FROM nfts_id_seq), (SELECT COALESCE(max(id), 0) FROM nfts))::bigint AS base`,
    );
    const idBase = block[0]!.base;
    await tx.$queryRawUnsafe(`SELECT 1 AS ok FROM (SELECT setval('nfts_id_seq', $1::bigint)) s`, idBase + BigInt(Math.max(1, options.nfts)));

    const bulk = options.bulkLoad ?? options.nfts >= BULK_THRESHOLD;
    const nfts = await withoutSecondaryIndexes(tx, "nfts", bulk, phase, () =>
      phase(
        "nfts: insert",
        () =>
          tx.$executeRawUnsafe(
            `INSERT INTO nfts (id, gift_id, number, model, model_rarity, backdrop, backdrop_rarity, symbol, symbol_rarity, rarity,
                               owner_id, status, price, listed_at, created_at, updated_at)
             SELECT $1::bigint + k, gift_id, num, model, model_rarity, backdrop, backdrop_rarity, symbol, symbol_rarity, rarity, owner_id,
                    CASE WHEN price IS NULL THEN 'IN_CUSTODY'::"NftStatus" ELSE 'LISTED'::"NftStatus" END,
                    price, listed_at, created_at, (now() AT TIME ZONE 'UTC')
             FROM seed_nft ORDER BY k`,
            idBase,
          ),
        count,
      ),
    );

    const listings = await phase(
      "floors",
      async () => {
        await tx.$executeRawUnsafe(
          `UPDATE gifts g SET floor_price = f.floor
           FROM (SELECT gift_id, min(price) AS floor FROM seed_nft WHERE price IS NOT NULL GROUP BY gift_id) f
           WHERE g.id = f.gift_id`,
        );
        const r = await tx.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM seed_nft WHERE price IS NOT NULL`);
        return Number(r[0]?.n ?? 0);
      },
      count,
    );

    // ── activity: a LISTING event per listing, and 90 days of sales (buyer ≠ seller, the price trending per
    // collection with a weekly wave, more trades lately), inserted in time order ──
    const { listingEvents, sales } = await withoutSecondaryIndexes(tx, "activity_events", options.bulkLoad ?? options.sales >= BULK_THRESHOLD, phase, async () => {
      const listingEvents = await phase(
        "listing events",
        () =>
          tx.$executeRawUnsafe(
            `INSERT INTO activity_events (type, gift_id, nft_id, actor_id, price, created_at)
             SELECT 'LISTING', gift_id, $1::bigint + k, owner_id, price, listed_at FROM seed_nft WHERE price IS NOT NULL ORDER BY listed_at`,
            idBase,
          ),
        count,
      );
      const sales = await phase(
        "sales",
        () =>
          tx.$executeRawUnsafe(
            `INSERT INTO activity_events (type, gift_id, nft_id, actor_id, counterparty_id, price, created_at)
             SELECT 'SALE', n.gift_id, $3::bigint + n.k,
                    $1::bigint + r.buyer_n,
                    $1::bigint + 1 + (r.buyer_n - 1 + r.off) % $2::int,
                    greatest(1e8, round(r.base * greatest(1.0, power(27000.0 / n.rarity, 0.35))
                                        * exp(-r.trend * r.age) * (1 + 0.07 * sin(r.age * 90 / 3.5 + n.gift_id))
                                        * exp(0.25 * r.z) / 1e7) * 1e7)::bigint,
                    (now() AT TIME ZONE 'UTC') - make_interval(secs => r.age * 90 * 86400) AS at
             FROM (
               SELECT x.*, power(x.u, 1.3) AS age
               FROM (
                 SELECT g.base, g.trend,
                        g.start_k + 1 + floor(random() * g.cnt)::bigint AS k,
                        random() AS u,
                        1 + floor($2::int * power(random(), 1.5))::bigint AS buyer_n,
                        1 + floor(random() * ($2::int - 1))::bigint AS off,
                        sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z
                 FROM seed_gift g CROSS JOIN LATERAL generate_series(1, g.sales) AS i
                 WHERE g.cnt > 0 AND g.sales > 0
               ) x
             ) r
             JOIN seed_nft n ON n.k = r.k
             ORDER BY at`,
            SEED_USER_ID_BASE,
            options.users,
            idBase,
          ),
        count,
      );
      return { listingEvents, sales };
    });

    const presales = await phase(
      "presales",
      () =>
        tx.$executeRawUnsafe(
          `INSERT INTO presales (gift_id, seller_id, price, status, deliver_by, created_at, updated_at)
           SELECT r.gift_id, $1::bigint + r.seller_n,
                  greatest(1e8, round(r.base * exp(0.35 * abs(r.z)) / 1e7) * 1e7)::bigint, 'ACTIVE',
                  r.at + make_interval(days => (SELECT presale_delivery_days FROM settings WHERE id = 1)), r.at, r.at
           FROM (
             SELECT g.gift_id, g.base,
                    1 + floor($2::int * random())::bigint AS seller_n,
                    sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS z,
                    (now() AT TIME ZONE 'UTC') - make_interval(secs => 5 * 86400 * random()) AS at
             FROM seed_gift g CROSS JOIN LATERAL generate_series(1, g.presales) AS i
             WHERE g.presales > 0
           ) r`,
          SEED_USER_ID_BASE,
          options.users,
        ),
      count,
    );

    return {
      skipped: false,
      gifts,
      attributes,
      users,
      nfts,
      listings,
      sales,
      listingEvents,
      presales,
      devUserNfts,
      credited: ledger.credited,
      phases,
      totalMs: 0,
    };
  }
}
