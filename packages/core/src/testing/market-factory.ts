// Test data for the market read side: collections with their attribute catalog and NFTs, inserted in bulk.
// Each call makes its own collection (unique slug), so tests never share mutable fixtures.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@gm/db";

export const TON = 1_000_000_000n;

export interface FactoryNft {
  id: bigint;
  giftId: number;
  number: number;
  model: string;
  backdrop: string;
  symbol: string;
  rarity: number;
  ownerId: bigint;
  status: "IN_CUSTODY" | "LISTED" | "IN_AUCTION" | "WITHDRAWING" | "WITHDRAWN";
  price: bigint | null;
  listedAt: Date | null;
}

export interface FactoryCollection {
  id: number;
  slug: string;
  title: string;
  models: { name: string; rarity: number }[];
  backdrops: { name: string; rarity: number; center: string }[];
  symbols: { name: string; rarity: number }[];
  nfts: FactoryNft[];
}

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

/**
 * A collection of `count` NFTs owned round-robin by `owners`. Prices repeat (ties on price) and listing
 * times repeat (ties on listed_at) on purpose, so the id tiebreak is exercised. `listed(i)` decides which
 * are listed (default: all but every fifth).
 */
export async function createCollection(
  prisma: PrismaClient,
  opts: { count: number; owners: bigint[]; title?: string; listed?: (i: number) => boolean; seed?: number; transferable?: boolean },
): Promise<FactoryCollection> {
  const tag = randomBytes(4).toString("hex");
  const slug = `test-${tag}`;
  const title = opts.title ?? `Test Gift ${tag}`;
  const gift = await prisma.gift.create({
    data: { slug, title, supply: opts.count + 100, glyph: "🧸", transferableAt: opts.transferable === false ? null : new Date(Date.now() - 86_400_000) },
  });
  const models = [
    { name: "Gold", rarity: 5 },
    { name: "Silver", rarity: 20 },
    { name: "Plain", rarity: 120 },
  ];
  const backdrops = [
    { name: "Onyx", rarity: 10, center: "#111111" },
    { name: "Sky", rarity: 25, center: "#87ceeb" },
  ];
  const symbols = [
    { name: "Star", rarity: 3 },
    { name: "Moon", rarity: 15 },
    { name: "Dot", rarity: 50 },
    { name: "Leaf", rarity: 40 },
  ];
  await prisma.giftAttribute.createMany({
    data: [
      ...models.map((m) => ({ giftId: gift.id, kind: "MODEL" as const, name: m.name, rarityPermille: m.rarity, data: { glyph: "🐸" } })),
      ...backdrops.map((b) => ({
        giftId: gift.id,
        kind: "BACKDROP" as const,
        name: b.name,
        rarityPermille: b.rarity,
        data: { center: b.center, edge: "#000000", pattern: "#222222", text: "#ffffff" },
      })),
      ...symbols.map((s) => ({ giftId: gift.id, kind: "SYMBOL" as const, name: s.name, rarityPermille: s.rarity, data: { glyph: "⭐" } })),
    ],
  });
  const seed = opts.seed ?? 7;
  const listed = opts.listed ?? ((i: number) => i % 5 !== 4);
  const base = Date.now() - 3_600_000;
  const data = Array.from({ length: opts.count }, (_, i) => {
    const m = pick(models, i * seed + 1);
    const b = pick(backdrops, i * 3 + seed);
    const s = pick(symbols, i * 5 + 2);
    const isListed = listed(i);
    return {
      giftId: gift.id,
      number: i + 1,
      model: m.name,
      modelRarity: m.rarity,
      backdrop: b.name,
      backdropRarity: b.rarity,
      symbol: s.name,
      symbolRarity: s.rarity,
      rarity: m.rarity * b.rarity * s.rarity,
      ownerId: pick(opts.owners, i),
      status: isListed ? ("LISTED" as const) : ("IN_CUSTODY" as const),
      price: isListed ? (BigInt((i * 7919 + seed) % 13) + 1n) * TON : null,
      listedAt: isListed ? new Date(base + ((i * 31) % 17) * 1000) : null,
    };
  });
  await prisma.nft.createMany({ data });
  const rows = await prisma.nft.findMany({ where: { giftId: gift.id }, orderBy: { number: "asc" } });
  return {
    id: gift.id,
    slug,
    title,
    models,
    backdrops,
    symbols,
    nfts: rows.map((r) => ({
      id: r.id,
      giftId: r.giftId,
      number: r.number,
      model: r.model,
      backdrop: r.backdrop,
      symbol: r.symbol,
      rarity: r.rarity,
      ownerId: r.ownerId,
      status: r.status,
      price: r.price,
      listedAt: r.listedAt,
    })),
  };
}
