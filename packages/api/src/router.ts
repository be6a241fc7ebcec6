// The root router: one small router per area, combined here. The procedure names are a public contract (docs/api.md).
import { router } from "./procedures";
import { authRouter } from "./routers/auth";
import { walletRouter } from "./routers/wallet";
import { adminRouter } from "./routers/admin";
import { listingRouter } from "./routers/listing";
import { marketRouter } from "./routers/market";
import { offerRouter } from "./routers/offer";
import { auctionRouter } from "./routers/auction";
import { presaleRouter } from "./routers/presale";

export const appRouter = router({
  auth: authRouter,
  wallet: walletRouter,
  admin: adminRouter,
  listing: listingRouter,
  market: marketRouter,
  offer: offerRouter,
  auction: auctionRouter,
  presale: presaleRouter,
});

export type AppRouter = typeof appRouter;
