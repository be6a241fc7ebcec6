// presale.list, presale.mine and presale.gifts: open presales with filters and sorts (keyset pages), the
// caller's presales as seller or buyer with their deadlines and states, and the collections that can be
// presold (not transferable yet) with their open presales.
import { z } from "zod";
import { feeOf } from "../common/money";
import { query } from "../common/use-case";
import { decodeCursor, encodeCursor } from "../market/cursor";
import { presaleRepository, type PresaleRow, type PresaleSort } from "./presale-repository";
import type { Db } from "@gm/db";
import { adminPresalesInput, listPresalesInput, myPresalesInput, presaleGiftsOutput, presalePage } from "./schemas";

function itemOf(r: PresaleRow, viewer: bigint) {
  const fee = feeOf(r.price, r.feeBps);
  return {
    id: r.id,
    gift: { id: r.giftId, slug: r.giftSlug, title: r.giftTitle, glyph: r.giftGlyph, transferableAt: r.transferableAt },
    seller: { id: r.sellerId, firstName: r.sellerFirstName, username: r.sellerUsername },
    buyer: r.buyerId === null ? null : { id: r.buyerId, firstName: r.buyerFirstName ?? "", username: r.buyerUsername },
    price: r.price,
    collateral: r.collateral,
    collateralPercent: r.collateralBps / 100,
    status: r.status,
    deliverBy: r.deliverBy,
    soldAt: r.soldAt,
    createdAt: r.createdAt,
    deliveredNftId: r.deliveredNftId,
    fee,
    proceeds: r.price - fee,
    viewer: { isSeller: r.sellerId === viewer, isBuyer: r.buyerId === viewer },
  };
}

const timestampKey = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");
const sortKey: Record<PresaleSort, (r: PresaleRow) => string> = {
  price_asc: (r) => r.price.toString(),
  price_desc: (r) => r.price.toString(),
  newest: () => "0",
  deadline: (r) => timestampKey(r.deliverBy),
};
const keyType = { price_asc: "bigint", price_desc: "bigint", newest: "bigint", deadline: "timestamp" } as const;

export const listPresales = query({
  input: listPresalesInput,
  output: presalePage,
  async run({ db, actor }, input) {
    const tag = `presales:${input.sort}`;
    let after: { key: string; id: bigint } | undefined;
    if (input.cursor) {
      const [key, id] = decodeCursor(input.cursor, tag, [keyType[input.sort], "bigint"]);
      after = { key: key!, id: BigInt(id!) };
    }
    const rows = await presaleRepository.list(db, { ...input, after, limit: input.limit + 1 });
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => itemOf(r, actor.userId)),
      nextCursor: rows.length > input.limit && last ? encodeCursor(tag, [sortKey[input.sort](last), last.id.toString()]) : null,
    };
  },
});

/** A newest-first page of presales matching `filter`, keyset-paged by id. */
async function newestPage(db: Db, viewer: bigint, tag: string, filter: { sellerId?: bigint; buyerId?: bigint; status?: PresaleRow["status"] }, input: { cursor?: string; limit: number }) {
  const before = input.cursor ? BigInt(decodeCursor(input.cursor, tag, ["bigint"])[0]!) : undefined;
  const rows = await presaleRepository.page(db, { ...filter, before, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page.map((r) => itemOf(r, viewer)), nextCursor: rows.length > input.limit && last ? encodeCursor(tag, [last.id.toString()]) : null };
}

export const myPresales = query({
  input: myPresalesInput,
  output: presalePage,
  run: ({ db, actor }, input) =>
    newestPage(db, actor.userId, `presales:mine:${input.role}`, { [input.role === "seller" ? "sellerId" : "buyerId"]: actor.userId, status: input.status }, input),
});

/** admin.presales: every presale in a state (sold ones, awaiting delivery, by default), newest first. */
export const listPresalesForAdmin = query({
  input: adminPresalesInput,
  output: presalePage,
  run: ({ db, actor }, input) => newestPage(db, actor.userId, `presales:admin:${input.status}`, { status: input.status }, input),
});

export const presaleGifts = query({
  input: z.object({}).prefault({}),
  output: presaleGiftsOutput,
  async run({ db }) {
    const [items, settings] = await Promise.all([presaleRepository.gifts(db), presaleRepository.settings(db)]);
    return { items, ...settings };
  },
});
