// Listing price bounds, shared by validation at the edge and the rules in the use cases.
import { formatTon } from "../common/money";
import { badRequest } from "../common/errors";

export const MIN_PRICE = 100_000_000n; // 0.1 TON
export const MAX_PRICE = 10_000_000n * 1_000_000_000n; // 10,000,000 TON

export const priceBoundsMessage = `The price must be between ${formatTon(MIN_PRICE)} and ${formatTon(MAX_PRICE)}.`;

export function assertPrice(price: bigint): void {
  if (price < MIN_PRICE || price > MAX_PRICE) throw badRequest(priceBoundsMessage, "PRICE_OUT_OF_RANGE");
}
