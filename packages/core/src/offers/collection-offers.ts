// offer.makeCollection, offer.fillCollection and offer.cancelCollection: an offer for any NFT of a gift
// (narrowed by model, backdrop or symbol when given) for up to `quantity` NFTs, held in full; the owner
// of a matching NFT fills one unit — the NFT to the buyer, the price minus the fee to the owner — and
// the buyer can cancel what is left. Past-due ones expire with the offer-expiry task.
import { countOnCommit } from "../common/business";
import { badRequest, conflict, forbidden, notFound } from "../common/errors";
import { feeOf } from "../common/money";
import { moneyCommand } from "../common/use-case";
import { hold, payFromHold, release } from "../ledger/ledger-service";
import { invalidateListings } from "../market/cache-keys";
import { collectionOfferRepository } from "./collection-offer-repository";
import { offerRepository } from "./offer-repository";
import { cancelCollectionOutput, fillCollectionInput, fillCollectionOutput, makeCollectionInput, makeCollectionOutput, offerIdInput } from "./schemas";

const DAY_MS = 86_400_000;
const balanceOf = (balances: { userId: bigint; available: bigint; locked: bigint }[], userId: bigint) => {
  const b = balances.find((x) => x.userId === userId)!;
  return { available: b.available, locked: b.locked };
};

export const makeCollectionOffer = moneyCommand({
  input: makeCollectionInput,
  output: makeCollectionOutput,
  rateLimit: { points: 30, windowSeconds: 60 },
  fastPath: true,
  async run({ uow, actor, now }, input) {
    const wanted = ([["MODEL", input.model], ["BACKDROP", input.backdrop], ["SYMBOL", input.symbol]] as const)
      .filter((a): a is readonly ["MODEL" | "BACKDROP" | "SYMBOL", string] => a[1] !== undefined)
      .map(([kind, name]) => ({ kind, name }));
    const target = await collectionOfferRepository.target(uow.tx, input.giftId, wanted);
    if (!target) throw notFound(`Collection #${input.giftId}`);
    for (const a of wanted) {
      if (!target.found.has(`${a.kind}:${a.name}`)) throw badRequest(`This collection has no ${a.kind.toLowerCase()} named "${a.name}".`, "UNKNOWN_ATTRIBUTE");
    }
    const expiresAt = new Date(now().getTime() + (input.expiresInDays !== undefined ? input.expiresInDays * DAY_MS : target.lifetimeSeconds * 1000));
    const offerId = await collectionOfferRepository.insert(uow.tx, { ...input, buyerId: actor.userId, expiresAt });
    const held = input.price * BigInt(input.quantity);
    const { balances } = await hold(uow.tx, actor.userId, held, { reference: `collection-offer:${offerId}`, memo: `collection offer, ${input.quantity} × gift collection #${input.giftId}` });
    uow.commit();
    return { offerId, giftId: input.giftId, price: input.price, quantity: input.quantity, held, expiresAt, balance: balanceOf(balances, actor.userId) };
  },
});

export const fillCollectionOffer = moneyCommand({
  input: fillCollectionInput,
  output: fillCollectionOutput,
  fastPath: true,
  async run({ uow, actor, now, cache }, input) {
    const { tx } = uow;
    const locked = await collectionOfferRepository.lockForFill(tx, input.offerId, input.nftId);
    if (!locked) throw notFound(`Collection offer #${input.offerId}`);
    const { offer: o, nft } = locked;
    if (!nft) throw notFound(`Gift #${input.nftId}`);
    if (nft.ownerId !== actor.userId) throw forbidden("Only the gift's owner can sell it to an offer.", "NOT_OWNER");
    if (o.buyerId === actor.userId) throw forbidden("This is your own offer.", "OWN_GIFT");
    if (o.status !== "ACTIVE" || o.filled >= o.quantity) throw conflict("This offer is no longer active.", "OFFER_NOT_ACTIVE").with({ status: o.status });
    if (o.expiresAt.getTime() <= now().getTime()) throw conflict("This offer has expired.", "OFFER_EXPIRED");
    const matches = nft.giftId === o.giftId && (o.model === null || o.model === nft.model) && (o.backdrop === null || o.backdrop === nft.backdrop) && (o.symbol === null || o.symbol === nft.symbol);
    if (!matches) throw badRequest("This gift does not match the offer (its collection, model, backdrop or symbol).", "OFFER_NOT_MATCHING");
    if (nft.status === "IN_AUCTION") throw conflict("This gift is in an auction and can't be changed until it ends.", "IN_AUCTION");
    if (nft.status === "WITHDRAWING" || nft.status === "WITHDRAWN") throw conflict("This gift is being withdrawn from the market.", "WITHDRAWN");
    const fee = feeOf(o.price, o.feeBps);
    await payFromHold(tx, {
      kind: "COLLECTION_OFFER_FILL", reference: `collection-offer:${o.id}`, memo: `gift #${input.nftId}`, actorId: actor.userId,
      buyerId: o.buyerId, sellerId: actor.userId, price: o.price, fee,
    });
    if (!(await collectionOfferRepository.fillOne(tx, o.id))) throw conflict("This offer is no longer active.", "OFFER_NOT_ACTIVE");
    await offerRepository.transfer(tx, { nftId: input.nftId, buyerId: o.buyerId, sellerId: actor.userId, price: o.price, giftId: o.giftId });
    if (nft.status === "LISTED") uow.afterCommit(() => invalidateListings(cache, [o.giftId]));
    countOnCommit(uow, "offer_accepted", o.price);
    uow.commit();
    return { offerId: o.id, nftId: input.nftId, buyerId: o.buyerId, price: o.price, fee, proceeds: o.price - fee, filled: o.filled + 1, quantity: o.quantity };
  },
});

export const cancelCollectionOffer = moneyCommand({
  input: offerIdInput,
  output: cancelCollectionOutput,
  fastPath: true,
  async run({ uow, actor }, input) {
    const cancelled = await collectionOfferRepository.cancel(uow.tx, input.offerId, actor.userId);
    if (!cancelled) {
      const state = await collectionOfferRepository.stateOf(uow.tx, input.offerId);
      if (!state) throw notFound(`Collection offer #${input.offerId}`);
      if (state.buyerId !== actor.userId) throw forbidden("Only the buyer who made this offer can cancel it.", "NOT_OWNER");
      throw conflict(`This offer is no longer active: it was ${state.status.toLowerCase()}.`, "OFFER_NOT_ACTIVE").with({ status: state.status });
    }
    const { balances } = await release(uow.tx, actor.userId, cancelled.remaining, { reference: `collection-offer:${input.offerId}`, memo: "collection offer cancelled" });
    uow.commit();
    return { offerId: input.offerId, released: cancelled.remaining, balance: balanceOf(balances, actor.userId) };
  },
});
