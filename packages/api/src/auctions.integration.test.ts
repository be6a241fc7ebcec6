// Auctions over HTTP against real PostgreSQL and Redis: creating (only the owner, only a free gift in
// custody), bidding (the start price, the step, holds moved from the outbid bidder in the same
// transaction, no bidding on one's own), anti-sniping, cancelling before the first bid, the list and the
// detail with the caller's outbid state, 300 concurrent bids from 100 users, and settlement by the
// worker's command (the winner gets the gift, the seller the price minus the fee; without bids the gift
// returns). The ledger check closes each.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedger, executeCommand, settleAuctions } from "@gm/core";
import { createGiftWithNfts } from "@gm/core/testing";
import { failure, idempotencyKey, refusalOf, startHarness, type Harness } from "./testing/harness";

const TON = 1_000_000_000n;
const key = idempotencyKey;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const party = (available = 0n, role?: "ADMIN") => h.party(available, role);
const balance = (id: bigint) => h.balance(id);
const reason = refusalOf;
const settle = () => executeCommand(settleAuctions, h.rt.core, { userId: 0n, isAdmin: false, requestId: "test" }, { limit: 500 });
/** Moves an auction's end (tests cannot wait an hour). */
const endIn = (auctionId: bigint, ms: number) => h.db.prisma.auction.update({ where: { id: auctionId }, data: { endsAt: new Date(Date.now() + ms) } });

async function auctionOf(seller: Awaited<ReturnType<typeof party>>, input: { startPrice?: bigint; minStep?: bigint; minStepPercent?: number } = {}) {
  const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id });
  const created = await seller.api.auction.create.mutate({ nftId: nfts[0]!.id, startPrice: input.startPrice ?? 10n * TON, durationHours: 2, ...input });
  return { ...created, nftId: nfts[0]!.id };
}

