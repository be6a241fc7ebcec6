// auction.*: timed auctions of gifts in custody; the worker settles each at its end.
import { auctionDetail, cancelAuction, createAuction, listAuctions, placeBid } from "@gm/core";
import { moneyMutation, router, userMutation, userQuery } from "../procedures";

export const auctionRouter = router({
  create: userMutation(createAuction),
  /** Holds the bid, releases the previous best bidder; a bid in the last window extends the end. */
  bid: moneyMutation(placeBid),
  /** Only before the first bid. */
  cancel: userMutation(cancelAuction),
  list: userQuery(listAuctions),
  detail: userQuery(auctionDetail),
});
