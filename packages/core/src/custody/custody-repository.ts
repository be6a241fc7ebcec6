// The custody intake's queries: the gift under a lock, its attribute catalog, numbers, the new NFT.
import type { Nft, Prisma, Tx } from "@gm/db";
import { isUniqueViolation } from "@gm/db";

export interface AttributeRow {
  kind: "MODEL" | "BACKDROP" | "SYMBOL";
  name: string;
  rarityPermille: number;
}

export const custodyRepository = {
  /** The gift, locked FOR NO KEY UPDATE: credits of one gift queue here without blocking inserts that reference it. */
  async lockGift(tx: Tx, giftId: number): Promise<{ id: number; title: string; supply: number } | null> {
    const rows = await tx.$queryRaw<{ id: number; title: string; supply: number }[]>`
      SELECT id, title, supply FROM gifts WHERE id = ${giftId} FOR NO KEY UPDATE`;
    return rows[0] ?? null;
  },

  attributes(tx: Tx, giftId: number): Promise<AttributeRow[]> {
    return tx.giftAttribute.findMany({ where: { giftId }, select: { kind: true, name: true, rarityPermille: true }, orderBy: { id: "asc" } }) as Promise<AttributeRow[]>;
  },

  async numberTaken(tx: Tx, giftId: number, number: number): Promise<boolean> {
    return (await tx.nft.findUnique({ where: { giftId_number: { giftId, number } }, select: { id: true } })) !== null;
  },

  async maxNumber(tx: Tx, giftId: number): Promise<number> {
    const rows = await tx.$queryRaw<{ n: number | null }[]>`SELECT max(number) AS n FROM nfts WHERE gift_id = ${giftId}`;
    return rows[0]?.n ?? 0;
  },

  /** The lowest number from 1 to `supply` no NFT of the gift has, or null. */
  async firstGap(tx: Tx, giftId: number, supply: number): Promise<number | null> {
    const rows = await tx.$queryRaw<{ n: number }[]>`
      SELECT s.n FROM generate_series(1, ${supply}::int) AS s(n)
      WHERE NOT EXISTS (SELECT 1 FROM nfts WHERE gift_id = ${giftId} AND number = s.n) ORDER BY s.n LIMIT 1`;
    return rows[0]?.n ?? null;
  },

  /** Creates the NFT; "address" when its on-chain address is already in custody. */
  async create(tx: Tx, data: Prisma.NftUncheckedCreateInput): Promise<Nft | "address-taken"> {
    try {
      return await tx.nft.create({ data });
    } catch (error) {
      if (isUniqueViolation(error)) return "address-taken";
      throw error;
    }
  },
};
