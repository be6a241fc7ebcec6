import { depositInfo, getBalance, getPortfolio, getWalletHistory } from "@gm/core";
import { router, userQuery } from "../procedures";

export const walletRouter = router({
  balance: userQuery(getBalance),
  history: userQuery(getWalletHistory),
  portfolio: userQuery(getPortfolio),
  depositInfo: userQuery(depositInfo),
});
