// offer.cancel: the buyer withdraws an active offer and its hold returns to their available balance.
// Racing an accept, the offer row decides: exactly one of them happens.
import { conflict, forbidden, notFound } from "../common/errors";
import { moneyCommand } from "../common/use-case";
import { release } from "../ledger/ledger-service";
import { offerRepository } from "./offer-repository";
import { cancelOfferOutput, offerIdInput } from "./schemas";

export const cancelOffer = moneyCommand({
  input: offerIdInput,
  output: cancelOfferOutput,
  fastPath: true,
  async run({ uow, actor }, input) {
    const { tx } = uow;
    const cancelled = await offerRepository.cancel(tx, input.offerId, actor.userId);
    if (!cancelled) {
      const state = await offerRepository.stateOf(tx, input.offerId);
      if (!state) throw notFound(`Offer #${input.offerId}`);
      if (state.buyerId !== actor.userId) throw forbidden("Only the buyer who made this offer can cancel it.", "NOT_OWNER");
      throw conflict(`This offer is no longer active: it was ${state.status.toLowerCase()}.`, "OFFER_NOT_ACTIVE").with({ status: state.status });
    }
    const { balances } = await release(tx, actor.userId, cancelled.price, { reference: `offer:${input.offerId}`, memo: "offer cancelled" });
    uow.commit();
    const b = balances.find((x) => x.userId === actor.userId)!;
    return { offerId: input.offerId, released: cancelled.price, balance: { available: b.available, locked: b.locked } };
  },
});
