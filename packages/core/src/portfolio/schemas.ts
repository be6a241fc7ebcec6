// The portfolio's wire shape: amounts in nanoTON.
import { z } from "zod";

const amount = z.bigint();

export const portfolioOutput = z.object({
  collections: z.array(
    z.object({
      giftId: z.number().int(),
      slug: z.string(),
      title: z.string(),
      glyph: z.string(),
      count: z.number().int(),
      /** The collection's lowest listed price now; null when nothing is listed. */
      floor: amount.nullable(),
      /** The collection's last sale price; null when it never sold here. */
      lastSale: amount.nullable(),
      valueAtFloor: amount,
      valueAtLastSale: amount,
    }),
  ),
  totals: z.object({
    count: z.number().int(),
    atFloor: amount,
    atLastSale: amount,
    /** The same gifts at the last sales known 24 hours ago. */
    atLastSaleDayAgo: amount,
    /** atLastSale − atLastSaleDayAgo. */
    change24h: amount,
    /** Gifts of collections with no listing (valued 0 at floor) or no sale yet (0 at last sale). */
    withoutFloor: z.number().int(),
    withoutSale: z.number().int(),
  }),
});
