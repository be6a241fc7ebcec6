// Presales' only SQL. Lock order: the presale row, then the NFT row (delivery), then (in the ledger) the
// users. Every change is guarded by the state it leaves, so a buy, a cancel, a price change, a delivery
// and the deadline task can race and exactly one outcome stands.
import { Prisma, type Db, type Tx } from "@gm/db";

export type PresaleStatus = "ACTIVE" | "SOLD" | "DELIVERED" | "CANCELLED" | "FAILED";

export interface LockedPresale {
  id: bigint;
  giftId: number;
  sellerId: bigint;
  buyerId: bigint | null;
  price: bigint;
  collateral: bigint;
  collateralBps: number;
  status: PresaleStatus;
  deliverBy: Date;
  feeBps: number;
}

export interface PresaleRow {
  id: bigint;
  giftId: number;
  giftSlug: string;
  giftTitle: string;
  giftGlyph: string;
  transferableAt: Date | null;
  sellerId: bigint;
  sellerFirstName: string;
  sellerUsername: string | null;
  buyerId: bigint | null;
  buyerFirstName: string | null;
  buyerUsername: string | null;
  price: bigint;
  collateral: bigint;
  collateralBps: number;
  status: PresaleStatus;
  deliverBy: Date;
  soldAt: Date | null;
  createdAt: Date;
  deliveredNftId: bigint | null;
  feeBps: number;
}

const COLUMNS = Prisma.sql`
  p.id, p.gift_id AS "giftId", g.slug AS "giftSlug", g.title AS "giftTitle", g.glyph AS "giftGlyph", g.transferable_at AS "transferableAt",
  p.seller_id AS "sellerId", su.first_name AS "sellerFirstName", su.username AS "sellerUsername",
  p.buyer_id AS "buyerId", bu.first_name AS "buyerFirstName", bu.username AS "buyerUsername",
  p.price, p.collateral, p.collateral_bps AS "collateralBps", p.status::text AS status, p.deliver_by AS "deliverBy",
  p.sold_at AS "soldAt", p.created_at AS "createdAt", p.delivered_nft_id AS "deliveredNftId", s.fee_bps AS "feeBps"`;
const JOINS = Prisma.sql`
  JOIN gifts g ON g.id = p.gift_id JOIN users su ON su.id = p.seller_id LEFT JOIN users bu ON bu.id = p.buyer_id CROSS JOIN settings s`;

export type PresaleSort = "price_asc" | "price_desc" | "newest" | "deadline";
const ORDER: Record<PresaleSort, { by: Prisma.Sql; after: (k: string, id: bigint) => Prisma.Sql }> = {
  price_asc: { by: Prisma.sql`p.price, p.id`, after: (k, id) => Prisma.sql`(p.price, p.id) > (${k}::bigint, ${id})` },
  price_desc: { by: Prisma.sql`p.price DESC, p.id DESC`, after: (k, id) => Prisma.sql`(p.price, p.id) < (${k}::bigint, ${id})` },
  newest: { by: Prisma.sql`p.id DESC`, after: (_k, id) => Prisma.sql`p.id < ${id}` },
  deadline: { by: Prisma.sql`p.deliver_by, p.id`, after: (k, id) => Prisma.sql`(p.deliver_by, p.id) > (${k}::timestamp(3), ${id})` },
};

