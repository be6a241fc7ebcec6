// presale.*: selling a gift before it can be transferred, with the price in escrow until delivery.
import { buyPresale, cancelPresale, createPresale, listPresales, myPresales, presaleGifts, setPresalePrice } from "@gm/core";
import { moneyMutation, router, userQuery } from "../procedures";

export const presaleRouter = router({
  /** The collections that cannot be transferred yet, with their open presales. */
  gifts: userQuery(presaleGifts),
  /** Holds the collateral (a share of the price) from the seller. */
  create: moneyMutation(createPresale),
  setPrice: moneyMutation(setPresalePrice),
  cancel: moneyMutation(cancelPresale),
  /** The price the buyer saw, held in escrow until delivery or the deadline. */
  buy: moneyMutation(buyPresale),
  list: userQuery(listPresales),
  mine: userQuery(myPresales),
});
