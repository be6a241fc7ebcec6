// Delivery of a sold presale: the seller's gift of that collection, now in custody, goes to the buyer; the
// escrow is paid to the seller minus the fee and the seller's collateral comes back, in one movement.
// Two ways in: an admin names the gift (admin.deliverPresale), or the custody intake port credits the
// seller a gift they owe (deliverOwedPresale) — the earliest deadline of that collection first.
import { countOnCommit } from "../common/business";
import type { Tx } from "@gm/db";
import { auditRepository } from "../admin/audit-repository";
import { conflict, notFound } from "../common/errors";
import { feeOf } from "../common/money";
import { moneyCommand } from "../common/use-case";
import { postMovement } from "../ledger/ledger-service";
import { presaleRepository } from "./presale-repository";
import { deliveryMovement } from "./presale-rules";
import { deliverPresaleInput, deliverPresaleOutput } from "./schemas";

/** Delivers `nftId` for the presale, in the caller's transaction (locks: the presale, then the NFT, then the users). */
export async function deliver(tx: Tx, presaleId: bigint, nftId: bigint, now: Date, actorId?: bigint) {
  const p = await presaleRepository.lock(tx, presaleId);
  if (!p) throw notFound(`Presale #${presaleId}`);
  if (p.status !== "SOLD" || p.buyerId === null) {
    throw conflict(p.status === "ACTIVE" ? "This presale has no buyer to deliver to." : `This presale is ${p.status.toLowerCase()} already.`, "PRESALE_NOT_SOLD").with({ status: p.status });
  }
  // Past the deadline the buyer is owed the refund, even before the worker has made it.
  if (p.deliverBy.getTime() <= now.getTime()) throw conflict("The delivery deadline of this presale has passed.", "PRESALE_DEADLINE_PASSED");
  if (!(await presaleRepository.lockDeliverable(tx, nftId, p.sellerId, p.giftId))) {
    throw conflict("That gift is not the one this presale sold, or it is not the seller's free gift in custody.", "PRESALE_WRONG_GIFT");
  }
  const fee = feeOf(p.price, p.feeBps);
  await postMovement(tx, deliveryMovement({ presaleId, buyerId: p.buyerId, sellerId: p.sellerId, price: p.price, fee, collateral: p.collateral, actorId }));
  await presaleRepository.deliver(tx, { presaleId, nftId, buyerId: p.buyerId, sellerId: p.sellerId, giftId: p.giftId, price: p.price });
  return { presaleId, nftId, buyerId: p.buyerId, sellerId: p.sellerId, price: p.price, fee, proceeds: p.price - fee, collateralReleased: p.collateral };
}

/** For the custody intake port: a gift credited to a seller who owes a presale of its collection delivers it. */
export async function deliverOwedPresale(tx: Tx, nft: { id: bigint; giftId: number; ownerId: bigint }, now: Date) {
  const owed = await presaleRepository.owedBy(tx, nft.ownerId, nft.giftId, now);
  return owed === null ? null : deliver(tx, owed, nft.id, now);
}

export const deliverPresale = moneyCommand({
  input: deliverPresaleInput,
  output: deliverPresaleOutput,
  async run({ uow, actor, now }, { presaleId, nftId }) {
    const delivered = await deliver(uow.tx, presaleId, nftId, now(), actor.userId);
    await auditRepository.record(uow.tx, {
      actorId: actor.userId,
      action: "presale.deliver",
      targetType: "presale",
      targetId: presaleId.toString(),
      data: { nftId: nftId.toString(), buyerId: delivered.buyerId.toString(), price: delivered.price.toString(), fee: delivered.fee.toString() },
      requestId: actor.requestId,
    });
    countOnCommit(uow, "presale_delivered", delivered.price);
    uow.commit();
    return delivered;
  },
});
