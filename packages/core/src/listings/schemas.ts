// The listings' wire shapes.
import { z } from "zod";
import { bigintId } from "../common/input";
import { MAX_PRICE, MIN_PRICE, priceBoundsMessage } from "./price-rules";

export const nftId = bigintId("nftId");
export const price = z.bigint().min(MIN_PRICE, priceBoundsMessage).max(MAX_PRICE, priceBoundsMessage);
export const listedOutput = z.object({ nftId: z.bigint(), price: z.bigint() });
export const listingInput = z.object({ nftId, price });
export const bulkListingInput = z.object({
  items: z.array(listingInput).min(1, "Choose at least one gift to list.").max(100, "At most 100 gifts per request."),
});

export const purchaseOutput = z.object({
  nftId: z.bigint(),
  price: z.bigint(),
  fee: z.bigint(),
  sellerId: z.bigint(),
  movementId: z.bigint(),
  balance: z.object({ available: z.bigint(), locked: z.bigint() }),
});
