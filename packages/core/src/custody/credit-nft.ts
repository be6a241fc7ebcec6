// admin.creditNft: custody intake by hand — an admin credits a new NFT of a gift to a user. Audited, and
// idempotent, so a double click credits once.
import { z } from "zod";
import { bigintId, int4, intId, text } from "../common/input";
import { moneyCommand } from "../common/use-case";
import { auditRepository } from "../admin/audit-repository";
import { invalidateListings } from "../market/cache-keys";
import { custodyIntake } from "./custody-intake";

export const creditNft = moneyCommand({
  input: z.object({
    userId: bigintId("userId"),
    giftId: intId("giftId"),
    model: text("The model", { min: 1, max: 64 }).optional(),
    backdrop: text("The backdrop", { min: 1, max: 64 }).optional(),
    symbol: text("The symbol", { min: 1, max: 64 }).optional(),
    number: int4("The number", 1).optional(),
  }),
  output: z.object({
    id: z.bigint(), giftId: z.number(), number: z.number(), model: z.string(), backdrop: z.string(), symbol: z.string(),
    ownerId: z.bigint(), status: z.string(),
  }),
  async run({ uow, actor, cache }, input) {
    const nft = await custodyIntake.credit(uow, { ...input, ownerId: input.userId, source: "admin" });
    await auditRepository.record(uow.tx, {
      actorId: actor.userId,
      action: "nft.credit",
      targetType: "nft",
      targetId: nft.id.toString(),
      data: { source: "admin", userId: input.userId.toString(), giftId: nft.giftId, number: nft.number, model: nft.model, backdrop: nft.backdrop, symbol: nft.symbol },
      requestId: actor.requestId,
    });
    // Not listed yet, so no cached listing changes; harmless, and keeps filters (attribute counts) fresh.
    uow.afterCommit(() => invalidateListings(cache, [nft.giftId]));
    uow.commit();
    return nft;
  },
});
