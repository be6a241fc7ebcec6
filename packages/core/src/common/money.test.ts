import { describe, expect, it } from "vitest";
import { feeOf, formatTon, parseTon } from "./money";

describe("money", () => {
  it("formats with 2 to 9 decimals and never loses a nanoTON", () => {
    expect(formatTon(1_234_500_000_000n)).toBe("1,234.50 TON");
    expect(formatTon(1_500_000_001n)).toBe("1.500000001 TON");
    expect(formatTon(0n)).toBe("0.00 TON");
    expect(formatTon(1n, { unit: false })).toBe("0.000000001");
    expect(formatTon(-2_000_000_000n)).toBe("-2.00 TON");
  });

  it("parses decimal TON exactly and refuses more than 9 decimals", () => {
    expect(parseTon("1.5")).toBe(1_500_000_000n);
    expect(parseTon("0.000000001")).toBe(1n);
    expect(parseTon("-3")).toBe(-3_000_000_000n);
    expect(() => parseTon("0.0000000001")).toThrow();
    expect(() => parseTon("1e9")).toThrow();
  });

  it("takes the fee from the price in basis points, rounding down", () => {
    expect(feeOf(10_000_000_000n, 500)).toBe(500_000_000n);
    expect(feeOf(19n, 500)).toBe(0n);
    expect(feeOf(12_345_678_901n, 250)).toBe(308_641_972n);
  });
});
