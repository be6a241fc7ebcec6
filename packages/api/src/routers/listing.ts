import { bulkListNfts, buyNft, changeListingPrice, delistNft, listNft } from "@gm/core";
import { moneyMutation, router, userMutation } from "../procedures";

export const listingRouter = router({
  list: userMutation(listNft),
  bulkList: userMutation(bulkListNfts),
  changePrice: userMutation(changeListingPrice),
  delist: userMutation(delistNft),
  buy: moneyMutation(buyNft),
});
