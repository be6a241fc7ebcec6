import { useTranslations } from "next-intl";
import Link from "next/link";

import { formatTon } from "@gm/api/client";
import type { MarketItem } from "@/lib/market-api";

import { GiftArt } from "./gift-art";
import styles from "./nft-card.module.css";

/** One gift in a grid: art, "Title #number", model, and its price (or its state when not for sale). */
export function NftCard({ item, testId = "nft-card", showStatus = false }: { item: MarketItem; testId?: string; showStatus?: boolean }) {
  const t = useTranslations();
  return (
    // No prefetch: a grid would fetch every visible gift's page on a phone's connection; the page loads on tap.
    <Link href={`/nft/${item.id.toString()}`} prefetch={false} className={styles.nftCard} data-testid={testId} data-nft-id={item.id.toString()}>
      <GiftArt glyph={item.gift.glyph} symbolGlyph={item.symbol.glyph} modelName={item.model.name} backdropName={item.backdrop.name} colors={item.backdrop.colors} label={`${item.gift.title} #${item.number}`} />
      <div className={styles.nftCardBody}>
        <p className={styles.nftCardTitle} data-testid="card-title">
          {item.gift.title} <span className={styles.nftNumber} data-testid="nft-number">#{item.number}</span>
        </p>
        <p className={styles.nftCardModel}>{item.model.name}</p>
        {item.price !== null ? (
          <p className={styles.nftCardPrice} data-testid="nft-price">
            {formatTon(item.price)}
          </p>
        ) : (
          <p className={`${styles.nftCardPrice} muted`}>{t("notForSale")}</p>
        )}
        {showStatus && item.status === "LISTED" ? <span className="badge">{t("listedBadge")}</span> : null}
      </div>
    </Link>
  );
}
