// Auctions' only SQL. Lock order, as everywhere: the auction row, then the NFT row, then (in the ledger)
// the users. Every change is guarded by the state it leaves (`status = 'ACTIVE'`), so a bid, a cancel and
// the settlement can race and exactly one outcome stands.
import { Prisma, type Db, type Tx } from "@gm/db";
import type { NftColumns, SearchMarketInput } from "../market/search-sql";
import { nftAttributeJoins, nftColumns } from "../market/market-repository";

export type AuctionStatus = "ACTIVE" | "SETTLED" | "ENDED_NO_BIDS" | "CANCELLED";

export interface AuctionForBid {
  id: bigint;
  nftId: bigint;
  giftId: number;
  sellerId: bigint;
  status: AuctionStatus;
  startPrice: bigint;
  minStep: bigint | null;
  minStepBps: number | null;
  bestBid: bigint | null;
  bestBidderId: bigint | null;
  endsAt: Date;
  antiSnipingSeconds: number;
}

export interface AuctionRow extends NftColumns {
  auctionId: bigint;
  auctionStatus: AuctionStatus;
  sellerId: bigint;
  sellerFirstName: string;
  sellerUsername: string | null;
  startPrice: bigint;
  minStep: bigint | null;
  minStepBps: number | null;
  bestBid: bigint | null;
  bids: number;
  endsAt: Date;
  createdAt: Date;
  winnerId: bigint | null;
  winnerFirstName: string | null;
  winnerUsername: string | null;
  myBid: bigint | null;
  leading: boolean;
  feeBps: number;
}

export interface AuctionFilter extends Pick<SearchMarketInput, "giftIds" | "models" | "backdrops" | "symbols" | "priceMin" | "priceMax"> {
  participant?: "seller" | "bidder";
  after?: { endsAt: string; id: bigint };
  limit: number;
}

/** One auction's row as the reads return it, for `viewer`. */
const auctionColumns = (viewer: bigint) => Prisma.sql`
  ${nftColumns}, a.id AS "auctionId", a.status::text AS "auctionStatus", a.seller_id AS "sellerId",
  su.first_name AS "sellerFirstName", su.username AS "sellerUsername", a.start_price AS "startPrice",
  a.min_step AS "minStep", a.min_step_bps AS "minStepBps", a.best_bid AS "bestBid",
  (SELECT count(*)::int FROM bids c WHERE c.auction_id = a.id) AS bids,
  a.ends_at AS "endsAt", a.created_at AS "createdAt",
  a.winner_id AS "winnerId", wu.first_name AS "winnerFirstName", wu.username AS "winnerUsername",
  (SELECT max(m.amount) FROM bids m WHERE m.auction_id = a.id AND m.bidder_id = ${viewer}) AS "myBid",
  (a.best_bidder_id IS NOT DISTINCT FROM ${viewer}::bigint) AS leading,
  s.fee_bps AS "feeBps"`;
const auctionJoins = Prisma.sql`
  JOIN nfts n ON n.id = a.nft_id ${nftAttributeJoins}
  JOIN users su ON su.id = a.seller_id
  LEFT JOIN users wu ON wu.id = a.winner_id
  CROSS JOIN settings s`;

