// listing.list, bulkList, changePrice, delist: only the owner, only gifts in custody (not in an auction,
// not on the way out, not before the gift can be transferred), each change an activity event.
import type { PrismaClient, Tx } from "@gm/db";
import { inUnitOfWork } from "@gm/db";
import type { Cache } from "@gm/redis";
import { AppError, badRequest, conflict, forbidden, notFound } from "../errors";
import { activityRepository } from "../repositories/activity-repository";
import { assertPrice } from "../market/price-rules";
import { invalidateListings } from "../market/cache-keys";

export interface MarketDeps {
  prisma: PrismaClient;
  cache: Cache;
}

interface Row {
  id: bigint;
  gift_id: number;
  price: bigint | null;
}

/** Explains why an update that matched no row was refused. */
async function refusal(tx: Tx, nftId: bigint, userId: bigint, wanted: "IN_CUSTODY" | "LISTED"): Promise<AppError> {
  const nft = await tx.nft.findUnique({ where: { id: nftId }, select: { ownerId: true, status: true, gift: { select: { title: true, transferableAt: true } } } });
  if (!nft) return notFound(`Gift #${nftId}`);
  if (nft.ownerId !== userId) return forbidden("Only the owner can do this with the gift.");
  if (wanted === "IN_CUSTODY" && nft.status === "IN_CUSTODY" && (!nft.gift.transferableAt || nft.gift.transferableAt > new Date())) {
    const when = nft.gift.transferableAt ? ` until ${nft.gift.transferableAt.toISOString().slice(0, 10)}` : " yet";
    return conflict(`${nft.gift.title} cannot be transferred${when}: sell it as a presale instead.`, "NOT_TRANSFERABLE");
  }
  switch (nft.status) {
    case "LISTED":
      return conflict("This gift is already listed: change its price instead.", "ALREADY_LISTED");
    case "IN_AUCTION":
      return conflict("This gift is in an auction and cannot be listed or changed until it ends.", "IN_AUCTION");
    case "WITHDRAWING":
    case "WITHDRAWN":
      return conflict("This gift is being withdrawn from the market.", "WITHDRAWN");
    default:
      return conflict("This gift is not listed.", "NOT_LISTED");
  }
}

export async function listNfts(deps: MarketDeps, userId: bigint, items: { nftId: bigint; price: bigint }[]): Promise<{ nftId: bigint; price: bigint }[]> {
  if (items.length === 0) throw badRequest("Choose at least one gift to list.");
  if (new Set(items.map((i) => i.nftId)).size !== items.length) throw badRequest("Each gift can be listed once per request.");
  items.forEach((i) => assertPrice(i.price));
  return inUnitOfWork(deps.prisma, async (uow) => {
    // One statement for the whole batch; the join on gifts refuses gifts that cannot be transferred yet.
    const rows = await uow.tx.$queryRaw<Row[]>`
      UPDATE nfts n SET status = 'LISTED', price = x.price::bigint, listed_at = now(), updated_at = now()
      FROM unnest(${items.map((i) => i.nftId.toString())}::text[], ${items.map((i) => i.price.toString())}::text[]) AS x(id, price), gifts g
      WHERE n.id = x.id::bigint AND n.owner_id = ${userId} AND n.status = 'IN_CUSTODY'
        AND g.id = n.gift_id AND g.transferable_at IS NOT NULL AND g.transferable_at <= now()
      RETURNING n.id, n.gift_id, n.price`;
    if (rows.length !== items.length) {
      const done = new Set(rows.map((r) => r.id));
      const failed = items.find((i) => !done.has(i.nftId))!;
      throw await refusal(uow.tx, failed.nftId, userId, "IN_CUSTODY"); // rolls the whole batch back
    }
    await activityRepository.record(uow.tx, rows.map((r) => ({ type: "LISTING" as const, giftId: r.gift_id, nftId: r.id, actorId: userId, price: r.price })));
    uow.afterCommit(() => invalidateListings(deps.cache, rows.map((r) => r.gift_id)));
    uow.commit();
    return rows.map((r) => ({ nftId: r.id, price: r.price! }));
  });
}

export async function changeListingPrice(deps: MarketDeps, userId: bigint, nftId: bigint, price: bigint): Promise<{ nftId: bigint; price: bigint }> {
  assertPrice(price);
  return inUnitOfWork(deps.prisma, async (uow) => {
    const rows = await uow.tx.$queryRaw<Row[]>`
      UPDATE nfts SET price = ${price}, updated_at = now()
      WHERE id = ${nftId} AND owner_id = ${userId} AND status = 'LISTED'
      RETURNING id, gift_id, price`;
    const row = rows[0];
    if (!row) throw await refusal(uow.tx, nftId, userId, "LISTED");
    await activityRepository.record(uow.tx, { type: "PRICE_CHANGE", giftId: row.gift_id, nftId, actorId: userId, price });
    uow.afterCommit(() => invalidateListings(deps.cache, [row.gift_id]));
    uow.commit();
    return { nftId, price };
  });
}

export async function delistNft(deps: MarketDeps, userId: bigint, nftId: bigint): Promise<{ nftId: bigint }> {
  return inUnitOfWork(deps.prisma, async (uow) => {
    const rows = await uow.tx.$queryRaw<Row[]>`
      UPDATE nfts SET status = 'IN_CUSTODY', price = NULL, listed_at = NULL, updated_at = now()
      WHERE id = ${nftId} AND owner_id = ${userId} AND status = 'LISTED'
      RETURNING id, gift_id, price`;
    const row = rows[0];
    if (!row) throw await refusal(uow.tx, nftId, userId, "LISTED");
    await activityRepository.record(uow.tx, { type: "DELIST", giftId: row.gift_id, nftId, actorId: userId });
    uow.afterCommit(() => invalidateListings(deps.cache, [row.gift_id]));
    uow.commit();
    return { nftId };
  });
}
