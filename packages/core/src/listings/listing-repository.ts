// Listings and purchases: the only SQL of the listings feature. Each change is one guarded statement, so
// a row that is not in the expected state is simply not matched, and the use case explains why.
import type { Tx } from "@gm/db";

export interface ListedRow {
  id: bigint;
  gift_id: number;
  price: bigint | null;
}

export interface NftForSale {
  owner_id: bigint;
  status: string;
  price: bigint | null;
  gift_id: number;
  fee_bps: number;
}

export const listingRepository = {
  /** Lists the owner's gifts in custody whose collection is transferable, in one statement. */
  list(tx: Tx, ownerId: bigint, items: { nftId: bigint; price: bigint }[]): Promise<ListedRow[]> {
    return tx.$queryRaw<ListedRow[]>`
      UPDATE nfts n SET status = 'LISTED', price = x.price::bigint, listed_at = now(), updated_at = now()
      FROM unnest(${items.map((i) => i.nftId.toString())}::text[], ${items.map((i) => i.price.toString())}::text[]) AS x(id, price), gifts g
      WHERE n.id = x.id::bigint AND n.owner_id = ${ownerId} AND n.status = 'IN_CUSTODY'
        AND g.id = n.gift_id AND g.transferable_at IS NOT NULL AND g.transferable_at <= now()
      RETURNING n.id, n.gift_id, n.price`;
  },

  async changePrice(tx: Tx, ownerId: bigint, nftId: bigint, price: bigint): Promise<ListedRow | undefined> {
    const rows = await tx.$queryRaw<ListedRow[]>`
      UPDATE nfts SET price = ${price}, updated_at = now()
      WHERE id = ${nftId} AND owner_id = ${ownerId} AND status = 'LISTED'
      RETURNING id, gift_id, price`;
    return rows[0];
  },

  async delist(tx: Tx, ownerId: bigint, nftId: bigint): Promise<ListedRow | undefined> {
    const rows = await tx.$queryRaw<ListedRow[]>`
      UPDATE nfts SET status = 'IN_CUSTODY', price = NULL, listed_at = NULL, updated_at = now()
      WHERE id = ${nftId} AND owner_id = ${ownerId} AND status = 'LISTED'
      RETURNING id, gift_id, price`;
    return rows[0];
  },

  /** Why a change found nothing to change: the NFT's owner, status and collection's transferability. */
  stateOf(tx: Tx, nftId: bigint) {
    return tx.nft.findUnique({ where: { id: nftId }, select: { ownerId: true, status: true, gift: { select: { title: true, transferableAt: true } } } });
  },

  /**
   * The NFT under a row lock, with the fee, in one round trip: concurrent buyers of one gift queue here;
   * the first wins, the rest see it sold. NO KEY UPDATE: it does not block inserts that reference the row.
   */
  async lockForSale(tx: Tx, nftId: bigint): Promise<NftForSale | undefined> {
    const rows = await tx.$queryRaw<NftForSale[]>`
      SELECT n.owner_id, n.status::text, n.price, n.gift_id, s.fee_bps
      FROM nfts n CROSS JOIN settings s WHERE n.id = ${nftId} AND s.id = 1 FOR NO KEY UPDATE OF n`;
    return rows[0];
  },

  /** Whether the current listing was ever offered at `price` (its LISTING or a PRICE_CHANGE event). */
  async wasOfferedAt(tx: Tx, nftId: bigint, price: bigint): Promise<boolean> {
    const rows = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM activity_events a JOIN nfts n ON n.id = a.nft_id
      WHERE a.nft_id = ${nftId} AND a.type IN ('LISTING', 'PRICE_CHANGE') AND a.price = ${price} AND a.created_at >= n.listed_at
      LIMIT 1`;
    return rows.length > 0;
  },

  /** Ownership moves, the listing ends and the sale is recorded: one statement. */
  async transferSold(tx: Tx, sale: { nftId: bigint; buyerId: bigint; sellerId: bigint; price: bigint }): Promise<void> {
    await tx.$executeRaw`
      WITH moved AS (
        UPDATE nfts SET owner_id = ${sale.buyerId}, status = 'IN_CUSTODY', price = NULL, listed_at = NULL, updated_at = now()
        WHERE id = ${sale.nftId} RETURNING id, gift_id
      )
      INSERT INTO activity_events (type, gift_id, nft_id, actor_id, counterparty_id, price)
      SELECT 'SALE', gift_id, id, ${sale.buyerId}::bigint, ${sale.sellerId}::bigint, ${sale.price}::bigint FROM moved`;
  },
};
