import { depositInfo, getBalance, getPortfolio, getWalletHistory, myWithdrawals, requestWithdrawal, withdrawInfo } from "@gm/core";
import { moneyMutation, router, userQuery } from "../procedures";

export const walletRouter = router({
  balance: userQuery(getBalance),
  history: userQuery(getWalletHistory),
  portfolio: userQuery(getPortfolio),
  depositInfo: userQuery(depositInfo),
  /** Holds the amount plus the network fee; the worker sends it to the destination (the connected wallet by default). */
  withdraw: moneyMutation(requestWithdrawal),
  withdrawInfo: userQuery(withdrawInfo),
  withdrawals: userQuery(myWithdrawals),
});
