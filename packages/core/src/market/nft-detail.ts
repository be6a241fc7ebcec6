// market.nft: one NFT's page. Three queries, run together: the NFT with its gift, owner, attributes and
// running auction; its best active offers; its latest sales.
import { query } from "../common/use-case";
import { nftInput, nftOutput } from "./schemas";
import { notFound } from "../common/errors";
import { marketReadRepository } from "./market-repository";
import { minimumNextBid } from "../auctions/bid-rules";
import { feeOf } from "../common/money";
import { attributesOf, type BackdropColors, type MarketItem, type MarketReadDeps } from "./search-market";

export const NFT_DETAIL_OFFERS = 5;
export const NFT_DETAIL_SALES = 10;

export interface NftDetail {
  id: bigint;
  giftId: number;
  gift: { slug: string; title: string; glyph: string; supply: number; floor: bigint | null };
  number: number;
  model: { name: string; rarityPermille: number; glyph: string | null };
  backdrop: { name: string; rarityPermille: number; colors: BackdropColors | null };
  symbol: { name: string; rarityPermille: number; glyph: string | null };
  rarity: number;
  status: MarketItem["status"];
  /** Listing price, nanoTON; null when not listed. */
  price: bigint | null;
  listedAt: Date | null;
  address: string | null;
  owner: { id: bigint; firstName: string; username: string | null };
  auction: { id: bigint; endsAt: Date; startPrice: bigint; bestBid: bigint | null; minNextBid: bigint } | null;
  /** The best collection offer this NFT could fill (any NFT of its gift, or of its model, backdrop or symbol). */
  /** With what filling it pays the owner: the price minus the platform fee. */
  collectionOffer: { id: bigint; price: bigint; fee: bigint; proceeds: bigint } | null;
  offers: { id: bigint; buyer: { id: bigint; firstName: string; username: string | null }; price: bigint; expiresAt: Date; createdAt: Date }[];
  sales: { id: bigint; price: bigint | null; buyerId: bigint | null; sellerId: bigint | null; createdAt: Date }[];
}

function collectionOfferOf(id: bigint, price: bigint, feeBps: number) {
  const fee = feeOf(price, feeBps);
  return { id, price, fee, proceeds: price - fee };
}

export async function loadNftDetail(deps: Pick<MarketReadDeps, "prisma">, nftId: bigint): Promise<NftDetail> {
  const [row, offers, sales] = await Promise.all([
    marketReadRepository.nft(deps.prisma, nftId),
    marketReadRepository.bestOffers(deps.prisma, nftId, NFT_DETAIL_OFFERS),
    marketReadRepository.recentSales(deps.prisma, nftId, NFT_DETAIL_SALES),
  ]);
  if (!row) throw notFound(`Gift #${nftId}`);
  return {
    id: row.id,
    giftId: row.giftId,
    gift: { slug: row.giftSlug, title: row.giftTitle, glyph: row.giftGlyph, supply: row.giftSupply, floor: row.giftFloor },
    number: row.number,
    ...attributesOf(row),
    rarity: row.rarity,
    status: row.status as NftDetail["status"],
    price: row.price,
    listedAt: row.listedAt,
    address: row.address,
    owner: { id: row.ownerId, firstName: row.ownerFirstName, username: row.ownerUsername },
    auction:
      row.auctionId !== null && row.auctionEndsAt && row.auctionStartPrice !== null
        ? {
            id: row.auctionId,
            endsAt: row.auctionEndsAt,
            startPrice: row.auctionStartPrice,
            bestBid: row.auctionBestBid,
            minNextBid: minimumNextBid({ startPrice: row.auctionStartPrice, bestBid: row.auctionBestBid, minStep: row.auctionMinStep, minStepBps: row.auctionMinStepBps }),
          }
        : null,
    collectionOffer: row.collectionOfferId !== null && row.collectionOfferPrice !== null ? collectionOfferOf(row.collectionOfferId, row.collectionOfferPrice, row.feeBps) : null,
    offers: offers.map((o) => ({
      id: o.id,
      buyer: { id: o.buyerId, firstName: o.buyerFirstName, username: o.buyerUsername },
      price: o.price,
      expiresAt: o.expiresAt,
      createdAt: o.createdAt,
    })),
    sales: sales.map((s) => ({ id: s.id, price: s.price, buyerId: s.buyerId, sellerId: s.sellerId, createdAt: s.createdAt })),
  };
}

export const nftDetail = query({
  input: nftInput,
  output: nftOutput,
  run: ({ db }, input) => loadNftDetail({ prisma: db }, input.id),
});
