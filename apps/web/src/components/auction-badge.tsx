import { useTranslations } from "next-intl";

import type { AuctionItem } from "@/lib/market-api";

/**
 * The viewer's place in an auction, as one badge: theirs, leading, or outbid (nothing when they have no
 * part in it); once it has ended, only the winner's "Won".
 */
export function AuctionBadge({ viewer, ended = false }: { viewer: AuctionItem["viewer"]; ended?: boolean }) {
  const t = useTranslations();
  if (viewer.isSeller) return <span className="badge secondary" data-testid="badge-seller">{t("auctionYours")}</span>;
  if (ended) return viewer.leading ? <span className="badge positive-badge" data-testid="badge-won">{t("bidWon")}</span> : null;
  if (viewer.leading) return <span className="badge positive-badge" data-testid="badge-leading">{t("auctionYouLead")}</span>;
  if (viewer.outbid) return <span className="badge danger" data-testid="badge-outbid">{t("auctionOutbidBadge")}</span>;
  return null;
}
