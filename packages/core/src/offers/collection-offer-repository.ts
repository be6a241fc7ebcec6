// Collection offers' only SQL: an offer for any NFT of a gift (optionally narrowed by model, backdrop or
// symbol), for up to `quantity` NFTs, held in full. Each fill is one unit; every change is guarded by
// `status = 'ACTIVE'` and `filled < quantity` (also a CHECK constraint), so concurrent fills of the last
// unit fill it once. Lock order: the offer row, then the NFT row, then (in the ledger) the users.
import type { Db, Tx } from "@gm/db";

export interface CollectionOfferForFill {
  id: bigint;
  giftId: number;
  buyerId: bigint;
  price: bigint;
  quantity: number;
  filled: number;
  model: string | null;
  backdrop: string | null;
  symbol: string | null;
  status: string;
  expiresAt: Date;
  feeBps: number;
}

export const collectionOfferRepository = {
  /** The gift's attributes of these names that exist, and the offer lifetime setting; null without the gift. */
  async target(tx: Tx, giftId: number, names: { kind: "MODEL" | "BACKDROP" | "SYMBOL"; name: string }[]) {
    const rows = await tx.$queryRaw<{ lifetimeSeconds: number; found: string[] | null }[]>`
      SELECT s.offer_lifetime_seconds AS "lifetimeSeconds",
             (SELECT array_agg(a.kind::text || ':' || a.name) FROM gift_attributes a
              WHERE a.gift_id = g.id AND (a.kind::text || ':' || a.name) = ANY(${names.map((n) => `${n.kind}:${n.name}`)}::text[])) AS found
      FROM gifts g CROSS JOIN settings s WHERE g.id = ${giftId} AND s.id = 1`;
    const row = rows[0];
    return row ? { lifetimeSeconds: row.lifetimeSeconds, found: new Set(row.found ?? []) } : null;
  },

  async insert(tx: Tx, o: { giftId: number; buyerId: bigint; price: bigint; quantity: number; model?: string; backdrop?: string; symbol?: string; expiresAt: Date }): Promise<bigint> {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO collection_offers (gift_id, buyer_id, price, quantity, model, backdrop, symbol, expires_at, updated_at)
      VALUES (${o.giftId}, ${o.buyerId}, ${o.price}, ${o.quantity}, ${o.model ?? null}, ${o.backdrop ?? null}, ${o.symbol ?? null}, ${o.expiresAt}, now())
      RETURNING id`;
    return rows[0]!.id;
  },

  /** The offer, then the NFT, under row locks, with the fee. */
  async lockForFill(tx: Tx, offerId: bigint, nftId: bigint) {
    const offers = await tx.$queryRaw<CollectionOfferForFill[]>`
      SELECT o.id, o.gift_id AS "giftId", o.buyer_id AS "buyerId", o.price, o.quantity, o.filled, o.model, o.backdrop, o.symbol,
             o.status::text AS status, o.expires_at AS "expiresAt", s.fee_bps AS "feeBps"
      FROM collection_offers o CROSS JOIN settings s WHERE o.id = ${offerId} AND s.id = 1 FOR NO KEY UPDATE OF o`;
    if (!offers[0]) return null;
    const nfts = await tx.$queryRaw<{ ownerId: bigint; status: string; giftId: number; model: string; backdrop: string; symbol: string }[]>`
      SELECT owner_id AS "ownerId", status::text AS status, gift_id AS "giftId", model, backdrop, symbol FROM nfts WHERE id = ${nftId} FOR NO KEY UPDATE`;
    return { offer: offers[0], nft: nfts[0] ?? null };
  },

  /** One unit filled; the offer is ACCEPTED with its last unit. */
  async fillOne(tx: Tx, offerId: bigint): Promise<boolean> {
    const n = await tx.$executeRaw`
      UPDATE collection_offers SET filled = filled + 1, status = CASE WHEN filled + 1 = quantity THEN 'ACCEPTED'::"OfferStatus" ELSE status END, updated_at = now()
      WHERE id = ${offerId} AND status = 'ACTIVE' AND filled < quantity`;
    return n === 1;
  },

  /** The buyer's own active offer ends; what is still held (the unfilled units) is returned. */
  async cancel(tx: Tx, offerId: bigint, buyerId: bigint): Promise<{ remaining: bigint } | null> {
    const rows = await tx.$queryRaw<{ remaining: bigint }[]>`
      UPDATE collection_offers SET status = 'CANCELLED', updated_at = now()
      WHERE id = ${offerId} AND buyer_id = ${buyerId} AND status = 'ACTIVE'
      RETURNING (price * (quantity - filled))::bigint AS remaining`;
    return rows[0] ?? null;
  },

  async stateOf(db: Db, offerId: bigint) {
    const rows = await db.$queryRaw<{ buyerId: bigint; status: string }[]>`SELECT buyer_id AS "buyerId", status::text AS status FROM collection_offers WHERE id = ${offerId}`;
    return rows[0] ?? null;
  },

  /** Past-due active ones, ended in one statement, with what each still holds. */
  expire(tx: Tx, now: Date, limit: number) {
    return tx.$queryRaw<{ id: bigint; buyerId: bigint; remaining: bigint }[]>`
      UPDATE collection_offers o SET status = 'EXPIRED', updated_at = now()
      FROM (SELECT id FROM collection_offers WHERE status = 'ACTIVE' AND expires_at <= ${now} ORDER BY expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED) due
      WHERE o.id = due.id
      RETURNING o.id, o.buyer_id AS "buyerId", (o.price * (o.quantity - o.filled))::bigint AS remaining`;
  },
};
