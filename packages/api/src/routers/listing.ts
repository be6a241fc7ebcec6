import { z } from "zod";
import { bigintId, buyNft, changeListingPrice, delistNft, listNfts, MAX_PRICE, MIN_PRICE, priceBoundsMessage } from "@gm/core";
import { money, moneyProcedure, router, userProcedure } from "../procedures";
import { idempotencyKeySchema } from "../middleware/idempotency";

const nftId = bigintId("nftId");
const price = z.bigint().min(MIN_PRICE, priceBoundsMessage).max(MAX_PRICE, priceBoundsMessage);
const listed = z.object({ nftId: z.bigint(), price: z.bigint() });

export const listingRouter = router({
  list: userProcedure
    .input(z.object({ nftId, price }))
    .output(listed)
    .mutation(async ({ ctx, input }) => (await listNfts({ prisma: ctx.rt.db.prisma, cache: ctx.rt.backends.cache }, ctx.user.id, [input]))[0]!),

  bulkList: userProcedure
    .input(z.object({ items: z.array(z.object({ nftId, price })).min(1, "Choose at least one gift to list.").max(100, "At most 100 gifts per request.") }))
    .output(z.object({ items: z.array(listed) }))
    .mutation(async ({ ctx, input }) => ({ items: await listNfts({ prisma: ctx.rt.db.prisma, cache: ctx.rt.backends.cache }, ctx.user.id, input.items) })),

  changePrice: userProcedure
    .input(z.object({ nftId, price }))
    .output(listed)
    .mutation(({ ctx, input }) => changeListingPrice({ prisma: ctx.rt.db.prisma, cache: ctx.rt.backends.cache }, ctx.user.id, input.nftId, input.price)),

  delist: userProcedure
    .input(z.object({ nftId }))
    .output(z.object({ nftId: z.bigint() }))
    .mutation(({ ctx, input }) => delistNft({ prisma: ctx.rt.db.prisma, cache: ctx.rt.backends.cache }, ctx.user.id, input.nftId)),

  /** The input carries the price the buyer saw: a changed price is refused, never charged. */
  buy: moneyProcedure
    .meta({ rateLimit: { points: 10, windowSeconds: 60 } })
    .input(z.object({ idempotencyKey: idempotencyKeySchema, nftId, price }))
    .output(
      z.object({
        nftId: z.bigint(),
        price: z.bigint(),
        fee: z.bigint(),
        sellerId: z.bigint(),
        movementId: z.bigint(),
        balance: z.object({ available: z.bigint(), locked: z.bigint() }),
      }),
    )
    .mutation(money(({ ctx, input }) => buyNft(ctx.uow, { cache: ctx.rt.backends.cache }, { buyerId: ctx.user.id, nftId: input.nftId, price: input.price }))),
});
