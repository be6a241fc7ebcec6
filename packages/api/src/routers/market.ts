// market.*: browsing the market. Reads only, for signed-in users: the per-user limit applies to scrapers too.
import { marketActivity, marketFilters, marketFloors, nftDetail, priceHistory, searchMarket } from "@gm/core";
import { router, userQuery } from "../procedures";

export const marketRouter = router({
  filters: userQuery(marketFilters),
  search: userQuery(searchMarket),
  nft: userQuery(nftDetail),
  floors: userQuery(marketFloors),
  activity: userQuery(marketActivity),
  priceHistory: userQuery(priceHistory),
});
