// Presale amounts, pure: the collateral a share of the price holds, and the delivery's movement.
import type { Movement } from "../ledger/ledger-service";

/** ⌊price × bps / 10,000⌋: the collateral never exceeds its share of the price. */
export const collateralOf = (price: bigint, bps: number): bigint => (price * BigInt(bps)) / 10_000n;

/**
 * Delivery, one movement: the buyer's escrow to the seller minus the fee, the fee to the platform, and the
 * seller's collateral back to their available balance.
 */
export function deliveryMovement(p: { presaleId: bigint; buyerId: bigint; sellerId: bigint; price: bigint; fee: bigint; collateral: bigint; actorId?: bigint }): Movement {
  return {
    kind: "PRESALE_SETTLE",
    reference: `presale:${p.presaleId}`,
    memo: "presale delivered",
    actorId: p.actorId,
    lines: [
      { account: "USER_LOCKED", userId: p.buyerId, amount: -p.price },
      { account: "USER_AVAILABLE", userId: p.sellerId, amount: p.price - p.fee + p.collateral },
      { account: "USER_LOCKED", userId: p.sellerId, amount: -p.collateral },
      { account: "PLATFORM_FEES", amount: p.fee },
    ],
  };
}

/** A missed deadline, one movement: the buyer's escrow back to them, and the seller's collateral to the buyer. */
export function refundMovement(p: { presaleId: bigint; buyerId: bigint; sellerId: bigint; price: bigint; collateral: bigint }): Movement {
  return {
    kind: "PRESALE_REFUND",
    reference: `presale:${p.presaleId}`,
    memo: "presale not delivered by its deadline",
    lines: [
      { account: "USER_LOCKED", userId: p.buyerId, amount: -p.price },
      { account: "USER_LOCKED", userId: p.sellerId, amount: -p.collateral },
      { account: "USER_AVAILABLE", userId: p.buyerId, amount: p.price + p.collateral },
    ],
  };
}
