import { describe, expect, it } from "vitest";
import { nextDelayMs } from "./task-manager";

describe("nextDelayMs", () => {
  it("is the interval while the task succeeds", () => {
    expect(nextDelayMs(1_000, 0)).toBe(1_000);
  });

  it("doubles per consecutive failure, up to the cap", () => {
    const noJitter = { random: () => 0.5 };
    expect([1, 2, 3, 4].map((n) => nextDelayMs(1_000, n, noJitter))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(nextDelayMs(1_000, 20, noJitter)).toBe(5 * 60_000);
    expect(nextDelayMs(1_000, 1_000, noJitter)).toBe(5 * 60_000);
    // A task slower than the cap still waits at least its own interval.
    expect(nextDelayMs(10 * 60_000, 3, noJitter)).toBe(10 * 60_000);
  });

  it("spreads retries by ±20% so instances do not retry in lockstep", () => {
    expect(nextDelayMs(1_000, 1, { random: () => 0 })).toBe(1_600);
    expect(nextDelayMs(1_000, 1, { random: () => 0.999999 })).toBe(2_400);
    const seen = new Set(Array.from({ length: 50 }, () => nextDelayMs(1_000, 1)));
    for (const d of seen) {
      expect(d).toBeGreaterThanOrEqual(1_600);
      expect(d).toBeLessThanOrEqual(2_400);
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});
