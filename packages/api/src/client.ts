// What the browser may import: the router's type and the wire transformer. No server code.
import superjson from "superjson";

export type { AppRouter } from "./router";
export const transformer = superjson;
// Money formatting is one concept in one place: the core rules, safe for the browser (no dependencies).
export { formatTon, parseTon, NANO_PER_TON, MIN_PRICE, MAX_PRICE, MARKET_SORTS, parseBigintId, REFUSAL_REASONS, type MarketSort, type RefusalReason, type RefusalParams } from "@gm/core/browser";
