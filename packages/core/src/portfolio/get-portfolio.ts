// wallet.portfolio: what the signed-in user's gifts are worth — at their collections' floors and at
// their last sales — the totals, and how the last-sale value moved over 24 hours. A collection with no
// listing (or no sale) counts as zero at that measure, and the totals say how many gifts that is.
import { z } from "zod";
import { query } from "../common/use-case";
import { portfolioRepository } from "./portfolio-repository";
import { portfolioOutput } from "./schemas";

export const getPortfolio = query({
  input: z.void(),
  output: portfolioOutput,
  async run({ db, actor }) {
    const rows = await portfolioRepository.holdings(db, actor.userId);
    const collections = rows.map((r) => {
      const n = BigInt(r.count);
      return {
        giftId: r.giftId,
        slug: r.slug,
        title: r.title,
        glyph: r.glyph,
        count: r.count,
        floor: r.floor,
        lastSale: r.lastSale,
        valueAtFloor: (r.floor ?? 0n) * n,
        valueAtLastSale: (r.lastSale ?? 0n) * n,
        valueDayAgo: (r.lastSaleDayAgo ?? 0n) * n,
      };
    });
    const sum = (f: (c: (typeof collections)[number]) => bigint) => collections.reduce((s, c) => s + f(c), 0n);
    const atLastSale = sum((c) => c.valueAtLastSale);
    const atLastSaleDayAgo = sum((c) => c.valueDayAgo);
    return {
      collections: collections.map(({ valueDayAgo: _, ...c }) => c),
      totals: {
        count: rows.reduce((s, r) => s + r.count, 0),
        atFloor: sum((c) => c.valueAtFloor),
        atLastSale,
        atLastSaleDayAgo,
        change24h: atLastSale - atLastSaleDayAgo,
        withoutFloor: rows.filter((r) => r.floor === null).reduce((s, r) => s + r.count, 0),
        withoutSale: rows.filter((r) => r.lastSale === null).reduce((s, r) => s + r.count, 0),
      },
    };
  },
});
