import {
  adjustBalance,
  assignDeposit,
  creditNft,
  deliverPresale,
  listPresalesForAdmin,
  devFaucet,
  listDeposits,
  listWithdrawals,
  retryWithdrawal,
  getSettings,
  listAuditLog,
  listGiftsForAdmin,
  listTasks,
  operationsSummary,
  searchUsers,
  setUserBanned,
  updateSettings,
} from "@gm/core";
import { adminMoneyMutation, adminMutation, adminQuery, router } from "../procedures";

export const adminRouter = router({
  users: adminQuery(searchUsers),
  setBanned: adminMutation(setUserBanned),
  settings: adminQuery(getSettings),
  updateSettings: adminMutation(updateSettings),
  auditLog: adminQuery(listAuditLog),
  gifts: adminQuery(listGiftsForAdmin),
  tasks: adminQuery(listTasks),
  /** The last 24 hours' business numbers and the TON pipeline (unfinished withdrawals, when deposits were last read). */
  operations: adminQuery(operationsSummary),
  /** Custody intake by hand: credits a new NFT of a gift to a user. Idempotent, so a double click credits once. */
  creditNft: adminMoneyMutation(creditNft),
  adjustBalance: adminMoneyMutation(adjustBalance),
  deposits: adminQuery(listDeposits),
  /** Gives a deposit whose memo matched nobody to a user: credited once (idempotent), audited. */
  assignDeposit: adminMoneyMutation(assignDeposit),
  /** Test TON from the local chain's faucet as a deposit (development and tests only). */
  devFaucet: adminMutation(devFaucet),
  withdrawals: adminQuery(listWithdrawals),
  /** Puts a withdrawal whose retries ran out back in the sender's queue, audited. */
  retryWithdrawal: adminMutation(retryWithdrawal),
  /** Presales in a state, sold ones (awaiting delivery) by default. */
  presales: adminQuery(listPresalesForAdmin),
  /** Gives a sold presale's gift (the seller's, in custody) to its buyer: the escrow to the seller minus the fee, the collateral back. */
  deliverPresale: adminMoneyMutation(deliverPresale),
});
