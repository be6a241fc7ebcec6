// The market's sort orders: one list for the schema, the SQL builder and the Mini App's sort menu.
export const MARKET_SORTS = ["price_asc", "price_desc", "listed_desc", "number_asc", "rarity"] as const;
export type MarketSort = (typeof MARKET_SORTS)[number];
