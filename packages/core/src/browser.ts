// What the browser may use of core: pure rules and constants, no server dependencies. The Mini App gets
// them through @gm/api/client, so money is formatted and bounded the same way on both sides.
export { NANO_PER_TON, formatTon, parseTon } from "./common/money";
export { MIN_PRICE, MAX_PRICE } from "./listings/price-rules";
export { MARKET_SORTS, type MarketSort } from "./market/sorts";
export { parseBigintId } from "./common/ids";
export { REFUSAL_REASONS, type RefusalReason, type RefusalParams } from "./common/refusals";
