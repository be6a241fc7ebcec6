// @gm/core's public entry: use cases, domain services and repositories for the API and the worker.
export { AppError, InsufficientFundsError, badRequest, conflict, forbidden, notFound, type AppErrorCode } from "./errors";
export { NANO_PER_TON, feeOf, formatTon, parseTon } from "./money";
export { postMovement, hold, release, transfer, type LedgerLine, type Movement, type MovementKind } from "./ledger/ledger-service";
export { checkLedger, type LedgerReport } from "./ledger/ledger-check";
export { userRepository, newDepositMemo, type TelegramProfile } from "./repositories/user-repository";
export { ledgerRepository, type HistoryRow } from "./repositories/ledger-repository";
export { auditRepository, type AuditEntry } from "./repositories/audit-repository";
export { idempotencyRepository, type Claim } from "./repositories/idempotency-repository";
export { authenticateUser, isAdmin, type AuthenticatedUser } from "./use-cases/authenticate-user";
export { getBalance, getWalletHistory } from "./use-cases/get-wallet";
export { adjustBalance, type AdjustBalanceInput } from "./use-cases/adjust-balance";
export { seedDev, DEV_USER, DEV_STARTING_BALANCE } from "./dev-seed";
// The database pieces the API layer may use, so it depends on core alone (apps → api → core → db).
export { createDatabase, readDbConfig, inUnitOfWork, sqlState, type Database, type DbConfig, type UnitOfWork, type User } from "@gm/db";
export * from "./tasks/task-state-repository";
export * from "./tasks/idempotency-cleanup";
export { settingsRepository } from "./repositories/settings-repository";
export { activityRepository, type ActivityInput, type ActivityType } from "./repositories/activity-repository";
export { marketCacheKeys, invalidateListings, MARKET_CACHE_TTL_SECONDS } from "./market/cache-keys";
export { MIN_PRICE, MAX_PRICE, priceBoundsMessage, assertPrice } from "./market/price-rules";
export { listNfts, changeListingPrice, delistNft, type MarketDeps } from "./use-cases/manage-listings";
export { buyNft, type BuyNftInput, type Purchase } from "./use-cases/buy-nft";
export { searchUsers, setUserBanned, getSettings, updateSettings, listAuditLog, listGiftsForAdmin, type Actor, type SettingsPatch } from "./use-cases/admin";
export { searchMarket, searchMarketSql, explainSearch, MARKET_SORTS, type MarketSort, type SearchMarketInput, type MarketItem, type MarketPage, type MarketReadDeps, type BackdropColors } from "./market-read/search-market";
export { marketFilters, marketFloors, type MarketFilters, type MarketFloors } from "./market-read/market-filters";
export { nftDetail, type NftDetail } from "./market-read/nft-detail";
export { marketActivity, MARKET_ACTIVITY_TYPES, type MarketActivityInput, type ActivityItem } from "./market-read/market-activity";
export { priceHistory, type PriceHistoryInput, type PriceBucket } from "./market-read/price-history";