describe("auctions", () => {
  it("creates an auction for the owner's free gift only, and refuses the rest", async () => {
    const seller = await party();
    const other = await party();
    const { nfts } = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, count: 3 });
    const listed = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, price: 5n * TON });
    const presale = await createGiftWithNfts(h.db.prisma, { ownerId: seller.id, transferable: false });
    const input = { nftId: nfts[0]!.id, startPrice: 10n * TON, durationHours: 24 };
    expect(await reason(other.api.auction.create.mutate(input))).toBe("NOT_OWNER");
    expect(await reason(seller.api.auction.create.mutate({ ...input, nftId: listed.nfts[0]!.id }))).toBe("ALREADY_LISTED");
    expect(await reason(seller.api.auction.create.mutate({ ...input, nftId: presale.nfts[0]!.id }))).toBe("NOT_TRANSFERABLE");
    expect((await failure(seller.api.auction.create.mutate({ ...input, durationHours: 73 }))).message).toMatch(/at most 72/);
    expect((await failure(seller.api.auction.create.mutate({ ...input, durationHours: 0 }))).message).toMatch(/at least 1/);
    expect((await failure(seller.api.auction.create.mutate({ ...input, minStep: TON, minStepPercent: 5 }))).message).toMatch(/not both/);
    expect((await failure(seller.api.auction.create.mutate({ ...input, minStepPercent: 0.001 }))).data?.code).toBe("BAD_REQUEST");
    expect(await h.db.prisma.auction.count({ where: { sellerId: seller.id } })).toBe(0);

    const created = await seller.api.auction.create.mutate(input);
    expect(created).toMatchObject({ startPrice: 10n * TON, minStep: null, minStepBps: 500 }); // 5% by default
    expect(created.endsAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(await h.db.prisma.nft.findUniqueOrThrow({ where: { id: nfts[0]!.id } })).toMatchObject({ status: "IN_AUCTION" });
    expect(await reason(seller.api.auction.create.mutate(input))).toBe("IN_AUCTION");
    expect(await reason(seller.api.listing.list.mutate({ nftId: nfts[0]!.id, price: TON }))).toBe("IN_AUCTION");
    const page = await seller.api.market.nft.query({ id: nfts[0]!.id });
    expect(page.auction).toMatchObject({ id: created.auctionId, startPrice: 10n * TON, bestBid: null, minNextBid: 10n * TON });
  });

  it("takes bids of at least the start price and the step, holds the best and releases the outbid", async () => {
    const seller = await party();
    const a = await party(100n * TON);
    const b = await party(100n * TON);
    const { auctionId } = await auctionOf(seller, { minStep: 2n * TON });
    expect(await reason(seller.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: 10n * TON }))).toBe("OWN_AUCTION");
    const low = await failure(a.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: 9n * TON }));
    expect(low.data?.reason).toBe("BID_TOO_LOW");
    expect(low.message).toMatch(/at least 10(\.00)? TON/);
    expect(await reason(a.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: 1000n * TON }))).toBe("INSUFFICIENT_FUNDS");

    const first = await a.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: 10n * TON });
    expect(first).toMatchObject({ amount: 10n * TON, minNextBid: 12n * TON, extended: false, balance: { available: 90n * TON, locked: 10n * TON } });
    expect(await reason(b.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: 11n * TON }))).toBe("BID_TOO_LOW");
    await b.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: 12n * TON });
    expect(await balance(a.id)).toEqual({ available: 100n * TON, locked: 0n });
    expect(await balance(b.id)).toEqual({ available: 88n * TON, locked: 12n * TON });

    const seenByA = await a.api.auction.detail.query({ auctionId });
    expect(seenByA).toMatchObject({ bestBid: 12n * TON, minNextBid: 14n * TON, bids: 2, viewer: { myBid: 10n * TON, leading: false, outbid: true, isSeller: false } });
    expect(seenByA.history.map((x) => [x.amount, x.status, x.bidder.id])).toEqual([[12n * TON, "ACTIVE", b.id], [10n * TON, "OUTBID", a.id]]);
    expect(await b.api.auction.detail.query({ auctionId })).toMatchObject({ viewer: { leading: true, outbid: false } });
    expect(await seller.api.auction.detail.query({ auctionId })).toMatchObject({ viewer: { isSeller: true }, fee: 600_000_000n, proceeds: 11_400_000_000n });
    // The leader raising their own bid holds the new amount only.
    await b.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: 20n * TON });
    expect(await balance(b.id)).toEqual({ available: 80n * TON, locked: 20n * TON });

    expect(await reason(seller.api.auction.cancel.mutate({ auctionId }))).toBe("AUCTION_HAS_BIDS");
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });

  it("raises by a percent of the best bid, and a late bid pushes the end back by the anti-sniping window", async () => {
    const seller = await party();
    const a = await party(100n * TON);
    const { auctionId } = await auctionOf(seller, { minStepPercent: 10 });
    await a.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: 10n * TON });
    expect((await a.api.auction.detail.query({ auctionId })).minNextBid).toBe(11n * TON);
    const b = await party(100n * TON);
    expect(await reason(b.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: 10_900_000_000n }))).toBe("BID_TOO_LOW");
    await endIn(auctionId, 30_000); // inside the default 2-minute window
    const late = await b.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: 11n * TON });
    expect(late.extended).toBe(true);
    expect(Math.abs(late.endsAt.getTime() - (Date.now() + 120_000))).toBeLessThan(5_000);
    const later = await endIn(auctionId, 3_600_000);
    const early = await a.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: 13n * TON });
    expect(early.extended).toBe(false);
    expect(early.endsAt).toEqual(later.endsAt);
  });

  it("cancels only by the seller and only before the first bid: the gift returns to the inventory", async () => {
    const seller = await party();
    const other = await party(50n * TON);
    const { auctionId, nftId } = await auctionOf(seller);
    expect(await reason(other.api.auction.cancel.mutate({ auctionId }))).toBe("NOT_OWNER");
    expect(await seller.api.auction.cancel.mutate({ auctionId })).toEqual({ auctionId, nftId });
    expect(await h.db.prisma.nft.findUniqueOrThrow({ where: { id: nftId } })).toMatchObject({ status: "IN_CUSTODY", ownerId: seller.id });
    expect(await reason(seller.api.auction.cancel.mutate({ auctionId }))).toBe("AUCTION_ENDED");
    expect(await reason(other.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: 10n * TON }))).toBe("AUCTION_ENDED");
    expect(await balance(other.id)).toEqual({ available: 50n * TON, locked: 0n });
    expect((await failure(seller.api.auction.cancel.mutate({ auctionId: 987_654_321n }))).data?.code).toBe("NOT_FOUND");
  });

  it("lists running auctions ending soonest first, with filters and pages", async () => {
    const seller = await party();
    const bidder = await party(100n * TON);
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await auctionOf(seller, { startPrice: BigInt(i + 1) * TON }));
    await endIn(made[0]!.auctionId, 3 * 3_600_000);
    await endIn(made[1]!.auctionId, 1 * 3_600_000);
    await endIn(made[2]!.auctionId, 2 * 3_600_000);
    await bidder.api.auction.bid.mutate({ idempotencyKey: key(), auctionId: made[2]!.auctionId, amount: 5n * TON });
    const mine = await seller.api.auction.list.query({ participant: "seller", limit: 2 });
    expect(mine.items.map((x) => x.id)).toEqual([made[1]!.auctionId, made[2]!.auctionId]);
    const rest = await seller.api.auction.list.query({ participant: "seller", limit: 2, cursor: mine.nextCursor! });
    expect(rest.items.map((x) => x.id)).toEqual([made[0]!.auctionId]);
    expect(rest.nextCursor).toBeNull();
    expect((await bidder.api.auction.list.query({ participant: "bidder" })).items.map((x) => x.id)).toEqual([made[2]!.auctionId]);
    // The current price: the best bid, or the start price.
    expect((await seller.api.auction.list.query({ participant: "seller", priceMin: 4n * TON })).items.map((x) => x.id)).toEqual([made[2]!.auctionId]);
    expect((await seller.api.auction.list.query({ participant: "seller", priceMax: 2n * TON })).items.map((x) => x.id)).toEqual([made[1]!.auctionId, made[0]!.auctionId]);
    expect(await reason(seller.api.auction.list.query({ cursor: "bm9wZQ" }))).toBe("INVALID_CURSOR");
  });

  it("holds one consistent best bid under 300 concurrent bids from 100 users, every outbid hold released", async () => {
    const seller = await party();
    const users = await Promise.all(Array.from({ length: 100 }, () => party(1_000n * TON)));
    const { auctionId } = await auctionOf(seller, { startPrice: TON, minStep: TON });
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) => users[i % 100]!.api.auction.bid.mutate({ idempotencyKey: key(), auctionId, amount: BigInt(1 + (i * 7919) % 400) * TON })),
    );
    const accepted = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.amount] : []));
    const refused = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { data?: { reason?: string; httpStatus?: number } }).data] : []));
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.every((d) => d?.reason === "BID_TOO_LOW" || d?.reason === "RATE_LIMITED")).toBe(true);
    const auction = await h.db.prisma.auction.findUniqueOrThrow({ where: { id: auctionId }, include: { bids: true } });
    const best = accepted.reduce((m, x) => (x > m ? x : m), 0n);
    expect(auction.bestBid).toBe(best);
    expect(auction.bids.filter((x) => x.status === "ACTIVE").map((x) => x.amount)).toEqual([best]);
    expect(auction.bids).toHaveLength(accepted.length);
    // Each accepted bid beat the one before it by the step at least.
    const sorted = [...auction.bids].sort((x, y) => Number(x.id - y.id)).map((x) => x.amount);
    sorted.slice(1).forEach((amount, i) => expect(amount - sorted[i]!).toBeGreaterThanOrEqual(TON));
    const locked = await h.db.prisma.user.findMany({ where: { id: { in: users.map((u) => u.id) }, locked: { not: 0n } } });
    expect(locked.map((u) => [u.id, u.locked])).toEqual([[auction.bestBidderId, best]]);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  }, 60_000);

  it("settles ended auctions once: the gift to the winner, the price minus the fee to the seller; unsold gifts return", async () => {
    const seller = await party();
    const a = await party(100n * TON);
    const b = await party(100n * TON);
    const sold = await auctionOf(seller, { minStep: TON });
    const unsold = await auctionOf(seller);
    await a.api.auction.bid.mutate({ idempotencyKey: key(), auctionId: sold.auctionId, amount: 10n * TON });
    await b.api.auction.bid.mutate({ idempotencyKey: key(), auctionId: sold.auctionId, amount: 20n * TON });
    await endIn(sold.auctionId, -1);
    await endIn(unsold.auctionId, -1);
    expect(await reason(a.api.auction.bid.mutate({ idempotencyKey: key(), auctionId: sold.auctionId, amount: 30n * TON }))).toBe("AUCTION_ENDED");
    const runs = await Promise.all([settle(), settle(), settle()]);
    expect(runs.reduce((s, r) => s + r.settled, 0)).toBeGreaterThanOrEqual(2);
    expect(await settle()).toMatchObject({ settled: 0 });

    expect(await h.db.prisma.nft.findUniqueOrThrow({ where: { id: sold.nftId } })).toMatchObject({ ownerId: b.id, status: "IN_CUSTODY" });
    expect(await h.db.prisma.nft.findUniqueOrThrow({ where: { id: unsold.nftId } })).toMatchObject({ ownerId: seller.id, status: "IN_CUSTODY" });
    expect(await balance(seller.id)).toEqual({ available: 19n * TON, locked: 0n });
    expect(await balance(b.id)).toEqual({ available: 80n * TON, locked: 0n });
    expect(await balance(a.id)).toEqual({ available: 100n * TON, locked: 0n });
    expect(await h.db.prisma.ledgerMovement.count({ where: { kind: "AUCTION_SETTLE", reference: `auction:${sold.auctionId}` } })).toBe(1);
    const detail = await b.api.auction.detail.query({ auctionId: sold.auctionId });
    expect(detail).toMatchObject({ status: "SETTLED", winner: { id: b.id }, history: [{ status: "WON" }, { status: "OUTBID" }] });
    expect(await a.api.auction.detail.query({ auctionId: unsold.auctionId })).toMatchObject({ status: "ENDED_NO_BIDS", winner: null });
    expect(await h.db.prisma.activityEvent.count({ where: { nftId: sold.nftId, type: "SALE", price: 20n * TON, actorId: b.id, counterpartyId: seller.id } })).toBe(1);
    expect((await checkLedger(h.db.prisma)).ok).toBe(true);
  });
});
