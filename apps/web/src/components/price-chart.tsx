"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatTon } from "@gm/api/client";
import type { PriceBucket } from "@/lib/market-api";
import { formatDate } from "@/lib/format";

import styles from "./price-chart.module.css";

const W = 320;
const H = 140;
const PAD = { top: 10, right: 8, bottom: 18, left: 8 };

/** nanoTON → a plotting number (µTON). Geometry only: amounts shown to people stay BigInt and formatTon. */
const plot = (nano: bigint) => Number(nano / 1000n);

/**
 * A small SVG chart of a collection's sales: bars for the number of sales per bucket, a line for the
 * average price and dots for the lowest sale. Drawn by hand; no chart library.
 */
export function PriceChart({ buckets }: { buckets: PriceBucket[] }) {
  const t = useTranslations();
  const locale = useLocale();
  const withSales = buckets.filter((b) => b.count > 0 && b.average !== null);
  if (withSales.length === 0) return <p className={`hint ${styles.chartEmpty}`} data-testid="chart-empty">{t("chartEmpty")}</p>;

  const n = buckets.length;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = innerW / Math.max(n, 1);
  const prices = withSales.flatMap((b) => [b.average!, b.floor ?? b.average!]);
  const maxP = prices.reduce((m, p) => (p > m ? p : m), 0n);
  const minP = prices.reduce((m, p) => (p < m ? p : m), maxP);
  const span = Math.max(plot(maxP) - plot(minP), 1);
  const y = (p: bigint) => PAD.top + innerH - ((plot(p) - plot(minP)) / span) * innerH * 0.85 - innerH * 0.075;
  const maxCount = Math.max(...buckets.map((b) => b.count), 1);
  const x = (i: number) => PAD.left + step * i + step / 2;

  const line = buckets
    .map((b, i) => (b.average !== null && b.count > 0 ? `${x(i).toFixed(1)},${y(b.average).toFixed(1)}` : null))
    .filter((p): p is string => p !== null);
  const volume = withSales.reduce((s, b) => s + b.volume, 0n);
  const last = withSales[withSales.length - 1]!;
  const lowest = withSales.reduce((m, b) => (b.floor !== null && b.floor < m ? b.floor : m), withSales[0]!.floor ?? withSales[0]!.average!);

  return (
    <figure className={styles.chart} data-testid="price-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t("priceChart")}>
        {buckets.map((b, i) =>
          b.count > 0 ? (
            <rect key={i} x={x(i) - Math.max(step * 0.35, 0.5)} width={Math.max(step * 0.7, 1)} y={PAD.top + innerH - (b.count / maxCount) * innerH * 0.35} height={(b.count / maxCount) * innerH * 0.35} className={styles.chartBar} />
          ) : null,
        )}
        {line.length > 1 ? <polyline points={line.join(" ")} className={styles.chartLine} fill="none" /> : null}
        {buckets.map((b, i) => (b.floor !== null && b.count > 0 ? <circle key={i} cx={x(i)} cy={y(b.floor)} r={1.6} className={styles.chartDot} /> : null))}
        <text x={PAD.left} y={H - 4} className={styles.chartAxis}>
          {formatDate(buckets[0]!.time, locale, false)}
        </text>
        <text x={W - PAD.right} y={H - 4} className={styles.chartAxis} textAnchor="end">
          {formatDate(buckets[n - 1]!.time, locale, false)}
        </text>
      </svg>
      <figcaption className={styles.chartLegend}>
        <span>
          <i className={styles.legendLine} /> {t("chartAverage")}: {formatTon(last.average!)}
        </span>
        <span>
          <i className={styles.legendDot} /> {t("chartFloor")}: {formatTon(lowest)}
        </span>
        <span>
          <i className={styles.legendBar} /> {t("chartVolume")}: {formatTon(volume)}
        </span>
      </figcaption>
    </figure>
  );
}
