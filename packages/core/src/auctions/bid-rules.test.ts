import { describe, expect, it } from "vitest";
import { extendedEnd, minimumNextBid, stepOver } from "./bid-rules";

const TON = 1_000_000_000n;

describe("auction bid rules", () => {
  it("asks for the start price first, then the best bid plus an absolute step", () => {
    const a = { startPrice: 10n * TON, minStep: TON, minStepBps: null };
    expect(minimumNextBid({ ...a, bestBid: null })).toBe(10n * TON);
    expect(minimumNextBid({ ...a, bestBid: 12n * TON })).toBe(13n * TON);
  });

  it("rounds a percent step up to the next nanoTON, and never below 1 nanoTON", () => {
    expect(stepOver(10n * TON, { minStep: null, minStepBps: 500 })).toBe(500_000_000n);
    expect(stepOver(333n, { minStep: null, minStepBps: 100 })).toBe(4n); // 3.33 → 4
    expect(stepOver(1n, { minStep: null, minStepBps: 1 })).toBe(1n);
    expect(minimumNextBid({ startPrice: TON, bestBid: 2n * TON, minStep: null, minStepBps: 1000 })).toBe(2_200_000_000n);
  });

  it("extends a bid inside the window to now + window, and leaves an earlier bid's end alone", () => {
    const end = new Date("2026-12-03T12:00:00Z");
    expect(extendedEnd(end, new Date("2026-12-03T11:59:00Z"), 120)).toEqual(new Date("2026-12-03T12:01:00Z"));
    expect(extendedEnd(end, new Date("2026-12-03T11:57:59Z"), 120)).toBe(end);
    expect(extendedEnd(end, new Date("2026-12-03T11:59:00Z"), 0)).toBe(end);
  });
});
