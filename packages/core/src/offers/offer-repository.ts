// Offers' only SQL. Every state change is one statement guarded by the state it leaves (`status =
// 'ACTIVE'`), so a cancel, an accept and the expiry task can race and exactly one of them wins.
// Lock order, as everywhere: the offer row, then the NFT row, then (in the ledger) the users.
import { Prisma, type Db, type Tx } from "@gm/db";

export type OfferStatus = "ACTIVE" | "ACCEPTED" | "CANCELLED" | "EXPIRED";

export interface OfferForAccept {
  id: bigint;
  nftId: bigint;
  buyerId: bigint;
  price: bigint;
  status: OfferStatus;
  expiresAt: Date;
  ownerId: bigint;
  nftStatus: string;
  giftId: number;
  feeBps: number;
}

export interface OfferListRow {
  id: bigint;
  nftId: bigint;
  giftId: number;
  giftTitle: string;
  giftSlug: string;
  number: number;
  model: string;
  backdrop: string;
  buyerId: bigint;
  buyerFirstName: string;
  buyerUsername: string | null;
  price: bigint;
  status: OfferStatus;
  expiresAt: Date;
  createdAt: Date;
}

const LIST_COLUMNS = Prisma.sql`o.id, o.nft_id AS "nftId", n.gift_id AS "giftId", g.title AS "giftTitle", g.slug AS "giftSlug", n.number, n.model, n.backdrop,
  o.buyer_id AS "buyerId", u.first_name AS "buyerFirstName", u.username AS "buyerUsername", o.price,
  (CASE WHEN o.status = 'ACTIVE' AND o.expires_at <= now() THEN 'EXPIRED' ELSE o.status::text END) AS status,
  o.expires_at AS "expiresAt", o.created_at AS "createdAt"`;

