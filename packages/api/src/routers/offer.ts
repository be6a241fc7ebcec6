import { acceptOffer, cancelCollectionOffer, cancelOffer, fillCollectionOffer, makeCollectionOffer, makeOffer, myOffers, receivedOffers } from "@gm/core";
import { moneyMutation, router, userQuery } from "../procedures";

export const offerRouter = router({
  /** Holds the price; replaces the caller's earlier offer on the same gift. */
  make: moneyMutation(makeOffer),
  cancel: moneyMutation(cancelOffer),
  /** By the gift's owner: the gift to the buyer, the price minus the fee to the owner. */
  accept: moneyMutation(acceptOffer),
  mine: userQuery(myOffers),
  received: userQuery(receivedOffers),
  /** For any gift of a collection (optionally one model, backdrop or symbol), up to `quantity`, held in full. */
  makeCollection: moneyMutation(makeCollectionOffer),
  /** By the owner of a matching gift: one unit filled, the gift to the buyer. */
  fillCollection: moneyMutation(fillCollectionOffer),
  cancelCollection: moneyMutation(cancelCollectionOffer),
});
