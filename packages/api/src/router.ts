// The root router: one small router per area, combined here (SPEC §5 names are a public contract).
import { router } from "./procedures";
import { authRouter } from "./routers/auth";
import { walletRouter } from "./routers/wallet";
import { adminRouter } from "./routers/admin";

export const appRouter = router({
  auth: authRouter,
  wallet: walletRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
