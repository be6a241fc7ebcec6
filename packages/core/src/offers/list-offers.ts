// offer.mine and offer.received: the caller's offers (any state), and the active offers on the gifts
// the caller owns with what accepting each would pay after the fee; cursor pages, newest first.
import { feeOf } from "../common/money";
import { query } from "../common/use-case";
import { offerRepository, type OfferListRow } from "./offer-repository";
import { mineInput, mineOutput, receivedInput, receivedOutput } from "./schemas";

const itemOf = (r: OfferListRow) => ({
  id: r.id,
  nft: { id: r.nftId, giftId: r.giftId, giftTitle: r.giftTitle, giftSlug: r.giftSlug, number: r.number, model: r.model, backdrop: r.backdrop },
  buyer: { id: r.buyerId, firstName: r.buyerFirstName, username: r.buyerUsername },
  price: r.price,
  status: r.status,
  expiresAt: r.expiresAt,
  createdAt: r.createdAt,
});

export const myOffers = query({
  input: mineInput,
  output: mineOutput,
  async run({ db, actor }, page) {
    const rows = await offerRepository.mine(db, actor.userId, { status: page.status, limit: page.limit + 1, cursor: page.cursor });
    const items = rows.slice(0, page.limit).map(itemOf);
    return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
  },
});

export const receivedOffers = query({
  input: receivedInput,
  output: receivedOutput,
  async run({ db, actor }, page) {
    const [rows, feeBps] = await Promise.all([offerRepository.received(db, actor.userId, { limit: page.limit + 1, cursor: page.cursor }), offerRepository.feeBps(db)]);
    const items = rows.slice(0, page.limit).map((r) => {
      const fee = feeOf(r.price, feeBps);
      return { ...itemOf(r), fee, proceeds: r.price - fee };
    });
    return { items, nextCursor: rows.length > page.limit ? items.at(-1)!.id : null };
  },
});
