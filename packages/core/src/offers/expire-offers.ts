// The worker's offer-expiry task: past-due active offers expire and their holds return to the buyers,
// a batch per transaction in bulk statements (one UPDATE, one set-based ledger write). An accept or a
// cancel holding an offer's row wins it; the batch skips that row.
import { z } from "zod";
import { command } from "../common/use-case";
import { releaseMany } from "../ledger/ledger-service";
import { collectionOfferRepository } from "./collection-offer-repository";
import { offerRepository } from "./offer-repository";

export const expireOffers = command({
  input: z.object({ limit: z.number().int().min(1).max(10_000) }),
  output: z.object({ expired: z.number(), released: z.bigint() }),
  async run({ uow, now }, { limit }) {
    const rows = await offerRepository.expire(uow.tx, now(), limit);
    const collection = await collectionOfferRepository.expire(uow.tx, now(), limit);
    const releases = [
      ...rows.map((r) => ({ userId: r.buyerId, amount: r.price, reference: `offer:${r.id}`, memo: "offer expired" })),
      ...collection.map((r) => ({ userId: r.buyerId, amount: r.remaining, reference: `collection-offer:${r.id}`, memo: "collection offer expired" })),
    ];
    await releaseMany(uow.tx, "RELEASE", releases);
    uow.commit();
    // The larger of the two batches: the task runs again while either was full.
    return { expired: Math.max(rows.length, collection.length), released: releases.reduce((s, r) => s + r.amount, 0n) };
  },
});
