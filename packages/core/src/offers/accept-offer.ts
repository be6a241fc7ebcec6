// offer.accept: the NFT's owner takes an offer. The NFT goes to the buyer (its listing, if any, ends),
// the held price to the seller minus the platform fee, the fee to the platform, a sale is recorded; the
// NFT's other offers stay active for its new owner. A Redis lock on `offer:accept:{id}` turns concurrent
// accepts away cheaply, but correctness is the database's: the offer and NFT rows are locked and every
// change is guarded, so with Redis down, or a lock that expired midway, nothing is paid twice.
import { countOnCommit } from "../common/business";
import { conflict, forbidden, notFound } from "../common/errors";
import { feeOf } from "../common/money";
import { moneyCommand, type CommandContext } from "../common/use-case";
import { payFromHold } from "../ledger/ledger-service";
import { invalidateListings } from "../market/cache-keys";
import { offerRepository } from "./offer-repository";
import { acceptOfferOutput, offerIdInput } from "./schemas";

async function accept({ uow, actor, now, cache }: CommandContext, offerId: bigint) {
  const { tx } = uow;
  const o = await offerRepository.lockForAccept(tx, offerId);
  if (!o) throw notFound(`Offer #${offerId}`);
  if (o.ownerId !== actor.userId) throw forbidden("Only the gift's owner can accept an offer on it.", "NOT_OWNER");
  if (o.status !== "ACTIVE") throw conflict(`This offer is no longer active: it was ${o.status.toLowerCase()}.`, "OFFER_NOT_ACTIVE").with({ status: o.status });
  // Past due is expired, whether or not the worker has cleaned it yet.
  if (o.expiresAt.getTime() <= now().getTime()) throw conflict("This offer has expired.", "OFFER_EXPIRED");
  if (o.nftStatus === "IN_AUCTION") throw conflict("This gift is in an auction and can't be changed until it ends.", "IN_AUCTION");
  if (o.nftStatus === "WITHDRAWING" || o.nftStatus === "WITHDRAWN") throw conflict("This gift is being withdrawn from the market.", "WITHDRAWN");
  const fee = feeOf(o.price, o.feeBps);
  const { movementId } = await payFromHold(tx, {
    kind: "OFFER_ACCEPT", reference: `offer:${offerId}`, memo: `gift #${o.nftId}`, actorId: actor.userId,
    buyerId: o.buyerId, sellerId: actor.userId, price: o.price, fee,
  });
  await offerRepository.markAccepted(tx, offerId);
  await offerRepository.transfer(tx, { nftId: o.nftId, buyerId: o.buyerId, sellerId: actor.userId, price: o.price, giftId: o.giftId });
  if (o.nftStatus === "LISTED") uow.afterCommit(() => invalidateListings(cache, [o.giftId]));
  countOnCommit(uow, "offer_accepted", o.price);
  uow.commit();
  return { offerId, nftId: o.nftId, buyerId: o.buyerId, price: o.price, fee, proceeds: o.price - fee, movementId };
}

export const acceptOffer = moneyCommand({
  input: offerIdInput,
  output: acceptOfferOutput,
  fastPath: true,
  async run(ctx, input) {
    if (!ctx.locker) return accept(ctx, input.offerId);
    let started = false;
    let locked;
    try {
      locked = await ctx.locker.tryWithLock(`offer:accept:${input.offerId}`, 10_000, () => {
        started = true;
        return accept(ctx, input.offerId);
      });
    } catch (error) {
      // The lock could not be taken at all (Redis down): go on without it, the rows decide.
      if (started) throw error;
      return accept(ctx, input.offerId);
    }
    if (!locked.acquired) throw conflict("This offer is being accepted right now. Reload in a moment.", "OFFER_NOT_ACTIVE").with({ status: "ACTIVE" });
    return locked.value;
  },
});
