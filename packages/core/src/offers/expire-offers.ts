// The worker's offer-expiry task: past-due active offers expire and their holds return to the buyers,
// a batch per transaction in bulk statements (one UPDATE, one set-based ledger write). An accept or a
// cancel holding an offer's row wins it; the batch skips that row.
import { z } from "zod";
import { command } from "../common/use-case";
import { releaseMany } from "../ledger/ledger-service";
import { offerRepository } from "./offer-repository";

export const expireOffers = command({
  input: z.object({ limit: z.number().int().min(1).max(10_000) }),
  output: z.object({ expired: z.number(), released: z.bigint() }),
  async run({ uow, now }, { limit }) {
    const rows = await offerRepository.expire(uow.tx, now(), limit);
    await releaseMany(uow.tx, "RELEASE", rows.map((r) => ({ userId: r.buyerId, amount: r.price, reference: `offer:${r.id}`, memo: "offer expired" })));
    uow.commit();
    return { expired: rows.length, released: rows.reduce((s, r) => s + r.price, 0n) };
  },
});
