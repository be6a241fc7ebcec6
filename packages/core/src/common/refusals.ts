// Every reason a refusal can carry: the stable codes clients branch on and translate (the Mini App shows
// each in the user's language; the English message is the fallback and what the logs keep). A reason
// that is not in this list does not compile, so a client's translation table can be checked against it.
export const REFUSAL_REASONS = [
  // Bad input
  "BAD_REQUEST",
  "INVALID_INPUT",
  "INVALID_CURSOR",
  "UNKNOWN_ATTRIBUTE",
  "RANGE_TOO_LONG",
  "BAD_RANGE",
  "BAD_NUMBER",
  "PRICE_OUT_OF_RANGE",
  "NOTHING_TO_CHANGE",
  "NOTHING_TO_LIST",
  "LISTED_TWICE",
  "SELF_BAN",
  // Who may do what
  "NOT_FOUND",
  "FORBIDDEN",
  "OWN_GIFT",
  "NOT_OWNER",
  "NOT_ADMIN",
  "BANNED",
  // The state moved on
  "CONFLICT",
  "NOT_FOR_SALE",
  "PRICE_CHANGED",
  "PRICE_MISMATCH",
  "ALREADY_LISTED",
  "NOT_LISTED",
  "IN_AUCTION",
  "WITHDRAWN",
  "NOT_TRANSFERABLE",
  "SUPPLY_EXHAUSTED",
  "NUMBER_TAKEN",
  "ADDRESS_TAKEN",
  "DEPOSIT_NOT_UNMATCHED",
  "WITHDRAWAL_NOT_STUCK",
  "OFFER_NOT_ACTIVE",
  "OFFER_EXPIRED",
  "OFFER_NOT_MATCHING",
  "AUCTION_ENDED",
  "AUCTION_HAS_BIDS",
  "OWN_AUCTION",
  "BID_TOO_LOW",
  "PRESALE_NOT_ACTIVE",
  "OWN_PRESALE",
  "PRESALE_NOT_SOLD",
  "PRESALE_DEADLINE_PASSED",
  "ALREADY_TRANSFERABLE",
  "PRESALE_WRONG_GIFT",
  "IDEMPOTENCY_IN_PROGRESS",
  "IDEMPOTENCY_KEY_REUSED",
  "NOT_COMMITTED",
  // Money
  "INSUFFICIENT_FUNDS",
  "INSUFFICIENT_HOLD",
  // Withdrawals
  "WITHDRAWAL_BELOW_MINIMUM",
  "WITHDRAWAL_ABOVE_MAXIMUM",
  "WITHDRAWAL_DAILY_LIMIT",
  "WITHDRAWAL_NO_DESTINATION",
  "WITHDRAWAL_BAD_ADDRESS",
  "WITHDRAWAL_TO_PLATFORM",
  "WITHDRAWAL_WRONG_NETWORK",
  // TON Connect
  "TON_PROOF_PAYLOAD_UNKNOWN",
  "TON_PROOF_PAYLOAD_USED",
  "TON_PROOF_EXPIRED",
  "TON_PROOF_NETWORK",
  "TON_PROOF_DOMAIN",
  "TON_PROOF_ADDRESS_MISMATCH",
  "TON_PROOF_UNSUPPORTED_WALLET",
  "TON_PROOF_INVALID_SIGNATURE",
  "WALLET_TAKEN",
  "FAUCET_UNAVAILABLE",
  // Sign-in
  "NO_INIT_DATA",
  "INIT_DATA_EXPIRED",
  "INIT_DATA_INVALID",
  "INIT_DATA_MALFORMED",
  "INIT_DATA_NO_USER",
  // Load and faults
  "RATE_LIMITED",
  "TEMPORARILY_UNAVAILABLE",
  "TIMEOUT",
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Values a refusal's sentence is built from, e.g. `{ old, new }` of a changed price (amounts in nanoTON). */
export type RefusalParams = Record<string, string | number>;