export const offerRepository = {
  /** The NFT an offer is made on, with the settings' offer lifetime: null when there is no such NFT. */
  async target(tx: Tx, nftId: bigint) {
    const rows = await tx.$queryRaw<{ ownerId: bigint; status: string; giftId: number; lifetimeSeconds: number }[]>`
      SELECT n.owner_id AS "ownerId", n.status::text AS status, n.gift_id AS "giftId", s.offer_lifetime_seconds AS "lifetimeSeconds"
      FROM nfts n CROSS JOIN settings s WHERE n.id = ${nftId} AND s.id = 1`;
    return rows[0] ?? null;
  },

  /** Ends the buyer's active offer on the NFT (replaced by a new one); its hold is the caller's to release. */
  async endActive(tx: Tx, nftId: bigint, buyerId: bigint): Promise<{ id: bigint; price: bigint } | null> {
    const rows = await tx.$queryRaw<{ id: bigint; price: bigint }[]>`
      UPDATE offers SET status = 'CANCELLED', updated_at = now()
      WHERE nft_id = ${nftId} AND buyer_id = ${buyerId} AND status = 'ACTIVE'
      RETURNING id, price`;
    return rows[0] ?? null;
  },

  /**
   * The same, for a purchase, which already holds the NFT's and the users' rows: an offer row someone
   * else holds (an accept or a cancel of it in flight) is skipped rather than waited for, since waiting
   * would take the locks out of their order (offer, NFT, users) and could deadlock. That offer stays
   * with its buyer to cancel.
   */
  async endActiveIfFree(tx: Tx, nftId: bigint, buyerId: bigint): Promise<{ id: bigint; price: bigint } | null> {
    const rows = await tx.$queryRaw<{ id: bigint; price: bigint }[]>`
      UPDATE offers SET status = 'CANCELLED', updated_at = now()
      WHERE id IN (SELECT id FROM offers WHERE nft_id = ${nftId} AND buyer_id = ${buyerId} AND status = 'ACTIVE' FOR UPDATE SKIP LOCKED)
      RETURNING id, price`;
    return rows[0] ?? null;
  },

  /** Null when another active offer of the buyer on the NFT appeared meanwhile (the partial unique index). */
  async insert(tx: Tx, o: { nftId: bigint; buyerId: bigint; price: bigint; expiresAt: Date }): Promise<bigint | null> {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO offers (nft_id, buyer_id, price, expires_at, updated_at)
      VALUES (${o.nftId}, ${o.buyerId}, ${o.price}, ${o.expiresAt}, now())
      ON CONFLICT (nft_id, buyer_id) WHERE status = 'ACTIVE' DO NOTHING
      RETURNING id`;
    return rows[0]?.id ?? null;
  },

  /** The buyer's own active offer ends; null when it is not theirs or not active any more. */
  async cancel(tx: Tx, offerId: bigint, buyerId: bigint): Promise<{ price: bigint; nftId: bigint } | null> {
    const rows = await tx.$queryRaw<{ price: bigint; nftId: bigint }[]>`
      UPDATE offers SET status = 'CANCELLED', updated_at = now()
      WHERE id = ${offerId} AND buyer_id = ${buyerId} AND status = 'ACTIVE'
      RETURNING price, nft_id AS "nftId"`;
    return rows[0] ?? null;
  },

  async stateOf(tx: Db, offerId: bigint): Promise<{ buyerId: bigint; status: OfferStatus; ownerId: bigint } | null> {
    const rows = await tx.$queryRaw<{ buyerId: bigint; status: OfferStatus; ownerId: bigint }[]>`
      SELECT o.buyer_id AS "buyerId", o.status::text AS status, n.owner_id AS "ownerId" FROM offers o JOIN nfts n ON n.id = o.nft_id WHERE o.id = ${offerId}`;
    return rows[0] ?? null;
  },

  /**
   * The offer and its NFT under row locks (offer first, then NFT), with the fee: concurrent accepts of
   * one offer, and a cancel racing an accept, queue on the offer row; the first decides.
   */
  async lockForAccept(tx: Tx, offerId: bigint): Promise<OfferForAccept | null> {
    const rows = await tx.$queryRaw<OfferForAccept[]>`
      WITH o AS (SELECT * FROM offers WHERE id = ${offerId} FOR NO KEY UPDATE)
      SELECT o.id, o.nft_id AS "nftId", o.buyer_id AS "buyerId", o.price, o.status::text AS status, o.expires_at AS "expiresAt",
             n.owner_id AS "ownerId", n.status::text AS "nftStatus", n.gift_id AS "giftId", s.fee_bps AS "feeBps"
      FROM o JOIN LATERAL (SELECT * FROM nfts WHERE id = o.nft_id FOR NO KEY UPDATE) n ON true CROSS JOIN settings s WHERE s.id = 1`;
    return rows[0] ?? null;
  },

  async markAccepted(tx: Tx, offerId: bigint): Promise<void> {
    await tx.$executeRaw`UPDATE offers SET status = 'ACCEPTED', updated_at = now() WHERE id = ${offerId} AND status = 'ACTIVE'`;
  },

  /** The NFT to its buyer (any listing ends) and the sale and acceptance recorded, in one statement. */
  async transfer(tx: Tx, t: { nftId: bigint; buyerId: bigint; sellerId: bigint; price: bigint; giftId: number }): Promise<void> {
    await tx.$executeRaw`
      WITH moved AS (
        UPDATE nfts SET owner_id = ${t.buyerId}, status = 'IN_CUSTODY', price = NULL, listed_at = NULL, updated_at = now()
        WHERE id = ${t.nftId} RETURNING id
      )
      INSERT INTO activity_events (type, gift_id, nft_id, actor_id, counterparty_id, price)
      SELECT x.type::"ActivityType", ${t.giftId}::int, ${t.nftId}::bigint, ${t.buyerId}::bigint, ${t.sellerId}::bigint, ${t.price}::bigint
      FROM moved CROSS JOIN (VALUES ('SALE'), ('OFFER_ACCEPTED')) AS x(type)`;
  },

  async recordEvent(tx: Tx, e: { type: "OFFER" | "OFFER_CANCELLED"; giftId: number; nftId: bigint; actorId: bigint; price: bigint }): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO activity_events (type, gift_id, nft_id, actor_id, price)
      VALUES (${e.type}::"ActivityType", ${e.giftId}, ${e.nftId}, ${e.actorId}, ${e.price})`;
  },

  /** The buyer's offers, newest first (an unexpired-but-past-due one shows as EXPIRED). */
  mine(db: Db, buyerId: bigint, opts: { status?: OfferStatus; limit: number; cursor?: bigint }): Promise<OfferListRow[]> {
    const status =
      opts.status === undefined ? Prisma.empty
      : opts.status === "EXPIRED" ? Prisma.sql`AND (o.status = 'EXPIRED' OR (o.status = 'ACTIVE' AND o.expires_at <= now()))`
      : opts.status === "ACTIVE" ? Prisma.sql`AND o.status = 'ACTIVE' AND o.expires_at > now()`
      : Prisma.sql`AND o.status = ${opts.status}::"OfferStatus"`;
    const older = opts.cursor === undefined ? Prisma.empty : Prisma.sql`AND o.id < ${opts.cursor}`;
    return db.$queryRaw<OfferListRow[]>`
      SELECT ${LIST_COLUMNS}
      FROM offers o JOIN nfts n ON n.id = o.nft_id JOIN gifts g ON g.id = n.gift_id JOIN users u ON u.id = o.buyer_id
      WHERE o.buyer_id = ${buyerId} ${status} ${older}
      ORDER BY o.id DESC LIMIT ${opts.limit}`;
  },

  /** Active, unexpired offers on the NFTs the owner holds, newest first. */
  received(db: Db, ownerId: bigint, opts: { limit: number; cursor?: bigint }): Promise<OfferListRow[]> {
    const older = opts.cursor === undefined ? Prisma.empty : Prisma.sql`AND o.id < ${opts.cursor}`;
    return db.$queryRaw<OfferListRow[]>`
      SELECT ${LIST_COLUMNS}
      FROM nfts n JOIN offers o ON o.nft_id = n.id AND o.status = 'ACTIVE' AND o.expires_at > now()
      JOIN gifts g ON g.id = n.gift_id JOIN users u ON u.id = o.buyer_id
      WHERE n.owner_id = ${ownerId} ${older}
      ORDER BY o.id DESC LIMIT ${opts.limit}`;
  },

  async feeBps(db: Db): Promise<number> {
    const rows = await db.$queryRaw<{ feeBps: number }[]>`SELECT fee_bps AS "feeBps" FROM settings WHERE id = 1`;
    return rows[0]!.feeBps;
  },

  /** Up to `limit` past-due active offers, ended in one statement (rows another transaction holds are skipped). */
  expire(tx: Tx, now: Date, limit: number) {
    return tx.$queryRaw<{ id: bigint; buyerId: bigint; price: bigint }[]>`
      UPDATE offers o SET status = 'EXPIRED', updated_at = now()
      FROM (SELECT id FROM offers WHERE status = 'ACTIVE' AND expires_at <= ${now} ORDER BY expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED) due
      WHERE o.id = due.id
      RETURNING o.id, o.buyer_id AS "buyerId", o.price`;
  },
};
