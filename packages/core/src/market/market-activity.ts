// market.activity: the market feed (and a user's or a collection's), newest first. One query per page,
// keyset by event id: events written while the caller pages never shift the pages already seen.
import { query } from "../common/use-case";
import type { ActivityType as MarketActivityType } from "./activity-repository";
import { activityInput, activityOutput } from "./schemas";
import { decodeCursor, encodeCursor } from "./cursor";
import { marketReadRepository } from "./market-repository";
import type { MarketReadDeps } from "./search-market";

export { MARKET_ACTIVITY_TYPES, type ActivityType as MarketActivityType } from "./activity-repository";
export const ACTIVITY_DEFAULT_LIMIT = 30;
export const ACTIVITY_MAX_LIMIT = 100;

export interface MarketActivityInput {
  giftId?: number;
  /** Events where this user is the actor or the counterparty. */
  userId?: bigint;
  types?: MarketActivityType[];
  cursor?: string;
  /** 1–100, default 30. */
  limit?: number;
}

export interface ActivityItem {
  id: bigint;
  type: MarketActivityType;
  gift: { id: number; slug: string; title: string; glyph: string } | null;
  nft: { id: bigint; number: number | null } | null;
  actor: { id: bigint; name: string | null } | null;
  counterparty: { id: bigint; name: string | null } | null;
  price: bigint | null;
  createdAt: Date;
}

const CURSOR_TAG = "activity";

export async function loadMarketActivity(
  deps: Pick<MarketReadDeps, "prisma">,
  input: MarketActivityInput = {},
): Promise<{ items: ActivityItem[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? ACTIVITY_DEFAULT_LIMIT), 1), ACTIVITY_MAX_LIMIT);
  const beforeId = input.cursor ? BigInt(decodeCursor(input.cursor, CURSOR_TAG, ["bigint"])[0]!) : undefined;
  const rows = await marketReadRepository.activity(deps.prisma, {
    giftId: input.giftId,
    userId: input.userId,
    types: input.types?.length ? [...new Set(input.types)] : undefined,
    beforeId,
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      type: r.type as MarketActivityType,
      gift: r.giftId !== null && r.giftSlug !== null ? { id: r.giftId, slug: r.giftSlug, title: r.giftTitle ?? "", glyph: r.giftGlyph ?? "" } : null,
      nft: r.nftId !== null ? { id: r.nftId, number: r.nftNumber } : null,
      actor: r.actorId !== null ? { id: r.actorId, name: r.actorName } : null,
      counterparty: r.counterpartyId !== null ? { id: r.counterpartyId, name: r.counterpartyName } : null,
      price: r.price,
      createdAt: r.createdAt,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(CURSOR_TAG, [last.id.toString()]) : null,
  };
}

export const marketActivity = query({
  input: activityInput,
  output: activityOutput,
  run: ({ db }, input) => loadMarketActivity({ prisma: db }, input),
});
