import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";

import { formatTon } from "@gm/api/client";
import { formatDate } from "@/lib/format";
import type { PresaleItem } from "@/lib/market-api";

import styles from "./presales.module.css";

/** A presale's collection, its deadline and the collateral behind it, the way every list shows it. */
export function PresaleSummary({ presale, extra }: { presale: PresaleItem; extra?: ReactNode }) {
  const t = useTranslations();
  const locale = useLocale();
  return (
    <span className={styles.summary}>
      <span className={styles.glyph} aria-hidden="true">
        {presale.gift.glyph}
      </span>
      <span className={styles.summaryText}>
        <span className="row-title">{presale.gift.title}</span>
        <span className="hint small">
          {t("presaleDeliverBy", { date: formatDate(presale.deliverBy, locale) })} ·{" "}
          {presale.collateral > 0n ? t("presaleCollateralShort", { amount: formatTon(presale.collateral), percent: String(presale.collateralPercent) }) : t("presaleNoCollateral")}
        </span>
        {extra}
      </span>
    </span>
  );
}
