// Money is BigInt nanoTON: 1 TON = 10^9 nanoTON. No floats anywhere on this path.

export const NANO_PER_TON = 1_000_000_000n;

/** Parses a decimal TON string ("1.5", "0.000000001") into nanoTON; throws on more than 9 decimals. */
export function parseTon(text: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a TON amount (up to 9 decimals)`);
  const [, sign, whole = "0", frac = ""] = m;
  const nano = BigInt(whole) * NANO_PER_TON + BigInt(frac.padEnd(9, "0"));
  return sign ? -nano : nano;
}

/**
 * Formats nanoTON for people: thousands separators, at least 2 and at most 9 decimals, no rounding
 * (every nanoTON shows): 1234500000000n → "1,234.50", 1500000001n → "1.500000001".
 */
export function formatTon(nano: bigint, { unit = true }: { unit?: boolean } = {}): string {
  const negative = nano < 0n;
  const abs = negative ? -nano : nano;
  const whole = (abs / NANO_PER_TON).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let frac = (abs % NANO_PER_TON).toString().padStart(9, "0").replace(/0+$/, "");
  if (frac.length < 2) frac = frac.padEnd(2, "0");
  return `${negative ? "-" : ""}${whole}.${frac}${unit ? " TON" : ""}`;
}

/** The platform fee on a sale, taken from the seller's proceeds, rounded down to the nanoTON. */
export function feeOf(price: bigint, feeBps: number): bigint {
  return (price * BigInt(feeBps)) / 10_000n;
}
