// listing.list and listing.bulkList: only the owner, only gifts in custody whose collection can be
// transferred; the whole batch in one statement, refused as a whole when one gift cannot be listed.
import { badRequest } from "../common/errors";
import type { CommandContext } from "../common/use-case";
import { command } from "../common/use-case";
import { activityRepository } from "../market/activity-repository";
import { invalidateListings } from "../market/cache-keys";
import { listingRepository } from "./listing-repository";
import { assertPrice } from "./price-rules";
import { listingRefusal } from "./refusal";
import { bulkListingInput, listedOutput, listingInput } from "./schemas";
import { z } from "zod";

async function list({ uow, actor, cache }: CommandContext, items: { nftId: bigint; price: bigint }[]) {
  if (items.length === 0) throw badRequest("Choose at least one gift to list.", "NOTHING_TO_LIST");
  if (new Set(items.map((i) => i.nftId)).size !== items.length) throw badRequest("Each gift can be listed once per request.", "LISTED_TWICE");
  items.forEach((i) => assertPrice(i.price));
  const rows = await listingRepository.list(uow.tx, actor.userId, items);
  if (rows.length !== items.length) {
    const done = new Set(rows.map((r) => r.id));
    const failed = items.find((i) => !done.has(i.nftId))!;
    throw await listingRefusal(uow.tx, failed.nftId, actor.userId, "IN_CUSTODY"); // rolls the whole batch back
  }
  await activityRepository.record(uow.tx, rows.map((r) => ({ type: "LISTING" as const, giftId: r.gift_id, nftId: r.id, actorId: actor.userId, price: r.price })));
  uow.afterCommit(() => invalidateListings(cache, rows.map((r) => r.gift_id)));
  uow.commit();
  return rows.map((r) => ({ nftId: r.id, price: r.price! }));
}

export const listNft = command({
  input: listingInput,
  output: listedOutput,
  run: async (ctx, input) => (await list(ctx, [input]))[0]!,
});

export const bulkListNfts = command({
  input: bulkListingInput,
  output: z.object({ items: z.array(listedOutput) }),
  run: async (ctx, input) => ({ items: await list(ctx, input.items) }),
});
