import { useTranslations } from "next-intl";
import Link from "next/link";

import { formatTon } from "@gm/api/client";
import { auctionPrice, type AuctionItem } from "@/lib/market-api";

import { AuctionBadge } from "./auction-badge";
import { Countdown } from "./countdown";
import { GiftArt } from "./gift-art";
import cardStyles from "./nft-card.module.css";
import styles from "./auctions.module.css";

/** One running auction in a grid: the gift's art with the time left on it, the price it stands at, the bids and the viewer's place. */
export function AuctionCard({ auction }: { auction: AuctionItem }) {
  const t = useTranslations();
  const { nft } = auction;
  return (
    <Link href={`/auction/${auction.id.toString()}`} prefetch={false} className={cardStyles.nftCard} data-testid="auction-card" data-auction-id={auction.id.toString()} data-nft-id={nft.id.toString()}>
      <div className={styles.artWrap}>
        <GiftArt glyph={nft.gift.glyph} symbolGlyph={nft.symbol.glyph} modelName={nft.model.name} backdropName={nft.backdrop.name} colors={nft.backdrop.colors} label={`${nft.gift.title} #${nft.number}`} />
        <span className={styles.timePill}>
          ⏱ <Countdown endsAt={auction.endsAt} />
        </span>
      </div>
      <div className={cardStyles.nftCardBody}>
        <p className={cardStyles.nftCardTitle} data-testid="card-title">
          {nft.gift.title} <span className={cardStyles.nftNumber}>#{nft.number}</span>
        </p>
        <p className={cardStyles.nftCardModel}>{auction.bestBid !== null ? t("auctionCurrentBid") : t("auctionStartPrice")}</p>
        <p className={cardStyles.nftCardPrice} data-testid="auction-price">
          {formatTon(auctionPrice(auction))}
        </p>
        <p className={styles.cardFoot}>
          <span className="hint small" data-testid="auction-bids">{t("auctionBids", { count: auction.bids })}</span>
          <AuctionBadge viewer={auction.viewer} />
        </p>
      </div>
    </Link>
  );
}
