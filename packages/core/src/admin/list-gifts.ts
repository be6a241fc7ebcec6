// admin.gifts: collections with how many NFTs exist and are listed (the credit form and the overview).
import { z } from "zod";
import { query } from "../common/use-case";
import { adminRepository } from "./admin-repository";
import { giftsOutput } from "./schemas";

export const listGiftsForAdmin = query({
  input: z.void(),
  output: giftsOutput,
  async run({ db }) {
    const { gifts, counts } = await adminRepository.giftsWithCounts(db);
    return gifts.map((g) => {
      const mine = counts.filter((c) => c.giftId === g.id);
      return {
        id: g.id, slug: g.slug, title: g.title, glyph: g.glyph, supply: g.supply, transferableAt: g.transferableAt, floorPrice: g.floorPrice,
        minted: mine.reduce((s, c) => s + c._count._all, 0),
        listed: mine.find((c) => c.status === "LISTED")?._count._all ?? 0,
        attributes: g.attributes.map((a) => ({ kind: a.kind, name: a.name, rarityPermille: a.rarityPermille })),
      };
    });
  },
});
