// offer.make: a price for one NFT, held from the buyer's balance until it is accepted, cancelled or
// expires. One active offer per buyer per NFT: a new one replaces the old (its hold released) in the
// same transaction; the partial unique index refuses a second one that raced it.
import { conflict, forbidden, notFound } from "../common/errors";
import { moneyCommand } from "../common/use-case";
import { hold, release } from "../ledger/ledger-service";
import { offerRepository } from "./offer-repository";
import { makeOfferInput, makeOfferOutput } from "./schemas";

const DAY_MS = 86_400_000;

export const makeOffer = moneyCommand({
  input: makeOfferInput,
  output: makeOfferOutput,
  rateLimit: { points: 30, windowSeconds: 60 },
  fastPath: true,
  async run({ uow, actor, now }, input) {
    const { tx } = uow;
    const nft = await offerRepository.target(tx, input.nftId);
    if (!nft) throw notFound(`Gift #${input.nftId}`);
    if (nft.ownerId === actor.userId) throw forbidden("You already own this gift.", "OWN_GIFT");
    if (nft.status === "WITHDRAWING" || nft.status === "WITHDRAWN") throw conflict("This gift is being withdrawn from the market.", "WITHDRAWN");
    const replaced = await offerRepository.endActive(tx, input.nftId, actor.userId);
    if (replaced) await release(tx, actor.userId, replaced.price, { reference: `offer:${replaced.id}`, memo: "replaced by a new offer" });
    const lifetimeMs = input.expiresInDays !== undefined ? input.expiresInDays * DAY_MS : nft.lifetimeSeconds * 1000;
    const expiresAt = new Date(now().getTime() + lifetimeMs);
    const offerId = await offerRepository.insert(tx, { nftId: input.nftId, buyerId: actor.userId, price: input.price, expiresAt });
    if (offerId === null) throw conflict("Your offer on this gift changed at the same time. Check it and try again.");
    const { balances } = await hold(tx, actor.userId, input.price, { reference: `offer:${offerId}`, memo: `offer on gift #${input.nftId}` });
    await offerRepository.recordEvent(tx, { type: "OFFER", giftId: nft.giftId, nftId: input.nftId, actorId: actor.userId, price: input.price });
    uow.commit();
    const b = balances.find((x) => x.userId === actor.userId)!;
    return { offerId, nftId: input.nftId, price: input.price, expiresAt, replacedOfferId: replaced?.id ?? null, balance: { available: b.available, locked: b.locked } };
  },
});
