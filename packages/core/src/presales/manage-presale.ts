// presale.create, presale.setPrice and presale.cancel: the seller's side. A presale sells a gift whose
// collection cannot be transferred yet; the seller may pledge a share of the price as collateral, held
// from their balance (and kept at that share when the price changes) until delivery, cancellation, or a
// missed deadline hands it to the buyer. Price changes and cancellation only by the seller, only unsold.
import { conflict, forbidden, notFound } from "../common/errors";
import { moneyCommand, type CommandContext } from "../common/use-case";
import { hold, release, type UserBalance } from "../ledger/ledger-service";
import { userRepository } from "../users/user-repository";
import { presaleRepository, type LockedPresale } from "./presale-repository";
import { collateralOf } from "./presale-rules";
import { cancelPresaleInput, cancelPresaleOutput, createPresaleInput, createPresaleOutput, setPresalePriceInput, setPresalePriceOutput } from "./schemas";

const DAY_MS = 86_400_000;

async function balanceOf(ctx: CommandContext, balances: UserBalance[] | null) {
  const b = balances?.find((x) => x.userId === ctx.actor.userId) ?? (await userRepository.balanceOf(ctx.uow.tx, ctx.actor.userId))!;
  return { available: b.available, locked: b.locked };
}

/** The seller's own unsold presale, locked; anything else is refused with the reason. */
async function ownOpen(ctx: CommandContext, presaleId: bigint): Promise<LockedPresale> {
  const p = await presaleRepository.lock(ctx.uow.tx, presaleId);
  if (!p) throw notFound(`Presale #${presaleId}`);
  if (p.sellerId !== ctx.actor.userId) throw forbidden("Only the seller can change this presale.", "NOT_OWNER");
  if (p.status !== "ACTIVE" || p.deliverBy.getTime() <= ctx.now().getTime()) {
    throw conflict(`This presale is no longer open: it is ${p.status === "ACTIVE" ? "past its deadline" : p.status.toLowerCase()}.`, "PRESALE_NOT_ACTIVE").with({ status: p.status });
  }
  return p;
}

export const createPresale = moneyCommand({
  input: createPresaleInput,
  output: createPresaleOutput,
  rateLimit: { points: 30, windowSeconds: 60 },
  async run(ctx, input) {
    const { uow, actor, now } = ctx;
    const gift = await presaleRepository.gift(uow.tx, input.giftId);
    if (!gift) throw notFound("The gift");
    if (gift.transferableAt !== null && gift.transferableAt.getTime() <= now().getTime()) {
      throw conflict(`${gift.title} can already be transferred: list it on the market instead.`, "ALREADY_TRANSFERABLE");
    }
    const collateralBps = input.collateralPercent * 100;
    const collateral = collateralOf(input.price, collateralBps);
    const deliverBy = new Date(now().getTime() + gift.deliveryDays * DAY_MS);
    const presaleId = await presaleRepository.insert(uow.tx, { giftId: input.giftId, sellerId: actor.userId, price: input.price, collateralBps, collateral, deliverBy });
    const held = collateral > 0n ? await hold(uow.tx, actor.userId, collateral, { reference: `presale:${presaleId}`, memo: "presale collateral", actorId: actor.userId }) : null;
    const balance = await balanceOf(ctx, held?.balances ?? null);
    uow.commit();
    return { presaleId, giftId: input.giftId, price: input.price, collateral, deliverBy, balance };
  },
});

export const setPresalePrice = moneyCommand({
  input: setPresalePriceInput,
  output: setPresalePriceOutput,
  async run(ctx, { presaleId, price }) {
    const p = await ownOpen(ctx, presaleId);
    const collateral = collateralOf(price, p.collateralBps);
    const ref = { reference: `presale:${presaleId}`, memo: "presale collateral follows the price", actorId: ctx.actor.userId };
    // The collateral keeps its share: the difference is held, or released.
    const moved = collateral > p.collateral ? await hold(ctx.uow.tx, ctx.actor.userId, collateral - p.collateral, ref)
      : collateral < p.collateral ? await release(ctx.uow.tx, ctx.actor.userId, p.collateral - collateral, ref) : null;
    await presaleRepository.setPrice(ctx.uow.tx, presaleId, price, collateral);
    const balance = await balanceOf(ctx, moved?.balances ?? null);
    ctx.uow.commit();
    return { presaleId, price, collateral, balance };
  },
});

export const cancelPresale = moneyCommand({
  input: cancelPresaleInput,
  output: cancelPresaleOutput,
  async run(ctx, { presaleId }) {
    const p = await ownOpen(ctx, presaleId);
    await presaleRepository.cancel(ctx.uow.tx, presaleId);
    const moved = p.collateral > 0n ? await release(ctx.uow.tx, ctx.actor.userId, p.collateral, { reference: `presale:${presaleId}`, memo: "presale cancelled", actorId: ctx.actor.userId }) : null;
    const balance = await balanceOf(ctx, moved?.balances ?? null);
    ctx.uow.commit();
    return { presaleId, released: p.collateral, balance };
  },
});
