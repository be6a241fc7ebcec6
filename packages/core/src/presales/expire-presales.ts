// The worker's presale-deadlines task: a sold presale not delivered by its deadline FAILS — the buyer gets
// the escrow back plus the seller's collateral; an unsold one past its deadline is CANCELLED and the
// collateral returns to the seller. A batch per transaction, in bulk statements.
import { command } from "../common/use-case";
import { postMany, type Movement } from "../ledger/ledger-service";
import { presaleRepository } from "./presale-repository";
import { refundMovement } from "./presale-rules";
import { expirePresalesInput, expirePresalesOutput } from "./schemas";

export const expirePresales = command({
  input: expirePresalesInput,
  output: expirePresalesOutput,
  async run({ uow, now }, { limit }) {
    const rows = await presaleRepository.expire(uow.tx, now(), limit);
    const movements: Movement[] = rows.flatMap((r): Movement[] => {
      if (r.status === "FAILED") return [refundMovement({ presaleId: r.id, buyerId: r.buyerId!, sellerId: r.sellerId, price: r.price, collateral: r.collateral })];
      if (r.collateral === 0n) return [];
      return [{ kind: "RELEASE", reference: `presale:${r.id}`, memo: "presale ended unsold", lines: [
        { account: "USER_LOCKED", userId: r.sellerId, amount: -r.collateral },
        { account: "USER_AVAILABLE", userId: r.sellerId, amount: r.collateral },
      ] }];
    });
    await postMany(uow.tx, movements);
    uow.commit();
    const failed = rows.filter((r) => r.status === "FAILED");
    return { failed: failed.length, expired: rows.length - failed.length, refunded: failed.reduce((s, r) => s + r.price + r.collateral, 0n) };
  },
});