export const presaleRepository = {
  /** The gift and the settings a new presale needs. */
  async gift(tx: Db, giftId: number) {
    const rows = await tx.$queryRaw<{ title: string; transferableAt: Date | null; deliveryDays: number }[]>`
      SELECT g.title, g.transferable_at AS "transferableAt", s.presale_delivery_days AS "deliveryDays"
      FROM gifts g CROSS JOIN settings s WHERE g.id = ${giftId} AND s.id = 1`;
    return rows[0] ?? null;
  },

  async insert(tx: Tx, p: { giftId: number; sellerId: bigint; price: bigint; collateralBps: number; collateral: bigint; deliverBy: Date }): Promise<bigint> {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      WITH p AS (
        INSERT INTO presales (gift_id, seller_id, price, collateral_bps, collateral, deliver_by, updated_at)
        VALUES (${p.giftId}, ${p.sellerId}, ${p.price}, ${p.collateralBps}, ${p.collateral}, ${p.deliverBy}, now())
        RETURNING id
      ), ev AS (
        INSERT INTO activity_events (type, gift_id, actor_id, price) VALUES ('PRESALE_CREATED', ${p.giftId}, ${p.sellerId}, ${p.price})
      )
      SELECT id FROM p`;
    return rows[0]!.id;
  },

  /** The presale under a row lock, with the fee: concurrent changes of one presale queue here. */
  async lock(tx: Tx, presaleId: bigint): Promise<LockedPresale | null> {
    const rows = await tx.$queryRaw<LockedPresale[]>`
      SELECT p.id, p.gift_id AS "giftId", p.seller_id AS "sellerId", p.buyer_id AS "buyerId", p.price, p.collateral,
             p.collateral_bps AS "collateralBps", p.status::text AS status, p.deliver_by AS "deliverBy", s.fee_bps AS "feeBps"
      FROM presales p CROSS JOIN settings s WHERE p.id = ${presaleId} AND s.id = 1
      FOR NO KEY UPDATE OF p`;
    return rows[0] ?? null;
  },

  async setPrice(tx: Tx, presaleId: bigint, price: bigint, collateral: bigint): Promise<void> {
    await tx.$executeRaw`UPDATE presales SET price = ${price}, collateral = ${collateral}, updated_at = now() WHERE id = ${presaleId} AND status = 'ACTIVE'`;
  },

  async cancel(tx: Tx, presaleId: bigint): Promise<void> {
    await tx.$executeRaw`UPDATE presales SET status = 'CANCELLED', updated_at = now() WHERE id = ${presaleId} AND status = 'ACTIVE'`;
  },

  async sell(tx: Tx, p: { presaleId: bigint; buyerId: bigint; giftId: number; sellerId: bigint; price: bigint }): Promise<void> {
    await tx.$executeRaw`
      WITH sold AS (
        UPDATE presales SET status = 'SOLD', buyer_id = ${p.buyerId}, sold_at = now(), updated_at = now()
        WHERE id = ${p.presaleId} AND status = 'ACTIVE' RETURNING id
      )
      INSERT INTO activity_events (type, gift_id, actor_id, counterparty_id, price)
      SELECT 'PRESALE_SOLD', ${p.giftId}::int, ${p.buyerId}::bigint, ${p.sellerId}::bigint, ${p.price}::bigint FROM sold`;
  },

  /** The NFT a delivery hands over, under its row lock: the seller's, of the presale's gift, free in custody. */
  async lockDeliverable(tx: Tx, nftId: bigint, sellerId: bigint, giftId: number): Promise<boolean> {
    const rows = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM nfts WHERE id = ${nftId} AND owner_id = ${sellerId} AND gift_id = ${giftId} AND status = 'IN_CUSTODY' FOR NO KEY UPDATE`;
    return rows.length > 0;
  },

  /** The NFT to the buyer, the presale delivered, the sale and delivery recorded: one statement. */
  async deliver(tx: Tx, d: { presaleId: bigint; nftId: bigint; buyerId: bigint; sellerId: bigint; giftId: number; price: bigint }): Promise<void> {
    await tx.$executeRaw`
      WITH p AS (
        UPDATE presales SET status = 'DELIVERED', delivered_nft_id = ${d.nftId}, updated_at = now()
        WHERE id = ${d.presaleId} AND status = 'SOLD' RETURNING id
      ), moved AS (
        UPDATE nfts SET owner_id = ${d.buyerId}, updated_at = now() WHERE id = ${d.nftId} AND EXISTS (SELECT 1 FROM p) RETURNING id
      )
      INSERT INTO activity_events (type, gift_id, nft_id, actor_id, counterparty_id, price)
      SELECT x.type::"ActivityType", ${d.giftId}::int, ${d.nftId}::bigint, ${d.buyerId}::bigint, ${d.sellerId}::bigint, ${d.price}::bigint
      FROM moved CROSS JOIN (VALUES ('SALE'), ('PRESALE_DELIVERED')) AS x(type)`;
  },

  /** The seller's sold presale of this gift that a gift arriving in custody delivers: the earliest deadline first. */
  async owedBy(tx: Tx, sellerId: bigint, giftId: number, now: Date): Promise<bigint | null> {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM presales WHERE seller_id = ${sellerId} AND gift_id = ${giftId} AND status = 'SOLD' AND deliver_by > ${now}
      ORDER BY deliver_by, id LIMIT 1`;
    return rows[0]?.id ?? null;
  },

  /**
   * Up to `limit` presales past their deadline, ended in one statement (rows another transaction holds
   * are skipped): sold ones FAILED (the buyer is refunded with the collateral), unsold ones CANCELLED.
   */
  expire(tx: Tx, now: Date, limit: number) {
    return tx.$queryRaw<{ id: bigint; status: "FAILED" | "CANCELLED"; sellerId: bigint; buyerId: bigint | null; price: bigint; collateral: bigint }[]>`
      UPDATE presales p SET status = (CASE WHEN p.status = 'SOLD' THEN 'FAILED' ELSE 'CANCELLED' END)::"PresaleStatus", updated_at = now()
      FROM (SELECT id FROM presales WHERE status IN ('ACTIVE', 'SOLD') AND deliver_by <= ${now} ORDER BY deliver_by, id LIMIT ${limit} FOR NO KEY UPDATE SKIP LOCKED) due
      WHERE p.id = due.id
      RETURNING p.id, p.status::text AS status, p.seller_id AS "sellerId", p.buyer_id AS "buyerId", p.price, p.collateral`;
  },

  /** Open presales (not past their deadline) with filters, in one of the sorts, keyset-paged. */
  list(db: Db, f: { giftIds?: number[]; priceMin?: bigint; priceMax?: bigint; sort: PresaleSort; after?: { key: string; id: bigint }; limit: number }): Promise<PresaleRow[]> {
    const where: Prisma.Sql[] = [Prisma.sql`p.status = 'ACTIVE'`, Prisma.sql`p.deliver_by > now()`, Prisma.sql`s.id = 1`];
    if (f.giftIds?.length) where.push(Prisma.sql`p.gift_id = ANY(${f.giftIds}::int[])`);
    if (f.priceMin !== undefined) where.push(Prisma.sql`p.price >= ${f.priceMin}`);
    if (f.priceMax !== undefined) where.push(Prisma.sql`p.price <= ${f.priceMax}`);
    const order = ORDER[f.sort];
    if (f.after) where.push(order.after(f.after.key, f.after.id));
    return db.$queryRaw<PresaleRow[]>`
      SELECT ${COLUMNS} FROM presales p ${JOINS} WHERE ${Prisma.join(where, " AND ")} ORDER BY ${order.by} LIMIT ${f.limit}`;
  },

  /** Presales of a seller, of a buyer, or of everyone (the admin page), any state or one, newest first. */
  page(db: Db, f: { sellerId?: bigint; buyerId?: bigint; status?: PresaleStatus; before?: bigint; limit: number }): Promise<PresaleRow[]> {
    const where: Prisma.Sql[] = [Prisma.sql`s.id = 1`];
    if (f.sellerId !== undefined) where.push(Prisma.sql`p.seller_id = ${f.sellerId}`);
    if (f.buyerId !== undefined) where.push(Prisma.sql`p.buyer_id = ${f.buyerId}`);
    if (f.status) where.push(Prisma.sql`p.status = ${f.status}::"PresaleStatus"`);
    if (f.before !== undefined) where.push(Prisma.sql`p.id < ${f.before}`);
    return db.$queryRaw<PresaleRow[]>`
      SELECT ${COLUMNS} FROM presales p ${JOINS} WHERE ${Prisma.join(where, " AND ")} ORDER BY p.id DESC LIMIT ${f.limit}`;
  },

  /** Collections that cannot be transferred yet (what may be presold), with their open presales. */
  gifts(db: Db) {
    return db.$queryRaw<{ id: number; slug: string; title: string; glyph: string; supply: number; transferableAt: Date | null; active: number; lowest: bigint | null }[]>`
      SELECT g.id, g.slug, g.title, g.glyph, g.supply, g.transferable_at AS "transferableAt",
             count(p.id)::int AS active, min(p.price) AS lowest
      FROM gifts g LEFT JOIN presales p ON p.gift_id = g.id AND p.status = 'ACTIVE' AND p.deliver_by > now()
      WHERE g.transferable_at IS NULL OR g.transferable_at > now()
      GROUP BY g.id ORDER BY g.title`;
  },

  async settings(db: Db): Promise<{ deliveryDays: number; feeBps: number }> {
    const rows = await db.$queryRaw<{ deliveryDays: number; feeBps: number }[]>`SELECT presale_delivery_days AS "deliveryDays", fee_bps AS "feeBps" FROM settings WHERE id = 1`;
    return rows[0]!;
  },
};
