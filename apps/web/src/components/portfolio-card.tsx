"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

import { formatTon } from "@gm/api/client";
import { useTRPC } from "@/lib/trpc";

import { ErrorCard } from "./ui";

/** What the user's gifts are worth at their collections' floors and last sales, and the 24-hour move. */
export function PortfolioCard() {
  const t = useTranslations();
  const trpc = useTRPC();
  const portfolio = useQuery(trpc.wallet.portfolio.queryOptions());
  return (
    <section className="card" aria-labelledby="portfolio-title" data-testid="portfolio">
      <h2 id="portfolio-title" className="section-title">
        {t("portfolio")}
      </h2>
      {portfolio.isPending ? (
        <div aria-busy="true">
          <div className="skeleton skeleton-amount" />
        </div>
      ) : portfolio.isError ? (
        <ErrorCard error={portfolio.error} onRetry={() => void portfolio.refetch()} inline />
      ) : portfolio.data.totals.count === 0 ? (
        <p className="hint" data-testid="portfolio-empty">
          {t("portfolioEmpty")}
        </p>
      ) : (
        <PortfolioTotals totals={portfolio.data.totals} />
      )}
    </section>
  );
}

type Totals = { count: number; atFloor: bigint; atLastSale: bigint; change24h: bigint; withoutFloor: number; withoutSale: number };

function PortfolioTotals({ totals }: { totals: Totals }) {
  const t = useTranslations();
  const change = totals.change24h;
  return (
    <>
      <p className="label">
        {t("portfolioAtFloor")} · <span data-testid="portfolio-count">{t("portfolioGifts", { count: totals.count })}</span>
      </p>
      <p className="amount" data-testid="portfolio-total-floor">
        {formatTon(totals.atFloor)}
      </p>
      <div className="row">
        <span className="hint">{t("portfolioAtLastSale")}</span>
        <span className="amount-small" data-testid="portfolio-total-sale">
          {formatTon(totals.atLastSale)}
        </span>
      </div>
      <p className={change > 0n ? "hint small positive" : change < 0n ? "hint small negative" : "hint small"} data-testid="portfolio-change">
        {change === 0n ? t("portfolioNoChange") : t("portfolioChange", { change: `${change > 0n ? "+" : "−"}${formatTon(change < 0n ? -change : change)}` })}
      </p>
      {totals.withoutFloor > 0 ? <p className="hint small">{t("portfolioUnpriced", { count: totals.withoutFloor })}</p> : null}
    </>
  );
}
