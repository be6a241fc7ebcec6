// @gm/seed: the catalog of collections and the development and benchmark seeds. Not production code:
// the apps never import it; `pnpm dev`, the tests and `pnpm bench` run its scripts.
export { seedDev, DEV_STARTING_BALANCE } from "./dev-seed";
export { seedMarket, SEED_SIZES, type SeedMarketOptions, type SeedStats, type SeedSize } from "./seed-market";
export { CATALOG_GIFTS, CATALOG_BACKDROPS } from "./catalog-data";
