// Auction settlement by the real worker process (real PostgreSQL): on a precise schedule (one auction
// settled within a second of its end, 1,000 ending in the same second all settled within 5 s), exactly
// once with two worker instances at once, and exactly once with a worker SIGKILLed at random moments
// and restarted. The ledger check closes each.
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLedger, createAuction, placeBid, type CoreRuntime } from "@gm/core";
import { createGiftWithNfts, createTestDatabase, createUsers, runCommandAs, runMoneyAs, type TestDatabase } from "@gm/core/testing";
import { memoryBackends } from "@gm/redis";
import { killWorkerProcesses, startWorkerProcess } from "../testing/worker-process";

const TON = 1_000_000_000n;
let db: TestDatabase;
let core: CoreRuntime;

beforeAll(async () => {
  db = await createTestDatabase();
  core = { database: db, cache: memoryBackends().cache };
});
afterAll(async () => {
  killWorkerProcesses();
  await db?.drop();
});

/** The worker without TON: only its auction, offer, presale and cleanup tasks run. */
const startWorker = () => startWorkerProcess({ DATABASE_URL: db.url, AUCTION_SETTLEMENT_INTERVAL_MS: "1000" }, { withoutTon: true });
type Worker = ReturnType<typeof startWorker>;
async function stop(w: Worker) {
  w.child.kill("SIGTERM");
  await w.exited;
}

/**
 * `count` auctions by one seller, every third with bids from two of `bidders` (the second one winning);
 * then all of them end at `endsAt` (tests cannot wait the hour an auction lasts at least).
 */
async function auctions(count: number, endsAt: (i: number) => Date) {
  const [seller, ...bidders] = await createUsers(db.prisma, 21, 10_000n * TON);
  const { nfts } = await createGiftWithNfts(db.prisma, { ownerId: seller!, count });
  const ids: bigint[] = [];
  const winners = new Map<bigint, { winner: bigint; price: bigint }>();
  for (const [i, nft] of nfts.entries()) {
    const { auctionId } = await runCommandAs(core, createAuction, seller!, { nftId: nft.id, startPrice: TON, minStep: TON, durationHours: 1 });
    ids.push(auctionId);
    if (i % 3 === 0) {
      const a = bidders[i % 20]!;
      const b = bidders[(i + 1) % 20]!;
      await runMoneyAs(core, placeBid, a, { auctionId, amount: 2n * TON });
      await runMoneyAs(core, placeBid, b, { auctionId, amount: 5n * TON });
      winners.set(auctionId, { winner: b, price: 5n * TON });
    }
  }
  await db.prisma.$executeRaw`
    UPDATE auctions a SET ends_at = x.ends_at FROM unnest(${ids.map(String)}::bigint[], ${ids.map((_, i) => endsAt(i))}::timestamp(3)[]) AS x(id, ends_at) WHERE a.id = x.id`;
  return { seller: seller!, ids, winners, nfts };
}

async function waitSettled(ids: bigint[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await db.prisma.auction.count({ where: { id: { in: ids }, status: "ACTIVE" } });
    if (left === 0) return;
    if (Date.now() > deadline) throw new Error(`${left} of ${ids.length} auctions still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Each auction settled once: the NFT with its winner (or back with the seller), one settlement movement, the seller paid each sale once. */
async function expectSettledOnce(seller: bigint, ids: bigint[], winners: Map<bigint, { winner: bigint; price: bigint }>) {
  const rows = await db.prisma.auction.findMany({ where: { id: { in: ids } }, include: { nft: true } });
  for (const a of rows) {
    const w = winners.get(a.id);
    expect(a.status).toBe(w ? "SETTLED" : "ENDED_NO_BIDS");
    expect(a.nft).toMatchObject({ ownerId: w?.winner ?? seller, status: "IN_CUSTODY" });
  }
  const movements = await db.prisma.ledgerMovement.groupBy({ by: ["reference"], where: { kind: "AUCTION_SETTLE", reference: { in: ids.map((id) => `auction:${id}`) } }, _count: true });
  expect(movements).toHaveLength(winners.size);
  expect(movements.every((m) => m._count === 1)).toBe(true);
  const sellerRow = await db.prisma.user.findUniqueOrThrow({ where: { id: seller } });
  expect(sellerRow.available).toBe(10_000n * TON + [...winners.values()].reduce((s, w) => s + w.price - (w.price * 5n) / 100n, 0n));
  expect((await checkLedger(db.prisma)).ok).toBe(true);
}

describe("auction settlement by the worker", () => {
  it("settles an auction within a second of its end, not on a poll", async () => {
    const w = startWorker();
    await w.listening;
    const { seller, ids, winners } = await auctions(3, (i) => new Date(Date.now() + 6_000 + i * 1_500));
    await waitSettled(ids, 20_000);
    const rows = await db.prisma.auction.findMany({ where: { id: { in: ids } } });
    for (const a of rows) expect(a.settledAt!.getTime() - a.endsAt.getTime()).toBeLessThan(1_000);
    await stop(w);
    await expectSettledOnce(seller, ids, winners);
  }, 60_000);

  it("settles 1,000 auctions ending in the same second within 5 s, with two worker instances, each once", async () => {
    const workers = [startWorker(), startWorker()];
    await Promise.all(workers.map((w) => w.listening));
    // The end is set once the setup is done (however long a loaded machine takes), 4 s ahead: the workers
    // re-read the next end every second.
    let end: Date | undefined;
    const { seller, ids, winners } = await auctions(1_000, (i) => new Date((end ??= new Date(Date.now() + 4_000)).getTime() + (i % 1000)));
    await waitSettled(ids, 30_000);
    const latest = await db.prisma.auction.aggregate({ where: { id: { in: ids } }, _max: { settledAt: true } });
    expect(latest._max.settledAt!.getTime() - end!.getTime()).toBeLessThan(5_000);
    await Promise.all(workers.map(stop));
    await expectSettledOnce(seller, ids, winners);
  }, 120_000);

  it("settles each auction exactly once when the worker is killed at random moments and restarted", async () => {
    const { seller, ids, winners } = await auctions(300, (i) => new Date(Date.now() + 3_000 + (i % 30) * 200));
    for (let kill = 0; kill < 6; kill++) {
      const w = startWorker();
      await w.listening;
      await new Promise((r) => setTimeout(r, randomInt(50, 1200)));
      w.child.kill("SIGKILL");
      await w.exited;
    }
    const last = startWorker();
    await last.listening;
    await waitSettled(ids, 30_000);
    await stop(last);
    await expectSettledOnce(seller, ids, winners);
  }, 120_000);
});
