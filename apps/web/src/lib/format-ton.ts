const NANO_DIGITS = 9;
const MIN_DECIMALS = 2;

/**
 * Formats an amount of nanoTON (1 TON = 10^9 nanoTON) with 2 to 9 decimals, using BigInt and
 * string arithmetic only (a float cannot hold every nanoTON amount):
 * 1234500000000n → "1,234.50 TON", 1500000001n → "1.500000001 TON".
 */
export function formatTon(nano: bigint, options: { unit?: boolean } = {}): string {
  const { unit = true } = options;
  const negative = nano < 0n;
  const abs = negative ? -nano : nano;
  const digits = abs.toString().padStart(NANO_DIGITS + 1, "0");
  const whole = digits.slice(0, -NANO_DIGITS);
  const fraction = digits.slice(-NANO_DIGITS).replace(/0+$/, "").padEnd(MIN_DECIMALS, "0");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = `${negative ? "-" : ""}${grouped}.${fraction}`;
  return unit ? `${text} TON` : text;
}
