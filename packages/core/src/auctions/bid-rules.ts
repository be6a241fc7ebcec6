// The auction's rules, pure: the smallest bid that can stand next, and how a late bid moves the end.
// Both the bid path and every read (auction.list, auction.detail, the NFT page) use these, so what the
// Mini App shows as "bid at least" is exactly what auction.bid accepts.

export const MIN_DURATION_HOURS = 1;
export const MAX_DURATION_HOURS = 72;

export interface Step {
  /** An absolute raise, nanoTON; or null when the step is a share of the best bid. */
  minStep: bigint | null;
  minStepBps: number | null;
}

/** The raise over `best`: the amount, or ⌈best × bps / 10,000⌉ and never less than 1 nanoTON. */
export function stepOver(best: bigint, step: Step): bigint {
  if (step.minStep !== null) return step.minStep;
  const bps = BigInt(step.minStepBps ?? 0);
  const raise = (best * bps + 9_999n) / 10_000n;
  return raise > 0n ? raise : 1n;
}

/** The smallest amount the next bid may be: the start price, or the best bid plus the step. */
export function minimumNextBid(a: Step & { startPrice: bigint; bestBid: bigint | null }): bigint {
  return a.bestBid === null ? a.startPrice : a.bestBid + stepOver(a.bestBid, a);
}

/** A bid placed within the anti-sniping window before the end pushes the end to now + window. */
export function extendedEnd(endsAt: Date, now: Date, windowSeconds: number): Date {
  const windowMs = windowSeconds * 1000;
  return endsAt.getTime() - now.getTime() < windowMs ? new Date(now.getTime() + windowMs) : endsAt;
}