export const auctionRepository = {
  /**
   * The owner's NFT goes into the auction (IN_CUSTODY → IN_AUCTION; its collection transferable) and the
   * auction is created, in one statement: null when the NFT is not the owner's or not free to auction.
   */
  async create(tx: Tx, a: { nftId: bigint; sellerId: bigint; startPrice: bigint; minStep: bigint | null; minStepBps: number | null; endsAt: Date }) {
    const rows = await tx.$queryRaw<{ id: bigint; giftId: number }[]>`
      WITH nft AS (
        UPDATE nfts n SET status = 'IN_AUCTION', updated_at = now() FROM gifts g
        WHERE n.id = ${a.nftId} AND n.owner_id = ${a.sellerId} AND n.status = 'IN_CUSTODY'
          AND g.id = n.gift_id AND g.transferable_at IS NOT NULL AND g.transferable_at <= now()
        RETURNING n.id, n.gift_id
      ), auction AS (
        INSERT INTO auctions (nft_id, seller_id, start_price, min_step, min_step_bps, ends_at, updated_at)
        SELECT id, ${a.sellerId}, ${a.startPrice}, ${a.minStep}::bigint, ${a.minStepBps}::int, ${a.endsAt}, now() FROM nft
        RETURNING id
      ), ev AS (
        INSERT INTO activity_events (type, gift_id, nft_id, actor_id, price)
        SELECT 'AUCTION_CREATED', gift_id, id, ${a.sellerId}::bigint, ${a.startPrice}::bigint FROM nft
      )
      SELECT auction.id, nft.gift_id AS "giftId" FROM auction, nft`;
    return rows[0] ?? null;
  },

  /** The auction with its gift and the anti-sniping window, as of now (no lock). */
  async forBid(tx: Tx, auctionId: bigint): Promise<AuctionForBid | null> {
    const rows = await tx.$queryRaw<AuctionForBid[]>`
      SELECT a.id, a.nft_id AS "nftId", n.gift_id AS "giftId", a.seller_id AS "sellerId", a.status::text AS status,
             a.start_price AS "startPrice", a.min_step AS "minStep", a.min_step_bps AS "minStepBps",
             a.best_bid AS "bestBid", a.best_bidder_id AS "bestBidderId", a.ends_at AS "endsAt",
             s.anti_sniping_seconds AS "antiSnipingSeconds"
      FROM auctions a JOIN nfts n ON n.id = a.nft_id CROSS JOIN settings s
      WHERE a.id = ${auctionId} AND s.id = 1`;
    return rows[0] ?? null;
  },

  /** What a bid can change, under the auction's row lock: concurrent bids queue here. */
  async lockLive(tx: Tx, auctionId: bigint): Promise<Pick<AuctionForBid, "status" | "bestBid" | "bestBidderId" | "endsAt"> | null> {
    const rows = await tx.$queryRaw<Pick<AuctionForBid, "status" | "bestBid" | "bestBidderId" | "endsAt">[]>`
      SELECT status::text AS status, best_bid AS "bestBid", best_bidder_id AS "bestBidderId", ends_at AS "endsAt"
      FROM auctions WHERE id = ${auctionId} FOR NO KEY UPDATE`;
    return rows[0] ?? null;
  },

  /**
   * The new best bid, in one statement: the standing bid marked outbid first (the partial unique index
   * allows one standing bid), then the new one, the auction's best and end, and the BID event.
   */
  async recordBid(tx: Tx, b: { auctionId: bigint; bidderId: bigint; amount: bigint; endsAt: Date; giftId: number; nftId: bigint }): Promise<bigint> {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      WITH outbid AS (
        UPDATE bids SET status = 'OUTBID' WHERE auction_id = ${b.auctionId} AND status = 'ACTIVE' RETURNING id
      ), bid AS (
        INSERT INTO bids (auction_id, bidder_id, amount)
        SELECT ${b.auctionId}, ${b.bidderId}, ${b.amount} FROM (SELECT count(*) FROM outbid) done
        RETURNING id
      ), au AS (
        UPDATE auctions SET best_bid = ${b.amount}, best_bidder_id = ${b.bidderId}, ends_at = ${b.endsAt}, updated_at = now()
        WHERE id = ${b.auctionId}
      ), ev AS (
        INSERT INTO activity_events (type, gift_id, nft_id, actor_id, price)
        VALUES ('BID', ${b.giftId}, ${b.nftId}, ${b.bidderId}, ${b.amount})
      )
      SELECT id FROM bid`;
    return rows[0]!.id;
  },

  /** The seller's auction without bids ends and its NFT returns to custody: null when that is not the case. */
  async cancel(tx: Tx, auctionId: bigint, sellerId: bigint, now: Date): Promise<{ nftId: bigint } | null> {
    const rows = await tx.$queryRaw<{ nftId: bigint }[]>`
      WITH a AS (
        UPDATE auctions SET status = 'CANCELLED', updated_at = now()
        WHERE id = ${auctionId} AND seller_id = ${sellerId} AND status = 'ACTIVE' AND best_bid IS NULL AND ends_at > ${now}
        RETURNING nft_id
      )
      UPDATE nfts n SET status = 'IN_CUSTODY', updated_at = now() FROM a WHERE n.id = a.nft_id RETURNING n.id AS "nftId"`;
    return rows[0] ?? null;
  },

  async stateOf(db: Db, auctionId: bigint): Promise<{ sellerId: bigint; status: AuctionStatus; bestBid: bigint | null; endsAt: Date } | null> {
    const rows = await db.$queryRaw<{ sellerId: bigint; status: AuctionStatus; bestBid: bigint | null; endsAt: Date }[]>`
      SELECT seller_id AS "sellerId", status::text AS status, best_bid AS "bestBid", ends_at AS "endsAt" FROM auctions WHERE id = ${auctionId}`;
    return rows[0] ?? null;
  },

  /**
   * Up to `limit` auctions past their end, closed in one statement: the NFT to the best bidder (or back
   * to the seller without bids), the winning bid marked, the events written. Rows a bid holds are skipped
   * (that bid decides first); a row that a bid extended meanwhile is re-checked under its lock and left.
   */
  close(tx: Tx, now: Date, limit: number) {
    return tx.$queryRaw<{ id: bigint; nftId: bigint; sellerId: bigint; winnerId: bigint | null; price: bigint | null; feeBps: number }[]>`
      WITH due AS (
        SELECT id FROM auctions WHERE status = 'ACTIVE' AND ends_at <= ${now} ORDER BY ends_at, id LIMIT ${limit} FOR NO KEY UPDATE SKIP LOCKED
      ), done AS (
        UPDATE auctions a SET status = (CASE WHEN a.best_bid IS NULL THEN 'ENDED_NO_BIDS' ELSE 'SETTLED' END)::"AuctionStatus",
               winner_id = a.best_bidder_id, settled_at = now(), updated_at = now()
        FROM due WHERE a.id = due.id
        RETURNING a.id, a.nft_id, a.seller_id, a.best_bidder_id, a.best_bid
      ), nft AS (
        UPDATE nfts n SET owner_id = COALESCE(d.best_bidder_id, d.seller_id), status = 'IN_CUSTODY', updated_at = now()
        FROM done d WHERE n.id = d.nft_id
        RETURNING n.id, n.gift_id
      ), won AS (
        UPDATE bids b SET status = 'WON' FROM done d WHERE b.auction_id = d.id AND b.status = 'ACTIVE'
      ), ev AS (
        INSERT INTO activity_events (type, gift_id, nft_id, actor_id, counterparty_id, price)
        SELECT x.type::"ActivityType", nft.gift_id, d.nft_id, COALESCE(d.best_bidder_id, d.seller_id), CASE WHEN d.best_bid IS NULL THEN NULL ELSE d.seller_id END, d.best_bid
        FROM done d JOIN nft ON nft.id = d.nft_id
        CROSS JOIN LATERAL (VALUES ('AUCTION_SETTLED'), ('SALE')) AS x(type)
        WHERE x.type = 'AUCTION_SETTLED' OR d.best_bid IS NOT NULL
      )
      SELECT d.id, d.nft_id AS "nftId", d.seller_id AS "sellerId", d.best_bidder_id AS "winnerId", d.best_bid AS price, s.fee_bps AS "feeBps"
      FROM done d CROSS JOIN settings s WHERE s.id = 1`;
  },

  /** When the next running auction ends (the partial index on running auctions' ends_at). */
  async nextEnd(db: Db): Promise<Date | null> {
    const rows = await db.$queryRaw<{ endsAt: Date | null }[]>`SELECT min(ends_at) AS "endsAt" FROM auctions WHERE status = 'ACTIVE'`;
    return rows[0]?.endsAt ?? null;
  },

  /** Running auctions, ending soonest first (keyset on (ends_at, id)). */
  list(db: Db, viewer: bigint, f: AuctionFilter): Promise<AuctionRow[]> {
    const where: Prisma.Sql[] = [Prisma.sql`a.status = 'ACTIVE'`, Prisma.sql`s.id = 1`];
    if (f.giftIds?.length) where.push(Prisma.sql`n.gift_id = ANY(${f.giftIds}::int[])`);
    if (f.models?.length) where.push(Prisma.sql`n.model = ANY(${f.models}::text[])`);
    if (f.backdrops?.length) where.push(Prisma.sql`n.backdrop = ANY(${f.backdrops}::text[])`);
    if (f.symbols?.length) where.push(Prisma.sql`n.symbol = ANY(${f.symbols}::text[])`);
    if (f.priceMin !== undefined) where.push(Prisma.sql`COALESCE(a.best_bid, a.start_price) >= ${f.priceMin}`);
    if (f.priceMax !== undefined) where.push(Prisma.sql`COALESCE(a.best_bid, a.start_price) <= ${f.priceMax}`);
    if (f.participant === "seller") where.push(Prisma.sql`a.seller_id = ${viewer}`);
    if (f.participant === "bidder") where.push(Prisma.sql`EXISTS (SELECT 1 FROM bids m WHERE m.auction_id = a.id AND m.bidder_id = ${viewer})`);
    if (f.after) where.push(Prisma.sql`(a.ends_at, a.id) > (${f.after.endsAt}::timestamp(3), ${f.after.id})`);
    return db.$queryRaw<AuctionRow[]>`
      SELECT ${auctionColumns(viewer)}
      FROM auctions a ${auctionJoins}
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY a.ends_at, a.id LIMIT ${f.limit}`;
  },

  async detail(db: Db, viewer: bigint, auctionId: bigint): Promise<AuctionRow | null> {
    const rows = await db.$queryRaw<AuctionRow[]>`
      SELECT ${auctionColumns(viewer)} FROM auctions a ${auctionJoins} WHERE a.id = ${auctionId} AND s.id = 1`;
    return rows[0] ?? null;
  },

  /** The bid history, newest first. */
  history(db: Db, auctionId: bigint, limit: number) {
    return db.$queryRaw<{ id: bigint; amount: bigint; bidderId: bigint; firstName: string; username: string | null; status: "ACTIVE" | "OUTBID" | "WON" | "RELEASED"; createdAt: Date }[]>`
      SELECT b.id, b.amount, b.bidder_id AS "bidderId", u.first_name AS "firstName", u.username, b.status::text AS status, b.created_at AS "createdAt"
      FROM bids b JOIN users u ON u.id = b.bidder_id
      WHERE b.auction_id = ${auctionId} ORDER BY b.id DESC LIMIT ${limit}`;
  },

  async antiSnipingSeconds(db: Db): Promise<number> {
    const rows = await db.$queryRaw<{ v: number }[]>`SELECT anti_sniping_seconds AS v FROM settings WHERE id = 1`;
    return rows[0]!.v;
  },
};
