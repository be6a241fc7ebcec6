// listing.buy: the buyer pays exactly the price they saw; the seller receives it minus the platform fee;
// the fee goes to the platform; ownership moves and the listing ends — one transaction.
import { countOnCommit } from "../common/business";
import { conflict, forbidden, notFound } from "../common/errors";
import { feeOf, formatTon } from "../common/money";
import { moneyCommand } from "../common/use-case";
import { postMovement, release } from "../ledger/ledger-service";
import { offerRepository } from "../offers/offer-repository";
import { invalidateListings } from "../market/cache-keys";
import { listingRepository } from "./listing-repository";
import { listingInput, purchaseOutput } from "./schemas";

export const buyNft = moneyCommand({
  /** The input carries the price the buyer saw: a changed price is refused, never charged. */
  input: listingInput,
  output: purchaseOutput,
  rateLimit: { points: 10, windowSeconds: 60 },
  hot: true,
  // The hottest money path: every statement below is raw SQL, so it runs on pg directly.
  fastPath: true,
  async run({ uow, actor, cache }, input) {
    const { tx } = uow;
    const buyerId = actor.userId;
    const nft = await listingRepository.lockForSale(tx, input.nftId);
    if (!nft) throw notFound(`Gift #${input.nftId}`);
    if (nft.owner_id === buyerId) throw forbidden("You already own this gift.", "OWN_GIFT");
    if (nft.status !== "LISTED" || nft.price === null) throw conflict("This gift is no longer for sale.", "NOT_FOR_SALE");
    if (nft.price !== input.price) {
      // "Changed" only when the gift really was offered at the buyer's price (this listing or one of its
      // earlier prices); any other price is a mismatch, not a change.
      if (await listingRepository.wasOfferedAt(tx, input.nftId, input.price)) {
        throw conflict(`The price changed from ${formatTon(input.price)} to ${formatTon(nft.price)}. Check the new price and try again.`, "PRICE_CHANGED").with({
          old: input.price.toString(),
          new: nft.price.toString(),
        });
      }
      throw conflict(`This gift costs ${formatTon(nft.price)}, not ${formatTon(input.price)}. Check the price and try again.`, "PRICE_MISMATCH").with({
        price: nft.price.toString(),
        asked: input.price.toString(),
      });
    }
    const fee = feeOf(nft.price, nft.fee_bps);
    const { movementId, balances } = await postMovement(tx, {
      kind: "PURCHASE",
      reference: `nft:${input.nftId}`,
      actorId: buyerId,
      lines: [
        { account: "USER_AVAILABLE", userId: buyerId, amount: -nft.price },
        { account: "USER_AVAILABLE", userId: nft.owner_id, amount: nft.price - fee },
        { account: "PLATFORM_FEES", amount: fee },
      ],
    });
    await listingRepository.transferSold(tx, { nftId: input.nftId, buyerId, sellerId: nft.owner_id, price: nft.price });
    // An offer the buyer had made on it is moot now: its hold comes back.
    const own = await offerRepository.endActiveIfFree(tx, input.nftId, buyerId);
    const released = own ? await release(tx, buyerId, own.price, { reference: `offer:${own.id}`, memo: "you bought the gift" }) : null;
    uow.afterCommit(() => invalidateListings(cache, [nft.gift_id]));
    countOnCommit(uow, "purchase", nft.price);
    uow.commit();
    const buyer = (released?.balances ?? balances).find((b) => b.userId === buyerId)!;
    return { nftId: input.nftId, price: nft.price, fee, sellerId: nft.owner_id, movementId, balance: { available: buyer.available, locked: buyer.locked } };
  },
});
