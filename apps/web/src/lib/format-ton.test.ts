import { describe, expect, it } from "vitest";

import { formatTon } from "./format-ton";

describe("formatTon", () => {
  it.each([
    [0n, "0.00 TON"],
    [1n, "0.000000001 TON"],
    [10_000_000n, "0.01 TON"],
    [1_000_000_000n, "1.00 TON"],
    [1_500_000_001n, "1.500000001 TON"],
    [1_234_500_000_000n, "1,234.50 TON"],
    [1_000_000_000_000n, "1,000.00 TON"],
    [123_456_789_000_000_000n, "123,456,789.00 TON"],
    [-2_500_000_000n, "-2.50 TON"],
  ])("formats %s nanoTON as %s", (nano, expected) => {
    expect(formatTon(nano)).toBe(expected);
  });

  it("keeps every digit of amounts beyond Number.MAX_SAFE_INTEGER", () => {
    expect(formatTon(9_007_199_254_740_993_123n)).toBe("9,007,199,254.740993123 TON");
  });

  it("can omit the unit", () => {
    expect(formatTon(1_234_500_000_000n, { unit: false })).toBe("1,234.50");
  });
});
