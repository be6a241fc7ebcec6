// The portfolio's only SQL: the user's gifts by collection, with each collection's floor now and its
// last sale now and 24 hours ago (index probes per collection: the user holds few collections).
import type { Db } from "@gm/db";

export interface HoldingRow {
  giftId: number;
  slug: string;
  title: string;
  glyph: string;
  count: number;
  floor: bigint | null;
  lastSale: bigint | null;
  lastSaleDayAgo: bigint | null;
}

export const portfolioRepository = {
  holdings(db: Db, ownerId: bigint): Promise<HoldingRow[]> {
    return db.$queryRaw<HoldingRow[]>`
      WITH mine AS (
        SELECT gift_id, count(*)::int AS n FROM nfts
        WHERE owner_id = ${ownerId} AND status IN ('IN_CUSTODY', 'LISTED', 'IN_AUCTION')
        GROUP BY gift_id
      )
      SELECT g.id AS "giftId", g.slug, g.title, g.glyph, m.n AS count,
             (SELECT min(f.price) FROM nfts f WHERE f.status = 'LISTED' AND f.gift_id = m.gift_id) AS floor,
             (SELECT a.price FROM activity_events a WHERE a.gift_id = m.gift_id AND a.type = 'SALE'
              ORDER BY a.created_at DESC LIMIT 1) AS "lastSale",
             (SELECT a.price FROM activity_events a WHERE a.gift_id = m.gift_id AND a.type = 'SALE'
                AND a.created_at <= now() - interval '24 hours'
              ORDER BY a.created_at DESC LIMIT 1) AS "lastSaleDayAgo"
      FROM mine m JOIN gifts g ON g.id = m.gift_id
      ORDER BY g.title`;
  },
};
