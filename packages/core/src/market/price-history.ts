// market.priceHistory: a collection's sales per hour or day, for charts. One query; the range is bounded
// (at most 90 days and 2000 buckets) so no request can make the database walk years of events.
import { query } from "../common/use-case";
import { priceHistoryInput, priceHistoryOutput } from "./schemas";
import { badRequest, notFound } from "../common/errors";
import { marketReadRepository } from "./market-repository";
import type { MarketReadDeps } from "./search-market";

export type PriceInterval = "hour" | "day";

export const PRICE_HISTORY_MAX_DAYS = 90;
export const PRICE_HISTORY_MAX_BUCKETS = 2000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const STEP_MS: Record<PriceInterval, number> = { hour: HOUR_MS, day: DAY_MS };
/** The range when `from` is not given: a week of hours, or 90 days. */
const DEFAULT_SPAN_MS: Record<PriceInterval, number> = { hour: 7 * DAY_MS, day: PRICE_HISTORY_MAX_DAYS * DAY_MS };

export interface PriceHistoryInput {
  giftId: number;
  interval: PriceInterval;
  /** Inclusive start; default: a week (hours) or 90 days (days) before `to`. */
  from?: Date;
  /** Exclusive end; default now. */
  to?: Date;
}

export interface PriceBucket {
  /** Start of the hour or day (UTC). */
  time: Date;
  /** Lowest sale price in the bucket, nanoTON; null without sales. */
  floor: bigint | null;
  average: bigint | null;
  /** Sum of sale prices, nanoTON. */
  volume: bigint;
  count: number;
}

export async function loadPriceHistory(
  deps: Pick<MarketReadDeps, "prisma">,
  input: PriceHistoryInput,
): Promise<{ giftId: number; interval: PriceInterval; from: Date; to: Date; buckets: PriceBucket[] }> {
  const to = input.to ?? new Date();
  const from = input.from ?? new Date(to.getTime() - DEFAULT_SPAN_MS[input.interval]);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) throw badRequest("The start of the range must be before its end.", "BAD_RANGE");
  const span = to.getTime() - from.getTime();
  if (span > PRICE_HISTORY_MAX_DAYS * DAY_MS) throw badRequest(`Choose a range of at most ${PRICE_HISTORY_MAX_DAYS} days.`, "RANGE_TOO_LONG");
  if (Math.ceil(span / STEP_MS[input.interval]) + 1 > PRICE_HISTORY_MAX_BUCKETS) {
    throw badRequest(`That range has more than ${PRICE_HISTORY_MAX_BUCKETS} ${input.interval}s: choose a shorter one or daily points.`, "RANGE_TOO_LONG");
  }
  const rows = await marketReadRepository.priceHistory(deps.prisma, { giftId: input.giftId, unit: input.interval, from, to });
  if (rows.length === 0) throw notFound(`Collection #${input.giftId}`);
  return {
    giftId: input.giftId,
    interval: input.interval,
    from,
    to,
    buckets: rows.map((r) => ({ time: r.bucket, floor: r.floor, average: r.average, volume: BigInt(r.volume), count: r.count })),
  };
}

export const priceHistory = query({
  input: priceHistoryInput,
  output: priceHistoryOutput,
  run: ({ db }, input) => loadPriceHistory({ prisma: db }, input),
});
