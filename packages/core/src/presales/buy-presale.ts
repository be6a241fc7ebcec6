// presale.buy: the buyer pays exactly the price they saw, held in escrow (available → locked) until the
// gift is delivered (paid to the seller) or the deadline passes (refunded with the seller's collateral).
import { countOnCommit } from "../common/business";
import { conflict, forbidden, notFound } from "../common/errors";
import { formatTon } from "../common/money";
import { moneyCommand } from "../common/use-case";
import { hold } from "../ledger/ledger-service";
import { presaleRepository } from "./presale-repository";
import { buyPresaleInput, buyPresaleOutput } from "./schemas";

export const buyPresale = moneyCommand({
  input: buyPresaleInput,
  output: buyPresaleOutput,
  rateLimit: { points: 30, windowSeconds: 60 },
  async run({ uow, actor, now }, { presaleId, price }) {
    const p = await presaleRepository.lock(uow.tx, presaleId);
    if (!p) throw notFound(`Presale #${presaleId}`);
    if (p.sellerId === actor.userId) throw forbidden("You can't buy your own presale.", "OWN_PRESALE");
    if (p.status !== "ACTIVE") throw conflict(`This presale is no longer open: it is ${p.status.toLowerCase()}.`, "PRESALE_NOT_ACTIVE").with({ status: p.status });
    if (p.deliverBy.getTime() <= now().getTime()) throw conflict("The delivery deadline of this presale has passed.", "PRESALE_DEADLINE_PASSED");
    if (p.price !== price) {
      throw conflict(`The price changed from ${formatTon(price)} to ${formatTon(p.price)}: check it and buy again.`, "PRICE_CHANGED").with({ old: price.toString(), new: p.price.toString() });
    }
    const { balances } = await hold(uow.tx, actor.userId, p.price, { reference: `presale:${presaleId}`, memo: "presale escrow", actorId: actor.userId });
    await presaleRepository.sell(uow.tx, { presaleId, buyerId: actor.userId, giftId: p.giftId, sellerId: p.sellerId, price: p.price });
    countOnCommit(uow, "presale_bought", p.price);
    uow.commit();
    const b = balances.find((x) => x.userId === actor.userId)!;
    return { presaleId, price: p.price, deliverBy: p.deliverBy, balance: { available: b.available, locked: b.locked } };
  },
});
