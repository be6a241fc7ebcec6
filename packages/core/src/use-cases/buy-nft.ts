// listing.buy (SPEC §3, §4): the buyer pays exactly the price they saw; the seller receives it minus the
// platform fee; the fee goes to the platform; ownership moves and the listing ends — one transaction.
import type { UnitOfWork } from "@gm/db";
import type { Cache } from "@gm/redis";
import { conflict, forbidden, notFound } from "../errors";
import { feeOf, formatTon } from "../money";
import { postMovement } from "../ledger/ledger-service";
import { invalidateListings } from "../market/cache-keys";

export interface BuyNftInput {
  buyerId: bigint;
  nftId: bigint;
  /** The price the buyer saw and agreed to. */
  price: bigint;
}

export interface Purchase {
  nftId: bigint;
  price: bigint;
  fee: bigint;
  sellerId: bigint;
  movementId: bigint;
  balance: { available: bigint; locked: bigint };
}

export async function buyNft(uow: UnitOfWork, deps: { cache: Cache }, input: BuyNftInput): Promise<Purchase> {
  const { tx } = uow;
  // Row lock: concurrent buyers of one gift queue here; the first wins, the rest see it sold. The fee is
  // read in the same round trip, in the same transaction as the sale.
  const rows = await tx.$queryRaw<{ owner_id: bigint; status: string; price: bigint | null; gift_id: number; fee_bps: number }[]>`
    SELECT n.owner_id, n.status::text, n.price, n.gift_id, s.fee_bps
    FROM nfts n CROSS JOIN settings s WHERE n.id = ${input.nftId} AND s.id = 1 FOR NO KEY UPDATE OF n`;
  const nft = rows[0];
  if (!nft) throw notFound(`Gift #${input.nftId}`);
  if (nft.owner_id === input.buyerId) throw forbidden("You already own this gift.");
  if (nft.status !== "LISTED" || nft.price === null) throw conflict("This gift is no longer for sale.", "NOT_FOR_SALE");
  if (nft.price !== input.price) {
    // Only say "changed" when the gift really was offered at the price the buyer sent (this listing,
    // or one of its earlier prices); any other price is a mismatch, not a change.
    const wasOffered = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM activity_events a JOIN nfts n ON n.id = a.nft_id
      WHERE a.nft_id = ${input.nftId} AND a.type IN ('LISTING', 'PRICE_CHANGE') AND a.price = ${input.price} AND a.created_at >= n.listed_at
      LIMIT 1`;
    if (wasOffered.length > 0) {
      throw conflict(`The price changed from ${formatTon(input.price)} to ${formatTon(nft.price)}. Check the new price and try again.`, "PRICE_CHANGED");
    }
    throw conflict(`This gift costs ${formatTon(nft.price)}, not ${formatTon(input.price)}. Check the price and try again.`, "PRICE_MISMATCH");
  }
  const fee = feeOf(nft.price, nft.fee_bps);
  const { movementId, balances } = await postMovement(tx, {
    kind: "PURCHASE",
    reference: `nft:${input.nftId}`,
    actorId: input.buyerId,
    lines: [
      { account: "USER_AVAILABLE", userId: input.buyerId, amount: -nft.price },
      { account: "USER_AVAILABLE", userId: nft.owner_id, amount: nft.price - fee },
      { account: "PLATFORM_FEES", amount: fee },
    ],
  });
  // Ownership moves, the listing ends and the sale is recorded: one statement.
  await tx.$executeRaw`
    WITH moved AS (
      UPDATE nfts SET owner_id = ${input.buyerId}, status = 'IN_CUSTODY', price = NULL, listed_at = NULL, updated_at = now()
      WHERE id = ${input.nftId} RETURNING id, gift_id
    )
    INSERT INTO activity_events (type, gift_id, nft_id, actor_id, counterparty_id, price)
    SELECT 'SALE', gift_id, id, ${input.buyerId}, ${nft.owner_id}, ${nft.price} FROM moved`;
  uow.afterCommit(() => invalidateListings(deps.cache, [nft.gift_id]));
  uow.commit();
  const buyer = balances.find((b) => b.userId === input.buyerId)!;
  return { nftId: input.nftId, price: nft.price, fee, sellerId: nft.owner_id, movementId, balance: { available: buyer.available, locked: buyer.locked } };
}
