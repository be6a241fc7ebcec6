// @gm/core's public entry: the use cases (one value per procedure), their executors, and the domain
// services the worker and the seeds build on. Lower layers are not re-exported: the API and the worker
// reach the database only through these use cases and services.

// common
export { AppError, InsufficientFundsError, badRequest, conflict, forbidden, notFound, type AppErrorCode } from "./common/errors";
export { REFUSAL_REASONS, type RefusalReason, type RefusalParams } from "./common/refusals";
export { NANO_PER_TON, feeOf, formatTon, parseTon } from "./common/money";
export { INT4_MAX, INT8_MAX, EARLIEST_DATE, LATEST_DATE, bigintId, intId, int4, text, saneDate, pageCursor, idempotencyKey } from "./common/input";
export { query, command, moneyCommand, type Actor, type Query, type Command, type MoneyCommand, type QueryContext, type CommandContext } from "./common/use-case";
export { executeQuery, executeCommand, executeMoneyCommand, findMoneyReplay, requestHash, type CoreRuntime, type MoneyResult } from "./common/execute";
export { databaseFault, type DatabaseFault } from "./common/db-faults";

// ledger
export { postMovement, postMany, hold, payFromHold, release, releaseMany, transfer, type LedgerLine, type Movement, type MovementKind } from "./ledger/ledger-service";
export { checkLedger, type LedgerReport } from "./ledger/ledger-check";

// users and authentication
export { userRepository, newDepositMemo, type TelegramProfile } from "./users/user-repository";
export { authenticateUser, isAdmin, type AuthenticatedUser } from "./users/authenticate-user";
export { DEV_USER } from "./users/dev-user";
export { getMe } from "./users/get-me";

// wallet
export { getBalance } from "./wallet/get-balance";
export { getWalletHistory } from "./wallet/get-history";
export { getPortfolio } from "./portfolio/get-portfolio";
// deposits (the worker's ton-deposits task)
export { depositCursor, recordDeposits, type DepositOutcome, type IncomingTransaction } from "./deposits/record-deposits";
export { depositInfo } from "./deposits/deposit-info";
export { assignDeposit, listDeposits } from "./deposits/admin-deposits";
export { devFaucet } from "./deposits/dev-faucet";
// withdrawals (the API's requests, the worker's ton-withdrawals task)
export { requestWithdrawal, withdrawInfo, myWithdrawals } from "./withdrawals/request-withdrawal";
export { listWithdrawals, retryWithdrawal } from "./withdrawals/admin-withdrawals";
export {
  dueWithdrawals, noteWithdrawalSend, openWithdrawalBatch, recordWithdrawalBatch, recordWithdrawalDelivery, settleWithdrawalBatch, withdrawalsInFlight,
} from "./withdrawals/send-withdrawals";
export { parseDestination } from "./withdrawals/destination";
// TON Connect
export { connectWallet, deleteExpiredPayloadUses, disconnectWallet, tonProofPayload } from "./ton-connect/connect-wallet";
export { tonProofSignedMessage, type TonProofConfig } from "./ton-connect/ton-proof";

// market (reads)
export { searchMarket, searchMarketSql, explainSearch, MARKET_SORTS, type MarketSort, type SearchMarketInput, type MarketItem, type MarketPage, type BackdropColors } from "./market/search-market";
export { marketFilters, marketFloors } from "./market/market-filters";
export { nftDetail } from "./market/nft-detail";
export { marketActivity, MARKET_ACTIVITY_TYPES } from "./market/market-activity";
export { priceHistory } from "./market/price-history";
export { marketCacheKeys, invalidateListings, MARKET_CACHE_TTL_SECONDS } from "./market/cache-keys";

// listings
export { MIN_PRICE, MAX_PRICE, priceBoundsMessage } from "./listings/price-rules";
export { listNft, bulkListNfts } from "./listings/list-nfts";
export { changeListingPrice } from "./listings/change-price";
export { delistNft } from "./listings/delist-nft";
export { buyNft } from "./listings/buy-nft";

// offers
export { makeOffer } from "./offers/make-offer";
export { cancelOffer } from "./offers/cancel-offer";
export { acceptOffer } from "./offers/accept-offer";
export { myOffers, receivedOffers } from "./offers/list-offers";
export { expireOffers } from "./offers/expire-offers";
export { cancelCollectionOffer, fillCollectionOffer, makeCollectionOffer } from "./offers/collection-offers";

// auctions
export { createAuction } from "./auctions/create-auction";
export { cancelAuction } from "./auctions/cancel-auction";
export { placeBid } from "./auctions/place-bid";
export { listAuctions, auctionDetail } from "./auctions/list-auctions";
export { settleAuctions, nextAuctionEnd } from "./auctions/settle-auctions";
export { minimumNextBid } from "./auctions/bid-rules";

// presales
export { createPresale, setPresalePrice, cancelPresale } from "./presales/manage-presale";
export { buyPresale } from "./presales/buy-presale";
export { deliverPresale } from "./presales/deliver-presale";
export { listPresales, listPresalesForAdmin, myPresales, presaleGifts } from "./presales/list-presales";
export { expirePresales } from "./presales/expire-presales";

// custody
export { custodyIntake, type CustodyIntake, type CustodySource } from "./custody/custody-intake";
export { creditNft } from "./custody/credit-nft";

// settings and admin
export { getSettings } from "./settings/get-settings";
export { updateSettings } from "./settings/update-settings";
export { searchUsers } from "./admin/search-users";
export { setUserBanned } from "./admin/set-banned";
export { listAuditLog } from "./admin/list-audit-log";
export { listGiftsForAdmin } from "./admin/list-gifts";
export { listTasks } from "./admin/list-tasks";
export { operationsSummary, pipelineState, TON_DEPOSITS_TASK } from "./operations/operations";
export type { PipelineState } from "./operations/schemas";
export { adjustBalance } from "./admin/adjust-balance";

// background tasks
export { createTaskStateRepository, TASK_ERROR_MAX_LENGTH, type TaskRunRecord, type TaskStateRepository, type TaskStateRow } from "./tasks/task-state-repository";
export { deleteExpiredIdempotencyRecords, IDEMPOTENCY_RETENTION_MS } from "./idempotency/delete-expired";
